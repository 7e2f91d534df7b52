//! End-to-end probe tests against scripted servers on 127.0.0.1.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::testkit::{self, Fake, HOST, Pki, map};
use super::*;
use crate::config::Limits;
use crate::model::{Protocol, Security};

const ALL: [Protocol; 3] = [Protocol::Imap, Protocol::Pop3, Protocol::Smtp];

fn ep(protocol: Protocol, security: Security, port: u16) -> Endpoint {
    Endpoint::new(protocol, HOST, port, security)
}

async fn probe_with(
    pki: &Pki,
    limits: Limits,
    protocol: Protocol,
    security: Security,
    addr: SocketAddr,
) -> ProbeResult {
    let net = testkit::net(pki.client(), vec![map(HOST, addr)], limits);
    let mut results = run(&net, vec![ep(protocol, security, addr.port())]).await;
    assert_eq!(results.len(), 1, "{results:#?}");
    let r = results.remove(0);
    assert_eq!(r.addr, Some(addr));
    r
}

async fn probe(pki: &Pki, protocol: Protocol, security: Security, addr: SocketAddr) -> ProbeResult {
    probe_with(pki, testkit::limits(), protocol, security, addr).await
}

/// The steps taken, with `true` for Ok.
fn steps(r: &ProbeResult) -> Vec<(Step, bool)> {
    r.steps
        .iter()
        .map(|s| (s.step, matches!(s.status, StepStatus::Ok)))
        .collect()
}

fn failed_at(r: &ProbeResult) -> (Step, FailureKind) {
    let (s, f) = r
        .failure()
        .unwrap_or_else(|| panic!("expected a failure: {r:#?}"));
    (s, f.kind.clone())
}

fn has(caps: &[String], word: &str) -> bool {
    caps.iter().any(|c| c == word)
}

#[tokio::test]
async fn implicit_tls_ok_for_each_protocol() {
    let pki = Pki::new("Test CA");
    let acc = pki.leaf(&[HOST]).acceptor();
    for protocol in ALL {
        let addr = Fake::tls(protocol, acc.clone()).start().await;
        let r = probe(&pki, protocol, Security::Tls, addr).await;
        assert!(r.ok(), "{r:#?}");
        assert_eq!(
            steps(&r),
            vec![
                (Step::Connect, true),
                (Step::TlsHandshake, true),
                (Step::Greeting, true),
                (Step::Capabilities, true)
            ]
        );
        let tls = r.tls.as_ref().unwrap();
        assert!(tls.verified);
        assert_eq!(tls.version, "TLSv1.3");
        assert!(tls.cipher.starts_with("TLS13_"), "{}", tls.cipher);
        assert_eq!(tls.chain.len(), 1);
        assert_eq!(tls.chain[0].dns_names, vec![HOST]);
        assert!(tls.chain[0].issuer.contains("Test CA"));
        let auth = match protocol {
            Protocol::Imap => "AUTH=PLAIN",
            Protocol::Pop3 => "SASL PLAIN",
            Protocol::Smtp => "AUTH PLAIN",
        };
        assert!(
            has(&r.capabilities, auth),
            "{protocol}: {:?}",
            r.capabilities
        );
        assert!(r.greeting.as_deref().unwrap().contains("fake") || protocol == Protocol::Smtp);
        assert!(r.capabilities_after_tls.is_empty());
    }
}

#[tokio::test]
async fn starttls_ok_for_each_protocol() {
    let pki = Pki::new("Test CA");
    let acc = pki.leaf(&[HOST]).acceptor();
    for protocol in ALL {
        let addr = Fake::starttls(protocol, acc.clone()).start().await;
        let r = probe(&pki, protocol, Security::Starttls, addr).await;
        assert!(r.ok(), "{r:#?}");
        assert_eq!(
            steps(&r),
            vec![
                (Step::Connect, true),
                (Step::Greeting, true),
                (Step::Capabilities, true),
                (Step::Starttls, true),
                (Step::TlsHandshake, true),
                (Step::CapabilitiesAfterTls, true)
            ]
        );
        let (offer, auth) = match protocol {
            Protocol::Imap => ("STARTTLS", "AUTH=PLAIN"),
            Protocol::Pop3 => ("STLS", "SASL PLAIN"),
            Protocol::Smtp => ("STARTTLS", "AUTH PLAIN"),
        };
        assert!(has(&r.capabilities, offer), "{:?}", r.capabilities);
        assert!(!has(&r.capabilities, auth), "{:?}", r.capabilities);
        assert!(
            has(&r.capabilities_after_tls, auth),
            "{:?}",
            r.capabilities_after_tls
        );
        assert!(!has(&r.capabilities_after_tls, offer));
        assert!(r.tls.as_ref().unwrap().verified);
    }
    // The SMTP greeting is multi-line; the first line is kept.
    let addr = Fake::starttls(Protocol::Smtp, acc).start().await;
    let r = probe(&pki, Protocol::Smtp, Security::Starttls, addr).await;
    assert_eq!(r.greeting.as_deref(), Some("220-mail.test ESMTP fake"));
    assert!(has(&r.capabilities, "PIPELINING"));
}

#[tokio::test]
async fn plain_security_reads_greeting_and_capabilities() {
    let pki = Pki::new("Test CA");
    let addr = Fake::plain(Protocol::Imap).start().await;
    let r = probe(&pki, Protocol::Imap, Security::None, addr).await;
    assert!(r.ok(), "{r:#?}");
    assert_eq!(
        steps(&r),
        vec![
            (Step::Connect, true),
            (Step::Greeting, true),
            (Step::Capabilities, true)
        ]
    );
    assert_eq!(r.capabilities, vec!["IMAP4rev1"]);
    assert!(r.tls.is_none());
}

#[tokio::test]
async fn starttls_not_offered_and_rejected() {
    let pki = Pki::new("Test CA");
    let acc = pki.leaf(&[HOST]).acceptor();
    for protocol in ALL {
        let mut fake = Fake::starttls(protocol, acc.clone());
        fake.advertise = false;
        let addr = fake.start().await;
        let r = probe(&pki, protocol, Security::Starttls, addr).await;
        assert_eq!(
            failed_at(&r),
            (Step::Starttls, FailureKind::StarttlsNotOffered),
            "{protocol}"
        );
        assert!(!r.capabilities.is_empty());

        let mut fake = Fake::starttls(protocol, acc.clone());
        fake.reject = true;
        let addr = fake.start().await;
        let r = probe(&pki, protocol, Security::Starttls, addr).await;
        assert_eq!(
            failed_at(&r),
            (Step::Starttls, FailureKind::StarttlsRejected),
            "{protocol}: {r:#?}"
        );
        assert!(r.tls.is_none());
    }
}

#[tokio::test]
async fn certificate_problems_are_classified() {
    let pki = Pki::new("Test CA");
    let other_ca = Pki::new("Some Other CA");
    let cases: Vec<(testkit::ServerCert, FailureKind)> = vec![
        (
            pki.leaf_valid(&[HOST], (2019, 1, 1), (2021, 1, 1)),
            FailureKind::CertExpired {
                not_after: "2021-01-01T00:00:00Z".into(),
            },
        ),
        (
            pki.leaf_valid(&[HOST], (2098, 1, 1), (2099, 1, 1)),
            FailureKind::CertNotYetValid {
                not_before: "2098-01-01T00:00:00Z".into(),
            },
        ),
        (
            pki.leaf(&["other.test", "www.other.test"]),
            FailureKind::CertNameMismatch {
                presented: vec!["other.test".into(), "www.other.test".into()],
            },
        ),
        (testkit::self_signed(&[HOST]), FailureKind::CertSelfSigned),
        (other_ca.leaf(&[HOST]), FailureKind::CertUntrusted),
    ];
    for (cert, want) in cases {
        for security in [Security::Tls, Security::Starttls] {
            let fake = match security {
                Security::Tls => Fake::tls(Protocol::Imap, cert.acceptor()),
                _ => Fake::starttls(Protocol::Imap, cert.acceptor()),
            };
            let addr = fake.start().await;
            let r = probe(&pki, Protocol::Imap, security, addr).await;
            assert_eq!(failed_at(&r), (Step::TlsHandshake, want.clone()), "{r:#?}");
            // The handshake finished, so the session and the bad chain are known.
            let tls = r.tls.as_ref().unwrap();
            assert!(!tls.verified);
            assert_eq!(tls.version, "TLSv1.3");
            assert_eq!(tls.chain.len(), 1);
            // Nothing is read over a connection whose certificate failed.
            assert_eq!(r.steps.last().unwrap().step, Step::TlsHandshake);
        }
    }
}

#[tokio::test]
async fn refused_port() {
    let pki = Pki::new("Test CA");
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    drop(l);
    let r = probe(&pki, Protocol::Smtp, Security::Starttls, addr).await;
    assert_eq!(steps(&r), vec![(Step::Connect, false)]);
    assert_eq!(failed_at(&r), (Step::Connect, FailureKind::Refused));
}

#[tokio::test]
async fn connect_timeout() {
    let pki = Pki::new("Test CA");
    let hole = testkit::blackhole().await;
    let start = Instant::now();
    let r = probe(&pki, Protocol::Imap, Security::Tls, hole.addr).await;
    let took = start.elapsed();
    assert_eq!(
        failed_at(&r),
        (Step::Connect, FailureKind::Timeout),
        "{r:#?}"
    );
    assert!(took >= Duration::from_millis(290), "{took:?}");
    assert!(took < Duration::from_millis(1500), "{took:?}");
}

#[tokio::test]
async fn silent_server_times_out_at_greeting() {
    let pki = Pki::new("Test CA");
    let addr = testkit::serve(|mut tcp| async move {
        let mut sink = Vec::new();
        let _ = tcp.read_to_end(&mut sink).await;
    })
    .await;
    let limits = Limits {
        read_timeout: Duration::from_millis(300),
        ..testkit::limits()
    };
    let start = Instant::now();
    let r = probe_with(&pki, limits, Protocol::Pop3, Security::None, addr).await;
    assert_eq!(
        failed_at(&r),
        (Step::Greeting, FailureKind::NoGreeting),
        "{r:#?}"
    );
    assert!(start.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn closed_without_greeting() {
    let pki = Pki::new("Test CA");
    let addr = testkit::serve(|tcp| async move { drop(tcp) }).await;
    let r = probe(&pki, Protocol::Smtp, Security::Starttls, addr).await;
    assert_eq!(
        failed_at(&r),
        (Step::Greeting, FailureKind::ConnectionClosed),
        "{r:#?}"
    );
}

#[tokio::test]
async fn wrong_protocol_greeting() {
    let pki = Pki::new("Test CA");
    let addr = Fake::plain(Protocol::Pop3).start().await;
    let r = probe(&pki, Protocol::Imap, Security::Starttls, addr).await;
    assert_eq!(
        failed_at(&r),
        (
            Step::Greeting,
            FailureKind::WrongProtocol {
                actual: Some(Protocol::Pop3)
            }
        )
    );
    let addr = Fake::plain(Protocol::Imap).start().await;
    let r = probe(&pki, Protocol::Smtp, Security::None, addr).await;
    assert_eq!(
        failed_at(&r),
        (
            Step::Greeting,
            FailureKind::WrongProtocol {
                actual: Some(Protocol::Imap)
            }
        )
    );
}

#[tokio::test]
async fn plaintext_server_probed_as_implicit_tls() {
    let pki = Pki::new("Test CA");
    for protocol in ALL {
        let addr = Fake::plain(protocol).start().await;
        let r = probe(&pki, protocol, Security::Tls, addr).await;
        assert_eq!(
            failed_at(&r),
            (Step::TlsHandshake, FailureKind::PlaintextOnTlsPort),
            "{r:#?}"
        );
    }
}

#[tokio::test]
async fn tls_server_probed_as_plaintext() {
    let pki = Pki::new("Test CA");
    let acc = pki.leaf(&[HOST]).acceptor();
    for security in [Security::Starttls, Security::None] {
        let addr = Fake::tls(Protocol::Imap, acc.clone()).start().await;
        let limits = Limits {
            read_timeout: Duration::from_millis(300),
            ..testkit::limits()
        };
        let r = probe_with(&pki, limits, Protocol::Imap, security, addr).await;
        assert_eq!(
            failed_at(&r),
            (Step::Greeting, FailureKind::TlsOnPlaintextPort),
            "{r:#?}"
        );
    }
    // A server that (wrongly) starts with TLS bytes is recognised at once.
    let addr = testkit::serve(|mut tcp| async move {
        let _ = tcp
            .write_all(&[0x16, 0x03, 0x03, 0x00, 0x30, 1, 2, 3])
            .await;
        tokio::time::sleep(Duration::from_secs(5)).await;
    })
    .await;
    let start = Instant::now();
    let r = probe(&pki, Protocol::Smtp, Security::Starttls, addr).await;
    assert_eq!(
        failed_at(&r),
        (Step::Greeting, FailureKind::TlsOnPlaintextPort)
    );
    assert!(start.elapsed() < Duration::from_millis(500));
}

#[tokio::test]
async fn data_injected_after_starttls_go_ahead_is_never_a_reply() {
    let pki = Pki::new("Test CA");
    let acc = pki.leaf(&[HOST]).acceptor();
    for protocol in ALL {
        let mut fake = Fake::starttls(protocol, acc.clone());
        fake.inject = true;
        let addr = fake.start().await;
        let r = probe(&pki, protocol, Security::Starttls, addr).await;
        let (step, f) = r.failure().unwrap();
        assert_eq!(
            (step, &f.kind),
            (Step::Starttls, &FailureKind::ProtocolError)
        );
        assert!(f.message.contains("after the STARTTLS go-ahead"), "{f:?}");
        assert!(r.capabilities_after_tls.is_empty());
        assert!(r.tls.is_none());
    }
}

#[tokio::test]
async fn overlong_line_and_too_many_lines() {
    let pki = Pki::new("Test CA");
    let addr = testkit::serve(|mut tcp| async move {
        let mut line = vec![b'x'; 5000];
        line.splice(0..0, b"* OK ".iter().copied());
        line.extend_from_slice(b"\r\n");
        let _ = tcp.write_all(&line).await;
        tokio::time::sleep(Duration::from_secs(5)).await;
    })
    .await;
    let r = probe(&pki, Protocol::Imap, Security::None, addr).await;
    assert_eq!(failed_at(&r), (Step::Greeting, FailureKind::ProtocolError));

    let addr = testkit::serve(|mut tcp| async move {
        let _ = tcp.write_all(b"220 hi\r\n").await;
        let mut buf = [0u8; 256];
        let _ = tcp.read(&mut buf).await;
        let mut reply = String::new();
        for i in 0..500 {
            reply += &format!("250-EXT{i}\r\n");
        }
        reply += "250 LAST\r\n";
        let _ = tcp.write_all(reply.as_bytes()).await;
        tokio::time::sleep(Duration::from_secs(5)).await;
    })
    .await;
    let r = probe(&pki, Protocol::Smtp, Security::None, addr).await;
    assert_eq!(
        failed_at(&r),
        (Step::Capabilities, FailureKind::ProtocolError)
    );
}

#[tokio::test]
async fn pop3_without_capa_and_smtp_without_ehlo() {
    let pki = Pki::new("Test CA");
    let addr = testkit::serve(|mut tcp| async move {
        let _ = tcp.write_all(b"+OK old pop\r\n").await;
        let mut buf = [0u8; 256];
        while let Ok(n) = tcp.read(&mut buf).await {
            if n == 0 {
                break;
            }
            let _ = tcp.write_all(b"-ERR what\r\n").await;
        }
    })
    .await;
    let r = probe(&pki, Protocol::Pop3, Security::Starttls, addr).await;
    assert!(r.capabilities.is_empty());
    assert_eq!(
        failed_at(&r),
        (Step::Starttls, FailureKind::StarttlsNotOffered)
    );

    let addr = testkit::serve(|mut tcp| async move {
        let _ = tcp.write_all(b"220 old smtp\r\n").await;
        let mut buf = [0u8; 256];
        while let Ok(n) = tcp.read(&mut buf).await {
            if n == 0 {
                break;
            }
            let reply: &[u8] = if buf.starts_with(b"EHLO") {
                b"502 no ESMTP\r\n"
            } else {
                b"250 hello\r\n"
            };
            let _ = tcp.write_all(reply).await;
        }
    })
    .await;
    let r = probe(&pki, Protocol::Smtp, Security::None, addr).await;
    assert!(r.ok(), "{r:#?}");
    assert!(r.capabilities.is_empty());
}

#[tokio::test]
async fn unresolvable_host_gives_one_result_without_address() {
    let pki = Pki::new("Test CA");
    // Not mapped, so it goes to the (dead) resolver.
    let net = testkit::net(pki.client(), vec![], testkit::limits());
    let endpoint = Endpoint::new(Protocol::Imap, "imap.example.com", 993, Security::Tls);
    let results = run(&net, vec![endpoint.clone()]).await;
    assert_eq!(results.len(), 1, "{results:#?}");
    let r = &results[0];
    assert_eq!(r.endpoint, endpoint);
    assert_eq!(r.addr, None);
    assert_eq!(r.steps.len(), 1);
    let (step, kind) = failed_at(r);
    assert_eq!(step, Step::Resolve);
    assert!(
        matches!(kind, FailureKind::DnsTimeout | FailureKind::DnsFailed),
        "{kind:?}"
    );
}

#[tokio::test]
async fn ten_dead_endpoints_cost_one_timeout() {
    let pki = Pki::new("Test CA");
    let hole = testkit::blackhole().await;
    let hosts: Vec<String> = (0..10).map(|i| format!("mail{i}.test")).collect();
    let overrides: Vec<_> = hosts.iter().map(|h| map(h, hole.addr)).collect();
    let endpoints: Vec<Endpoint> = hosts
        .iter()
        .map(|h| Endpoint::new(Protocol::Imap, h, 993, Security::Tls))
        .collect();
    // Also with only two probes at a time: later probes of the dead address are not retried.
    for max_concurrency in [16, 2] {
        let limits = Limits {
            max_concurrency,
            ..testkit::limits()
        };
        let net = testkit::net(pki.client(), overrides.clone(), limits);
        let start = Instant::now();
        let results = run(&net, endpoints.clone()).await;
        let took = start.elapsed();
        assert_eq!(results.len(), 10);
        for r in &results {
            assert_eq!(failed_at(r), (Step::Connect, FailureKind::Timeout));
        }
        assert!(
            took < Duration::from_millis(900),
            "{max_concurrency}: {took:?}"
        );
        let names: Vec<&str> = results.iter().map(|r| r.endpoint.host.as_str()).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted);
    }
}

#[tokio::test]
async fn run_timeout_reports_unfinished_probes() {
    let pki = Pki::new("Test CA");
    let addr = testkit::serve(|mut tcp| async move {
        let mut sink = Vec::new();
        let _ = tcp.read_to_end(&mut sink).await;
    })
    .await;
    let limits = Limits {
        read_timeout: Duration::from_secs(5),
        run_timeout: Duration::from_millis(400),
        max_concurrency: 1,
        ..testkit::limits()
    };
    let net = testkit::net(pki.client(), vec![map("", addr)], limits);
    let endpoints = vec![
        Endpoint::new(Protocol::Imap, "a.test", 143, Security::Starttls),
        Endpoint::new(Protocol::Pop3, "b.test", 110, Security::Starttls),
    ];
    let start = Instant::now();
    let results = run(&net, endpoints).await;
    assert!(start.elapsed() < Duration::from_millis(900));
    assert_eq!(results.len(), 2, "{results:#?}");
    // One was waiting for its greeting, the other for a connection slot.
    let mut seen: Vec<(Step, FailureKind)> = results.iter().map(failed_at).collect();
    seen.sort_by_key(|(s, _)| *s);
    assert_eq!(
        seen,
        vec![
            (Step::Connect, FailureKind::Timeout),
            (Step::Greeting, FailureKind::Timeout)
        ]
    );
    for r in &results {
        assert!(r.failure().unwrap().1.message.contains("run timeout"));
    }
}

#[tokio::test]
async fn names_resolve_through_dns_and_dns_failures_are_classified() {
    let pki = Pki::new("Test CA");
    let server = Fake::plain(Protocol::Pop3).start().await;
    let dns_addr = testkit::dns_server(&["pop.dns.test"], &["nx.dns.test"]).await;
    let dns = crate::dns::Dns::new(
        &crate::config::ResolverChoice::Server(dns_addr),
        Duration::from_millis(500),
    )
    .unwrap();
    let limits = testkit::limits();
    let net = Net {
        connector: crate::net::connect::Connector::new(dns.clone(), vec![], limits.connect_timeout),
        dns,
        tls: pki.client(),
        limits,
    };
    let port = server.port();
    let eps = vec![
        Endpoint::new(Protocol::Pop3, "pop.dns.test", port, Security::None),
        Endpoint::new(Protocol::Pop3, "nx.dns.test", port, Security::None),
        Endpoint::new(Protocol::Pop3, "empty.dns.test", port, Security::None),
    ];
    let results = run(&net, eps).await;
    assert_eq!(results.len(), 3, "{results:#?}");
    let by_host = |h: &str| results.iter().find(|r| r.endpoint.host == h).unwrap();
    let ok = by_host("pop.dns.test");
    assert!(ok.ok(), "{ok:#?}");
    assert_eq!(ok.addr, Some(server));
    let nx = by_host("nx.dns.test");
    assert_eq!(nx.addr, None);
    assert_eq!(failed_at(nx), (Step::Resolve, FailureKind::NxDomain));
    let empty = by_host("empty.dns.test");
    assert_eq!(failed_at(empty), (Step::Resolve, FailureKind::NoAddress));
}

#[tokio::test]
async fn tls_alert_and_close_during_handshake() {
    let pki = Pki::new("Test CA");
    // A fatal handshake_failure alert in answer to the ClientHello.
    let addr = testkit::serve(|mut tcp| async move {
        let mut buf = [0u8; 2048];
        let _ = tcp.read(&mut buf).await;
        let _ = tcp
            .write_all(&[0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28])
            .await;
        tokio::time::sleep(Duration::from_millis(500)).await;
    })
    .await;
    let r = probe(&pki, Protocol::Imap, Security::Tls, addr).await;
    let (step, f) = r.failure().unwrap();
    assert_eq!(
        (step, &f.kind),
        (Step::TlsHandshake, &FailureKind::HandshakeFailed)
    );
    assert!(f.message.contains("alert"), "{f:?}");

    let addr = testkit::serve(|mut tcp| async move {
        let mut buf = [0u8; 2048];
        let _ = tcp.read(&mut buf).await;
    })
    .await;
    let r = probe(&pki, Protocol::Smtp, Security::Tls, addr).await;
    assert_eq!(
        failed_at(&r),
        (Step::TlsHandshake, FailureKind::HandshakeFailed),
        "{r:#?}"
    );
}

#[tokio::test]
async fn tls12_server_and_tls12_certificate_failure() {
    let pki = Pki::new("Test CA");
    let addr = Fake::tls(Protocol::Smtp, pki.leaf(&[HOST]).acceptor_tls12())
        .start()
        .await;
    let r = probe(&pki, Protocol::Smtp, Security::Tls, addr).await;
    assert!(r.ok(), "{r:#?}");
    let tls = r.tls.as_ref().unwrap();
    assert_eq!(tls.version, "TLSv1.2");
    assert!(tls.cipher.starts_with("TLS_ECDHE_"), "{}", tls.cipher);

    let addr = Fake::tls(
        Protocol::Smtp,
        testkit::self_signed(&[HOST]).acceptor_tls12(),
    )
    .start()
    .await;
    let r = probe(&pki, Protocol::Smtp, Security::Tls, addr).await;
    assert_eq!(
        failed_at(&r),
        (Step::TlsHandshake, FailureKind::CertSelfSigned)
    );
    assert_eq!(r.tls.as_ref().unwrap().version, "TLSv1.2");
}

/// Hostile peers each end within their timeout with a finding: a greeting dripped one byte
/// a second (per-reply deadline, not per read), an endless line, a 100 MB banner.
#[tokio::test]
async fn drip_endless_line_and_huge_banner_end_in_time() {
    let pki = Pki::new("Test CA");
    let limits = Limits {
        read_timeout: Duration::from_millis(1200),
        ..testkit::limits()
    };
    // One byte every 300 ms: every single read succeeds well within the read timeout.
    let drip = testkit::serve(|mut tcp| async move {
        for b in b"* OK drip drip drip drip drip drip drip drip\r\n"
            .iter()
            .cycle()
        {
            if tcp.write_all(&[*b]).await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
    })
    .await;
    let start = Instant::now();
    let r = probe_with(&pki, limits.clone(), Protocol::Imap, Security::None, drip).await;
    assert_eq!(
        failed_at(&r),
        (Step::Greeting, FailureKind::Timeout),
        "{r:#?}"
    );
    assert!(
        start.elapsed() < Duration::from_millis(2500),
        "{:?}",
        start.elapsed()
    );

    // An endless line without CRLF.
    let endless = testkit::serve(|mut tcp| async move {
        let chunk = vec![b'A'; 64 * 1024];
        while tcp.write_all(&chunk).await.is_ok() {}
    })
    .await;
    let start = Instant::now();
    let r = probe_with(
        &pki,
        limits.clone(),
        Protocol::Smtp,
        Security::None,
        endless,
    )
    .await;
    assert_eq!(
        failed_at(&r),
        (Step::Greeting, FailureKind::ProtocolError),
        "{r:#?}"
    );
    assert!(start.elapsed() < Duration::from_secs(2));

    // A 100 MB multi-line SMTP banner: capped by lines, never read to the end.
    let huge = testkit::serve(|mut tcp| async move {
        let line = format!("220-{}\r\n", "x".repeat(96));
        let block = line.repeat(1024); // 100 KB
        for _ in 0..1024 {
            if tcp.write_all(block.as_bytes()).await.is_err() {
                return;
            }
        }
        let _ = tcp.write_all(b"220 end\r\n").await;
    })
    .await;
    let start = Instant::now();
    let r = probe_with(&pki, limits, Protocol::Smtp, Security::None, huge).await;
    let (step, kind) = failed_at(&r);
    assert_eq!(
        (step, kind),
        (Step::Greeting, FailureKind::ProtocolError),
        "{r:#?}"
    );
    assert!(r.failure().unwrap().1.message.contains("lines"), "{r:#?}");
    assert!(start.elapsed() < Duration::from_secs(2));
}

/// A TLS server that answers every ClientHello with a `protocol_version` alert (as a
/// TLS 1.0-only server does) is `TlsVersionTooOld`.
#[tokio::test]
async fn tls_version_too_old() {
    let pki = Pki::new("Test CA");
    let addr = testkit::serve(|mut tcp| async move {
        let mut buf = [0u8; 4096];
        let _ = tcp.read(&mut buf).await;
        // Alert record, TLS 1.0, fatal (2), protocol_version (70).
        let _ = tcp
            .write_all(&[0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x46])
            .await;
    })
    .await;
    let r = probe(&pki, Protocol::Imap, Security::Tls, addr).await;
    assert_eq!(
        failed_at(&r),
        (Step::TlsHandshake, FailureKind::TlsVersionTooOld),
        "{r:#?}"
    );
}

#[tokio::test]
async fn streamed_endpoints_are_capped_per_protocol() {
    // 100 IMAP endpoints (refused at once) and one SMTP endpoint, as a hostile document could
    // name them: at most MAX_PROBES_PER_PROTOCOL IMAP probes, the SMTP one still probed.
    let pki = Pki::new("Test CA");
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    drop(l);
    let net = testkit::net(pki.client(), vec![map(HOST, addr)], testkit::limits());
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let mut endpoints: Vec<Endpoint> = (0..100)
        .map(|i| ep(Protocol::Imap, Security::Tls, 10_000 + i))
        .collect();
    endpoints.push(ep(Protocol::Smtp, Security::Tls, 465));
    tx.send(endpoints).unwrap();
    drop(tx);
    let results = run_stream(&net, rx, &ProbeOptions::default()).await;
    let imap = results
        .iter()
        .filter(|r| r.endpoint.protocol == Protocol::Imap)
        .count();
    assert_eq!(imap, MAX_PROBES_PER_PROTOCOL, "{} IMAP probes", imap);
    assert!(
        results
            .iter()
            .any(|r| r.endpoint.protocol == Protocol::Smtp),
        "another protocol's endpoint is still probed"
    );
}
