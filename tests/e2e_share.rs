//! What a helpdesk hands to people (issue 14): the shareable Markdown and HTML reports
//! (`--format md|html`), the settings card (`--card --client …`) and the client
//! configuration exports (`--export thunderbird|autodiscover|mobileconfig`).
//!
//! Snapshots (`tests/snapshots/share.*.snap`) pin each format in English and Simplified
//! Chinese with times, ports, dates and versions redacted; the exports are parsed back with
//! maildoctor's own clientConfig and Autodiscover parsers and the `plist` crate; hostile
//! server text (`<script>`, quotes, `&`, backticks, bidi and control characters) is shown
//! escaped in every format, and the password and local file paths never appear.
//!
//! Updating after an intended change: `INSTA_UPDATE=always cargo test --test tests e2e_share`,
//! then review `git diff tests/snapshots`.

use std::net::SocketAddr;
use std::process::Command;

use serde_json::Value;

use crate::support::cli::{Run, connect_to, maildoctor_cmd, run_cmd};
use crate::support::dns::TestDns;
use crate::support::mail::{MailServer, MailSpec, Mode, Protocol};
use crate::support::pki::TestPki;

/// The password the hostile lab refuses; it must never appear in any output.
pub const PASSWORD: &str = "hunter2-Sekrit-Pa55";

/// What the hostile IMAP server greets with: markup, quotes, an ampersand, Markdown syntax,
/// backticks (a would-be code fence), a right-to-left override and an escape sequence.
pub const HOSTILE_GREETING: &str = "* OK <script>alert(\"x\")</script> & 'q' ``` | [a](https://evil.example) # *b* _c_ \u{202e}txt.exe\u{202c} \x1b[31mred";

/// What it answers to a login: another script, an image and a longer fence.
pub const HOSTILE_REFUSAL: &str =
    "NO [AUTHENTICATIONFAILED] <img src=x onerror=alert(1)> ```` \u{2066}nope\u{2069}";

/// A lab and the arguments that diagnose it; servers and DNS live as long as it does.
pub struct Case {
    dns: TestDns,
    pki: TestPki,
    _servers: Vec<MailServer>,
    maps: Vec<(&'static str, u16, SocketAddr)>,
    args: Vec<String>,
    password: Option<&'static str>,
}

impl Case {
    /// `maildoctor` with the lab's resolver, CA and mappings, then `extra`, then the address.
    pub fn command(&self, extra: &[&str]) -> Command {
        let mut cmd = maildoctor_cmd();
        cmd.args(["--resolver", &self.dns.resolver_arg(), "--timeout", "2"])
            .arg("--ca-file")
            .arg(self.pki.ca_pem_path());
        for (host, port, addr) in &self.maps {
            cmd.arg("--connect-to").arg(connect_to(host, *port, *addr));
        }
        if let Some(pw) = self.password {
            // The environment variable is a password only with --login (issue 13).
            cmd.arg("--login").env("MAILDOCTOR_PASSWORD", pw);
        }
        cmd.args(extra).args(&self.args);
        cmd
    }

    /// Runs it with `extra` arguments.
    pub fn run(&self, extra: &[&str]) -> Run {
        run_cmd(self.command(extra))
    }

    /// The `--ca-file` path given (a local path that must never appear in a report).
    pub fn ca_path(&self) -> String {
        self.pki.ca_pem_path().display().to_string()
    }
}

/// The healthy SRV lab (`support::labs::healthy`), no password: verdict `reachable`.
pub fn healthy() -> Case {
    let h = crate::support::labs::healthy();
    Case {
        dns: h.dns,
        pki: h.pki,
        _servers: h.servers,
        maps: h.maps,
        args: vec!["alice@example.com".to_owned()],
        password: None,
    }
}

/// The healthy zone, but the IMAP server on 993 greets with [`HOSTILE_GREETING`] and refuses
/// the password with [`HOSTILE_REFUSAL`]; SMTP refuses it too. Verdict `broken`.
pub fn hostile() -> Case {
    let pki = TestPki::new();
    let imap = pki.valid(&["imap.example.com"]);
    let smtp = pki.valid(&["smtp.example.com"]);
    let servers = vec![
        MailServer::start(
            MailSpec::new(Protocol::Imap, Mode::ImplicitTls)
                .cert(imap.clone())
                .greeting(HOSTILE_GREETING)
                .auth("alice@example.com", "another password", HOSTILE_REFUSAL),
        ),
        MailServer::start(
            MailSpec::new(Protocol::Imap, Mode::Starttls { advertise: true })
                .cert(imap)
                .auth("alice@example.com", "another password", HOSTILE_REFUSAL),
        ),
        MailServer::start(
            MailSpec::new(Protocol::Smtp, Mode::ImplicitTls)
                .cert(smtp.clone())
                .auth(
                    "alice@example.com",
                    "another password",
                    "535 5.7.8 Authentication credentials invalid",
                ),
        ),
        MailServer::start(
            MailSpec::new(Protocol::Smtp, Mode::Starttls { advertise: true })
                .cert(smtp)
                .auth(
                    "alice@example.com",
                    "another password",
                    "535 5.7.8 Authentication credentials invalid",
                ),
        ),
    ];
    let maps = vec![
        ("imap.example.com", 993, servers[0].addr),
        ("imap.example.com", 143, servers[1].addr),
        ("smtp.example.com", 465, servers[2].addr),
        ("smtp.example.com", 587, servers[3].addr),
    ];
    Case {
        dns: crate::support::labs::healthy_zone().start(),
        pki,
        _servers: servers,
        maps,
        args: vec!["alice@example.com".to_owned()],
        password: Some(PASSWORD),
    }
}

/// `maildoctor --offline ARGS…` (no lab: the provider database only).
fn offline(args: &[&str]) -> Run {
    let mut cmd = maildoctor_cmd();
    cmd.arg("--offline").args(args);
    run_cmd(cmd)
}

/// Filters for values that change between runs.
pub fn filters() -> Vec<(&'static str, &'static str)> {
    vec![
        (r"(?s)<style>.*</style>", "<style>[css]</style>"),
        (r"\b(127\.\d+\.\d+\.\d+):\d+\b", "$1:[port]"),
        (r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "[date]"),
        (r"maildoctor \d+\.\d+\.\d+\S*", "maildoctor [version]"),
        (r"finished in \d+ ms", "finished in [ms] ms"),
        (r"用时 \d+ 毫秒", "用时 [ms] 毫秒"),
        (r"耗時 \d+ 毫秒", "耗時 [ms] 毫秒"),
        (r"\d+ day\\?\(s\\?\) (left|ago)", "[days] day(s) $1"),
        (r"(还剩|已过期|還剩|已過期) \d+ 天", "$1 [days] 天"),
        (r"maildoctor test CA \d+-\d+", "maildoctor test CA [id]"),
    ]
}

/// Snapshot `text` as `share.NAME` with the filters.
pub fn snapshot(name: &str, text: &str) {
    insta::with_settings!({
        filters => filters(),
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(format!("share.{name}"), text);
    });
}

/// Runs and checks the exit code, returning stdout.
fn stdout(case: &Case, extra: &[&str], code: i32) -> String {
    let r = case.run(extra);
    assert_eq!(r.code, code, "{extra:?}: {}\n{}", r.stdout, r.stderr);
    r.stdout
}

#[test]
fn markdown_and_html_reports_in_both_languages() {
    for (name, case, code) in [("healthy", healthy(), 0), ("hostile", hostile(), 1)] {
        for lang in ["en", "zh-CN", "zh-TW"] {
            for (format, ext) in [("md", "md"), ("html", "html")] {
                let out = stdout(&case, &["--lang", lang, "--format", format], code);
                snapshot(&format!("{name}.{ext}.{lang}"), &out);
                if format == "html" {
                    // The page's language, for fonts and screen readers: zh-TW is Traditional.
                    assert!(out.contains(&format!("<html lang=\"{lang}\">")), "{out}");
                }
            }
        }
    }
}

#[test]
fn report_order_is_verdict_card_findings_then_endpoints() {
    let case = hostile();
    for (format, lang, marks) in [
        (
            "md",
            "en",
            [
                "**BROKEN",
                "## Settings card",
                "## Problems and fixes",
                "`auth.failed`",
                "## Servers checked, step by step",
            ],
        ),
        (
            "html",
            "zh-CN",
            [
                "class=\"verdict v-broken\"",
                "<h2>设置卡片</h2>",
                "<h2>问题和解决办法</h2>",
                "<code>auth.failed</code>",
                "<h2>服务器逐步检测明细</h2>",
            ],
        ),
    ] {
        let out = stdout(&case, &["--lang", lang, "--format", format], 1);
        let at: Vec<usize> = marks
            .iter()
            .map(|m| out.find(m).unwrap_or_else(|| panic!("no {m} in\n{out}")))
            .collect();
        assert!(
            at.windows(2).all(|w| w[0] < w[1]),
            "{marks:?} at {at:?}:\n{out}"
        );
        // Who acts and the fix, in the finding block.
        let (who, fix) = if lang == "en" {
            ("**Who acts**: you", "**Fix**: ")
        } else {
            ("<dt>由谁处理</dt><dd>您</dd>", "<dt>解决办法</dt>")
        };
        assert!(out.contains(who) && out.contains(fix), "{out}");
    }
    // The step tree is collapsed in HTML.
    let html = stdout(&case, &["--format", "html"], 1);
    assert!(html.contains("<details>\n<summary>"), "{html}");
    assert!(!html.contains("<details open"), "{html}");
}

#[test]
fn hostile_server_text_is_escaped_in_every_format() {
    let case = hostile();
    let md = stdout(&case, &["--format", "md", "--verbose"], 1);
    let html = stdout(&case, &["--format", "html", "--verbose"], 1);
    // The server's words are there (the greeting and the refusal), escaped.
    assert!(md.contains("\\<script\\>alert"), "{md}");
    assert!(md.contains("\\<img src=x onerror=alert\\(1\\)\\>"), "{md}");
    assert!(
        md.contains("\\[a\\]\\(https:\\/\\/evil.example\\)"),
        "links are broken: {md}"
    );
    assert!(md.contains("\\\\u\\{202e\\}txt.exe\\\\u\\{202c\\}"), "{md}");
    assert!(
        html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;"),
        "{html}"
    );
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{html}"
    );
    assert!(html.contains("\\u{202e}txt.exe\\u{202c}"), "{html}");
    // Markup stays inert: in Markdown outside the transcripts' code blocks (inside them
    // it is shown as code), in HTML everywhere.
    for raw in ["<script", "<img", "alert(\"x\")"] {
        assert!(!html.contains(raw), "html holds raw {raw:?}:\n{html}");
    }
    let outside = outside_fences(&md);
    for pair in ["<", "](", "[a]"] {
        let unescaped = outside
            .match_indices(pair)
            .any(|(i, _)| !outside[..i].ends_with('\\'));
        assert!(!unescaped, "md holds an unescaped {pair:?}:\n{outside}");
    }
    // Invisible and control characters are shown, never passed on, anywhere.
    for (what, out) in [("md", &md), ("html", &html)] {
        for raw in ["\u{202e}", "\u{202c}", "\u{2066}", "\u{2069}", "\x1b"] {
            assert!(!out.contains(raw), "{what} holds raw {raw:?}:\n{out}");
        }
    }
    // HTML: nothing active at all.
    let lower = html.to_ascii_lowercase();
    for active in [
        "<script", "<img", "<iframe", "<link", "<object", "<embed", "onerror=", " src=\"",
        " href=", "url(", "@import",
    ] {
        assert!(
            !lower.replace("&lt;img src=x onerror", "").contains(active),
            "{active} in\n{html}"
        );
    }
    // Markdown: outside our own fences no line opens a fence, and every fence we open is
    // longer than any run of backticks in the server text inside it.
    let mut open: Option<String> = None;
    let mut longest_fence = 0;
    for line in md.lines() {
        let t = line.trim_start();
        match &open {
            Some(f) if t == f => open = None,
            Some(f) => {
                let longest = t.split(|c| c != '`').map(str::len).max().unwrap_or(0);
                assert!(longest < f.len(), "fence {f} too short for {line}");
            }
            None if t.starts_with("```") => {
                let fence: String = t.chars().take_while(|c| *c == '`').collect();
                assert!(
                    t == format!("{fence}text"),
                    "server text opens a fence: {line}"
                );
                longest_fence = longest_fence.max(fence.len());
                open = Some(fence);
            }
            None => {}
        }
    }
    assert!(open.is_none(), "{md}");
    assert!(longest_fence > 4, "the transcript holds ````: {md}");
    // The transcripts (only with --verbose) are there, the password masked upstream.
    assert!(
        md.contains("Transcript") && html.contains("<pre>"),
        "{html}"
    );
    let plain = stdout(&case, &["--format", "md"], 1);
    assert!(!plain.contains("Transcript"), "{plain}");
}

#[test]
fn no_password_and_no_local_path_in_anything_shared() {
    let case = hostile();
    let path = case.ca_path();
    for extra in [
        &["--format", "md", "--verbose"][..],
        &["--format", "html", "--verbose"],
        &["--format", "md", "--verbose", "--lang", "zh-CN"],
        &["--card", "--client", "thunderbird"],
        &["--export", "thunderbird"],
        &["--export", "autodiscover"],
        &["--export", "mobileconfig"],
    ] {
        let r = case.run(extra);
        assert!(r.code == 0 || r.code == 1, "{extra:?}: {}", r.stderr);
        assert!(!r.stdout.is_empty(), "{extra:?}");
        assert!(!r.stdout.contains(PASSWORD), "{extra:?} shows the password");
        assert!(!r.stdout.contains(&path), "{extra:?} shows {path}");
        assert!(!r.stdout.contains("/tmp/"), "{extra:?} shows a local path");
    }
    // The login was really tried (the password was there to leak).
    let (_, doc) = json(&case);
    assert_eq!(doc["verdict"], "broken", "{doc}");
    assert!(
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "auth.failed"),
        "{doc}"
    );
}

/// The Markdown without its fenced code blocks.
fn outside_fences(md: &str) -> String {
    let mut out = String::new();
    let mut fence: Option<String> = None;
    for line in md.lines() {
        let t = line.trim_start();
        match &fence {
            Some(f) if t == f => fence = None,
            Some(_) => {}
            None if t.starts_with("```") => {
                fence = Some(t.chars().take_while(|c| *c == '`').collect());
            }
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

fn json(case: &Case) -> (i32, Value) {
    let r = case.run(&["--json"]);
    let doc = serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout));
    (r.code, doc)
}

#[test]
fn settings_card_for_each_client_in_both_languages() {
    let case = healthy();
    for client in [
        "generic",
        "outlook",
        "foxmail",
        "thunderbird",
        "apple-mail",
        "android",
    ] {
        for lang in ["en", "zh-CN", "zh-TW"] {
            let out = stdout(&case, &["--card", "--client", client, "--lang", lang], 0);
            assert!(out.lines().count() <= 7, "short enough for a chat:\n{out}");
            assert!(
                !out.contains("not verified") && !out.contains("未验证") && !out.contains("未驗證"),
                "{out}"
            );
            snapshot(&format!("card.{client}.{lang}"), &out);
        }
    }
}

#[test]
fn foxmail_card_for_qq_says_what_to_tick_and_the_authorization_code() {
    let r = offline(&[
        "--card",
        "--client",
        "foxmail",
        "--lang",
        "zh-CN",
        "12345678@qq.com",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = r.stdout;
    for want in [
        "接收邮件服务器 imap.qq.com／端口 993／SSL",
        "发送邮件服务器 smtp.qq.com／端口 465／SSL",
        "勾选“我的发送服务器(SMTP)要求身份验证”",
        "用户名填完整邮箱地址",
        "密码填授权码",
        "（未验证）",
        "无法验证",
    ] {
        assert!(out.contains(want), "no {want} in\n{out}");
    }
    snapshot("card.qq-offline.foxmail.zh-CN", &out);
    let en = offline(&["--card", "--client", "outlook", "12345678@qq.com"]).stdout;
    assert!(en.contains("Incoming mail server: imap.qq.com, Port 993, Encrypted connection: SSL/TLS (not verified)"), "{en}");
    assert!(
        en.contains("Outgoing server requires authentication"),
        "{en}"
    );
}

#[test]
fn format_flag_covers_single_runs_and_rejects_what_batch_cannot_write() {
    let case = healthy();
    // --format json is --json.
    let a: Value = serde_json::from_str(&stdout(&case, &["--format", "json"], 0)).unwrap();
    crate::support::schema::assert_document(&a);
    assert_eq!(a["verdict"], "reachable");
    let table = stdout(&case, &["--format", "table"], 0);
    assert!(table.starts_with("REACHABLE"), "{table}");
    let usage = |args: &[&str], want: &str| {
        let mut cmd = maildoctor_cmd();
        cmd.args(args);
        let r = run_cmd(cmd);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stdout);
        assert!(r.stderr.contains(want), "{args:?}: {}", r.stderr);
    };
    usage(
        &["--batch", "-", "--format", "html"],
        "--format html is for one address; --batch writes ndjson or csv",
    );
    usage(
        &["--batch", "-", "--format", "md"],
        "--format md is for one address",
    );
    usage(
        &["--format", "csv", "a@example.com"],
        "--format csv goes with --batch",
    );
    usage(
        &["--json", "--format", "md", "a@example.com"],
        "--json is --format json",
    );
    usage(&["--card", "--batch", "-"], "cannot be used with");
    usage(&["--export", "pdf", "a@example.com"], "invalid value 'pdf'");
    // A usage error under --format json is a JSON document too.
    let mut cmd = maildoctor_cmd();
    cmd.args(["--format", "json", "--timeout", "0", "a@example.com"]);
    let r = run_cmd(cmd);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {r:?}"));
    assert_eq!(doc["status"], "fatal");
}

/// The settings of the JSON document: `(protocol, host, port, security)`, in order.
fn settings_of(doc: &Value, direction: &str) -> Vec<(String, String, u16, String)> {
    doc["settings"][direction]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["protocol"].as_str().unwrap().to_owned(),
                s["host"].as_str().unwrap().to_owned(),
                u16::try_from(s["port"].as_u64().unwrap()).unwrap(),
                s["security"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn entries(list: &[maildoctor::provider::ServerEntry]) -> Vec<(String, String, u16, String)> {
    list.iter()
        .map(|e| {
            (
                e.protocol.as_str().to_owned(),
                e.host.clone(),
                e.port,
                e.security.as_str().to_owned(),
            )
        })
        .collect()
}

#[test]
fn thunderbird_export_parses_back_to_the_same_servers() {
    let case = healthy();
    let (_, doc) = json(&case);
    let xml = stdout(&case, &["--export", "thunderbird"], 0);
    snapshot("export.thunderbird", &xml);
    let parsed =
        maildoctor::provider::clientconfig::parse(&xml).unwrap_or_else(|e| panic!("{e}:\n{xml}"));
    let p = &parsed.providers[0];
    assert_eq!(p.domains, ["example.com"]);
    assert_eq!(entries(&p.incoming), settings_of(&doc, "incoming"));
    assert_eq!(entries(&p.outgoing), settings_of(&doc, "outgoing"));
    assert!(p.rejected.is_empty(), "{:?}", p.rejected);
    assert!(p.incoming.iter().all(|e| e.username == "%EMAILADDRESS%"));
    assert!(
        !xml.contains("NOT VERIFIED"),
        "every setting was verified:\n{xml}"
    );
}

#[test]
fn autodiscover_export_parses_back_to_the_same_servers() {
    use maildoctor::discover::autodiscover::{Pox, parse};
    let case = healthy();
    let (_, doc) = json(&case);
    let xml = stdout(&case, &["--export", "autodiscover"], 0);
    snapshot("export.autodiscover", &xml);
    let Ok(Pox::Settings(protocols)) = parse(&xml) else {
        panic!("not settings:\n{xml}")
    };
    let got: Vec<(String, String, u16, String)> = protocols
        .iter()
        .map(|p| {
            let e = p.endpoint().unwrap_or_else(|| panic!("{p:?}"));
            (
                e.protocol.as_str().to_owned(),
                e.host,
                e.port,
                e.security.as_str().to_owned(),
            )
        })
        .collect();
    let mut want = settings_of(&doc, "incoming");
    want.extend(settings_of(&doc, "outgoing"));
    assert_eq!(got, want);
}

#[test]
fn mobileconfig_export_is_a_plist_without_a_password() {
    let case = hostile();
    let xml = stdout(&case, &["--export", "mobileconfig"], 1);
    assert!(!xml.contains(PASSWORD));
    let healthy = healthy();
    let xml = stdout(&healthy, &["--export", "mobileconfig"], 0);
    snapshot("export.mobileconfig", &xml);
    let v: plist::Value =
        plist::from_bytes(xml.as_bytes()).unwrap_or_else(|e| panic!("{e}:\n{xml}"));
    let top = v.as_dictionary().unwrap();
    assert_eq!(
        top.get("PayloadType").and_then(plist::Value::as_string),
        Some("Configuration")
    );
    let mail = top
        .get("PayloadContent")
        .and_then(plist::Value::as_array)
        .unwrap()[0]
        .as_dictionary()
        .unwrap();
    let get = |k: &str| mail.get(k).unwrap_or_else(|| panic!("no {k}:\n{xml}"));
    let s = |k: &str| {
        get(k)
            .as_string()
            .unwrap_or_else(|| panic!("{k}"))
            .to_owned()
    };
    let n = |k: &str| {
        get(k)
            .as_unsigned_integer()
            .unwrap_or_else(|| panic!("{k}"))
    };
    assert_eq!(s("PayloadType"), "com.apple.mail.managed");
    assert_eq!(s("EmailAccountType"), "EmailTypeIMAP");
    assert_eq!(s("EmailAddress"), "alice@example.com");
    assert_eq!(s("IncomingMailServerHostName"), "imap.example.com");
    assert_eq!(n("IncomingMailServerPortNumber"), 993);
    assert_eq!(get("IncomingMailServerUseSSL").as_boolean(), Some(true));
    assert_eq!(s("OutgoingMailServerHostName"), "smtp.example.com");
    assert_eq!(n("OutgoingMailServerPortNumber"), 465);
    assert_eq!(s("IncomingMailServerUsername"), "alice@example.com");
    for key in mail.keys().chain(top.keys()) {
        assert!(
            !key.contains("Password") || key == "OutgoingPasswordSameAsIncomingPassword",
            "{key}"
        );
    }
    let uuid = s("PayloadUUID");
    assert_eq!(uuid.len(), 36, "{uuid}");
    assert_ne!(
        Some(uuid.as_str()),
        top.get("PayloadUUID").and_then(plist::Value::as_string)
    );
}

#[test]
fn unverified_settings_are_exported_with_a_marker_and_everything_is_escaped() {
    // A provider file whose name and hint carry markup and a quote, for an address with
    // an apostrophe and an ampersand; offline, so nothing is verified.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("escape.example.xml"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1" xmlns:md="https://maildoctor.dev/ns/provider/1">
  <emailProvider id="escape.example">
    <domain>escape.example</domain>
    <displayName>A &amp; B &lt;Mail&gt; "quoted" --</displayName>
    <displayShortName>AB</displayShortName>
    <incomingServer type="imap">
      <hostname>imap.escape.example</hostname><port>993</port><socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication>
    </incomingServer>
    <incomingServer type="pop3">
      <hostname>pop.escape.example</hostname><port>110</port><socketType>plain</socketType>
      <username>%EMAILLOCALPART%</username><authentication>password-cleartext</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.escape.example</hostname><port>587</port><socketType>STARTTLS</socketType>
      <username>%EMAILLOCALPART%</username><authentication>password-cleartext</authentication>
    </outgoingServer>
    <md:hint code="note">
      <md:text lang="en">&lt;script&gt;alert(1)&lt;/script&gt; ``` [x](javascript:y) &#x202E;rtl</md:text>
    </md:hint>
  </emailProvider>
</clientConfig>
"#,
    )
    .unwrap();
    let providers = dir.path().to_str().unwrap();
    let address = "o'brien&co@escape.example";
    let run = |extra: &[&str]| {
        let mut args = vec!["--providers", providers];
        args.extend_from_slice(extra);
        args.push(address);
        let r = offline(&args);
        assert_eq!(r.code, 0, "{extra:?}: {}", r.stderr);
        assert!(
            !r.stdout.contains(providers),
            "{extra:?} shows the --providers path"
        );
        r.stdout
    };
    let tb = run(&["--export", "thunderbird"]);
    let parsed =
        maildoctor::provider::clientconfig::parse(&tb).unwrap_or_else(|e| panic!("{e}:\n{tb}"));
    let p = &parsed.providers[0];
    assert_eq!(
        p.display_name.as_deref(),
        Some("A & B <Mail> \"quoted\" --")
    );
    assert_eq!(
        entries(&p.incoming),
        [(
            "imap".to_owned(),
            "imap.escape.example".to_owned(),
            993,
            "tls".to_owned()
        )]
    );
    assert_eq!(p.outgoing[0].username, "%EMAILLOCALPART%");
    assert_eq!(tb.matches("NOT VERIFIED").count(), 2, "{tb}");
    assert!(tb.contains("without encryption was left out"), "{tb}");
    snapshot("export.thunderbird.unverified", &tb);

    let ad = run(&["--export", "autodiscover"]);
    let Ok(maildoctor::discover::autodiscover::Pox::Settings(protocols)) =
        maildoctor::discover::autodiscover::parse(&ad)
    else {
        panic!("{ad}")
    };
    assert_eq!(protocols.len(), 2, "{ad}");
    assert_eq!(
        protocols[1].login_name.as_deref(),
        Some("o'brien&co"),
        "{ad}"
    );
    assert!(
        ad.contains("<LoginName>o&apos;brien&amp;co</LoginName>"),
        "{ad}"
    );
    assert_eq!(ad.matches("NOT VERIFIED").count(), 2, "{ad}");

    let mc = run(&["--export", "mobileconfig"]);
    let v: plist::Value = plist::from_bytes(mc.as_bytes()).unwrap_or_else(|e| panic!("{e}:\n{mc}"));
    let mail = v
        .as_dictionary()
        .unwrap()
        .get("PayloadContent")
        .and_then(plist::Value::as_array)
        .unwrap()[0]
        .as_dictionary()
        .unwrap();
    let text = |k: &str| {
        mail.get(k)
            .and_then(plist::Value::as_string)
            .unwrap_or_default()
    };
    assert_eq!(text("EmailAddress"), address);
    assert!(text("PayloadDescription").contains("NOT VERIFIED"), "{mc}");

    // The hint, from a file, is escaped like server text in the shareable reports.
    let md = run(&["--format", "md"]);
    assert!(md.contains("\\<script\\>alert\\(1\\)\\</script\\>"), "{md}");
    assert!(
        md.contains("\\\\u\\{202e\\}rtl") && !md.contains('\u{202e}'),
        "{md}"
    );
    assert!(
        !md.lines().any(|l| l.trim_start().starts_with("```")),
        "{md}"
    );
    let html = run(&["--format", "html"]);
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(!html.to_ascii_lowercase().contains("<script"), "{html}");
}

#[test]
fn html_is_designed_for_phones_print_and_offline() {
    let out = stdout(&healthy(), &["--format", "html"], 0);
    for want in [
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
        "default-src 'none'",
        "overflow-wrap:anywhere",
        "max-width:100%",
        "@media (max-width:600px)",
        "table.stack td::before{content:attr(data-label)",
        "@media print",
        "details::details-content{content-visibility:visible",
        "pre{white-space:pre-wrap",
    ] {
        assert!(out.contains(want), "no {want}");
    }
    assert!(!out.to_ascii_lowercase().contains("<script"));
    assert!(
        !out.contains("http://") || !out.contains("src="),
        "nothing to fetch"
    );
}
