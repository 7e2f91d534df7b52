//! Addresses that fail in specific ways at the TCP level.
//!
//! * [`refused_addr`]: nothing listens there, connecting gives `ConnectionRefused` (RST).
//! * [`Blackhole`]: a listener whose accept queue is full, so the kernel drops further SYNs and
//!   connecting **times out** (verified when it starts: a probe connect must not complete
//!   within [`Blackhole::PROBE`]). Linux behaviour; the self-test checks it on this machine.
//! * A peer that accepts and never speaks: [`MailServer`](super::mail::MailServer) with
//!   [`Behaviour::Silent`](super::mail::Behaviour::Silent), or [`silent`] for short.

use std::io::ErrorKind;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpStream};
use std::sync::mpsc;
use std::time::Duration;

use super::background::Background;
use super::mail::{Behaviour, MailServer, MailSpec, Mode, Protocol};

/// A 127.0.0.1 address where nothing listens (bind port 0, then close).
///
/// Another test could in theory bind the same port in between; the kernel hands out
/// ephemeral ports round-robin, so in practice it stays free for the life of a test.
pub fn refused_addr() -> SocketAddr {
    refused_addr_on(IpAddr::V4(Ipv4Addr::LOCALHOST))
}

/// Like [`refused_addr`] on another loopback address (e.g. 127.0.0.2).
pub fn refused_addr_on(ip: IpAddr) -> SocketAddr {
    assert!(ip.is_loopback(), "loopback only, got {ip}");
    let l = std::net::TcpListener::bind((ip, 0)).expect("bind");
    l.local_addr().expect("local_addr")
}

/// A server that accepts TCP and never sends anything (plaintext, protocol irrelevant).
pub fn silent() -> MailServer {
    MailServer::start(MailSpec::new(Protocol::Imap, Mode::Plain).behaviour(Behaviour::Silent))
}

/// A TCP address where `connect()` hangs until the client gives up; stops on drop.
pub struct Blackhole {
    /// The black-holed address (127.0.0.1).
    pub addr: SocketAddr,
    _bg: Background,
}

impl std::fmt::Debug for Blackhole {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Blackhole")
            .field("addr", &self.addr)
            .finish()
    }
}

impl Blackhole {
    /// How long a probe connect must hang for the queue to count as full.
    pub const PROBE: Duration = Duration::from_millis(150);

    /// Listens with backlog 1 on 127.0.0.1:0, never accepts, and connects to itself until a
    /// connect times out (the accept queue is full: further SYNs are dropped).
    ///
    /// # Panics
    /// If the queue cannot be filled with 16 connections (a kernel that never drops SYNs).
    pub fn start() -> Self {
        let (tx, rx) = mpsc::channel();
        let bg = Background::spawn("test-blackhole", move || async move {
            let socket = tokio::net::TcpSocket::new_v4().expect("socket");
            socket
                .bind((Ipv4Addr::LOCALHOST, 0).into())
                .expect("bind blackhole");
            let listener = socket.listen(1).expect("listen(1)");
            let addr = listener.local_addr().expect("local_addr");
            // Blocking connects are fine here: nothing else runs on this thread yet.
            let mut fillers: Vec<TcpStream> = Vec::new();
            let result = loop {
                if fillers.len() >= 16 {
                    break Err(format!("accept queue of {addr} never filled"));
                }
                match TcpStream::connect_timeout(&addr, Self::PROBE) {
                    Ok(s) => fillers.push(s),
                    Err(e) if matches!(e.kind(), ErrorKind::TimedOut | ErrorKind::WouldBlock) => {
                        break Ok(addr);
                    }
                    Err(e) => break Err(format!("filling {addr}: {e}")),
                }
            };
            let _ = tx.send(result);
            // Keep the listener and the queued connections until dropped.
            std::future::pending::<()>().await;
            drop((listener, fillers));
        });
        let addr = rx
            .recv_timeout(Duration::from_secs(10))
            .expect("blackhole thread did not report")
            .unwrap_or_else(|e| panic!("Blackhole: {e}"));
        Self { addr, _bg: bg }
    }
}
