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

/// Filters for values that change between runs.
fn filters() -> Vec<(&'static str, &'static str)> {
    vec![
        (r#""elapsed_ms": \d+"#, r#""elapsed_ms": "[ms]""#),
        (
            r#""generated_at": "[0-9T:Z-]+""#,
            r#""generated_at": "[time]""#,
        ),
        (r"\b(127\.\d+\.\d+\.\d+):\d+\b", "$1:[port]"),
        (r#""(not_before|not_after)": "[^"]+""#, r#""$1": "[date]""#),
        (r#""days_left": -?\d+"#, r#""days_left": "[days]""#),
        (r"Finished in \d+ ms", "Finished in [ms] ms"),
        (r"用时 \d+ 毫秒", "用时 [ms] 毫秒"),
        (
            r"certificate: \d+ day\(s\) left",
            "certificate: [days] day(s) left",
        ),
        (r"证书还剩 \d+ 天", "证书还剩 [days] 天"),
        (r"证书已过期 \d+ 天", "证书已过期 [days] 天"),
        (
            r"certificate expired \d+ day\(s\) ago",
            "certificate expired [days] day(s) ago",
        ),
        (r"maildoctor test CA \d+-\d+", "maildoctor test CA [id]"),
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
    zh_table
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
    assert!(zh.contains("正常，以下设置可以使用"), "{zh}");
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
    assert!(zh.contains("无法正常使用"), "{zh}");
    let zh = with_env(&[("LC_ALL", "zh_SG.UTF-8")]);
    assert!(zh.contains("无法正常使用"), "{zh}");
    // Traditional Chinese has no translation yet: English.
    assert!(!has_cjk(&with_env(&[("LC_ALL", "zh_TW.UTF-8")])));
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
        .filter(|l| !l.starts_with("用时") && !l.starts_with("Finished in"))
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
