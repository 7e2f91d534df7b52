//! `MailServer` dialogues, driven by a plain tokio / tokio-rustls client.

use std::io::{BufRead, BufReader, Write};
use std::net::IpAddr;
use std::time::Duration;

use rustls::{CertificateError, Error};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::client::Client;
use crate::support::mail::{Behaviour, MAX_LINE, MailServer, MailSpec, Mode, Protocol};
use crate::support::pki::TestPki;

const HOST: &str = "mail.example.com";

fn server(pki: &TestPki, protocol: Protocol, mode: Mode) -> MailServer {
    MailServer::start(MailSpec::new(protocol, mode).cert(pki.valid(&[HOST])))
}

#[tokio::test]
async fn imap_starttls_dialogue() {
    let pki = TestPki::new();
    let srv = server(&pki, Protocol::Imap, Mode::Starttls { advertise: true });
    let mut c = Client::plain(srv.addr).await;
    assert_eq!(
        c.expect_line().await,
        "* OK [CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN] maildoctor test IMAP server ready"
    );
    assert_eq!(
        c.cmd("a1 CAPABILITY", "a1 ").await,
        [
            "* CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN",
            "a1 OK CAPABILITY completed"
        ]
    );
    assert_eq!(c.cmd("a2 NOOP", "a2 ").await, ["a2 OK NOOP completed"]);
    assert_eq!(c.cmd("a3 FROB", "a3 ").await, ["a3 BAD Unknown command"]);
    assert_eq!(
        c.cmd("a4 STARTTLS", "a4 ").await,
        ["a4 OK Begin TLS negotiation now"]
    );
    let mut c = c.starttls(pki.client_config(), HOST).await.unwrap();
    assert_eq!(
        c.cmd("a5 CAPABILITY", "a5 ").await,
        [
            "* CAPABILITY IMAP4rev1 AUTH=PLAIN",
            "a5 OK CAPABILITY completed"
        ]
    );
    assert_eq!(
        c.cmd("a6 STARTTLS", "a6 ").await,
        ["a6 BAD TLS already active"]
    );
    assert_eq!(
        c.cmd("a7 LOGOUT", "a7 ").await,
        [
            "* BYE maildoctor test server logging out",
            "a7 OK LOGOUT completed"
        ]
    );
    c.expect_eof().await;
    assert_eq!(srv.connections(), 1);
    assert_eq!(srv.tls_handshakes(), 1);
    assert_eq!(
        srv.transcript(),
        [
            "a1 CAPABILITY",
            "a2 NOOP",
            "a3 FROB",
            "a4 STARTTLS",
            "a5 CAPABILITY",
            "a6 STARTTLS",
            "a7 LOGOUT"
        ]
    );
}

#[tokio::test]
async fn imap_hidden_starttls_still_works() {
    let pki = TestPki::new();
    let srv = server(&pki, Protocol::Imap, Mode::Starttls { advertise: false });
    let mut c = Client::plain(srv.addr).await;
    assert!(!c.expect_line().await.contains("STARTTLS"));
    let caps = c.cmd("a1 CAPABILITY", "a1 ").await;
    assert_eq!(caps[0], "* CAPABILITY IMAP4rev1 AUTH=PLAIN");
    assert_eq!(
        c.cmd("a2 STARTTLS", "a2 ").await,
        ["a2 OK Begin TLS negotiation now"]
    );
    let mut c = c.starttls(pki.client_config(), HOST).await.unwrap();
    assert_eq!(c.cmd("a3 NOOP", "a3 ").await, ["a3 OK NOOP completed"]);
}

#[tokio::test]
async fn imap_plain_and_rejecting_servers() {
    let srv = MailServer::start(MailSpec::new(Protocol::Imap, Mode::Plain));
    let mut c = Client::plain(srv.addr).await;
    assert!(
        c.expect_line()
            .await
            .starts_with("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN]")
    );
    assert_eq!(
        c.cmd("x STARTTLS", "x ").await,
        ["x BAD STARTTLS not supported"]
    );
    assert_eq!(c.cmd("", "* ").await, ["* BAD Missing tag or command"]);
    assert_eq!(
        c.cmd("y LOGIN u p", "y ").await,
        ["y NO [AUTHENTICATIONFAILED] Authentication failed"]
    );

    // RejectStarttls: advertised, refused; needs no certificate.
    let srv = MailServer::start(
        MailSpec::new(Protocol::Imap, Mode::Starttls { advertise: true })
            .behaviour(Behaviour::RejectStarttls),
    );
    let mut c = Client::plain(srv.addr).await;
    assert!(c.expect_line().await.contains("STARTTLS"));
    assert_eq!(
        c.cmd("a STARTTLS", "a ").await,
        ["a NO [UNAVAILABLE] STARTTLS temporarily unavailable"]
    );
    assert_eq!(srv.tls_handshakes(), 0);
}

#[tokio::test]
async fn imap_implicit_tls() {
    let pki = TestPki::new();
    let srv = server(&pki, Protocol::Imap, Mode::ImplicitTls);
    let mut c = Client::tls(srv.addr, pki.client_config(), HOST)
        .await
        .unwrap();
    assert_eq!(
        c.expect_line().await,
        "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] maildoctor test IMAP server ready"
    );
    assert_eq!(
        c.cmd("a STARTTLS", "a ").await,
        ["a BAD TLS already active"]
    );
    assert_eq!(srv.tls_handshakes(), 1);
}

#[tokio::test]
async fn pop3_stls_dialogue() {
    let pki = TestPki::new();
    let srv = server(&pki, Protocol::Pop3, Mode::Starttls { advertise: true });
    let mut c = Client::plain(srv.addr).await;
    assert_eq!(
        c.expect_line().await,
        "+OK maildoctor test POP3 server ready"
    );
    assert_eq!(
        c.cmd("CAPA", ".").await,
        [
            "+OK Capability list follows",
            "USER",
            "SASL PLAIN",
            "STLS",
            "UIDL",
            "TOP",
            "IMPLEMENTATION maildoctor-test",
            "."
        ]
    );
    assert_eq!(c.cmd("XYZZY", "-").await, ["-ERR Unknown command"]);
    assert_eq!(c.cmd("STLS", "+").await, ["+OK Begin TLS negotiation"]);
    let mut c = c.starttls(pki.client_config(), HOST).await.unwrap();
    let caps = c.cmd("capa", ".").await;
    assert!(!caps.contains(&"STLS".to_owned()), "{caps:?}");
    assert_eq!(c.cmd("STLS", "-").await, ["-ERR TLS already active"]);
    assert_eq!(
        c.cmd("QUIT", "+").await,
        ["+OK maildoctor test server signing off"]
    );
    c.expect_eof().await;
    assert_eq!(
        srv.transcript(),
        ["CAPA", "XYZZY", "STLS", "capa", "STLS", "QUIT"]
    );
}

#[tokio::test]
async fn pop3_implicit_and_plain() {
    let pki = TestPki::new();
    let srv = server(&pki, Protocol::Pop3, Mode::ImplicitTls);
    let mut c = Client::tls(srv.addr, pki.client_config(), HOST)
        .await
        .unwrap();
    assert_eq!(
        c.expect_line().await,
        "+OK maildoctor test POP3 server ready"
    );
    let caps = c.cmd("CAPA", ".").await;
    assert!(!caps.contains(&"STLS".to_owned()), "{caps:?}");

    let srv = MailServer::start(MailSpec::new(Protocol::Pop3, Mode::Plain));
    let mut c = Client::plain(srv.addr).await;
    c.expect_line().await;
    assert_eq!(c.cmd("STLS", "-").await, ["-ERR Unknown command"]);
}

#[tokio::test]
async fn smtp_starttls_dialogue() {
    let pki = TestPki::new();
    let srv = server(&pki, Protocol::Smtp, Mode::Starttls { advertise: true });
    let mut c = Client::plain(srv.addr).await;
    assert_eq!(
        c.expect_line().await,
        "220 maildoctor.test ESMTP maildoctor test server"
    );
    assert_eq!(
        c.cmd("EHLO client.example", "250 ").await,
        [
            "250-maildoctor.test greets client.example",
            "250-SIZE 35882577",
            "250-8BITMIME",
            "250-STARTTLS",
            "250-AUTH PLAIN LOGIN",
            "250 ENHANCEDSTATUSCODES"
        ]
    );
    assert_eq!(
        c.cmd("VRFY x", "5").await,
        ["500 5.5.2 Command unrecognized"]
    );
    assert_eq!(
        c.cmd("STARTTLS", "2").await,
        ["220 2.0.0 Ready to start TLS"]
    );
    let mut c = c.starttls(pki.client_config(), HOST).await.unwrap();
    let ehlo = c.cmd("EHLO client.example", "250 ").await;
    assert!(!ehlo.iter().any(|l| l.contains("STARTTLS")), "{ehlo:?}");
    assert_eq!(
        c.cmd("STARTTLS", "5").await,
        ["503 5.5.1 TLS already active"]
    );
    assert_eq!(c.cmd("QUIT", "2").await, ["221 2.0.0 Bye"]);
    c.expect_eof().await;
    assert_eq!(srv.tls_handshakes(), 1);
}

#[tokio::test]
async fn smtp_reject_plain_and_implicit() {
    let srv = MailServer::start(
        MailSpec::new(Protocol::Smtp, Mode::Starttls { advertise: true })
            .behaviour(Behaviour::RejectStarttls),
    );
    let mut c = Client::plain(srv.addr).await;
    c.expect_line().await;
    assert!(
        c.cmd("EHLO x", "250 ")
            .await
            .contains(&"250-STARTTLS".to_owned())
    );
    assert_eq!(
        c.cmd("STARTTLS", "4").await,
        ["454 4.7.0 TLS not available due to temporary reason"]
    );

    let srv =
        MailServer::start(MailSpec::new(Protocol::Smtp, Mode::Plain).capability("PIPELINING"));
    let mut c = Client::plain(srv.addr).await;
    c.expect_line().await;
    let ehlo = c.cmd("EHLO x", "250 ").await;
    assert_eq!(ehlo.last().unwrap(), "250 PIPELINING");
    assert!(!ehlo.iter().any(|l| l.contains("STARTTLS")));
    assert_eq!(
        c.cmd("STARTTLS", "5").await,
        ["502 5.5.1 Command not implemented"]
    );

    let pki = TestPki::new();
    let srv = server(&pki, Protocol::Smtp, Mode::ImplicitTls);
    let mut c = Client::tls(srv.addr, pki.client_config(), HOST)
        .await
        .unwrap();
    assert!(c.expect_line().await.starts_with("220 "));
    assert_eq!(c.cmd("HELO x", "2").await, ["250 maildoctor.test"]);
}

#[tokio::test]
async fn greeting_override_and_extra_capability() {
    let srv = MailServer::start(
        MailSpec::new(Protocol::Imap, Mode::Plain)
            .greeting("+OK POP3 server ready")
            .capability("IMAP4rev2"),
    );
    let mut c = Client::plain(srv.addr).await;
    assert_eq!(c.expect_line().await, "+OK POP3 server ready");
    // Still speaks IMAP afterwards.
    assert_eq!(
        c.cmd("a CAPABILITY", "a ").await,
        [
            "* CAPABILITY IMAP4rev1 AUTH=PLAIN IMAP4rev2",
            "a OK CAPABILITY completed"
        ]
    );
}

#[tokio::test]
async fn bad_certificate_fails_handshake_on_both_sides() {
    let pki = TestPki::new();
    let srv = MailServer::start(
        MailSpec::new(Protocol::Imap, Mode::ImplicitTls).cert(pki.expired(&[HOST])),
    );
    let err = Client::tls(srv.addr, pki.client_config(), HOST)
        .await
        .err()
        .unwrap();
    assert!(
        matches!(
            err,
            Error::InvalidCertificate(
                CertificateError::Expired | CertificateError::ExpiredContext { .. }
            )
        ),
        "{err:?}"
    );
    // The server notices the failed handshake shortly after.
    for _ in 0..100 {
        if srv.tls_failures() == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!((srv.tls_handshakes(), srv.tls_failures()), (0, 1));
}

#[tokio::test]
async fn silent_and_closing_servers() {
    let srv =
        MailServer::start(MailSpec::new(Protocol::Smtp, Mode::Plain).behaviour(Behaviour::Silent));
    let mut tcp = tokio::net::TcpStream::connect(srv.addr).await.unwrap();
    tcp.write_all(b"EHLO x\r\n").await.unwrap();
    let mut buf = [0u8; 16];
    let r = tokio::time::timeout(Duration::from_millis(300), tcp.read(&mut buf)).await;
    assert!(r.is_err(), "silent server sent {r:?}");
    assert_eq!(srv.connections(), 1);

    let srv = MailServer::start(
        MailSpec::new(Protocol::Smtp, Mode::Plain).behaviour(Behaviour::CloseImmediately),
    );
    let mut c = Client::plain(srv.addr).await;
    c.expect_eof().await;
}

#[tokio::test]
async fn overlong_line_is_refused_and_connection_closed() {
    let srv = MailServer::start(MailSpec::new(Protocol::Pop3, Mode::Plain));
    let mut c = Client::plain(srv.addr).await;
    c.expect_line().await;
    c.send(&"A".repeat(MAX_LINE + 10)).await;
    assert_eq!(c.expect_line().await, "-ERR Line too long");
    c.expect_eof().await;
    assert!(srv.transcript().is_empty());
    // Other connections are unaffected.
    let mut c = Client::plain(srv.addr).await;
    c.expect_line().await;
    assert_eq!(c.cmd("NOOP", "+").await, ["+OK"]);
}

#[tokio::test]
async fn concurrent_connections_and_other_loopback_ip() {
    let ip: IpAddr = "127.0.0.2".parse().unwrap();
    let srv = MailServer::start(MailSpec::new(Protocol::Imap, Mode::Plain).ip(ip));
    assert_eq!(srv.addr.ip(), ip);
    let mut a = Client::plain(srv.addr).await;
    let mut b = Client::plain(srv.addr).await;
    a.expect_line().await;
    b.expect_line().await;
    assert_eq!(b.cmd("b NOOP", "b ").await, ["b OK NOOP completed"]);
    assert_eq!(a.cmd("a NOOP", "a ").await, ["a OK NOOP completed"]);
    assert_eq!(srv.connections(), 2);
}

#[test]
fn serves_a_blocking_client_without_any_runtime() {
    // As when a test waits on the maildoctor child process: the server has its own thread.
    let srv = MailServer::start(MailSpec::new(Protocol::Smtp, Mode::Plain));
    let tcp = std::net::TcpStream::connect(srv.addr).unwrap();
    tcp.set_read_timeout(Some(Duration::from_secs(3))).unwrap();
    let mut r = BufReader::new(tcp.try_clone().unwrap());
    let mut w = tcp;
    let mut line = String::new();
    r.read_line(&mut line).unwrap();
    assert!(line.starts_with("220 "));
    w.write_all(b"QUIT\r\n").unwrap();
    line.clear();
    r.read_line(&mut line).unwrap();
    assert_eq!(line, "221 2.0.0 Bye\r\n");
}

#[tokio::test]
async fn stops_on_drop() {
    let srv = MailServer::start(MailSpec::new(Protocol::Imap, Mode::Plain));
    let addr = srv.addr;
    let mut open = Client::plain(addr).await;
    open.expect_line().await;
    drop(srv);
    // Listener closed, and the open connection was torn down.
    let e = tokio::net::TcpStream::connect(addr).await.unwrap_err();
    assert_eq!(e.kind(), std::io::ErrorKind::ConnectionRefused);
    open.expect_eof().await;
}

#[test]
#[should_panic(expected = "needs a certificate")]
fn tls_mode_without_certificate_panics() {
    let _ = MailServer::start(MailSpec::new(Protocol::Imap, Mode::ImplicitTls));
}
