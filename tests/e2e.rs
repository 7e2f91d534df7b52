//! End-to-end: the real `maildoctor` binary against in-process DNS (hickory-server), TLS
//! (rcgen certificates) and scripted IMAP/POP3/SMTP peers on 127.0.0.1, reached through
//! `--resolver`, `--ca-file` and curl-style `--connect-to`. Foundation issue #3.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::cli::{connect_to, run, run_json};
use crate::support::dns::TestDns;
use crate::support::labs::healthy;
use crate::support::mail::{MailServer, MailSpec, Mode, Protocol};
use crate::support::net::{Blackhole, refused_addr};
use crate::support::pki::{Leaf, TestPki};

/// Common arguments: our resolver, our CA, short step timeouts, and the host mappings.
fn args(
    dns: &TestDns,
    pki: &TestPki,
    maps: &[(&str, u16, SocketAddr)],
    extra: &[&str],
) -> Vec<String> {
    let mut a = vec![
        "--resolver".to_owned(),
        dns.resolver_arg(),
        "--ca-file".to_owned(),
        pki.ca_pem_path().to_str().unwrap().to_owned(),
        "--timeout".to_owned(),
        "2".to_owned(),
    ];
    for (host, port, addr) in maps {
        a.push("--connect-to".to_owned());
        a.push(connect_to(host, *port, *addr));
    }
    a.extend(extra.iter().map(|s| (*s).to_owned()));
    a
}

fn server(protocol: Protocol, mode: Mode, leaf: Leaf) -> MailServer {
    MailServer::start(MailSpec::new(protocol, mode).cert(leaf))
}

fn codes(doc: &Value) -> Vec<(String, String)> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_owned(),
                f["severity"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn finding<'a>(doc: &'a Value, code: &str) -> &'a Value {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == code)
        .unwrap_or_else(|| panic!("no finding {code} in {:#}", doc["findings"]))
}

fn setting(s: &Value) -> (String, String, u64, String, bool) {
    (
        s["protocol"].as_str().unwrap().to_owned(),
        s["host"].as_str().unwrap().to_owned(),
        s["port"].as_u64().unwrap(),
        s["security"].as_str().unwrap().to_owned(),
        s["verified"].as_bool().unwrap(),
    )
}

#[test]
fn healthy_srv_domain_gives_verified_settings_and_exit_0() {
    let h = healthy();
    let (code, doc, stderr) = run_json(args(&h.dns, &h.pki, &h.maps, &["alice@example.com"]));
    assert_eq!(code, 0, "stderr: {stderr}\n{doc:#}");
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["status"], "ok");
    assert_eq!(doc["address"]["domain"], "example.com");

    let incoming: Vec<_> = doc["settings"]["incoming"]
        .as_array()
        .unwrap()
        .iter()
        .map(setting)
        .collect();
    assert_eq!(
        incoming,
        vec![
            (
                "imap".into(),
                "imap.example.com".into(),
                993,
                "tls".into(),
                true
            ),
            (
                "imap".into(),
                "imap.example.com".into(),
                143,
                "starttls".into(),
                true
            ),
        ]
    );
    assert_eq!(
        doc["settings"]["incoming"][0]["username"],
        "alice@example.com"
    );
    let outgoing: Vec<_> = doc["settings"]["outgoing"]
        .as_array()
        .unwrap()
        .iter()
        .map(setting)
        .collect();
    assert_eq!(
        outgoing[0],
        (
            "smtp".into(),
            "smtp.example.com".into(),
            465,
            "tls".into(),
            true
        )
    );
    assert_eq!(
        outgoing[1],
        (
            "smtp".into(),
            "smtp.example.com".into(),
            587,
            "starttls".into(),
            true
        )
    );

    // POP3 is declared "not offered" (two SRV records, one decision): reported once,
    // never guessed, never connected to. Without a password the account is not tested.
    assert_eq!(codes(&doc), vec![("srv.not_offered".into(), "info".into())]);
    let not_offered = finding(&doc, "srv.not_offered");
    for record in ["_pop3s._tcp.example.com", "_pop3._tcp.example.com"] {
        assert!(
            not_offered["cause"].as_str().unwrap().contains(record),
            "{not_offered:#}"
        );
    }
    assert_eq!(doc["verdict"], "reachable");
    assert_eq!(doc["status"], "ok");
    let probes = doc["probes"].as_array().unwrap();
    assert!(
        probes.iter().all(|p| p["endpoint"]["protocol"] != "pop3"),
        "{probes:#?}"
    );
    assert!(!h.dns.was_asked("pop.example.com", "A"));

    // Every source is reported, found or not.
    let sources = doc["sources"].as_array().unwrap();
    // (HTTP sources — autoconfig, Autodiscover — are counted in e2e_discovery.)
    let dns_sources = sources
        .iter()
        .filter(|s| ["provider", "srv", "mx", "guess"].contains(&s["source"].as_str().unwrap()))
        .count();
    assert_eq!(
        dns_sources, 9,
        "provider + 6 SRV + MX + guess: {sources:#?}"
    );
    assert!(h.dns.was_asked("example.com", "MX"));
    for name in [
        "_submissions",
        "_submission",
        "_imaps",
        "_imap",
        "_pop3s",
        "_pop3",
    ] {
        assert!(
            h.dns.was_asked(&format!("{name}._tcp.example.com"), "SRV"),
            "{name}"
        );
    }

    // Probes saw TLS and the servers saw STARTTLS.
    let tls = probes
        .iter()
        .find(|p| p["endpoint"]["port"] == 993)
        .and_then(|p| p["tls"].as_object())
        .expect("TLS info for 993");
    assert_eq!(tls["verified"], true);
    assert!(
        tls["version"].as_str().unwrap().starts_with("TLS"),
        "{tls:?}"
    );
    assert!(
        h.servers[1]
            .transcript()
            .iter()
            .any(|l| l.to_ascii_uppercase().ends_with("STARTTLS"))
    );
    assert!(h.servers.iter().all(|s| s.connections() >= 1));
}

#[test]
fn table_output_shows_settings_and_is_escaped() {
    let h = healthy();
    let r = run(args(&h.dns, &h.pki, &h.maps, &["alice@example.com"]));
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    // No password: the servers answer, the account was not tested (never "these settings work").
    assert!(r.stdout.starts_with("REACHABLE: "), "{}", r.stdout);
    assert!(r.stdout.contains("Settings to use"));
    assert!(r.stdout.contains("imap.example.com"));
    assert!(r.stdout.contains("SSL/TLS"));
    assert!(r.stdout.contains("--verbose shows details"), "{}", r.stdout);
    assert!(
        !r.stdout.contains('\x1b'),
        "no escape sequences with NO_COLOR"
    );
}

#[test]
fn certificate_problems_each_have_their_code() {
    let pki = TestPki::new();
    let stranger = TestPki::new(); // a CA nobody trusts
    let expired = server(
        Protocol::Imap,
        Mode::ImplicitTls,
        pki.expired(&["imap.example.com"]),
    );
    let wrong = server(
        Protocol::Pop3,
        Mode::ImplicitTls,
        pki.valid(&["other.example.net"]),
    );
    let selfsigned = server(
        Protocol::Smtp,
        Mode::ImplicitTls,
        pki.self_signed(&["smtp.example.com"]),
    );
    let untrusted = server(
        Protocol::Imap,
        Mode::Starttls { advertise: true },
        stranger.valid(&["imap2.example.com"]),
    );
    let dns = TestDns::builder()
        .zone("example.com")
        .mx("example.com", 10, "mx.example.com")
        .a("imap.example.com", "127.0.0.1")
        .a("imap2.example.com", "127.0.0.1")
        .a("pop.example.com", "127.0.0.1")
        .a("smtp.example.com", "127.0.0.1")
        .srv("_imaps._tcp.example.com", 0, 1, 993, "imap.example.com")
        .srv("_imap._tcp.example.com", 0, 1, 143, "imap2.example.com")
        .srv("_pop3s._tcp.example.com", 0, 1, 995, "pop.example.com")
        .srv(
            "_submissions._tcp.example.com",
            0,
            1,
            465,
            "smtp.example.com",
        )
        .start();
    let maps = [
        ("imap.example.com", 993, expired.addr),
        ("imap2.example.com", 143, untrusted.addr),
        ("pop.example.com", 995, wrong.addr),
        ("smtp.example.com", 465, selfsigned.addr),
    ];
    let (code, doc, stderr) = run_json(args(&dns, &pki, &maps, &["alice@example.com"]));
    assert_eq!(code, 1, "stderr: {stderr}\n{doc:#}");
    assert_eq!(doc["status"], "error");
    let got = codes(&doc);
    for want in [
        "tls.expired",
        "tls.name_mismatch",
        "tls.self_signed",
        // The stranger CA's leaf is sent alone and its issuer is not self-issued: the
        // server left out the certificate that links it to an authority.
        "tls.chain_incomplete",
    ] {
        assert!(
            got.contains(&(want.to_owned(), "error".to_owned())),
            "{want} missing in {got:?}"
        );
    }
    let mismatch = finding(&doc, "tls.name_mismatch");
    assert!(
        mismatch["cause"]
            .as_str()
            .unwrap()
            .contains("other.example.net"),
        "{mismatch}"
    );
    assert_eq!(mismatch["endpoint"]["host"], "pop.example.com");
    let chain = finding(&doc, "tls.chain_incomplete");
    let issuer = chain["params"]["cert_issuer"].as_str().unwrap();
    assert!(!issuer.is_empty(), "{chain:#}");
    assert!(
        chain["cause"].as_str().unwrap().contains(issuer),
        "{chain:#}"
    );
    assert_eq!(chain["endpoint"]["host"], "imap2.example.com");
    assert!(
        finding(&doc, "tls.expired")["cause"]
            .as_str()
            .unwrap()
            .contains("2001")
    );
    // Nothing verified, so nothing is presented as verified.
    for dir in ["incoming", "outgoing"] {
        assert!(
            doc["settings"][dir]
                .as_array()
                .unwrap()
                .iter()
                .all(|s| s["verified"] == false)
        );
    }
}

#[test]
fn starttls_not_offered_is_reported_and_never_attempted() {
    let pki = TestPki::new();
    let plain = server(
        Protocol::Imap,
        Mode::Starttls { advertise: false },
        pki.valid(&["imap.example.com"]),
    );
    let smtp = server(
        Protocol::Smtp,
        Mode::ImplicitTls,
        pki.valid(&["smtp.example.com"]),
    );
    let dns = TestDns::builder()
        .zone("example.com")
        .a("imap.example.com", "127.0.0.1")
        .a("smtp.example.com", "127.0.0.1")
        .srv("_imap._tcp.example.com", 0, 1, 143, "imap.example.com")
        .srv_not_offered("_imaps._tcp.example.com")
        .srv_not_offered("_pop3s._tcp.example.com")
        .srv(
            "_submissions._tcp.example.com",
            0,
            1,
            465,
            "smtp.example.com",
        )
        .start();
    let maps = [
        ("imap.example.com", 143, plain.addr),
        ("smtp.example.com", 465, smtp.addr),
    ];
    let (code, doc, _) = run_json(args(&dns, &pki, &maps, &["alice@example.com"]));
    assert_eq!(code, 1, "{doc:#}");
    let f = finding(&doc, "starttls.not_offered");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["endpoint"]["port"], 143);
    assert!(
        !plain
            .transcript()
            .iter()
            .any(|l| l.to_ascii_uppercase().contains("STARTTLS")),
        "STARTTLS must not be sent when not advertised: {:?}",
        plain.transcript()
    );
    assert_eq!(doc["settings"]["outgoing"][0]["verified"], true);
}

#[test]
fn missing_domain_is_one_finding_and_probes_nothing() {
    let pki = TestPki::new();
    let dns = TestDns::builder()
        .zone("example")
        .a("mail.other.example", "127.0.0.1")
        .start();
    let (code, doc, _) = run_json(args(&dns, &pki, &[], &["alice@nowhere.example"]));
    assert_eq!(code, 1);
    assert_eq!(
        codes(&doc),
        vec![("dns.domain_not_found".into(), "error".into())]
    );
    assert_eq!(doc["domain"]["state"], "not_found");
    assert!(
        doc["probes"].as_array().unwrap().is_empty(),
        "no guesses for a missing domain"
    );
    assert!(!dns.was_asked("imap.nowhere.example", "A"));
}

#[test]
fn typed_host_that_does_not_exist_points_to_the_real_one() {
    let pki = TestPki::new();
    let pop = server(
        Protocol::Pop3,
        Mode::ImplicitTls,
        pki.valid(&["pop.example.com"]),
    );
    let smtp = server(
        Protocol::Smtp,
        Mode::ImplicitTls,
        pki.valid(&["smtp.example.com"]),
    );
    let dns = TestDns::builder()
        .zone("example.com")
        .a("pop.example.com", "127.0.0.1")
        .a("smtp.example.com", "127.0.0.1")
        .srv("_pop3s._tcp.example.com", 0, 1, 995, "pop.example.com")
        .srv(
            "_submissions._tcp.example.com",
            0,
            1,
            465,
            "smtp.example.com",
        )
        .srv_not_offered("_imaps._tcp.example.com")
        .start();
    let maps = [
        ("pop.example.com", 995, pop.addr),
        ("smtp.example.com", 465, smtp.addr),
    ];
    let (code, doc, _) = run_json(args(
        &dns,
        &pki,
        &maps,
        &[
            "--check",
            "pop3s://pop3.example.com:995",
            "alice@example.com",
        ],
    ));
    assert_eq!(code, 1, "{doc:#}");
    let f = finding(&doc, "dns.host_not_found");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["endpoint"]["host"], "pop3.example.com");
    assert!(
        f["fix"].as_str().unwrap().contains("pop.example.com"),
        "{f}"
    );
    assert_eq!(
        setting(&doc["settings"]["incoming"][0]),
        (
            "pop3".into(),
            "pop.example.com".into(),
            995,
            "tls".into(),
            true
        )
    );
}

#[test]
fn domain_hosted_at_a_provider_is_detected_from_mx() {
    let pki = TestPki::new();
    let names = [
        "imap.bigprovider.example",
        "pop.bigprovider.example",
        "smtp.bigprovider.example",
    ];
    let imap = server(Protocol::Imap, Mode::ImplicitTls, pki.valid(&names));
    let pop = server(Protocol::Pop3, Mode::ImplicitTls, pki.valid(&names));
    let smtps = server(Protocol::Smtp, Mode::ImplicitTls, pki.valid(&names));
    let sub = server(
        Protocol::Smtp,
        Mode::Starttls { advertise: true },
        pki.valid(&names),
    );
    let dns = TestDns::builder()
        .zone("customer.example")
        .mx("customer.example", 10, "mx1.bigprovider.example")
        .zone("bigprovider.example")
        .a("mx1.bigprovider.example", "127.0.0.1")
        .a("imap.bigprovider.example", "127.0.0.1")
        .a("pop.bigprovider.example", "127.0.0.1")
        .a("smtp.bigprovider.example", "127.0.0.1")
        .start();
    let maps = [
        ("imap.bigprovider.example", 993, imap.addr),
        ("pop.bigprovider.example", 995, pop.addr),
        ("smtp.bigprovider.example", 465, smtps.addr),
        ("smtp.bigprovider.example", 587, sub.addr),
    ];
    // bigprovider.example is a test fixture, not part of the built-in database.
    let fixtures = crate::support::cli::fixture_providers_dir();
    let (code, doc, stderr) = run_json(args(
        &dns,
        &pki,
        &maps,
        &["--providers", &fixtures, "bob@customer.example"],
    ));
    assert_eq!(code, 0, "{stderr}\n{doc:#}");
    assert_eq!(doc["provider"]["id"], "bigprovider.example");
    assert_eq!(doc["provider"]["detected_via"], "mx");
    assert_eq!(doc["provider"]["mx_host"], "mx1.bigprovider.example");
    let first = &doc["settings"]["incoming"][0];
    assert_eq!(
        setting(first),
        (
            "imap".into(),
            "imap.bigprovider.example".into(),
            993,
            "tls".into(),
            true
        )
    );
    assert_eq!(first["sources"], serde_json::json!(["mx"]));
    assert_eq!(first["username"], "bob@customer.example");
    // The provider's settings make guessing unnecessary.
    assert!(!dns.was_asked("imap.customer.example", "A"));
}

#[test]
fn refused_and_filtered_ports_are_told_apart_within_one_timeout() {
    let pki = TestPki::new();
    let hole = Blackhole::start();
    let dns = TestDns::builder()
        .zone("example.com")
        .a("imap.example.com", "127.0.0.1")
        .a("smtp.example.com", "127.0.0.1")
        .srv_not_offered("_pop3s._tcp.example.com")
        .srv_not_offered("_pop3._tcp.example.com")
        .start();
    let maps = [
        ("imap.example.com", 993, refused_addr()),
        ("smtp.example.com", 587, hole.addr),
    ];
    let mut a = args(
        &dns,
        &pki,
        &maps,
        &[
            "--check",
            "imaps://imap.example.com",
            "--check",
            "submission://smtp.example.com",
            "alice@example.com",
        ],
    );
    let t = a.iter().position(|s| s == "--timeout").unwrap();
    a[t + 1] = "1".to_owned();
    let start = Instant::now();
    let (code, doc, _) = run_json(a);
    let elapsed = start.elapsed();
    assert_eq!(code, 1, "{doc:#}");
    let refused = finding(&doc, "net.refused");
    assert_eq!(refused["endpoint"]["port"], 993);
    let timeout = finding(&doc, "net.timeout");
    assert_eq!(timeout["endpoint"]["port"], 587);
    assert!(timeout["cause"].as_str().unwrap().contains("firewall"));
    // Discovery (DNS) and every probe run concurrently: the filtered port costs one
    // connect timeout (1 s), not one per candidate; allow generous slack for process start.
    assert!(elapsed < Duration::from_secs(5), "took {elapsed:?}");
}

#[test]
fn dns_failure_is_not_reported_as_missing_domain() {
    let pki = TestPki::new();
    let dns = TestDns::builder()
        .zone("example")
        .servfail_zone("broken.example")
        .start();
    let (code, doc, _) = run_json(args(&dns, &pki, &[], &["alice@broken.example"]));
    assert_eq!(code, 1);
    let got = codes(&doc);
    // The domain's own name servers fail: the root finding, aimed at its administrator.
    assert_eq!(
        got.first(),
        Some(&("dns.zone_failed".into(), "error".into())),
        "{got:?}"
    );
    assert_eq!(finding(&doc, "dns.zone_failed")["actor"], "domain_admin");
    assert_eq!(doc["verdict"], "broken");
    assert!(
        !got.iter().any(|(c, _)| c == "dns.domain_not_found"),
        "{got:?}"
    );
    assert!(
        finding(&doc, "dns.zone_failed")["cause"]
            .as_str()
            .unwrap()
            .contains("SERVFAIL")
    );
}

#[test]
fn extra_provider_directory_adds_a_provider() {
    let pki = TestPki::new();
    let imap = server(
        Protocol::Imap,
        Mode::ImplicitTls,
        pki.valid(&["mail.corp.example"]),
    );
    let smtp = server(
        Protocol::Smtp,
        Mode::Starttls { advertise: true },
        pki.valid(&["mail.corp.example"]),
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("corp.example.xml"),
        r#"<?xml version="1.0"?>
<clientConfig version="1.1">
  <emailProvider id="corp.example">
    <domain>corp.example</domain>
    <displayName>Corp Mail</displayName>
    <incomingServer type="imap"><hostname>mail.corp.example</hostname><port>993</port>
      <socketType>SSL</socketType><username>%EMAILLOCALPART%</username></incomingServer>
    <outgoingServer type="smtp"><hostname>mail.corp.example</hostname><port>587</port>
      <socketType>STARTTLS</socketType><username>%EMAILLOCALPART%</username></outgoingServer>
  </emailProvider>
</clientConfig>"#,
    )
    .unwrap();
    let dns = TestDns::builder()
        .zone("corp.example")
        .a("mail.corp.example", "127.0.0.1")
        .start();
    let maps = [
        ("mail.corp.example", 993, imap.addr),
        ("mail.corp.example", 587, smtp.addr),
    ];
    let dir_arg = dir.path().to_str().unwrap().to_owned();
    let (code, doc, stderr) = run_json(args(
        &dns,
        &pki,
        &maps,
        &["--providers", &dir_arg, "carol@corp.example"],
    ));
    assert_eq!(code, 0, "{stderr}\n{doc:#}");
    assert_eq!(doc["provider"]["id"], "corp.example");
    assert_eq!(doc["settings"]["incoming"][0]["username"], "carol");
    assert_eq!(doc["settings"]["outgoing"][0]["verified"], true);
}

#[test]
fn usage_errors_exit_2_with_a_clear_message() {
    let r = run(["not-an-address"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("is not an email address"), "{}", r.stderr);

    let r = run(["--json", "alice@"]);
    assert_eq!(r.code, 2);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["error"]["kind"], "usage");

    let r = run(["--check", "ftp://x", "alice@example.com"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("unknown scheme"), "{}", r.stderr);

    let r = run([
        "--ca-file",
        "/nonexistent/ca.pem",
        "--resolver",
        "127.0.0.1:9",
        "alice@example.com",
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("/nonexistent/ca.pem"), "{}", r.stderr);

    let r = run(["--help"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("Exit status"), "{}", r.stdout);
}

/// Probing overlaps the slow HTTP sources: a domain whose web hosts never answer and whose
/// SRV server is filtered costs about the slower of the two, not their sum.
#[test]
fn probes_run_while_http_sources_are_still_waiting() {
    let pki = TestPki::new();
    let hole = Blackhole::start();
    let dns = TestDns::builder()
        .zone("example.com")
        .a("example.com", "127.0.0.1")
        .a("autoconfig.example.com", "127.0.0.1")
        .a("autodiscover.example.com", "127.0.0.1")
        .a("imap.example.com", "127.0.0.1")
        .srv("_imaps._tcp.example.com", 0, 1, 993, "imap.example.com")
        .srv_not_offered("_submissions._tcp.example.com")
        .srv_not_offered("_submission._tcp.example.com")
        .srv_not_offered("_pop3s._tcp.example.com")
        .start();
    let mut a = args(
        &dns,
        &pki,
        &[("imap.example.com", 993, hole.addr)],
        &["alice@example.com"],
    );
    for port in [80, 443] {
        a.push("--connect-to".to_owned());
        a.push(format!(":{port}:{}:{}", hole.addr.ip(), hole.addr.port()));
    }
    let start = Instant::now();
    let (code, doc, _) = run_json(a);
    let total = start.elapsed();
    assert_eq!(code, 1, "{doc:#}");
    assert_eq!(finding(&doc, "net.timeout")["endpoint"]["port"], 993);
    let http_ms = doc["sources"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["target"].as_str().unwrap().starts_with("http"))
        .map(|s| s["elapsed_ms"].as_u64().unwrap())
        .max()
        .unwrap();
    let probe_ms = doc["probes"][0]["elapsed_ms"].as_u64().unwrap();
    assert!(
        probe_ms >= 1500,
        "the filtered port cost a connect timeout: {probe_ms} ms"
    );
    assert!(
        http_ms >= 1500,
        "the HTTP sources waited for their timeout: {http_ms} ms"
    );
    let sum = Duration::from_millis(http_ms + probe_ms);
    assert!(
        total + Duration::from_millis(1000) < sum,
        "total {total:?} should track the slower chain, not http {http_ms} ms + probe {probe_ms} ms"
    );
}

/// Ctrl-C stops every check at once and still prints what was found, as JSON here.
#[test]
fn ctrl_c_prints_the_partial_report() {
    use std::io::Read;
    let h = healthy();
    let hole = Blackhole::start();
    let mut a = args(
        &h.dns,
        &h.pki,
        &h.maps,
        &[
            "--json",
            "--check",
            "imaps://stuck.example.com",
            "alice@example.com",
        ],
    );
    let t = a.iter().position(|s| s == "--timeout").unwrap();
    a[t + 1] = "30".to_owned();
    a.push("--connect-to".to_owned());
    a.push(connect_to("stuck.example.com", 993, hole.addr));
    let mut cmd = crate::support::cli::maildoctor_cmd();
    cmd.args(&a)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    let sent = Instant::now();
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let mut stdout = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        sent.elapsed() < Duration::from_secs(3),
        "stopped promptly: {:?}",
        sent.elapsed()
    );
    assert_eq!(
        out.status.code(),
        Some(130),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    crate::support::schema::assert_document(&doc);
    assert_eq!(doc["interrupted"], true);
    assert_eq!(doc["findings"][0]["code"], "run.interrupted");
    // What finished before the interrupt is kept; the stuck probe says it was interrupted.
    assert_eq!(doc["settings"]["incoming"][0]["verified"], true, "{doc:#}");
    let stuck = doc["probes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["endpoint"]["host"] == "stuck.example.com")
        .unwrap();
    let last = stuck["steps"].as_array().unwrap().last().unwrap();
    assert_eq!(last["kind"], "interrupted", "{stuck:#}");
    assert!(
        !doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "net.timeout")
    );
}

/// A resolver that answers NXDOMAIN for every name (captive portal, VPN, filtering DNS):
/// qq.com is in the provider database, so the resolver is the suspect, not the domain. The
/// verdict is unverified, the provider's settings are shown unverified, and one finding
/// names the resolver by address.
#[test]
fn a_resolver_answering_nxdomain_for_everything_is_blamed_not_the_domain() {
    let pki = TestPki::new();
    // Authoritative for com. with no records: every name asked is NXDOMAIN.
    let dns = TestDns::builder().zone("com").start();
    for lang in ["en", "zh-CN"] {
        let (code, doc, stderr) =
            run_json(args(&dns, &pki, &[], &["--lang", lang, "12345678@qq.com"]));
        assert_eq!(code, 1, "{stderr}\n{doc:#}");
        assert_eq!(doc["verdict"], "unverified", "{doc:#}");
        let findings = doc["findings"].as_array().unwrap();
        assert_eq!(findings.len(), 1, "{findings:#?}");
        let f = &findings[0];
        assert_eq!(f["code"], "dns.resolver_suspect");
        assert_eq!(f["actor"], "this_computer");
        let resolver = dns.resolver_arg();
        assert_eq!(f["params"]["resolver"][0], resolver.as_str());
        assert!(f["cause"].as_str().unwrap().contains(&resolver), "{f:#}");
        assert_eq!(doc["resolver"][0], resolver.as_str());
        let inc = &doc["settings"]["incoming"][0];
        assert_eq!(inc["host"], "imap.qq.com", "{:#}", doc["settings"]);
        assert_eq!(inc["port"], 993);
        assert_eq!(inc["verified"], false);
        assert_eq!(inc["password"], "authorization_code");
        assert_eq!(doc["settings"]["outgoing"][0]["host"], "smtp.qq.com");
        assert!(!codes(&doc).iter().any(|(c, _)| c == "dns.domain_not_found"));
        if lang == "zh-CN" {
            assert!(f["cause"].as_str().unwrap().contains("QQ邮箱"), "{f:#}");
        }
    }
}

/// NXDOMAIN for an unknown domain: the resolver is asked once more for a name that always
/// exists (`discover::CANARY`). Denied too → the resolver is the suspect; answered → the
/// domain really does not exist.
#[test]
fn nxdomain_is_checked_against_a_canary_name() {
    let pki = TestPki::new();
    let lying = TestDns::builder().zone("example").zone("net").start();
    let (code, doc, stderr) = run_json(args(&lying, &pki, &[], &["alice@gone.example"]));
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        codes(&doc),
        vec![("dns.resolver_suspect".into(), "error".into())]
    );
    assert_eq!(doc["verdict"], "unverified");
    assert!(lying.was_asked("a.root-servers.net", "A"));
    let honest = TestDns::builder()
        .zone("example")
        .zone("net")
        .a("a.root-servers.net", "127.0.0.9")
        .start();
    let (code, doc, _) = run_json(args(&honest, &pki, &[], &["alice@gone.example"]));
    assert_eq!(code, 1);
    assert_eq!(
        codes(&doc),
        vec![("dns.domain_not_found".into(), "error".into())]
    );
    assert_eq!(doc["verdict"], "broken");
}
