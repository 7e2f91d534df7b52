//! A minimal line-based test client (plaintext or TLS, STARTTLS upgrade) used by the
//! self-tests; every read is bounded by a timeout so a broken server fails instead of hanging.

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use rustls::ClientConfig;
use rustls::pki_types::ServerName;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;

/// Per-read timeout.
pub const READ_TIMEOUT: Duration = Duration::from_secs(3);

pub trait Io: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Io for T {}

pub struct Client {
    io: BufReader<Box<dyn Io>>,
}

/// The rustls error inside an I/O error from tokio-rustls, if any.
pub fn rustls_error(e: io::Error) -> rustls::Error {
    match e
        .into_inner()
        .map(|inner| inner.downcast::<rustls::Error>())
    {
        Some(Ok(e)) => *e,
        other => panic!("not a rustls error: {other:?}"),
    }
}

impl Client {
    /// Plaintext connection.
    pub async fn plain(addr: SocketAddr) -> Self {
        let tcp = TcpStream::connect(addr).await.expect("connect");
        Self {
            io: BufReader::new(Box::new(tcp)),
        }
    }

    /// Implicit TLS connection verifying `sni` against `config`'s roots.
    pub async fn tls(
        addr: SocketAddr,
        config: Arc<ClientConfig>,
        sni: &str,
    ) -> Result<Self, rustls::Error> {
        let tcp = TcpStream::connect(addr).await.expect("connect");
        let s = handshake(Box::new(tcp), config, sni).await?;
        Ok(Self {
            io: BufReader::new(s),
        })
    }

    /// Upgrades the connection in place (after a STARTTLS/STLS reply).
    pub async fn starttls(
        self,
        config: Arc<ClientConfig>,
        sni: &str,
    ) -> Result<Self, rustls::Error> {
        let s = handshake(self.io.into_inner(), config, sni).await?;
        Ok(Self {
            io: BufReader::new(s),
        })
    }

    /// Sends `line` + CRLF.
    pub async fn send(&mut self, line: &str) {
        let w = self.io.get_mut();
        w.write_all(format!("{line}\r\n").as_bytes())
            .await
            .expect("write");
        w.flush().await.expect("flush");
    }

    /// Next line without CRLF; `None` at EOF. Panics after [`READ_TIMEOUT`].
    pub async fn line(&mut self) -> Option<String> {
        let mut s = String::new();
        let n = tokio::time::timeout(READ_TIMEOUT, self.io.read_line(&mut s))
            .await
            .expect("server did not answer in time")
            .expect("read");
        (n > 0).then(|| s.trim_end_matches(['\r', '\n']).to_owned())
    }

    /// Next line, which must exist.
    pub async fn expect_line(&mut self) -> String {
        self.line().await.expect("unexpected EOF")
    }

    /// Reads lines until one starting with `end_prefix` (inclusive).
    pub async fn lines_until(&mut self, end_prefix: &str) -> Vec<String> {
        let mut v = Vec::new();
        loop {
            let l = self.expect_line().await;
            let done = l.starts_with(end_prefix);
            v.push(l);
            if done {
                return v;
            }
        }
    }

    /// Sends `cmd`, returns the reply lines up to the one starting with `end_prefix`.
    pub async fn cmd(&mut self, cmd: &str, end_prefix: &str) -> Vec<String> {
        self.send(cmd).await;
        self.lines_until(end_prefix).await
    }

    /// Asserts the server closes the connection (EOF) without sending more.
    pub async fn expect_eof(&mut self) {
        assert_eq!(self.line().await, None);
    }
}

async fn handshake(
    io: Box<dyn Io>,
    config: Arc<ClientConfig>,
    sni: &str,
) -> Result<Box<dyn Io>, rustls::Error> {
    let name = ServerName::try_from(sni.to_owned()).expect("server name");
    match tokio::time::timeout(READ_TIMEOUT, TlsConnector::from(config).connect(name, io))
        .await
        .expect("TLS handshake timed out")
    {
        Ok(s) => Ok(Box::new(s)),
        Err(e) => Err(rustls_error(e)),
    }
}
