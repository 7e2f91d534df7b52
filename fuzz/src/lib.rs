//! Shared driver for the reply-parser fuzz targets.
//!
//! The IMAP/POP3/SMTP reply parsers are private to `maildoctor::probe::proto`; the nearest
//! public functions are the [`Dialog`] steps (greeting → capabilities → STARTTLS → quit)
//! over a [`LineConn`]. The fuzzer's bytes are what the "server" sends; whatever the client
//! writes is discarded. Every step must return `Ok` or a `Failure`, never panic.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use maildoctor::model::Protocol;
use maildoctor::probe::line::LineConn;
use maildoctor::probe::proto::Dialog;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// A peer that sends `data` (in chunks split at 0xFF bytes, to vary read boundaries) and then
/// closes; writes are accepted and dropped.
struct Peer {
    chunks: Vec<Vec<u8>>,
}

impl AsyncRead for Peer {
    fn poll_read(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if let Some(chunk) = self.chunks.first_mut() {
            let n = chunk.len().min(buf.remaining());
            buf.put_slice(&chunk[..n]);
            chunk.drain(..n);
            if chunk.is_empty() {
                self.chunks.remove(0);
            }
        }
        Poll::Ready(Ok(()))
    }
}

impl AsyncWrite for Peer {
    fn poll_write(self: Pin<&mut Self>, _: &mut Context<'_>, b: &[u8]) -> Poll<io::Result<usize>> {
        Poll::Ready(Ok(b.len()))
    }
    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }
    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

/// Runs the whole client dialogue for `protocol` against `data`.
pub fn run(protocol: Protocol, data: &[u8]) {
    let chunks = data
        .split(|b| *b == 0xFF)
        .filter(|c| !c.is_empty())
        .map(<[u8]>::to_vec)
        .collect();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let mut conn = LineConn::new(Peer { chunks }, 1024, Duration::from_secs(1));
        let mut dialog = Dialog::new(protocol, 50);
        let Ok(greeting) = dialog.greeting(&mut conn).await else {
            return;
        };
        let caps = dialog
            .capabilities(&mut conn, &greeting.capabilities)
            .await
            .unwrap_or_default();
        if dialog.offers_starttls(&caps) {
            let _ = dialog.starttls(&mut conn).await;
        }
        dialog.quit(&mut conn, Duration::from_millis(10)).await;
    });
}
