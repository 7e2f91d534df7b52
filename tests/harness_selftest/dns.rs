//! `TestDns` answers, asked with hickory-resolver over UDP and over TCP.

use std::time::{Duration, Instant};

use hickory_resolver::TokioResolver;
use hickory_resolver::net::{DnsError, NetError};
use hickory_resolver::proto::op::ResponseCode;
use hickory_resolver::proto::rr::RecordType;

use crate::support::dns::{TestDns, Transport};

/// What one query came back with, reduced to what the tests compare.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    /// Answer records, as `TYPE rdata` text, sorted.
    Records(Vec<String>),
    /// NOERROR, no answer of that type.
    NoData,
    NxDomain,
    /// Any other response code (SERVFAIL, REFUSED…).
    Rcode(ResponseCode),
    Timeout,
    Other(String),
}

async fn ask(resolver: &TokioResolver, name: &str, rtype: RecordType) -> Outcome {
    match resolver.lookup(name, rtype).await {
        Ok(lookup) => {
            let mut v: Vec<String> = lookup
                .answers()
                .iter()
                .map(|r| format!("{} {}", r.record_type(), r.data))
                .collect();
            v.sort();
            Outcome::Records(v)
        }
        Err(e) if e.is_nx_domain() => Outcome::NxDomain,
        Err(e) if e.is_no_records_found() => Outcome::NoData,
        Err(NetError::Dns(DnsError::ResponseCode(code))) => Outcome::Rcode(code),
        Err(NetError::Timeout) => Outcome::Timeout,
        Err(e) => Outcome::Other(e.to_string()),
    }
}

fn records(v: &[&str]) -> Outcome {
    let mut v: Vec<String> = v.iter().map(|s| (*s).to_owned()).collect();
    v.sort();
    Outcome::Records(v)
}

fn example_dns() -> TestDns {
    TestDns::builder()
        .zone("example.com")
        .a("imap.example.com", "127.0.0.1")
        .a("imap.example.com", "127.0.0.2")
        .aaaa("imap.example.com", "::1")
        .mx("example.com", 10, "mx.bigprovider.example")
        .mx("example.com", 20, "mx2.bigprovider.example")
        .srv("_imaps._tcp.example.com", 0, 1, 993, "imap.example.com")
        .srv_not_offered("_pop3._tcp.example.com")
        .cname("mail.example.com", "imap.example.com")
        .txt("example.com", "v=spf1 -all")
        .zone("bigprovider.example")
        .a("mx.bigprovider.example", "127.0.0.3")
        .servfail_zone("broken.example")
        .servfail_zone("sub.example.com")
        .silent_zone("slow.example")
        .start()
}

async fn check_answers(transport: Transport) {
    let dns = example_dns();
    let r = dns.resolver(transport);
    use RecordType::*;

    assert_eq!(
        ask(&r, "imap.example.com.", A).await,
        records(&["A 127.0.0.1", "A 127.0.0.2"])
    );
    assert_eq!(
        ask(&r, "imap.example.com.", AAAA).await,
        records(&["AAAA ::1"])
    );
    assert_eq!(
        ask(&r, "example.com.", MX).await,
        records(&[
            "MX 10 mx.bigprovider.example.",
            "MX 20 mx2.bigprovider.example."
        ])
    );
    assert_eq!(
        ask(&r, "_imaps._tcp.example.com.", SRV).await,
        records(&["SRV 0 1 993 imap.example.com."])
    );
    // The "not offered" SRV: target is the root name.
    assert_eq!(
        ask(&r, "_pop3._tcp.example.com.", SRV).await,
        records(&["SRV 0 0 0 ."])
    );
    assert_eq!(
        ask(&r, "example.com.", TXT).await,
        records(&["TXT v=spf1 -all"])
    );
    // A second zone in the same server.
    assert_eq!(
        ask(&r, "mx.bigprovider.example.", A).await,
        records(&["A 127.0.0.3"])
    );
    // CNAME: hickory returns the CNAME and the in-zone target's records.
    assert_eq!(
        ask(&r, "mail.example.com.", A).await,
        records(&["A 127.0.0.1", "A 127.0.0.2", "CNAME imap.example.com."])
    );

    // NXDOMAIN: name under a served zone that does not exist.
    assert_eq!(ask(&r, "nope.example.com.", A).await, Outcome::NxDomain);
    assert_eq!(
        ask(&r, "_submission._tcp.example.com.", SRV).await,
        Outcome::NxDomain
    );
    // NODATA: the name exists, not with that type.
    assert_eq!(ask(&r, "imap.example.com.", MX).await, Outcome::NoData);
    assert_eq!(ask(&r, "example.com.", A).await, Outcome::NoData);
    // SERVFAIL zones, also one nested inside a served zone.
    assert_eq!(
        ask(&r, "broken.example.", MX).await,
        Outcome::Rcode(ResponseCode::ServFail)
    );
    assert_eq!(
        ask(&r, "imap.broken.example.", A).await,
        Outcome::Rcode(ResponseCode::ServFail)
    );
    assert_eq!(
        ask(&r, "x.sub.example.com.", A).await,
        Outcome::Rcode(ResponseCode::ServFail)
    );
    // A name in no zone at all.
    assert_eq!(
        ask(&r, "example.org.", A).await,
        Outcome::Rcode(ResponseCode::Refused)
    );

    // Every query arrived over the transport asked for, and was logged.
    let queries = dns.queries();
    assert!(queries.len() >= 16, "{queries:?}");
    assert!(
        queries.iter().all(|q| q.transport == transport),
        "{queries:?}"
    );
    assert!(dns.was_asked("_pop3._tcp.example.com", "SRV"));
    assert!(dns.was_asked("Example.COM.", "mx"));
    assert!(!dns.was_asked("example.com", "AAAA"));
}

#[tokio::test]
async fn answers_over_udp() {
    check_answers(Transport::Udp).await;
}

#[tokio::test]
async fn answers_over_tcp() {
    check_answers(Transport::Tcp).await;
}

#[tokio::test]
async fn empty_non_terminal_is_nodata() {
    // `_tcp.example.com` has no records but names below it exist (RFC 8020: NOERROR).
    let dns = example_dns();
    let r = dns.resolver(Transport::Udp);
    assert_eq!(
        ask(&r, "_tcp.example.com.", RecordType::SRV).await,
        Outcome::NoData
    );
}

#[tokio::test]
async fn silent_zone_times_out() {
    let dns = example_dns();
    for transport in [Transport::Udp, Transport::Tcp] {
        let r = dns.resolver_with_timeout(transport, Duration::from_millis(300));
        let start = Instant::now();
        assert_eq!(
            ask(&r, "imap.slow.example.", RecordType::A).await,
            Outcome::Timeout,
            "{transport:?}"
        );
        assert!(start.elapsed() >= Duration::from_millis(250));
        // The server still answers other names afterwards.
        assert_eq!(
            ask(&r, "imap.example.com.", RecordType::AAAA).await,
            records(&["AAAA ::1"])
        );
    }
    assert!(dns.was_asked("imap.slow.example", "A"));
}

#[test]
fn serves_while_the_test_thread_blocks() {
    // No runtime on the test thread: the server has its own. Query from another runtime.
    let dns = example_dns();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let out = rt.block_on(async {
        ask(
            &dns.resolver(Transport::Udp),
            "imap.example.com.",
            RecordType::AAAA,
        )
        .await
    });
    assert_eq!(out, records(&["AAAA ::1"]));
}

#[tokio::test]
async fn stops_on_drop() {
    let dns = example_dns();
    let addr = dns.addr;
    drop(dns);
    // The TCP port is closed: connecting is refused.
    let err = tokio::net::TcpStream::connect(addr).await.unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::ConnectionRefused);
}

#[tokio::test]
async fn binds_another_loopback_ip() {
    let ip: std::net::IpAddr = "127.0.0.2".parse().unwrap();
    let dns = TestDns::builder()
        .ip(ip)
        .zone("example.net")
        .a("pop.example.net", "127.0.0.9")
        .start();
    assert_eq!(dns.addr.ip(), ip);
    assert_eq!(dns.resolver_arg(), dns.addr.to_string());
    for transport in [Transport::Udp, Transport::Tcp] {
        assert_eq!(
            ask(&dns.resolver(transport), "pop.example.net.", RecordType::A).await,
            records(&["A 127.0.0.9"])
        );
    }
}

#[test]
#[should_panic(expected = "is under no zone")]
fn record_outside_zones_panics() {
    let _ = TestDns::builder()
        .zone("example.com")
        .a("imap.example.org", "127.0.0.1")
        .start();
}
