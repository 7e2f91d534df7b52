//! Hostile peers (issue 7): every misbehaviour must end within its timeout with a finding,
//! and nothing the peer sent may reach the terminal unescaped (no ESC, BEL or other control
//! character in the table or the JSON text).

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use hickory_server::proto::rr::rdata::SRV;
use hickory_server::proto::rr::{Name, RData};

use crate::support::cli::{Run, connect_to, run, run_json};
use crate::support::dns::TestDns;
use crate::support::hostile::{HostilePeer, Script};
use crate::support::http::{HttpServer, HttpSpec, Reply};

/// Step timeout given to maildoctor; every scenario must finish well within a few of them.
const STEP: &str = "2";
const LIMIT: Duration = Duration::from_secs(12);

fn dns() -> TestDns {
    TestDns::builder().zone("hostile.test").start()
}

/// `--check URL` of `host:port` mapped to the peer; returns the JSON and the table runs.
fn check(dns: &TestDns, scheme: &str, port: u16, peer: SocketAddr) -> (serde_json::Value, Run) {
    let args = [
        "--resolver".to_owned(),
        dns.resolver_arg(),
        "--timeout".to_owned(),
        STEP.to_owned(),
        "--connect-to".to_owned(),
        connect_to("mail.hostile.test", port, peer),
        "--check".to_owned(),
        format!("{scheme}://mail.hostile.test:{port}"),
        "user@hostile.test".to_owned(),
    ];
    let started = Instant::now();
    let (code, doc, stderr) = run_json(&args);
    assert!(started.elapsed() < LIMIT, "took {:?}", started.elapsed());
    assert_eq!(code, 1, "{doc:#}\n{stderr}");
    assert_clean(&stderr);
    let started = Instant::now();
    let table = run(&args);
    assert!(started.elapsed() < LIMIT, "took {:?}", started.elapsed());
    assert_clean(&table.stdout);
    assert_clean(&table.stderr);
    (doc, table)
}

/// No control characters other than newline (and no DEL) in text meant for a terminal.
fn assert_clean(text: &str) {
    for (i, c) in text.char_indices() {
        assert!(
            c == '\n' || !(c.is_control()),
            "unescaped control character {c:?} at byte {i} in:\n{text}"
        );
    }
}

/// The finding for the checked endpoint (by port).
fn endpoint_codes(doc: &serde_json::Value, port: u16) -> Vec<String> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["endpoint"]["port"] == port)
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .collect()
}

fn assert_finding(doc: &serde_json::Value, port: u16, allowed: &[&str]) {
    let codes = endpoint_codes(doc, port);
    assert!(
        codes.iter().any(|c| allowed.contains(&c.as_str())),
        "expected one of {allowed:?} for port {port}, got {codes:?}\n{:#}",
        doc["findings"]
    );
}

#[test]
fn silent_server() {
    let dns = dns();
    let peer = HostilePeer::start(Script::Silent);
    let (doc, _) = check(&dns, "imaps", 993, peer.addr);
    assert_finding(
        &doc,
        993,
        &["net.no_reply", "tls.handshake_failed", "net.timeout"],
    );
    let (doc, _) = check(&dns, "imap", 143, peer.addr);
    assert_finding(&doc, 143, &["net.no_greeting"]);
}

#[test]
fn one_byte_a_second() {
    let dns = dns();
    let peer = HostilePeer::start(Script::Trickle("* OK trickling greeting that never ends"));
    let (doc, _) = check(&dns, "imap", 143, peer.addr);
    assert_finding(&doc, 143, &["net.no_reply", "protocol.error"]);
}

#[test]
fn endless_line_is_cut_at_the_line_cap() {
    let dns = dns();
    let peer = HostilePeer::start(Script::EndlessLine("* OK "));
    let (doc, _) = check(&dns, "imap", 143, peer.addr);
    assert_finding(&doc, 143, &["protocol.error"]);
}

#[test]
fn hundred_megabyte_banner_is_not_read_to_the_end() {
    let dns = dns();
    let total = 100 * 1024 * 1024;
    let peer = HostilePeer::start(Script::Flood {
        line: "220-hostile banner line that goes on and on and on and on",
        total,
    });
    let (doc, _) = check(&dns, "submission", 587, peer.addr);
    assert_finding(&doc, 587, &["protocol.error"]);
    // Two runs (JSON and table) stopped reading long before 2 × 100 MB were sent.
    assert!(
        peer.bytes_sent() < total,
        "the client read {} bytes of a 100 MB banner",
        peer.bytes_sent()
    );
}

#[test]
fn garbage_after_the_starttls_go_ahead() {
    let dns = dns();
    let peer = HostilePeer::start(Script::ImapGarbageAfterStarttls(
        b"\x1b[2J\x1b]0;pwned\x07 this is not TLS\r\n",
    ));
    let (doc, _) = check(&dns, "imap", 143, peer.addr);
    assert_finding(&doc, 143, &["tls.handshake_failed", "protocol.error"]);
}

#[test]
fn invalid_tls_records() {
    let dns = dns();
    let peer = HostilePeer::start(Script::BadTlsRecords);
    let (doc, _) = check(&dns, "imaps", 993, peer.addr);
    assert_finding(&doc, 993, &["tls.handshake_failed"]);
}

#[test]
fn escape_sequences_in_greeting_and_capabilities_are_escaped() {
    let dns = dns();
    let peer = HostilePeer::start(Script::ImapRaw {
        greeting: b"* OK \x1b]0;owned\x07\x1b[31mred\x1b[0m \x08\x7f\x9b ready\r\n",
        caps: b"* CAPABILITY IMAP4rev1 \x1b[5mBLINK\r\n",
    });
    let (doc, table) = check(&dns, "imap", 143, peer.addr);
    assert_finding(&doc, 143, &["starttls.not_offered"]);
    // The greeting is still shown (escaped), not dropped.
    assert!(table.stdout.contains("red"), "{}", table.stdout);
}

/// A DNS name is just bytes: an SRV target with ESC, BEL and a newline in a label.
#[test]
fn dns_answers_with_control_characters_and_escape_sequences() {
    let evil = Name::from_labels(vec![
        b"\x1b[31mmail\x07\nx".to_vec(),
        b"hostile".to_vec(),
        b"test".to_vec(),
    ])
    .unwrap();
    let dns = TestDns::builder()
        .zone("hostile.test")
        .record(
            "_imaps._tcp.hostile.test",
            RData::SRV(SRV::new(0, 1, 993, evil.clone())),
        )
        .record(
            "hostile.test",
            RData::MX(hickory_server::proto::rr::rdata::MX::new(10, evil)),
        )
        .start();
    let args = [
        "--resolver".to_owned(),
        dns.resolver_arg(),
        "--timeout".to_owned(),
        STEP.to_owned(),
        "user@hostile.test".to_owned(),
    ];
    let started = Instant::now();
    let table = run(&args);
    assert!(started.elapsed() < LIMIT);
    assert_clean(&table.stdout);
    assert_clean(&table.stderr);
    let (_, doc, stderr) = run_json(&args);
    assert_clean(&stderr);
    assert!(!doc["findings"].as_array().unwrap().is_empty(), "{doc:#}");
    assert!(table.code == 1 || table.code == 0, "{}", table.code);
}

/// The password of [`servers_that_echo_the_password_never_get_it_printed`]: a quote, a
/// space, `@` and `%`, so its IMAP-quoted and percent-encoded forms differ from it.
const ECHOED_PW: &str = "Pa\"55 w@rd%x";
const ECHO_USER: &str = "alice@example.com";

/// Every form of [`ECHOED_PW`] a server could echo.
fn echoed_forms() -> Vec<String> {
    use base64::Engine;
    use base64::engine::general_purpose::{STANDARD as B64, STANDARD_NO_PAD as B64_NO_PAD};
    let plain = |user: &str| {
        let mut v = vec![0u8];
        v.extend_from_slice(user.as_bytes());
        v.push(0);
        v.extend_from_slice(ECHOED_PW.as_bytes());
        v
    };
    let pct = |lower: bool| -> String {
        ECHOED_PW
            .bytes()
            .map(|b| match (b.is_ascii_alphanumeric(), lower) {
                (true, _) => char::from(b).to_string(),
                (false, false) => format!("%{b:02X}"),
                (false, true) => format!("%{b:02x}"),
            })
            .collect()
    };
    vec![
        ECHOED_PW.to_owned(),
        ECHOED_PW.replace('"', "\\\""),
        B64.encode(ECHOED_PW),
        B64_NO_PAD.encode(ECHOED_PW),
        B64.encode(plain(ECHO_USER)),
        B64_NO_PAD.encode(plain(ECHO_USER)),
        B64.encode(plain("alice")),
        pct(false),
        pct(true),
        pct(false).replace("%20", "+"),
        // Distinctive pieces, so a partly masked form is caught too.
        "55 w@rd".to_owned(),
        "55%20w%40rd".to_owned(),
    ]
}

/// Output with whitespace and table borders removed, so a form the table wrapped is found.
fn squeezed(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !('\u{2500}'..='\u{257f}').contains(c) && *c != '|')
        .collect()
}

fn assert_no_echoed_password(text: &str, what: &str) {
    for form in echoed_forms() {
        assert!(
            !text.contains(&form) && !squeezed(text).contains(&squeezed(&form)),
            "{what}: the password (as {form:?}) was printed:\n{text}"
        );
    }
}

/// Issue 13.1: servers that quote the refused command, echoing the password in clear,
/// IMAP-quoted, percent-encoded and base64 (alone and as the SASL PLAIN message) on IMAP,
/// POP3 and SMTP. `--json`, the `--verbose` table and batch NDJSON show a mask instead.
#[test]
fn servers_that_echo_the_password_never_get_it_printed() {
    use crate::support::cli::{maildoctor_cmd, run_cmd};
    use crate::support::mail::{MailServer, MailSpec, Mode, Protocol};
    use crate::support::pki::TestPki;
    use std::io::Write;
    use std::os::unix::fs::PermissionsExt;

    let forms = echoed_forms();
    let all = forms[..10].join(" ");
    let pki = TestPki::new();
    let start = |p: Protocol, host: &str, failure: String| {
        MailServer::start(
            MailSpec::new(p, Mode::ImplicitTls)
                .cert(pki.valid(&[host]))
                .auth(ECHO_USER, "the-right-one", &failure),
        )
    };
    let imap = start(
        Protocol::Imap,
        "imap.example.com",
        format!(
            "NO Invalid command: {{line}} (a2 LOGIN \"{ECHO_USER}\" \"{}\") {all}",
            forms[1]
        ),
    );
    let pop3 = start(
        Protocol::Pop3,
        "pop.example.com",
        format!("-ERR bad command: {{line}} PASS {ECHOED_PW} {all}"),
    );
    let smtp = start(
        Protocol::Smtp,
        "smtp.example.com",
        format!("535 5.7.8 authentication failed for {{line}} {all}"),
    );
    let dns = TestDns::builder()
        .zone("example.com")
        .a("imap.example.com", "127.0.0.1")
        .a("pop.example.com", "127.0.0.1")
        .a("smtp.example.com", "127.0.0.1")
        .srv("_imaps._tcp.example.com", 0, 1, 993, "imap.example.com")
        .srv("_pop3s._tcp.example.com", 0, 1, 995, "pop.example.com")
        .srv(
            "_submissions._tcp.example.com",
            0,
            1,
            465,
            "smtp.example.com",
        )
        .srv_not_offered("_imap._tcp.example.com")
        .srv_not_offered("_pop3._tcp.example.com")
        .srv_not_offered("_submission._tcp.example.com")
        .start();
    let base = vec![
        "--resolver".to_owned(),
        dns.resolver_arg(),
        "--ca-file".to_owned(),
        pki.ca_pem_path().to_str().unwrap().to_owned(),
        "--timeout".to_owned(),
        STEP.to_owned(),
        "--connect-to".to_owned(),
        connect_to("imap.example.com", 993, imap.addr),
        "--connect-to".to_owned(),
        connect_to("pop.example.com", 995, pop3.addr),
        "--connect-to".to_owned(),
        connect_to("smtp.example.com", 465, smtp.addr),
    ];
    let single = |extra: &[&str]| {
        let mut cmd = maildoctor_cmd();
        cmd.args(&base)
            .args(extra)
            .args(["--login", ECHO_USER])
            .env("MAILDOCTOR_PASSWORD", ECHOED_PW);
        run_cmd(cmd)
    };

    let json = single(&["--json", "--verbose"]);
    assert_no_echoed_password(&json.stdout, "--json");
    assert_no_echoed_password(&json.stderr, "stderr");
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    crate::support::schema::assert_document(&doc);
    // Every server did refuse, quoting the command; the reply is kept, masked.
    for p in ["imap", "pop3", "smtp"] {
        let probe = doc["probes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["endpoint"]["protocol"] == p && !x["login"].is_null())
            .unwrap_or_else(|| panic!("no {p} login: {:#}", doc["probes"]));
        let reply = probe["login"]["server_reply"].as_str().unwrap();
        assert!(reply.contains("********"), "{p}: {reply}");
        assert!(!reply.contains("{line}"), "{p}: {reply}");
    }
    let table = single(&["--verbose"]);
    assert_no_echoed_password(&table.stdout, "table");
    assert!(table.stdout.contains("********"), "{}", table.stdout);

    let mut input = tempfile::NamedTempFile::new().unwrap();
    input
        .write_all(format!("{ECHO_USER}\n").as_bytes())
        .unwrap();
    let mut pwfile = tempfile::NamedTempFile::new().unwrap();
    pwfile
        .write_all(format!("{ECHO_USER}\t{ECHOED_PW}\n").as_bytes())
        .unwrap();
    std::fs::set_permissions(pwfile.path(), std::fs::Permissions::from_mode(0o600)).unwrap();
    let mut cmd = maildoctor_cmd();
    cmd.args(&base).args([
        "--batch",
        input.path().to_str().unwrap(),
        "--password-file",
        pwfile.path().to_str().unwrap(),
    ]);
    let batch = run_cmd(cmd);
    assert_no_echoed_password(&batch.stdout, "batch NDJSON");
    assert!(batch.stdout.contains("********"), "{}", batch.stdout);
    assert_eq!(imap.login_attempts(), 3);
    assert_eq!(pop3.login_attempts(), 3);
    assert_eq!(smtp.login_attempts(), 3);
}

/// Issue 13.6a: bidi overrides and isolates, zero-width characters, the BOM and the Unicode
/// line/paragraph separators a server sends reach neither the table nor the JSON raw.
#[test]
fn bidi_and_zero_width_characters_are_escaped_in_table_and_json() {
    use crate::support::cli::{maildoctor_cmd, run_cmd};
    const TRICKY: [char; 16] = [
        '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}',
        '\u{2068}', '\u{2069}', '\u{200b}', '\u{200e}', '\u{200f}', '\u{2060}', '\u{feff}',
        '\u{2028}', '\u{2029}',
    ];
    let dns = dns();
    let greeting: String = format!("* OK {} ready\r\n", TRICKY.iter().collect::<String>());
    let caps = "* CAPABILITY IMAP4rev1 X-\u{202e}gnp.exe \u{85}\u{7f}\r\n".to_owned();
    let greeting: &'static [u8] = Box::leak(greeting.into_bytes().into_boxed_slice());
    let caps: &'static [u8] = Box::leak(caps.into_bytes().into_boxed_slice());
    let peer = HostilePeer::start(Script::ImapRaw { greeting, caps });
    let args = [
        "--resolver".to_owned(),
        dns.resolver_arg(),
        "--timeout".to_owned(),
        STEP.to_owned(),
        "--connect-to".to_owned(),
        connect_to("mail.hostile.test", 143, peer.addr),
        "--check".to_owned(),
        "imap://mail.hostile.test:143".to_owned(),
        "--verbose".to_owned(),
        "user@hostile.test".to_owned(),
    ];
    let raw_clean = |text: &str, what: &str| {
        for (i, c) in text.char_indices() {
            assert!(
                !TRICKY.contains(&c) && (c == '\n' || !c.is_control()),
                "{what}: raw {c:?} at byte {i}"
            );
        }
    };
    let table = run(&args);
    raw_clean(&table.stdout, "table");
    assert!(table.stdout.contains("\\u{202e}"), "{}", table.stdout);
    let mut cmd = maildoctor_cmd();
    cmd.arg("--json").args(&args);
    let json = run_cmd(cmd);
    raw_clean(&json.stdout, "JSON");
    // Escaped in the JSON text only: the document still says what the server sent.
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let g = doc["probes"][0]["greeting"].as_str().unwrap();
    assert!(g.contains('\u{202e}') && g.contains('\u{2028}'), "{g:?}");
}

// --- SSRF through discovery (issue 13 item 4) ---------------------------------------------

const CONFIG_PATH: &str = "/mail/config-v1.1.xml";
const WELL_KNOWN: &str = "/.well-known/autoconfig/mail/config-v1.1.xml";
const AD_PATH: &str = "/autodiscover/autodiscover.xml";

/// The source whose target starts with `prefix`.
fn source<'a>(doc: &'a serde_json::Value, prefix: &str) -> &'a serde_json::Value {
    doc["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["target"].as_str().unwrap().starts_with(prefix))
        .unwrap_or_else(|| panic!("no source {prefix}: {:#}", doc["sources"]))
}

fn detail(doc: &serde_json::Value, prefix: &str) -> String {
    source(doc, prefix)["detail"].as_str().unwrap().to_owned()
}

fn ssrf_args(dns: &TestDns, maps: &[String]) -> Vec<String> {
    let mut a = vec![
        "--resolver".to_owned(),
        dns.resolver_arg(),
        "--timeout".to_owned(),
        STEP.to_owned(),
    ];
    for m in maps {
        a.push("--connect-to".to_owned());
        a.push(m.clone());
    }
    a.push("alice@ssrf.test".to_owned());
    a
}

/// Redirects learned over plain HTTP never go to an IP literal (the issue's
/// `http://127.0.0.170:8080/admin/delete-all-users?confirm=yes`), a non-standard port or
/// another registrable domain; the victim behind each of them is never asked.
#[test]
fn plain_http_redirects_to_ip_literals_odd_ports_and_other_domains_are_refused() {
    let victim = HttpServer::start(HttpSpec::http().route("", "/", Reply::xml("<x/>")));
    let admin = format!(
        "http://127.0.0.1:{}/admin/delete-all-users?confirm=yes",
        victim.port()
    );
    let plain = HttpServer::start(
        HttpSpec::http()
            .route(
                "autoconfig.ssrf.test",
                CONFIG_PATH,
                Reply::redirect(302, &admin),
            )
            .route(
                "ssrf.test",
                WELL_KNOWN,
                Reply::redirect(301, "http://autoconfig.ssrf.test:8080/mail/config-v1.1.xml"),
            )
            .route(
                "autodiscover.ssrf.test",
                AD_PATH,
                Reply::redirect(
                    302,
                    "https://internal.evil.example/autodiscover/autodiscover.xml",
                ),
            ),
    );
    // The lab lives on loopback (the domain resolves there): only rule 2 can refuse.
    let dns = TestDns::builder()
        .zone("ssrf.test")
        .a("ssrf.test", "127.0.0.1")
        .start();
    let maps = [
        connect_to("autoconfig.ssrf.test", 80, plain.addr),
        connect_to("ssrf.test", 80, plain.addr),
        connect_to("autodiscover.ssrf.test", 80, plain.addr),
        // Were the redirects followed, these would reach the victim.
        connect_to("autoconfig.ssrf.test", 8080, victim.addr),
        connect_to("internal.evil.example", 443, victim.addr),
    ];
    let started = Instant::now();
    let (_, doc, stderr) = run_json(ssrf_args(&dns, &maps));
    assert!(started.elapsed() < LIMIT, "took {:?}", started.elapsed());
    assert!(
        plain.requests().len() >= 3,
        "{:#?}\n{stderr}",
        plain.requests()
    );
    assert!(victim.requests().is_empty(), "{:#?}", victim.requests());

    let ip = detail(&doc, "http://autoconfig.ssrf.test/");
    assert!(ip.contains("IP address 127.0.0.1"), "{ip}");
    let port = detail(&doc, "http://ssrf.test/");
    assert!(port.contains("non-standard port 8080"), "{port}");
    let other = detail(&doc, "GET http://autodiscover.ssrf.test/");
    assert!(other.contains("another domain"), "{other}");
    for prefix in [
        "http://autoconfig.ssrf.test/",
        "http://ssrf.test/",
        "GET http://autodiscover.ssrf.test/",
    ] {
        assert_eq!(source(&doc, prefix)["status"], "invalid", "{prefix}");
        assert_eq!(source(&doc, prefix)["candidates"], 0, "{prefix}");
    }
}

/// A discovery host of a domain that does not itself resolve into loopback is never asked
/// on loopback, first request or redirect; once the domain lives there (a lab), it is.
#[test]
fn discovery_hosts_on_loopback_are_asked_only_for_a_domain_that_lives_there() {
    let server = HttpServer::start(
        HttpSpec::http()
            .route(
                "autoconfig.ssrf.test",
                CONFIG_PATH,
                Reply::redirect(302, "http://config.ssrf.test/mail/config-v1.1.xml"),
            )
            .route("config.ssrf.test", CONFIG_PATH, Reply::status(404)),
    );
    // Only the port is overridden: the address still comes from DNS and is checked.
    let maps = [
        format!("autoconfig.ssrf.test:80::{}", server.port()),
        format!("config.ssrf.test:80::{}", server.port()),
    ];
    let zone = || {
        TestDns::builder()
            .zone("ssrf.test")
            .a("autoconfig.ssrf.test", "127.0.0.1")
            .a("config.ssrf.test", "127.0.0.1")
    };

    // ssrf.test itself has no address (or a public one): loopback is off limits.
    for dns in [zone().start(), zone().a("ssrf.test", "192.0.2.10").start()] {
        let (_, doc, stderr) = run_json(ssrf_args(&dns, &maps));
        assert!(server.requests().is_empty(), "{:#?}", server.requests());
        let d = detail(&doc, "http://autoconfig.ssrf.test/");
        assert!(
            d.contains("resolves to 127.0.0.1") && d.contains("SSRF guard"),
            "{d}\n{stderr}"
        );
        assert_eq!(
            source(&doc, "http://autoconfig.ssrf.test/")["status"],
            "invalid"
        );
    }

    // A lab: the domain's MX host is on loopback too, so the same requests are made.
    let dns = zone()
        .mx("ssrf.test", 10, "mx.ssrf.test")
        .a("mx.ssrf.test", "127.0.0.2")
        .start();
    let (_, doc, _) = run_json(ssrf_args(&dns, &maps));
    let hosts: Vec<String> = server.requests().into_iter().map(|r| r.host).collect();
    assert!(
        hosts.iter().any(|h| h.starts_with("autoconfig.ssrf.test")),
        "{hosts:?}"
    );
    assert!(
        hosts.iter().any(|h| h.starts_with("config.ssrf.test")),
        "{hosts:?}"
    );
    assert_eq!(
        source(&doc, "http://autoconfig.ssrf.test/")["status"],
        "not_found"
    );
}

// --- A closed stdout and signals (issue 13 item 6) ----------------------------------------

/// `--offline` input of `n` addresses in a temporary file.
fn offline_batch_input(n: usize) -> tempfile::NamedTempFile {
    use std::io::Write;
    let mut f = tempfile::NamedTempFile::new().unwrap();
    for i in 0..n {
        writeln!(f, "user{i}@gmail.com").unwrap();
    }
    f.flush().unwrap();
    f
}

/// `maildoctor … | head -c 0`, made deterministic: the read end of a real pipe is closed
/// before maildoctor writes. The run ends quietly: no "Broken pipe" error, no exit 2.
#[test]
fn a_closed_stdout_ends_the_run_quietly() {
    let input = offline_batch_input(50);
    let path = input.path().to_str().unwrap().to_owned();
    let cases: [(&str, Vec<String>); 4] = [
        (
            "json",
            vec![
                "--offline".into(),
                "--json".into(),
                "alice@gmail.com".into(),
            ],
        ),
        ("table", vec!["--offline".into(), "alice@gmail.com".into()]),
        (
            "ndjson",
            vec!["--offline".into(), "--batch".into(), path.clone()],
        ),
        (
            "csv",
            vec![
                "--offline".into(),
                "--batch".into(),
                path,
                "--format".into(),
                "csv".into(),
            ],
        ),
    ];
    for (what, args) in cases {
        for _ in 0..3 {
            let mut child = crate::support::cli::maildoctor_cmd()
                .args(&args)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            drop(child.stdout.take());
            let out = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(0), "{what}: {stderr}");
            assert!(!stderr.contains("Broken pipe"), "{what}: {stderr}");
            assert!(!stderr.contains("error"), "{what}: {stderr}");
        }
    }
}

/// SIGINT while stdout is blocked (nobody reads the pipe) and SIGTERM while running both
/// stop the batch with 130, and every line written is one complete JSON record.
#[test]
fn sigint_on_a_blocked_stdout_and_sigterm_leave_only_complete_records() {
    use std::io::Read;
    let input = offline_batch_input(3000);
    for signal in ["-INT", "-TERM"] {
        let mut child = crate::support::cli::maildoctor_cmd()
            .args(["--offline", "--batch", input.path().to_str().unwrap()])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Long enough to start and fill the pipe (64 KiB: a few dozen records), far too
        // short for 3,000 records.
        std::thread::sleep(Duration::from_millis(1500));
        let killed = std::process::Command::new("kill")
            .args([signal, &child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        std::thread::sleep(Duration::from_millis(300));
        let mut stdout = String::new();
        child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut stdout)
            .unwrap();
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(130), "{signal}: {stderr}");
        assert!(
            stdout.ends_with('\n') || stdout.is_empty(),
            "{signal}: torn last line"
        );
        let lines: Vec<&str> = stdout.lines().collect();
        for line in &lines {
            serde_json::from_str::<serde_json::Value>(line)
                .unwrap_or_else(|e| panic!("{signal}: {e}: {line}"));
        }
        assert!(
            lines.len() < 3000,
            "{signal}: not stopped ({} records)",
            lines.len()
        );
    }
}

// --- Record caps, escaped names, CNAME loops, untrusted servers (issue 13 item 6) ---------

fn plain_args(dns: &TestDns, addr: &str) -> Vec<String> {
    vec![
        "--resolver".to_owned(),
        dns.resolver_arg(),
        "--timeout".to_owned(),
        "1".to_owned(),
        addr.to_owned(),
    ]
}

/// 1,000 SRV records are not 1,000 probes: at most `srv::MAX_RECORDS` per name, the rest
/// noted; a target with escaped bytes (`\027`, `\.`) is dropped as an invalid name, never
/// probed or pasted anywhere.
#[test]
fn a_thousand_srv_records_are_capped_and_escaped_targets_dropped() {
    let mut b = TestDns::builder().zone("many.test");
    for i in 0..1000u16 {
        b = b.srv(
            "_imaps._tcp.many.test",
            10,
            i,
            993,
            &format!("imap{i}.many.test"),
        );
    }
    let escaped = [
        Name::from_labels(vec![
            b"esc\x1b[31m".to_vec(),
            b"many".to_vec(),
            b"test".to_vec(),
        ])
        .unwrap(),
        Name::from_labels(vec![b"a.b".to_vec(), b"many".to_vec(), b"test".to_vec()]).unwrap(),
    ];
    for n in escaped {
        b = b.record("_imaps._tcp.many.test", RData::SRV(SRV::new(0, 1, 993, n)));
    }
    let dns = b.start();
    let started = Instant::now();
    let (_, doc, stderr) = run_json(plain_args(&dns, "alice@many.test"));
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "took {:?}",
        started.elapsed()
    );
    let srv = source(&doc, "_imaps._tcp.many.test");
    let d = srv["detail"].as_str().unwrap();
    assert!(
        d.contains("2 record(s) ignored: the target is not a valid host name"),
        "{d}"
    );
    assert!(d.contains("992 more record(s) ignored"), "{d}\n{stderr}");
    assert_eq!(srv["candidates"], 8, "{srv:#}");
    let json = doc.to_string();
    assert!(
        !json.contains("imap500.many.test"),
        "a dropped record was used"
    );
    for c in doc["probes"].as_array().into_iter().flatten() {
        let host = c["endpoint"]["host"].as_str().unwrap_or_default();
        assert!(!host.contains('\\') && !host.starts_with("esc"), "{c:#}");
    }
    assert!(json.len() < 200_000, "report of {} bytes", json.len());
}

/// A CNAME loop is reported as a loop, not as "exists but has no IP address".
#[test]
fn a_cname_loop_is_reported_as_a_loop() {
    let dns = TestDns::builder()
        .zone("loop.test")
        .cname("imap.loop.test", "imap2.loop.test")
        .cname("imap2.loop.test", "imap.loop.test")
        .start();
    let mut args = plain_args(&dns, "alice@loop.test");
    args.splice(
        4..4,
        ["--check".to_owned(), "imaps://imap.loop.test".to_owned()],
    );
    let (_, doc, stderr) = run_json(&args);
    let finding = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["endpoint"]["host"] == "imap.loop.test")
        .unwrap_or_else(|| panic!("{stderr}\n{:#}", doc["findings"]));
    let cause = finding["cause"].as_str().unwrap();
    assert!(cause.contains("the DNS name loops"), "{finding:#}");
    assert!(!cause.contains("no IP address"), "{finding:#}");
}

/// Mail servers named by an untrusted source (here autoconfig over plain HTTP) that are
/// IP literals or `localhost` are never probed; an unusual port is noted.
#[test]
fn untrusted_sources_cannot_send_probes_to_localhost_or_ip_literals() {
    let imap = HostilePeer::start(Script::Silent);
    let config = format!(
        r#"<?xml version="1.0"?><clientConfig version="1.1"><emailProvider id="ssrf.test">
<domain>ssrf.test</domain>
<incomingServer type="imap"><hostname>127.0.0.1</hostname><port>{}</port>
<socketType>SSL</socketType><username>%EMAILADDRESS%</username></incomingServer>
<incomingServer type="pop3"><hostname>localhost</hostname><port>995</port>
<socketType>SSL</socketType><username>%EMAILADDRESS%</username></incomingServer>
<outgoingServer type="smtp"><hostname>smtp.ssrf.test</hostname><port>2525</port>
<socketType>SSL</socketType><username>%EMAILADDRESS%</username></outgoingServer>
</emailProvider></clientConfig>"#,
        imap.addr.port()
    );
    let plain = HttpServer::start(HttpSpec::http().route(
        "autoconfig.ssrf.test",
        CONFIG_PATH,
        Reply::xml(&config),
    ));
    let dns = TestDns::builder()
        .zone("ssrf.test")
        .a("ssrf.test", "127.0.0.1")
        .start();
    let maps = [connect_to("autoconfig.ssrf.test", 80, plain.addr)];
    let (_, doc, stderr) = run_json(ssrf_args(&dns, &maps));
    assert_eq!(plain.requests().len(), 1, "{stderr}");
    let d = detail(&doc, "http://autoconfig.ssrf.test/");
    assert!(d.contains("127.0.0.1 ignored: an IP address"), "{d}");
    assert!(d.contains("localhost ignored: localhost"), "{d}");
    assert!(
        d.contains("smtp.ssrf.test:2525 is not a standard mail port"),
        "{d}"
    );
    let hosts: Vec<&str> = doc["probes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["endpoint"]["host"].as_str())
        .collect();
    assert!(
        !hosts.contains(&"127.0.0.1") && !hosts.contains(&"localhost"),
        "{hosts:?}"
    );
    assert_eq!(imap.bytes_sent(), 0);
}
