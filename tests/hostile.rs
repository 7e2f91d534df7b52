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
