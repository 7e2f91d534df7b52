//! Resolve and connect: host names to socket addresses (with curl-style `--connect-to`
//! overrides) and TCP connects bounded by a timeout.
//!
//! Every outcome is data: DNS answers and socket errors are classified by type
//! ([`DnsAnswer`] variants, [`std::io::ErrorKind`]) into a [`Failure`], never by message text.
//! An override only changes where we connect; TLS still verifies the certificate against the
//! original host name, exactly like curl's `--connect-to`.

use std::io;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;

use crate::config::ConnectTo;
use crate::dns::{Dns, DnsAnswer};
use crate::model::{Failure, FailureKind};
use crate::net::budget::{self, Budget, SocketPermit};

/// A TCP connection that holds its slot of the socket budget until it is dropped.
#[derive(Debug)]
pub struct TcpConn {
    stream: TcpStream,
    _permit: SocketPermit,
}

impl TcpConn {
    /// The socket.
    pub fn stream(&self) -> &TcpStream {
        &self.stream
    }
}

impl AsyncRead for TcpConn {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.stream).poll_read(cx, buf);
        if matches!(polled, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            quick_ack(&self.stream);
        }
        polled
    }
}

/// Acknowledges what was just read at once instead of after the delayed-ACK timer (Linux
/// `TCP_QUICKACK`, which the kernel turns off again by itself, hence after every read).
///
/// A TLS 1.3 server sends its session tickets right after the handshake, then its first
/// reply (the IMAP/POP3 greeting, the answer to EHLO) in a second small segment; a server
/// with Nagle's algorithm on (Postfix, Dovecot) holds that reply until the tickets are
/// acknowledged, and our delayed ACK made that take 40 ms or more on top of a round trip,
/// on every TLS probe (seen with strace at RTT 50: EHLO after STARTTLS answered 148 ms
/// after it was sent instead of 50). Errors are ignored: it is only an optimisation.
fn quick_ack(stream: &TcpStream) {
    #[cfg(target_os = "linux")]
    let _ = rustix::net::sockopt::set_tcp_quickack(stream, true);
    #[cfg(not(target_os = "linux"))]
    let _ = stream;
}

impl AsyncWrite for TcpConn {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }
}

/// TCP connector with `--connect-to` overrides.
#[derive(Debug, Clone)]
pub struct Connector {
    dns: Dns,
    overrides: Vec<ConnectTo>,
    connect_timeout: Duration,
    budget: Arc<Budget>,
}

impl Connector {
    /// Builds a connector on the process's socket budget ([`Budget::global`]).
    pub fn new(dns: Dns, overrides: Vec<ConnectTo>, connect_timeout: Duration) -> Self {
        Self {
            dns,
            overrides,
            connect_timeout,
            budget: Budget::global(),
        }
    }

    /// The resolver (the SSRF guard of [`crate::http`] looks up the address's domain).
    pub fn dns(&self) -> &Dns {
        &self.dns
    }

    /// The same connector on another socket budget.
    #[must_use]
    pub fn with_budget(mut self, budget: Arc<Budget>) -> Self {
        self.budget = budget;
        self
    }

    /// The socket budget every connection of this connector holds a slot of.
    pub fn budget(&self) -> &Arc<Budget> {
        &self.budget
    }

    /// The timeout applied to each [`Connector::connect`].
    pub fn connect_timeout(&self) -> Duration {
        self.connect_timeout
    }

    /// Where a connection to `host:port` really goes: the first matching override's target,
    /// or `host:port` itself. Host names are compared case-insensitively, without brackets
    /// or a trailing dot.
    pub fn target(&self, host: &str, port: u16) -> (String, u16) {
        let host = bare_host(host);
        for o in &self.overrides {
            let host_matches = o.from_host.is_empty() || bare_host(&o.from_host) == host;
            let port_matches = o.from_port == 0 || o.from_port == port;
            if host_matches && port_matches {
                let to_host = if o.to_host.is_empty() {
                    host
                } else {
                    bare_host(&o.to_host)
                };
                let to_port = if o.to_port == 0 { port } else { o.to_port };
                return (to_host, to_port);
            }
        }
        (host, port)
    }

    /// Resolves `host:port` to socket addresses (IPv4 first, in DNS order), after applying
    /// the overrides. An IP literal resolves to itself without DNS.
    pub async fn resolve(&self, host: &str, port: u16) -> Result<Vec<SocketAddr>, Failure> {
        let (host, port) = self.target(host, port);
        if let Ok(ip) = host.parse::<IpAddr>() {
            return Ok(vec![SocketAddr::new(ip, port)]);
        }
        match self.dns.ips(&host).await {
            DnsAnswer::Records(ips) => {
                let mut addrs: Vec<SocketAddr> = Vec::with_capacity(ips.len());
                for ip in ips {
                    let a = SocketAddr::new(ip, port);
                    if !addrs.contains(&a) {
                        addrs.push(a);
                    }
                }
                Ok(addrs)
            }
            DnsAnswer::NoRecords => Err(failure(
                FailureKind::NoAddress,
                format!("{host} has no A or AAAA record"),
            )),
            DnsAnswer::NxDomain => Err(failure(
                FailureKind::NxDomain,
                format!("{host} does not exist (NXDOMAIN)"),
            )),
            DnsAnswer::Failed(m) => Err(failure(
                FailureKind::DnsFailed,
                format!("looking up {host} failed: {m}"),
            )),
            DnsAnswer::Timeout => Err(failure(
                FailureKind::DnsTimeout,
                format!("looking up {host} timed out"),
            )),
        }
    }

    /// Opens a TCP connection to `addr` within the connect timeout, after waiting for a
    /// slot of the socket budget and of `addr`'s server (the wait is not part of the
    /// timeout). Running out of local descriptors is [`FailureKind::LocalResources`].
    pub async fn connect(&self, addr: SocketAddr) -> Result<TcpConn, Failure> {
        let permit = self.budget.connection(addr.ip()).await;
        match tokio::time::timeout(self.connect_timeout, TcpStream::connect(addr)).await {
            Err(_) => Err(failure(
                FailureKind::Timeout,
                format!(
                    "no answer from {addr} within {} ms (packets dropped, e.g. by a firewall)",
                    self.connect_timeout.as_millis()
                ),
            )),
            Ok(Ok(stream)) => {
                // Small request/response dialogue: do not let Nagle delay our commands.
                let _ = stream.set_nodelay(true);
                Ok(TcpConn {
                    stream,
                    _permit: permit,
                })
            }
            Ok(Err(e)) if budget::is_local_exhaustion(&e) => Err(failure(
                FailureKind::LocalResources,
                budget::exhaustion_message(&e),
            )),
            Ok(Err(e)) => Err(failure(
                connect_error_kind(&e),
                format!("connecting to {addr}: {e}"),
            )),
        }
    }
}

/// Classifies a connect error by its [`io::ErrorKind`].
pub fn connect_error_kind(e: &io::Error) -> FailureKind {
    if budget::is_local_exhaustion(e) {
        return FailureKind::LocalResources;
    }
    match e.kind() {
        io::ErrorKind::ConnectionRefused => FailureKind::Refused,
        io::ErrorKind::TimedOut => FailureKind::Timeout,
        io::ErrorKind::HostUnreachable
        | io::ErrorKind::NetworkUnreachable
        | io::ErrorKind::AddrNotAvailable
        | io::ErrorKind::NetworkDown => FailureKind::Unreachable,
        io::ErrorKind::ConnectionReset
        | io::ErrorKind::ConnectionAborted
        | io::ErrorKind::UnexpectedEof => FailureKind::ConnectionClosed,
        _ => FailureKind::Unreachable,
    }
}

fn failure(kind: FailureKind, message: String) -> Failure {
    Failure { kind, message }
}

/// Lowercase, without `[]` around IPv6 literals and without a trailing dot.
fn bare_host(host: &str) -> String {
    let h = host.trim();
    let h = h
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(h);
    crate::model::normalize_host(h)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::testkit::dead_dns;

    fn ct(from_host: &str, from_port: u16, to_host: &str, to_port: u16) -> ConnectTo {
        ConnectTo {
            from_host: from_host.into(),
            from_port,
            to_host: to_host.into(),
            to_port,
        }
    }

    #[tokio::test]
    async fn overrides_first_match_wins_with_wildcards() {
        let c = Connector::new(
            dead_dns(),
            vec![
                ct("imap.example.com", 993, "127.0.0.1", 10993),
                ct("IMAP.example.com.", 0, "[::1]", 0),
                ct("", 25, "", 2525),
            ],
            Duration::from_millis(300),
        );
        assert_eq!(
            c.target("imap.example.com", 993),
            ("127.0.0.1".into(), 10993)
        );
        assert_eq!(c.target("imap.example.com", 143), ("::1".into(), 143));
        assert_eq!(c.target("mx.other.org", 25), ("mx.other.org".into(), 2525));
        assert_eq!(c.target("mx.other.org", 587), ("mx.other.org".into(), 587));
        assert_eq!(
            c.resolve("imap.example.com", 993).await.unwrap(),
            vec!["127.0.0.1:10993".parse::<SocketAddr>().unwrap()]
        );
        assert_eq!(
            c.resolve("imap.example.com", 143).await.unwrap(),
            vec!["[::1]:143".parse::<SocketAddr>().unwrap()]
        );
    }

    #[tokio::test]
    async fn unmapped_name_goes_to_dns_and_its_failure_is_classified() {
        let c = Connector::new(dead_dns(), vec![], Duration::from_millis(300));
        let f = c.resolve("mail.example.com", 993).await.unwrap_err();
        assert!(
            matches!(f.kind, FailureKind::DnsTimeout | FailureKind::DnsFailed),
            "{f:?}"
        );
    }

    #[cfg(target_os = "linux")]
    #[tokio::test]
    async fn every_read_switches_quick_ack_back_on() {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = l.local_addr().unwrap();
        let server = tokio::spawn(async move {
            let (mut s, _) = l.accept().await.unwrap();
            s.write_all(b"* OK ready\r\n").await.unwrap();
            let mut b = [0u8; 1];
            let _ = s.read(&mut b).await;
        });
        let c = Connector::new(dead_dns(), vec![], Duration::from_secs(5));
        let mut conn = c.connect(addr).await.unwrap();
        // Interactive (delayed-ACK) mode, as after a request/response exchange.
        rustix::net::sockopt::set_tcp_quickack(conn.stream(), false).unwrap();
        assert!(!rustix::net::sockopt::tcp_quickack(conn.stream()).unwrap());
        let mut buf = [0u8; 64];
        let n = conn.read(&mut buf).await.unwrap();
        assert!(n > 0);
        assert!(rustix::net::sockopt::tcp_quickack(conn.stream()).unwrap());
        drop(conn);
        server.await.unwrap();
    }

    #[tokio::test]
    async fn refused_port_is_refused() {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = l.local_addr().unwrap();
        drop(l);
        let c = Connector::new(dead_dns(), vec![], Duration::from_millis(300));
        let f = c.connect(addr).await.unwrap_err();
        assert_eq!(f.kind, FailureKind::Refused, "{f:?}");
    }

    #[test]
    fn io_kinds_map_to_failure_kinds() {
        let k = |kind| connect_error_kind(&io::Error::from(kind));
        assert_eq!(k(io::ErrorKind::ConnectionRefused), FailureKind::Refused);
        assert_eq!(k(io::ErrorKind::TimedOut), FailureKind::Timeout);
        assert_eq!(k(io::ErrorKind::HostUnreachable), FailureKind::Unreachable);
        assert_eq!(
            k(io::ErrorKind::NetworkUnreachable),
            FailureKind::Unreachable
        );
    }
}
