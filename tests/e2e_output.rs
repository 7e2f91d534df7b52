//! Snapshot tests of what people and helpdesk systems read: the table view and the JSON
//! document, in English and Simplified Chinese, for representative cases (a healthy SRV
//! domain, certificate problems, a missing domain, a typo in `--check`, the built-in QQ Mail
//! provider and its hints). Everything that changes from run to run — durations, local
//! ports, certificate dates and days left — is redacted by insta filters.
//!
//! Updating after an intended change (cargo-insta is not needed):
//!
//! ```text
//! INSTA_UPDATE=always cargo test --test tests e2e_output   # rewrites tests/snapshots/*.snap
//! git diff tests/snapshots                                  # review, then commit
//! ```
//!
//! Without `INSTA_UPDATE`, a mismatch fails the test and writes `*.snap.new` beside the
//! snapshot (not under CI) so the difference can be inspected.

use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::process::Command;

use serde_json::Value;
use unicode_width::UnicodeWidthStr;

use crate::support::cli::{Run, connect_to, maildoctor_cmd, run_cmd};
use crate::support::dns::TestDns;
use crate::support::mail::{MailServer, MailSpec, Mode, Protocol};
use crate::support::pki::{Leaf, TestPki};

/// A prepared case: servers and DNS kept alive while the binary runs.
struct Case {
    dns: TestDns,
    pki: TestPki,
    _servers: Vec<MailServer>,
    maps: Vec<(&'static str, u16, SocketAddr)>,
    args: Vec<String>,
}

impl Case {
    fn command(&self, extra: &[&str]) -> Command {
        let mut cmd = maildoctor_cmd();
        cmd.args([
            "--resolver",
            &self.dns.resolver_arg(),
            "--ca-file",
            self.pki.ca_pem_path().to_str().unwrap(),
            "--timeout",
            "2",
        ]);
        for (host, port, addr) in &self.maps {
            cmd.arg("--connect-to").arg(connect_to(host, *port, *addr));
        }
        cmd.args(extra).args(&self.args);
        cmd
    }

    fn run(&self, extra: &[&str]) -> Run {
        run_cmd(self.command(extra))
    }

    /// The table view in `lang`.
    fn table(&self, lang: &str, extra: &[&str]) -> Run {
        let mut a = vec!["--lang", lang];
        a.extend_from_slice(extra);
        self.run(&a)
    }

    /// The table view in `lang` at `columns` (the `COLUMNS` variable).
    fn table_at(&self, lang: &str, columns: u16, extra: &[&str]) -> Run {
        let mut a = vec!["--lang", lang];
        a.extend_from_slice(extra);
        let mut cmd = self.command(&a);
        cmd.env("COLUMNS", columns.to_string());
        run_cmd(cmd)
    }

    /// The JSON document in `lang`.
    fn json(&self, lang: &str) -> (i32, Value, String) {
        let r = self.run(&["--json", "--lang", lang]);
        let doc = serde_json::from_str(&r.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", r.stdout, r.stderr));
        (r.code, doc, r.stdout)
    }
}

fn server(protocol: Protocol, mode: Mode, leaf: Leaf) -> MailServer {
    MailServer::start(MailSpec::new(protocol, mode).cert(leaf))
}

fn address(a: &str) -> Vec<String> {
    vec![a.to_owned()]
}

/// IMAP 993/143 and submission 465/587 from SRV; POP3 "not offered".
fn healthy() -> Case {
    let h = crate::support::labs::healthy();
    Case {
        dns: h.dns,
        pki: h.pki,
        _servers: h.servers,
        maps: h.maps,
        args: address("alice@example.com"),
    }
}

/// Expired IMAP certificate, a POP3 certificate for another name, a self-signed SMTP one.
fn bad_certificates() -> Case {
    let pki = TestPki::new();
    let servers = vec![
        server(
            Protocol::Imap,
            Mode::ImplicitTls,
            pki.expired(&["imap.example.com"]),
        ),
        server(
            Protocol::Pop3,
            Mode::ImplicitTls,
            pki.valid(&["other.example.net"]),
        ),
        server(
            Protocol::Smtp,
            Mode::ImplicitTls,
            pki.self_signed(&["smtp.example.com"]),
        ),
    ];
    let maps = vec![
        ("imap.example.com", 993, servers[0].addr),
        ("pop.example.com", 995, servers[1].addr),
        ("smtp.example.com", 465, servers[2].addr),
    ];
    let dns = TestDns::builder()
        .zone("example.com")
        .mx("example.com", 10, "mx.example.com")
        .a("imap.example.com", "127.0.0.1")
        .a("pop.example.com", "127.0.0.1")
        .a("smtp.example.com", "127.0.0.1")
        .srv("_imaps._tcp.example.com", 0, 1, 993, "imap.example.com")
        .srv_not_offered("_imap._tcp.example.com")
        .srv("_pop3s._tcp.example.com", 0, 1, 995, "pop.example.com")
        .srv_not_offered("_pop3._tcp.example.com")
        .srv(
            "_submissions._tcp.example.com",
            0,
            1,
            465,
            "smtp.example.com",
        )
        .srv_not_offered("_submission._tcp.example.com")
        .start();
    Case {
        dns,
        pki,
        _servers: servers,
        maps,
        args: address("alice@example.com"),
    }
}

fn missing_domain() -> Case {
    let dns = TestDns::builder()
        .zone("example")
        .a("mail.other.example", "127.0.0.1")
        .start();
    Case {
        dns,
        pki: TestPki::new(),
        _servers: vec![],
        maps: vec![],
        args: address("alice@nowhere.example"),
    }
}

/// `--check pop3s://pop3.example.com:995` where the real server is pop.example.com.
fn typo_in_check() -> Case {
    let pki = TestPki::new();
    let servers = vec![
        server(
            Protocol::Pop3,
            Mode::ImplicitTls,
            pki.valid(&["pop.example.com"]),
        ),
        server(
            Protocol::Smtp,
            Mode::ImplicitTls,
            pki.valid(&["smtp.example.com"]),
        ),
    ];
    let maps = vec![
        ("pop.example.com", 995, servers[0].addr),
        ("smtp.example.com", 465, servers[1].addr),
    ];
    let dns = TestDns::builder()
        .zone("example.com")
        .a("pop.example.com", "127.0.0.1")
        .a("smtp.example.com", "127.0.0.1")
        .srv("_pop3s._tcp.example.com", 0, 1, 995, "pop.example.com")
        .srv_not_offered("_pop3._tcp.example.com")
        .srv(
            "_submissions._tcp.example.com",
            0,
            1,
            465,
            "smtp.example.com",
        )
        .srv_not_offered("_submission._tcp.example.com")
        .srv_not_offered("_imaps._tcp.example.com")
        .srv_not_offered("_imap._tcp.example.com")
        .start();
    Case {
        dns,
        pki,
        _servers: servers,
        maps,
        args: vec![
            "--check".into(),
            "pop3s://pop3.example.com:995".into(),
            "alice@example.com".into(),
        ],
    }
}

/// The built-in QQ Mail entry, its servers answered locally (a test zone for qq.com on our
/// own resolver; nothing leaves 127.0.0.0/8).
fn qq() -> Case {
    let pki = TestPki::new();
    let names = ["imap.qq.com", "pop.qq.com", "smtp.qq.com"];
    let servers = vec![
        server(Protocol::Imap, Mode::ImplicitTls, pki.valid(&names)),
        server(Protocol::Pop3, Mode::ImplicitTls, pki.valid(&names)),
        server(Protocol::Smtp, Mode::ImplicitTls, pki.valid(&names)),
        server(
            Protocol::Smtp,
            Mode::Starttls { advertise: true },
            pki.valid(&names),
        ),
    ];
    let maps = vec![
        ("imap.qq.com", 993, servers[0].addr),
        ("pop.qq.com", 995, servers[1].addr),
        ("smtp.qq.com", 465, servers[2].addr),
        ("smtp.qq.com", 587, servers[3].addr),
    ];
    let dns = TestDns::builder()
        .zone("qq.com")
        .mx("qq.com", 10, "mx1.qq.com")
        .a("mx1.qq.com", "127.0.0.1")
        .a("imap.qq.com", "127.0.0.1")
        .a("pop.qq.com", "127.0.0.1")
        .a("smtp.qq.com", "127.0.0.1")
        .start();
    Case {
        dns,
        pki,
        _servers: servers,
        maps,
        args: address("12345678@qq.com"),
    }
}

/// Long host names (a missing intermediate on IMAP, whose fix names `--ca-file`) and a
/// `--check` of a host that does not exist: long unbreakable tokens everywhere.
fn long_names() -> Case {
    const IMAP: &str = "imap-mailbox-access.eu-central-1.example-company.test";
    const SMTP: &str = "smtp-submission-relay.eu-central-1.example-company.test";
    let pki = TestPki::new();
    let servers = vec![
        server(
            Protocol::Imap,
            Mode::ImplicitTls,
            pki.with_intermediate(&[IMAP], false),
        ),
        server(Protocol::Smtp, Mode::ImplicitTls, pki.valid(&[SMTP])),
    ];
    let maps = vec![(IMAP, 993, servers[0].addr), (SMTP, 465, servers[1].addr)];
    let dns = TestDns::builder()
        .zone("example-company.test")
        .mx("example-company.test", 10, "mx.example-company.test")
        .a("mx.example-company.test", "127.0.0.1")
        .a(IMAP, "127.0.0.1")
        .a(SMTP, "127.0.0.1")
        .srv("_imaps._tcp.example-company.test", 0, 1, 993, IMAP)
        .srv_not_offered("_imap._tcp.example-company.test")
        .srv("_submissions._tcp.example-company.test", 0, 1, 465, SMTP)
        .srv_not_offered("_submission._tcp.example-company.test")
        .srv_not_offered("_pop3s._tcp.example-company.test")
        .srv_not_offered("_pop3._tcp.example-company.test")
        .start();
    Case {
        dns,
        pki,
        _servers: servers,
        maps,
        args: vec![
            "--check".into(),
            "imaps://imap.example-company.test:993".into(),
            "alice@example-company.test".into(),
        ],
    }
}

/// Filters for values that change between runs.
fn filters() -> Vec<(&'static str, &'static str)> {
    vec![
        (r#""elapsed_ms": \d+"#, r#""elapsed_ms": "[ms]""#),
        (r"\b(127\.\d+\.\d+\.\d+):\d+\b", "$1:[port]"),
        (r#""(not_before|not_after)": "[^"]+""#, r#""$1": "[date]""#),
        (r#""days_left": -?\d+"#, r#""days_left": "[days]""#),
        (r"Finished in \d+ ms", "Finished in [ms] ms"),
        (r"用时 \d+ 毫秒", "用时 [ms] 毫秒"),
        (r"耗時 \d+ 毫秒", "耗時 [ms] 毫秒"),
        (
            r"certificate: \d+ day\(s\) left",
            "certificate: [days] day(s) left",
        ),
        (r"证书还剩 \d+ 天", "证书还剩 [days] 天"),
        (r"证书已过期 \d+ 天", "证书已过期 [days] 天"),
        (r"憑證(還剩|已過期) \d+ 天", "憑證$1 [days] 天"),
        (
            r"certificate expired \d+ day\(s\) ago",
            "certificate expired [days] day(s) ago",
        ),
        (r"maildoctor test CA \d+-\d+", "maildoctor test CA [id]"),
        (r#""generated_at": "[^"]+""#, r#""generated_at": "[time]""#),
        (
            r#""tool_version": "[^"]+""#,
            r#""tool_version": "[version]""#,
        ),
    ]
}

fn snapshot(name: &str, text: &str) {
    insta::with_settings!({
        filters => filters(),
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(name, text);
    });
}

/// Table and JSON in both languages; returns the zh-CN table for further checks.
fn snapshots(name: &str, case: &Case, want_code: i32) -> String {
    let mut zh_table = String::new();
    for lang in ["en", "zh-CN"] {
        let r = case.table(lang, &[]);
        assert_eq!(r.code, want_code, "{lang}: {}\n{}", r.stdout, r.stderr);
        assert_tables_line_up(&r.stdout);
        snapshot(&format!("{name}.table.{lang}"), &r.stdout);
        let (code, doc, text) = case.json(lang);
        assert_eq!(code, want_code, "{lang}: {text}");
        assert_eq!(doc["schema_version"], 1);
        snapshot(&format!("{name}.json.{lang}"), &text);
        if lang == "zh-CN" {
            zh_table = r.stdout;
        }
    }
    // Traditional Chinese: the table (the JSON differs from zh-CN only in its texts).
    let r = case.table("zh-TW", &[]);
    assert_eq!(r.code, want_code, "zh-TW: {}\n{}", r.stdout, r.stderr);
    assert_tables_line_up(&r.stdout);
    assert_traditional(&r.stdout);
    snapshot(&format!("{name}.table.zh-TW"), &r.stdout);
    zh_table
}

/// A zh-TW report uses the Taiwan words in the report's own labels, never their
/// Simplified form (causes and fixes come from the analysis; provider data is Simplified
/// only: neither is checked here).
fn assert_traditional(out: &str) {
    assert!(has_cjk(out), "{out}");
    for simplified in ["推荐设置", "问题诊断", "由谁处理", "解决办法", "用时"] {
        assert!(!out.contains(simplified), "{simplified} in\n{out}");
    }
    assert!(out.contains("建議設定") && out.contains("耗時"), "{out}");
}

/// Every line of every table block has the same display width (CJK counts two columns).
fn assert_tables_line_up(out: &str) {
    let mut block: Vec<&str> = Vec::new();
    for line in out.lines().chain([""]) {
        let in_table = line.starts_with(['┌', '│', '├', '╞', '└']);
        if in_table {
            block.push(line);
            continue;
        }
        if let Some(first) = block.first() {
            let w = first.width();
            for l in &block {
                assert_eq!(l.width(), w, "misaligned table line:\n{l}\nin\n{out}");
            }
        }
        block.clear();
    }
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn healthy_srv_domain() {
    let zh = snapshots("healthy", &healthy(), 0);
    assert!(zh.contains("服务器可以连接，但没有检查账号"), "{zh}");
}

#[test]
fn certificate_problems() {
    let case = bad_certificates();
    let zh = snapshots("certificates", &case, 1);
    assert!(zh.contains("tls.expired") && zh.contains("错误"), "{zh}");
    // JSON: cause and fix follow --lang, codes do not.
    let (_, en, _) = case.json("en");
    let (_, zh, _) = case.json("zh-CN");
    let codes = |d: &Value| -> Vec<Value> {
        d["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].clone())
            .collect()
    };
    assert_eq!(codes(&en), codes(&zh));
    let expired = &zh["findings"][0];
    assert_eq!(expired["code"], "tls.expired");
    assert!(
        expired["cause"].as_str().unwrap().contains("证书已过期"),
        "{expired}"
    );
    for f in zh["findings"].as_array().unwrap() {
        assert!(has_cjk(f["cause"].as_str().unwrap()), "{f}");
        assert!(has_cjk(f["fix"].as_str().unwrap()), "{f}");
    }
}

#[test]
fn missing_domain_is_one_finding() {
    let zh = snapshots("missing-domain", &missing_domain(), 1);
    assert!(zh.contains("域名 nowhere.example 不存在"), "{zh}");
}

#[test]
fn typo_in_check_points_to_the_real_server() {
    let zh = snapshots("typo", &typo_in_check(), 1);
    assert!(zh.contains("pop.example.com"), "{zh}");
}

#[test]
fn qq_mail_shows_provider_hints_in_the_users_language() {
    let case = qq();
    let zh = snapshots("qq", &case, 0);
    assert!(zh.contains("授权码"), "{zh}");
    assert!(
        zh.contains("提示：QQ邮箱默认没有开启 POP3/IMAP/SMTP 服务"),
        "{zh}"
    );
    let en = case.table("en", &[]).stdout;
    assert!(
        en.contains("Note: Mail apps cannot log in with the QQ password"),
        "{en}"
    );
    assert!(!has_cjk(&en), "{en}");
}

#[test]
fn verbose_shows_the_probe_matrix_and_the_source_trace() {
    let case = bad_certificates();
    for lang in ["en", "zh-CN"] {
        let r = case.table(lang, &["--verbose"]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert_tables_line_up(&r.stdout);
        let (matrix, trace_heading) = match lang {
            "en" => ("Servers checked", "Sources tried"),
            _ => ("服务器检测明细", "查询过的来源"),
        };
        // The source trace's durations change column widths from run to run: snapshot
        // everything before it, check the rest by content.
        let (before, after) = r
            .stdout
            .split_once(trace_heading)
            .unwrap_or_else(|| panic!("no {trace_heading}:\n{}", r.stdout));
        assert!(before.contains(matrix), "{}", r.stdout);
        assert!(after.contains("_imaps._tcp.example.com"), "{after}");
        snapshot(&format!("certificates.verbose.{lang}"), before);
    }
    let r = case.table("zh-CN", &[]);
    assert!(
        r.stdout
            .contains("已检查 3 个服务器，查询了 18 个来源；加 --verbose 可查看详情。"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("服务器检测明细"), "{}", r.stdout);
}

#[test]
fn language_defaults_to_the_locale() {
    let case = missing_domain();
    let with_env = |vars: &[(&str, &str)]| {
        let mut cmd = case.command(&[]);
        for (k, v) in vars {
            cmd.env(k, v);
        }
        run_cmd(cmd).stdout
    };
    // The harness sets LANG=C and LC_ALL=C.
    assert!(!has_cjk(&with_env(&[])));
    let zh = with_env(&[("LC_ALL", ""), ("LANG", "zh_CN.UTF-8")]);
    assert!(zh.contains("无法使用"), "{zh}");
    let zh = with_env(&[("LC_ALL", "zh_SG.UTF-8")]);
    assert!(zh.contains("无法使用"), "{zh}");
    // Traditional Chinese locales give Traditional Chinese, with Taiwan helpdesk words.
    assert!(has_cjk(&with_env(&[("LC_ALL", "zh_TW.UTF-8")])));
    let mut cmd = case.command(&["--json"]);
    cmd.env("LC_ALL", "zh_TW.UTF-8");
    let doc: Value = serde_json::from_str(&run_cmd(cmd).stdout).unwrap();
    let f = &doc["findings"][0];
    let (cause, fix) = (f["cause"].as_str().unwrap(), f["fix"].as_str().unwrap());
    assert!(
        cause.contains("伺服器") && !cause.contains("服务器"),
        "{cause}"
    );
    assert!(cause.contains("網域") && !cause.contains("域名"), "{cause}");
    assert!(fix.contains("網域") && !fix.contains("域名"), "{fix}");
    // --lang wins over the locale.
    let mut cmd = case.command(&["--lang", "en"]);
    cmd.env("LC_ALL", "zh_CN.UTF-8");
    assert!(!has_cjk(&run_cmd(cmd).stdout));
}

#[test]
fn batch_records_follow_the_language() {
    let case = missing_domain();
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("list.txt");
    std::fs::write(&input, "alice@nowhere.example\n").unwrap();
    let mut cmd = maildoctor_cmd();
    cmd.args(["--resolver", &case.dns.resolver_arg(), "--timeout", "2"])
        .args(["--lang", "zh-CN", "--batch"])
        .arg(&input);
    let r = run_cmd(cmd);
    let doc: Value = serde_json::from_str(r.stdout.trim()).unwrap();
    let f = &doc["findings"][0];
    assert_eq!(f["code"], "dns.domain_not_found");
    assert!(has_cjk(f["cause"].as_str().unwrap()), "{f}");
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let case = bad_certificates();
    // The harness sets NO_COLOR=1 and stdout is a pipe: no colour by default.
    let plain = case.table("en", &[]).stdout;
    assert!(!plain.contains('\x1b'), "{plain}");
    let never = case.table("en", &["--color", "never"]).stdout;
    assert_eq!(without_time(&never), without_time(&plain));
    // An explicit --color always wins over NO_COLOR (no-color.org) and a pipe.
    let always = case.table("zh-CN", &["--color", "always"]).stdout;
    assert!(always.contains("\x1b[1;31m"), "red verdict: {always:?}");
    // Severity and check cells are coloured too (comfy-table cell colours).
    assert!(always.contains(&format!("{RED_FG} 错误 ")), "{always:?}");
    assert!(always.contains(&format!("{RED_FG} 未验证 ")), "{always:?}");
    assert_eq!(
        without_time(&strip_sgr(&always)),
        without_time(&case.table("zh-CN", &[]).stdout),
        "colour changes nothing but colour"
    );
    // JSON is never coloured.
    let json = case.run(&["--json", "--color", "always"]).stdout;
    assert!(!json.contains('\x1b'));
}

/// The output without its last line (the run time).
fn without_time(s: &str) -> String {
    s.lines()
        .filter(|l| {
            !l.starts_with("用时") && !l.starts_with("耗時") && !l.starts_with("Finished in")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// What crossterm writes for `Color::Red` as a foreground colour.
const RED_FG: &str = "\x1b[38;5;9m";

/// Removes ANSI SGR sequences (`ESC [ … m`).
fn strip_sgr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for d in chars.by_ref() {
                if d == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Words of `text` that must never be split across lines: URLs, flags, DNS names (and
/// `host:port`), IP addresses, dates. Non-ASCII characters separate words (Chinese text
/// runs into host names without spaces).
fn unbreakable_words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || !c.is_ascii())
        .map(|w| w.trim_matches(|c: char| ",;:\"'()[]<>.".contains(c)))
        .filter(|w| {
            let labels = w.split('.').filter(|l| !l.is_empty()).count();
            w.contains("://")
                || (w.starts_with("--") && w.len() > 2)
                || w.parse::<std::net::IpAddr>().is_ok()
                || (w.len() >= 8
                    && w.contains('-')
                    && w.chars().all(|c| c.is_ascii_digit() || c == '-'))
                || (labels >= 2
                    && w.chars().any(|c| c.is_ascii_alphabetic())
                    && w.chars()
                        .all(|c| c.is_ascii_alphanumeric() || "._-:@".contains(c)))
        })
        .map(str::to_owned)
        .collect()
}

/// Everything in the JSON document that the table view shows and must keep whole: host
/// names and `host:port` of settings, checks and findings, user names, and the unbreakable
/// words of causes and fixes; with `verbose` also the probed IP addresses and the sources'
/// queries and the URLs and names in their details.
fn displayed_tokens(doc: &Value, verbose: bool) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let list = |v: &Value| v.as_array().cloned().unwrap_or_default();
    let endpoint = |e: &Value| format!("{}:{}", e["host"].as_str().unwrap(), e["port"]);
    for s in list(&doc["settings"]["incoming"])
        .iter()
        .chain(&list(&doc["settings"]["outgoing"]))
    {
        out.insert(s["host"].as_str().unwrap().to_owned());
        out.insert(s["username"].as_str().unwrap().to_owned());
    }
    for c in list(&doc["checks"]) {
        out.insert(endpoint(&c["endpoint"]));
    }
    for f in list(&doc["findings"]) {
        for e in list(&f["endpoints"]) {
            out.insert(endpoint(&e));
        }
        out.extend(unbreakable_words(f["cause"].as_str().unwrap()));
        out.extend(unbreakable_words(f["fix"].as_str().unwrap()));
    }
    if verbose {
        for p in list(&doc["probes"]) {
            if let Some(a) = p["addr"].as_str() {
                let a: SocketAddr = a.parse().unwrap();
                out.insert(a.ip().to_string());
            }
        }
        for s in list(&doc["sources"]) {
            let target = s["target"].as_str().unwrap();
            out.extend(
                target
                    .split_whitespace()
                    .filter(|w| w.contains('.') || w.contains("://"))
                    .map(str::to_owned),
            );
            out.extend(
                unbreakable_words(s["detail"].as_str().unwrap())
                    .into_iter()
                    .filter(|w| w.contains('.') || w.contains("://")),
            );
        }
    }
    out
}

/// The long options `maildoctor --help` documents.
fn known_flags() -> BTreeSet<String> {
    let help = run_cmd({
        let mut c = maildoctor_cmd();
        c.arg("--help");
        c
    })
    .stdout;
    flags_in(&help).into_iter().collect()
}

/// Every `--flag` in `text` (not the `--` inside `xn--` labels).
fn flags_in(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(at) = text[i..].find("--") {
        let start = i + at;
        let prev_ok = start == 0 || !(b[start - 1].is_ascii_alphanumeric() || b[start - 1] == b'-');
        let mut end = start + 2;
        while end < b.len()
            && (b[end].is_ascii_lowercase() || b[end].is_ascii_digit() || b[end] == b'-')
        {
            end += 1;
        }
        if prev_ok && end > start + 2 && b[start + 2].is_ascii_lowercase() {
            // A trailing `-` stays: `--ca-` cut at a line end is not a flag.
            out.push(text[start..end].to_owned());
        }
        i = end.max(start + 2);
    }
    out
}

/// Asserts that every token appears whole on some line of `out`, and that every `--flag`
/// on any line is one the program has (a flag cut at a line end is not).
fn assert_unsplit(out: &str, tokens: &BTreeSet<String>, flags: &BTreeSet<String>, what: &str) {
    assert!(!tokens.is_empty(), "{what}: no tokens to check");
    for t in tokens {
        assert!(
            out.lines().any(|l| l.contains(t.as_str())),
            "{what}: `{t}` is split across lines (or missing):\n{out}"
        );
    }
    for line in out.lines() {
        for f in flags_in(line) {
            assert!(
                flags.contains(&f),
                "{what}: `{f}` is not a whole flag in line\n{line}\nof\n{out}"
            );
        }
    }
}

#[test]
fn narrow_terminals_never_split_names_addresses_urls_or_flags() {
    let flags = known_flags();
    assert!(
        flags.contains("--ca-file") && flags.contains("--login"),
        "{flags:?}"
    );
    for case in [long_names(), bad_certificates()] {
        for lang in ["en", "zh-CN"] {
            let (_, doc, _) = case.json(lang);
            for verbose in [false, true] {
                let tokens = displayed_tokens(&doc, verbose);
                let extra: &[&str] = if verbose { &["--verbose"] } else { &[] };
                for columns in [60, 80, 100, 120] {
                    let r = case.table_at(lang, columns, extra);
                    assert!(r.code == 1 || r.code == 0, "{}", r.stderr);
                    assert_tables_line_up(&r.stdout);
                    let what = format!("{lang} COLUMNS={columns} verbose={verbose}");
                    assert_unsplit(&r.stdout, &tokens, &flags, &what);
                }
            }
        }
    }
}

#[test]
fn long_names_mention_ca_file_whole() {
    // The case above only proves something if its findings do name the flag.
    let case = long_names();
    for lang in ["en", "zh-CN"] {
        let out = case.table_at(lang, 80, &[]).stdout;
        assert!(out.lines().any(|l| l.contains("--ca-file")), "{out}");
        assert!(
            out.lines()
                .any(|l| l.contains("imap-mailbox-access.eu-central-1.example-company.test")),
            "{out}"
        );
    }
}

#[test]
fn below_100_columns_the_layout_is_stacked() {
    let case = healthy();
    for lang in ["en", "zh-CN"] {
        for columns in [60u16, 80, 99] {
            let r = case.table_at(lang, columns, &[]);
            assert_eq!(r.code, 0, "{}", r.stderr);
            let out = &r.stdout;
            assert!(
                !out.contains('┌') && !out.contains('│'),
                "{lang} {columns}: a table below 100 columns:\n{out}"
            );
            for line in out.lines() {
                assert!(
                    line.width() <= usize::from(columns),
                    "{lang} {columns}: line wider than the terminal:\n{line}\nin\n{out}"
                );
            }
            let (recommended, server) = match lang {
                "en" => ("★ Incoming (recommended: use this)", "    Server:"),
                _ => ("★ 收件（推荐使用）", "    服务器地址："),
            };
            assert!(out.contains(recommended), "{out}");
            assert!(
                out.lines()
                    .any(|l| l.starts_with(server) && l.ends_with("imap.example.com")),
                "{out}"
            );
            if columns == 80 {
                snapshot(&format!("healthy.table-80.{lang}"), out);
            }
        }
        // From 100 columns on, tables.
        let wide = case.table_at(lang, 100, &[]).stdout;
        assert!(wide.contains('┌'), "{wide}");
        for line in wide.lines() {
            assert!(
                line.width() <= 100,
                "{lang}: line wider than 100:\n{line}\nin\n{wide}"
            );
        }
    }
}

#[test]
fn found_by_only_when_wide_or_verbose() {
    let case = healthy();
    let at = |columns, extra: &[&str]| case.table_at("en", columns, extra).stdout;
    // 110 columns would fit the column: it is left out all the same.
    assert!(!at(110, &[]).contains("Found by"));
    assert!(!at(100, &[]).contains("Found by"));
    assert!(at(120, &[]).contains("Found by"));
    assert!(at(100, &["--verbose"]).contains("Found by"));
}
