//! [`HostilePeer`]: a TCP server on 127.0.0.1 that misbehaves on purpose (issue 7, hostile
//! input): silence, one byte a second, an endless line, a 100 MB banner, garbage after a
//! STARTTLS go-ahead, invalid TLS records, terminal escape sequences in a greeting.
//!
//! Each connection runs its script until the client hangs up; the server stops on drop.
//! Bytes the peer managed to write are counted ([`HostilePeer::bytes_sent`]), so a test can
//! show that the client stopped reading long before the peer ran out.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use super::background::Background;

/// What the peer does after accepting.
#[derive(Debug, Clone)]
pub enum Script {
    /// Never sends a byte; reads and discards.
    Silent,
    /// Sends `text` one byte per second, then repeats its last byte forever.
    Trickle(&'static str),
    /// Sends `prefix`, then `x` forever without a line end.
    EndlessLine(&'static str),
    /// Sends `line` (with CRLF) again and again until `total` bytes are out (e.g. 100 MB of
    /// `220-` continuation lines).
    Flood { line: &'static str, total: u64 },
    /// IMAP: greets with STARTTLS, answers every command; to `STARTTLS` says OK and then
    /// sends `garbage` instead of a TLS handshake.
    ImapGarbageAfterStarttls(&'static [u8]),
    /// Answers the ClientHello with bytes that look like TLS records but are not valid.
    BadTlsRecords,
    /// Sends `greeting` (raw bytes, may hold control characters), then answers IMAP
    /// `CAPABILITY` with `caps` and everything else with OK.
    ImapRaw {
        greeting: &'static [u8],
        caps: &'static [u8],
    },
}

/// A misbehaving server; stops on drop.
pub struct HostilePeer {
    /// Where it listens (127.0.0.1, ephemeral port).
    pub addr: SocketAddr,
    sent: Arc<AtomicU64>,
    _bg: Background,
}

impl HostilePeer {
    /// Starts a peer running `script` for every connection.
    pub fn start(script: Script) -> Self {
        let std = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind");
        std.set_nonblocking(true).expect("nonblocking");
        let addr = std.local_addr().expect("addr");
        let sent = Arc::new(AtomicU64::new(0));
        let counter = sent.clone();
        let bg = Background::spawn("test-hostile", move || async move {
            let listener = TcpListener::from_std(std).expect("listener");
            while let Ok((tcp, _)) = listener.accept().await {
                let script = script.clone();
                let counter = counter.clone();
                tokio::spawn(async move {
                    let _ = run(script, tcp, &counter).await;
                });
            }
        });
        Self {
            addr,
            sent,
            _bg: bg,
        }
    }

    /// Bytes written to clients so far (all connections).
    pub fn bytes_sent(&self) -> u64 {
        self.sent.load(Ordering::Relaxed)
    }
}

async fn send(tcp: &mut TcpStream, data: &[u8], sent: &AtomicU64) -> std::io::Result<()> {
    tcp.write_all(data).await?;
    sent.fetch_add(data.len() as u64, Ordering::Relaxed);
    Ok(())
}

/// Reads one line (up to 4 KiB) from the client, or `None` when it hung up.
async fn read_line(tcp: &mut TcpStream) -> Option<String> {
    let mut line = Vec::new();
    let mut b = [0u8; 1];
    while line.len() < 4096 {
        match tcp.read(&mut b).await {
            Ok(1) => {
                line.push(b[0]);
                if b[0] == b'\n' {
                    break;
                }
            }
            _ => return None,
        }
    }
    Some(String::from_utf8_lossy(&line).trim_end().to_owned())
}

async fn drain(tcp: &mut TcpStream) {
    let mut buf = [0u8; 4096];
    while matches!(tcp.read(&mut buf).await, Ok(n) if n > 0) {}
}

async fn run(script: Script, mut tcp: TcpStream, sent: &AtomicU64) -> std::io::Result<()> {
    match script {
        Script::Silent => drain(&mut tcp).await,
        Script::Trickle(text) => {
            let bytes = text.as_bytes();
            let mut i = 0;
            loop {
                let b = bytes[i.min(bytes.len() - 1)];
                send(&mut tcp, &[b], sent).await?;
                i += 1;
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
        Script::EndlessLine(prefix) => {
            send(&mut tcp, prefix.as_bytes(), sent).await?;
            let chunk = [b'x'; 16 * 1024];
            loop {
                send(&mut tcp, &chunk, sent).await?;
            }
        }
        Script::Flood { line, total } => {
            let mut block = Vec::new();
            while block.len() < 64 * 1024 {
                block.extend_from_slice(line.as_bytes());
                block.extend_from_slice(b"\r\n");
            }
            let mut out = 0u64;
            while out < total {
                send(&mut tcp, &block, sent).await?;
                out += block.len() as u64;
            }
            drain(&mut tcp).await;
        }
        Script::ImapGarbageAfterStarttls(garbage) => {
            send(
                &mut tcp,
                b"* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] hostile ready\r\n",
                sent,
            )
            .await?;
            while let Some(line) = read_line(&mut tcp).await {
                let tag = line.split(' ').next().unwrap_or("*").to_owned();
                let cmd = line.split(' ').nth(1).unwrap_or("").to_ascii_uppercase();
                if cmd == "STARTTLS" {
                    let reply = format!("{tag} OK Begin TLS negotiation now\r\n");
                    send(&mut tcp, reply.as_bytes(), sent).await?;
                    send(&mut tcp, garbage, sent).await?;
                    drain(&mut tcp).await;
                    break;
                }
                let reply =
                    format!("* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED\r\n{tag} OK done\r\n");
                send(&mut tcp, reply.as_bytes(), sent).await?;
            }
        }
        Script::BadTlsRecords => {
            // Wait for the ClientHello, then answer with a handshake record whose length
            // field is impossible, followed by an unknown content type.
            let mut buf = [0u8; 4096];
            let _ = tcp.read(&mut buf).await?;
            send(&mut tcp, &[0x16, 0x03, 0x03, 0xff, 0xff, 0x02, 0x00], sent).await?;
            send(&mut tcp, &[0x99, 0x03, 0x03, 0x00, 0x04, 1, 2, 3, 4], sent).await?;
            drain(&mut tcp).await;
        }
        Script::ImapRaw { greeting, caps } => {
            send(&mut tcp, greeting, sent).await?;
            while let Some(line) = read_line(&mut tcp).await {
                let tag = line.split(' ').next().unwrap_or("*").to_owned();
                let cmd = line.split(' ').nth(1).unwrap_or("").to_ascii_uppercase();
                if cmd == "CAPABILITY" {
                    send(&mut tcp, caps, sent).await?;
                }
                let reply = format!("{tag} OK done\r\n");
                send(&mut tcp, reply.as_bytes(), sent).await?;
                if cmd == "LOGOUT" {
                    break;
                }
            }
        }
    }
    Ok(())
}
