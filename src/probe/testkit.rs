//! Test support: a test PKI (rcgen), scripted in-process mail servers on 127.0.0.1, a
//! "black hole" address whose connects time out, and a resolver that must never be used.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio_rustls::TlsAcceptor;

use crate::config::{ConnectTo, Limits, ResolverChoice};
use crate::dns::Dns;
use crate::model::Protocol;
use crate::net::Net;
use crate::net::connect::Connector;
use crate::net::tls::TlsClient;

/// The host name every test endpoint uses; `--connect-to` maps it to the local server.
pub const HOST: &str = "mail.test";

/// A resolver pointed at a local UDP port where nothing answers.
pub fn dead_dns() -> Dns {
    let sock = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let addr = sock.local_addr().unwrap();
    drop(sock);
    Dns::new(&ResolverChoice::Server(addr), Duration::from_millis(200)).unwrap()
}

/// Short limits for tests.
pub fn limits() -> Limits {
    Limits {
        connect_timeout: Duration::from_millis(300),
        read_timeout: Duration::from_millis(1500),
        dns_timeout: Duration::from_millis(200),
        run_timeout: Duration::from_secs(8),
        max_concurrency: 16,
        per_host: 4,
        max_line_len: 1024,
        max_reply_lines: 50,
    }
}

/// A `--connect-to` rule sending `host` (any port) to `addr`.
pub fn map(host: &str, addr: SocketAddr) -> ConnectTo {
    ConnectTo {
        from_host: host.to_owned(),
        from_port: 0,
        to_host: addr.ip().to_string(),
        to_port: addr.port(),
    }
}

/// A `Net` with a never-used resolver, the given overrides and TLS client.
pub fn net(tls: TlsClient, overrides: Vec<ConnectTo>, limits: Limits) -> Net {
    let dns = dead_dns();
    Net {
        connector: Connector::new(dns.clone(), overrides, limits.connect_timeout),
        dns,
        tls,
        limits,
    }
}

/// A certificate chain and its key, for a test server.
pub struct ServerCert {
    chain: Vec<CertificateDer<'static>>,
    key: PrivateKeyDer<'static>,
}

impl ServerCert {
    /// A TLS acceptor presenting this chain.
    pub fn acceptor(&self) -> TlsAcceptor {
        self.acceptor_versions(rustls::DEFAULT_VERSIONS)
    }

    /// A TLS acceptor presenting this chain, speaking only TLS 1.2.
    pub fn acceptor_tls12(&self) -> TlsAcceptor {
        self.acceptor_versions(&[&rustls::version::TLS12])
    }

    fn acceptor_versions(
        &self,
        versions: &[&'static rustls::SupportedProtocolVersion],
    ) -> TlsAcceptor {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let cfg = rustls::ServerConfig::builder_with_provider(provider)
            .with_protocol_versions(versions)
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(self.chain.clone(), self.key.clone_key())
            .unwrap();
        TlsAcceptor::from(Arc::new(cfg))
    }
}

/// A test certificate authority whose certificate is written to a PEM file.
pub struct Pki {
    ca: CertifiedIssuer<'static, KeyPair>,
    /// The CA certificate, PEM, for `TlsClient::new(Some(path))`.
    pub ca_file: tempfile::NamedTempFile,
}

fn ca_params(cn: &str) -> CertificateParams {
    let mut p = CertificateParams::new(Vec::<String>::new()).unwrap();
    p.distinguished_name.push(DnType::CommonName, cn);
    p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    p
}

fn leaf_params(names: &[&str]) -> CertificateParams {
    let mut p =
        CertificateParams::new(names.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>()).unwrap();
    p.distinguished_name
        .push(DnType::CommonName, names.first().copied().unwrap_or("leaf"));
    p
}

fn key_der(key: &KeyPair) -> PrivateKeyDer<'static> {
    PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()))
}

impl Pki {
    /// A fresh CA named `cn`.
    pub fn new(cn: &str) -> Self {
        let ca = CertifiedIssuer::self_signed(ca_params(cn), KeyPair::generate().unwrap()).unwrap();
        let ca_file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(ca_file.path(), ca.pem()).unwrap();
        Self { ca, ca_file }
    }

    /// A TLS client trusting the system store and this CA.
    pub fn client(&self) -> TlsClient {
        TlsClient::new(Some(self.ca_file.path())).unwrap()
    }

    /// A leaf for `names`, valid from 2020 to 2099.
    pub fn leaf(&self, names: &[&str]) -> ServerCert {
        self.leaf_valid(names, (2020, 1, 1), (2099, 1, 1))
    }

    /// A leaf for `names` with the given validity dates (year, month, day).
    pub fn leaf_valid(
        &self,
        names: &[&str],
        from: (i32, u8, u8),
        until: (i32, u8, u8),
    ) -> ServerCert {
        let key = KeyPair::generate().unwrap();
        let mut p = leaf_params(names);
        p.not_before = rcgen::date_time_ymd(from.0, from.1, from.2);
        p.not_after = rcgen::date_time_ymd(until.0, until.1, until.2);
        let cert = p.signed_by(&key, &self.ca).unwrap();
        ServerCert {
            chain: vec![cert.der().clone()],
            key: key_der(&key),
        }
    }
}

/// A self-signed leaf for `names`.
pub fn self_signed(names: &[&str]) -> ServerCert {
    let key = KeyPair::generate().unwrap();
    let cert = leaf_params(names).self_signed(&key).unwrap();
    ServerCert {
        chain: vec![cert.der().clone()],
        key: key_der(&key),
    }
}

/// Accepts connections on 127.0.0.1 and runs `handler` for each.
pub async fn serve<F, Fut>(handler: F) -> SocketAddr
where
    F: Fn(TcpStream) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let handler = Arc::new(handler);
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(handler(stream));
        }
    });
    addr
}

/// An address where connects time out: a listener with backlog 1 whose accept queue is
/// full, so the kernel drops further SYNs. Keep the value alive while using the address.
pub struct Blackhole {
    /// The address.
    pub addr: SocketAddr,
    _listener: TcpListener,
    _queued: Vec<TcpStream>,
}

/// Builds a [`Blackhole`], checking that a connect to it really times out.
pub async fn blackhole() -> Blackhole {
    let sock = TcpSocket::new_v4().unwrap();
    sock.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let listener = sock.listen(1).unwrap();
    let addr = listener.local_addr().unwrap();
    let mut queued = Vec::new();
    for _ in 0..64 {
        match tokio::time::timeout(Duration::from_millis(150), TcpStream::connect(addr)).await {
            Ok(Ok(s)) => queued.push(s),
            Ok(Err(e)) => panic!("filling the accept queue: {e}"),
            Err(_) => {
                return Blackhole {
                    addr,
                    _listener: listener,
                    _queued: queued,
                };
            }
        }
    }
    panic!("the accept queue never filled: connects to a full listener do not time out here");
}

/// A scripted mail server.
#[derive(Clone)]
pub struct Fake {
    /// Protocol spoken.
    pub protocol: Protocol,
    /// Implicit TLS with this acceptor.
    pub implicit: Option<TlsAcceptor>,
    /// STARTTLS support with this acceptor.
    pub starttls: Option<TlsAcceptor>,
    /// Advertise STARTTLS/STLS in the capabilities.
    pub advertise: bool,
    /// Refuse the STARTTLS command.
    pub reject: bool,
    /// Send an extra plaintext reply together with the STARTTLS go-ahead.
    pub inject: bool,
}

impl Fake {
    /// A plaintext server without STARTTLS.
    pub fn plain(protocol: Protocol) -> Self {
        Self {
            protocol,
            implicit: None,
            starttls: None,
            advertise: false,
            reject: false,
            inject: false,
        }
    }

    /// An implicit-TLS server.
    pub fn tls(protocol: Protocol, acceptor: TlsAcceptor) -> Self {
        Self {
            implicit: Some(acceptor),
            ..Self::plain(protocol)
        }
    }

    /// A plaintext server offering STARTTLS.
    pub fn starttls(protocol: Protocol, acceptor: TlsAcceptor) -> Self {
        Self {
            starttls: Some(acceptor),
            advertise: true,
            ..Self::plain(protocol)
        }
    }

    /// Starts it on 127.0.0.1.
    pub async fn start(self) -> SocketAddr {
        let fake = Arc::new(self);
        serve(move |tcp| {
            let fake = fake.clone();
            async move { fake.session(tcp).await }
        })
        .await
    }

    async fn session(&self, tcp: TcpStream) {
        if let Some(acc) = &self.implicit {
            if let Ok(tls) = acc.accept(tcp).await {
                let _ = self.dialog(tls, true).await;
            }
            return;
        }
        if let Some(raw) = self.dialog(tcp, false).await
            && let Some(acc) = &self.starttls
            && let Ok(tls) = acc.accept(raw).await
        {
            let _ = self.dialog_after_tls(tls).await;
        }
    }

    async fn dialog<S: AsyncRead + AsyncWrite + Unpin>(&self, s: S, tls: bool) -> Option<S> {
        let mut r = BufReader::new(s);
        let greeting: &[u8] = match self.protocol {
            Protocol::Imap => b"* OK [CAPABILITY IMAP4rev1 LITERAL+] fake IMAP ready\r\n",
            Protocol::Pop3 => b"+OK fake POP3 ready\r\n",
            Protocol::Smtp => b"220-mail.test ESMTP fake\r\n220 no UCE\r\n",
        };
        r.get_mut().write_all(greeting).await.ok()?;
        self.commands(r, tls).await
    }

    async fn dialog_after_tls<S: AsyncRead + AsyncWrite + Unpin>(&self, s: S) -> Option<S> {
        self.commands(BufReader::new(s), true).await
    }

    /// Answers commands; returns the raw stream after a STARTTLS go-ahead.
    async fn commands<S: AsyncRead + AsyncWrite + Unpin>(
        &self,
        mut r: BufReader<S>,
        tls: bool,
    ) -> Option<S> {
        let offer = self.advertise && !tls;
        loop {
            let mut line = String::new();
            if r.read_line(&mut line).await.ok()? == 0 {
                return None;
            }
            let line = line.trim_end().to_owned();
            let mut words = line.split_whitespace();
            let (tag, cmd) = match self.protocol {
                Protocol::Imap => (words.next().unwrap_or(""), words.next().unwrap_or("")),
                _ => ("", words.next().unwrap_or("")),
            };
            let cmd = cmd.to_ascii_uppercase();
            let mut out = String::new();
            let mut upgrade = false;
            let mut bye = false;
            match (self.protocol, cmd.as_str()) {
                (Protocol::Imap, "CAPABILITY") => {
                    out += "* CAPABILITY IMAP4rev1";
                    if offer {
                        out += " STARTTLS LOGINDISABLED";
                    }
                    if tls {
                        out += " AUTH=PLAIN";
                    }
                    out += &format!("\r\n{tag} OK done\r\n");
                }
                (Protocol::Imap, "STARTTLS") if self.reject => {
                    out += &format!("{tag} NO [UNAVAILABLE] TLS is broken today\r\n");
                }
                (Protocol::Imap, "STARTTLS") => {
                    out += &format!("{tag} OK Begin TLS negotiation now\r\n");
                    if self.inject {
                        out += "* CAPABILITY IMAP4rev1 INJECTED\r\n";
                    }
                    upgrade = true;
                }
                (Protocol::Imap, "LOGOUT") => {
                    out += &format!("* BYE\r\n{tag} OK bye\r\n");
                    bye = true;
                }
                (Protocol::Pop3, "CAPA") => {
                    out += "+OK capability list follows\r\nUSER\r\nTOP\r\n";
                    if offer {
                        out += "STLS\r\n";
                    }
                    if tls {
                        out += "SASL PLAIN\r\n";
                    }
                    out += ".\r\n";
                }
                (Protocol::Pop3, "STLS") if self.reject => out += "-ERR not now\r\n",
                (Protocol::Pop3, "STLS") => {
                    out += "+OK begin TLS\r\n";
                    if self.inject {
                        out += "+OK INJECTED\r\n";
                    }
                    upgrade = true;
                }
                (Protocol::Pop3, "QUIT") | (Protocol::Smtp, "QUIT") => {
                    out += if self.protocol == Protocol::Pop3 {
                        "+OK bye\r\n"
                    } else {
                        "221 bye\r\n"
                    };
                    bye = true;
                }
                (Protocol::Smtp, "EHLO") => {
                    out += "250-mail.test hello\r\n250-PIPELINING\r\n";
                    if offer {
                        out += "250-STARTTLS\r\n";
                    }
                    if tls {
                        out += "250-AUTH PLAIN\r\n";
                    }
                    out += "250 8BITMIME\r\n";
                }
                (Protocol::Smtp, "STARTTLS") if self.reject => {
                    out += "454 4.7.0 TLS not available due to local problem\r\n";
                }
                (Protocol::Smtp, "STARTTLS") => {
                    out += "220 2.0.0 Ready to start TLS\r\n";
                    if self.inject {
                        out += "250-mail.test\r\n250 INJECTED\r\n";
                    }
                    upgrade = true;
                }
                (Protocol::Imap, _) => out += &format!("{tag} BAD unknown\r\n"),
                (Protocol::Pop3, _) => out += "-ERR unknown\r\n",
                (Protocol::Smtp, _) => out += "500 unknown\r\n",
            }
            // One write, so injected data arrives together with the go-ahead.
            r.get_mut().write_all(out.as_bytes()).await.ok()?;
            if upgrade && self.starttls.is_some() {
                return Some(r.into_inner());
            }
            if bye {
                return None;
            }
        }
    }
}

/// A tiny authoritative DNS server on 127.0.0.1 (UDP): `A` queries for names in `a` get
/// 127.0.0.1, names in `nx` get NXDOMAIN, everything else an empty NOERROR answer.
pub async fn dns_server(a: &[&str], nx: &[&str]) -> SocketAddr {
    let sock = tokio::net::UdpSocket::bind("127.0.0.1:0").await.unwrap();
    let addr = sock.local_addr().unwrap();
    let a: Vec<String> = a.iter().map(|s| s.to_ascii_lowercase()).collect();
    let nx: Vec<String> = nx.iter().map(|s| s.to_ascii_lowercase()).collect();
    tokio::spawn(async move {
        let mut buf = [0u8; 1500];
        while let Ok((n, peer)) = sock.recv_from(&mut buf).await {
            if let Some(reply) = dns_reply(&buf[..n], &a, &nx) {
                let _ = sock.send_to(&reply, peer).await;
            }
        }
    });
    addr
}

fn dns_reply(q: &[u8], a: &[String], nx: &[String]) -> Option<Vec<u8>> {
    // Header (12 bytes), then QNAME labels, QTYPE, QCLASS (RFC 1035 §4.1).
    let mut i = 12;
    let mut labels = Vec::new();
    loop {
        let len = usize::from(*q.get(i)?);
        i += 1;
        if len == 0 {
            break;
        }
        labels.push(String::from_utf8_lossy(q.get(i..i + len)?).to_ascii_lowercase());
        i += len;
    }
    let qtype = u16::from_be_bytes([*q.get(i)?, *q.get(i + 1)?]);
    let qend = i + 4;
    let name = labels.join(".");
    let answer = qtype == 1 && a.contains(&name);
    let rcode = if nx.contains(&name) { 3 } else { 0 };
    let mut r = Vec::new();
    r.extend_from_slice(q.get(..2)?); // ID
    r.extend_from_slice(&[0x85, 0x80 | rcode]); // QR AA RD, RA, rcode
    r.extend_from_slice(&[0, 1, 0, u8::from(answer), 0, 0, 0, 0]);
    r.extend_from_slice(q.get(12..qend)?);
    if answer {
        r.extend_from_slice(&[0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 127, 0, 0, 1]);
    }
    Some(r)
}
