//! Ready-made labs shared by several test files.

use std::net::SocketAddr;

use super::dns::{TestDns, TestDnsBuilder};
use super::mail::{MailServer, MailSpec, Mode, Protocol};
use super::pki::TestPki;

/// A healthy domain described by SRV records: IMAP on 993 and 143, submission on 465 and
/// 587, POP3 explicitly "not offered" (`0 0 0 .`).
pub struct Healthy {
    /// DNS with the zone.
    pub dns: TestDns,
    /// The CA the servers' certificates come from.
    pub pki: TestPki,
    /// IMAP 993, IMAP 143, SMTP 465, SMTP 587, in this order.
    pub servers: Vec<MailServer>,
    /// `--connect-to` mappings of the four endpoints to the servers.
    pub maps: Vec<(&'static str, u16, SocketAddr)>,
}

/// The example.com zone of [`healthy`].
pub fn healthy_zone() -> TestDnsBuilder {
    TestDns::builder()
        .zone("example.com")
        .mx("example.com", 10, "mx.example.com")
        .a("mx.example.com", "127.0.0.1")
        .a("imap.example.com", "127.0.0.1")
        .a("smtp.example.com", "127.0.0.1")
        .srv("_imaps._tcp.example.com", 0, 1, 993, "imap.example.com")
        .srv("_imap._tcp.example.com", 0, 1, 143, "imap.example.com")
        .srv(
            "_submissions._tcp.example.com",
            0,
            1,
            465,
            "smtp.example.com",
        )
        .srv(
            "_submission._tcp.example.com",
            0,
            1,
            587,
            "smtp.example.com",
        )
        .srv_not_offered("_pop3s._tcp.example.com")
        .srv_not_offered("_pop3._tcp.example.com")
}

/// Starts the healthy lab.
pub fn healthy() -> Healthy {
    let pki = TestPki::new();
    let imap = pki.valid(&["imap.example.com"]);
    let smtp = pki.valid(&["smtp.example.com"]);
    let servers = vec![
        start(Protocol::Imap, Mode::ImplicitTls, imap.clone()),
        start(Protocol::Imap, Mode::Starttls { advertise: true }, imap),
        start(Protocol::Smtp, Mode::ImplicitTls, smtp.clone()),
        start(Protocol::Smtp, Mode::Starttls { advertise: true }, smtp),
    ];
    let maps = vec![
        ("imap.example.com", 993, servers[0].addr),
        ("imap.example.com", 143, servers[1].addr),
        ("smtp.example.com", 465, servers[2].addr),
        ("smtp.example.com", 587, servers[3].addr),
    ];
    Healthy {
        dns: healthy_zone().start(),
        pki,
        servers,
        maps,
    }
}

fn start(protocol: Protocol, mode: Mode, leaf: super::pki::Leaf) -> MailServer {
    MailServer::start(MailSpec::new(protocol, mode).cert(leaf))
}
