//! A small buffered CRLF line reader/writer for the plaintext mail protocols, with a deadline
//! on every read and write and caps on line length.
//!
//! IMAP (RFC 9051 §2.2), POP3 (RFC 1939 §3) and SMTP (RFC 5321 §2.3.8) all end lines with
//! CRLF; a bare LF is tolerated. A line that begins with the bytes `16 03` is a TLS record
//! (RFC 8446 §5.1, handshake content type), reported as [`LineError::TlsRecord`] at once
//! instead of waiting for a newline that will never come.
//!
//! SECURITY (STARTTLS, RFC 3207 §5, RFC 2595 §3.1, RFC 9051 §11.1; CVE-2011-0411): bytes read
//! before the TLS handshake must never be treated as part of the encrypted session.
//! [`LineConn::into_inner`] hands the raw stream back only when nothing is buffered.
//!
//! Charsets: mail servers answer in whatever their locale uses. [`decode`] turns every line
//! into text: valid UTF-8 as is; otherwise GB18030 (a superset of GBK and GB2312, used by
//! QQ Mail, NetEase and other Chinese servers), then Big5, then the Cyrillic single-byte
//! charsets (windows-1251, KOI8-R), then windows-1252 (ISO-8859-1) as the last resort.
//! A multi-byte candidate is taken only when it decodes without a single error and yields
//! CJK text without private-use characters; bytes no charset explains are replaced (U+FFFD).
//! The output layers escape controls and hostile characters as before.

use std::io;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::time::Instant;

use super::scrub::Scrubber;

const CHUNK: usize = 4096;
/// Most transcript lines kept per probe.
pub const MAX_TRANSCRIPT_LINES: usize = 400;
/// Longest transcript line kept, in characters.
const MAX_TRANSCRIPT_CHARS: usize = 300;

/// Text of one server line (or IMAP literal): UTF-8 when valid, otherwise the legacy
/// charset that explains the bytes (see the module docs); never fails.
pub fn decode(bytes: &[u8]) -> String {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_owned();
    }
    for enc in [encoding_rs::GB18030, encoding_rs::BIG5]
        .into_iter()
        .filter(|_| looks_multibyte(bytes))
    {
        if let Some(s) = enc.decode_without_bom_handling_and_without_replacement(bytes)
            && s.chars().any(is_cjk)
            && !s.chars().any(|c| ('\u{E000}'..='\u{F8FF}').contains(&c))
        {
            return s.into_owned();
        }
    }
    if let Some(enc) = cyrillic(bytes) {
        return enc.decode_without_bom_handling(bytes).0.into_owned();
    }
    encoding_rs::WINDOWS_1252
        .decode_without_bom_handling(bytes)
        .0
        .into_owned()
}

/// CJK text comes in runs of high bytes, or outweighs the ASCII letters; a Latin-1 word
/// has single high bytes between ASCII letters (`Ung\xfcltig`), which GB18030 and Big5
/// would also accept as a character.
fn looks_multibyte(bytes: &[u8]) -> bool {
    let (mut run, mut longest) = (0usize, 0usize);
    for b in bytes {
        run = if *b >= 0x80 { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let high = bytes.iter().filter(|b| **b >= 0x80).count();
    let letters = bytes.iter().filter(|b| b.is_ascii_alphabetic()).count();
    longest >= 3 || high * 2 >= letters
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{3400}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}')
}

/// windows-1251 or KOI8-R when the bytes look like Cyrillic words: most letters are high
/// bytes (0xC0–0xFF, the letter block of both charsets). Russian text is mostly lower
/// case, which is 0xE0–0xFF in windows-1251 and 0xC0–0xDF in KOI8-R.
fn cyrillic(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let ascii_letters = bytes.iter().filter(|b| b.is_ascii_alphabetic()).count();
    let low = bytes.iter().filter(|b| (0xC0..=0xDF).contains(*b)).count();
    let high = bytes.iter().filter(|b| **b >= 0xE0).count();
    if low + high < 4 || (low + high) * 2 < ascii_letters {
        return None;
    }
    Some(if high >= low {
        encoding_rs::WINDOWS_1251
    } else {
        encoding_rs::KOI8_R
    })
}

/// A shared, capped dialogue record (`C: …` / `S: …`). Credentials are never written to it:
/// [`LineConn::write_secret_line`] records a masked form instead.
#[derive(Debug, Clone, Default)]
pub struct Transcript(Arc<Mutex<Vec<String>>>);

impl Transcript {
    /// Appends one line (capped in length and count).
    pub fn push(&self, line: String) {
        let mut v = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if v.len() < MAX_TRANSCRIPT_LINES {
            v.push(line.chars().take(MAX_TRANSCRIPT_CHARS).collect());
        } else if v.len() == MAX_TRANSCRIPT_LINES {
            v.push("… (transcript truncated)".to_owned());
        }
    }

    /// The lines so far.
    pub fn lines(&self) -> Vec<String> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

/// Why a line could not be read or written.
#[derive(Debug)]
pub enum LineError {
    /// Nothing (or no complete line) arrived before the deadline.
    Timeout,
    /// The peer closed the connection (EOF); `partial` is true if a line had begun.
    Closed {
        /// Bytes of an unfinished line were pending.
        partial: bool,
    },
    /// A line exceeded the length cap.
    TooLong(usize),
    /// The data starts with a TLS record header (`16 03`).
    TlsRecord,
    /// A transport error (including TLS errors surfaced as I/O errors).
    Io(io::Error),
}

/// Buffered line I/O over a byte stream.
#[derive(Debug)]
pub struct LineConn<S> {
    io: S,
    buf: Vec<u8>,
    max_line: usize,
    timeout: Duration,
    transcript: Option<Transcript>,
    /// Removes the password from what the server says, once `armed`.
    scrubber: Option<Arc<Scrubber>>,
    /// A credential was written: every line read from now on is scrubbed.
    armed: bool,
}

impl<S: AsyncRead + AsyncWrite + Unpin> LineConn<S> {
    /// Wraps `io`; lines longer than `max_line` bytes are errors, every read and write is
    /// bounded by `timeout`.
    pub fn new(io: S, max_line: usize, timeout: Duration) -> Self {
        Self {
            io,
            buf: Vec::new(),
            max_line: max_line.max(1),
            timeout,
            transcript: None,
            scrubber: None,
            armed: false,
        }
    }

    /// Scrubs every line read after the first [`LineConn::write_secret_line`] with
    /// `scrubber`, before it is recorded or returned: the single point where server bytes
    /// become text on a connection that has seen the password.
    pub fn with_scrubber(mut self, scrubber: Option<Arc<Scrubber>>) -> Self {
        self.scrubber = scrubber;
        self
    }

    /// `text` with the password removed when this connection has carried it; unchanged
    /// otherwise. For text assembled from several reads (IMAP literals).
    pub fn scrub(&self, text: String) -> String {
        match &self.scrubber {
            Some(s) if self.armed => s.scrub(&text),
            _ => text,
        }
    }

    /// Records every line read and written (secrets masked) into `t`.
    pub fn with_transcript(mut self, t: Option<Transcript>) -> Self {
        self.transcript = t;
        self
    }

    /// Adds a note (e.g. `-- TLS handshake`) to the transcript, if one is kept.
    pub fn note(&self, text: &str) {
        if let Some(t) = &self.transcript {
            t.push(format!("-- {text}"));
        }
    }

    /// The per-operation timeout.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// Reads one line (without its CRLF) within the read timeout.
    pub async fn read_line(&mut self) -> Result<String, LineError> {
        let deadline = Instant::now() + self.timeout;
        self.read_line_until(deadline).await
    }

    /// Reads one line (without its CRLF) before `deadline`, decoded with [`decode`].
    pub async fn read_line_until(&mut self, deadline: Instant) -> Result<String, LineError> {
        loop {
            if self.buf.len() >= 2 && self.buf[0] == 0x16 && self.buf[1] == 0x03 {
                return Err(LineError::TlsRecord);
            }
            if let Some(nl) = self.buf.iter().position(|&b| b == b'\n') {
                if nl > self.max_line {
                    return Err(LineError::TooLong(self.max_line));
                }
                let mut line: Vec<u8> = self.buf.drain(..=nl).collect();
                line.pop();
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                let line = self.scrub(decode(&line));
                if let Some(t) = &self.transcript {
                    t.push(format!("S: {line}"));
                }
                return Ok(line);
            }
            if self.buf.len() > self.max_line {
                return Err(LineError::TooLong(self.max_line));
            }
            let n = self.fill(deadline).await?;
            if n == 0 {
                return Err(LineError::Closed {
                    partial: !self.buf.is_empty(),
                });
            }
        }
    }

    async fn fill(&mut self, deadline: Instant) -> Result<usize, LineError> {
        let mut chunk = [0u8; CHUNK];
        match tokio::time::timeout_at(deadline, self.io.read(&mut chunk)).await {
            Err(_) => Err(LineError::Timeout),
            Ok(Err(e)) => Err(LineError::Io(e)),
            Ok(Ok(n)) => {
                self.buf.extend_from_slice(&chunk[..n]);
                Ok(n)
            }
        }
    }

    /// Reads exactly `n` raw bytes (an IMAP literal, RFC 9051 §4.3) before `deadline`.
    /// `n` above the line cap is refused without reading.
    pub async fn read_bytes_until(
        &mut self,
        n: usize,
        deadline: Instant,
    ) -> Result<Vec<u8>, LineError> {
        if n > self.max_line {
            return Err(LineError::TooLong(self.max_line));
        }
        while self.buf.len() < n {
            if self.fill(deadline).await? == 0 {
                return Err(LineError::Closed { partial: true });
            }
        }
        let bytes: Vec<u8> = self.buf.drain(..n).collect();
        if let Some(t) = &self.transcript {
            t.push(format!("S: {{literal: {n} bytes}}"));
        }
        Ok(bytes)
    }

    /// Writes `line` followed by CRLF and flushes, within the timeout.
    pub async fn write_line(&mut self, line: &str) -> Result<(), LineError> {
        if let Some(t) = &self.transcript {
            t.push(format!("C: {line}"));
        }
        self.write_line_unrecorded(line).await
    }

    /// Writes a line that carries a credential; the transcript gets `shown` instead.
    pub async fn write_secret_line(&mut self, line: &str, shown: &str) -> Result<(), LineError> {
        self.armed = true;
        if let Some(t) = &self.transcript {
            t.push(format!("C: {shown}"));
        }
        self.write_line_unrecorded(line).await
    }

    async fn write_line_unrecorded(&mut self, line: &str) -> Result<(), LineError> {
        let mut data = Vec::with_capacity(line.len() + 2);
        data.extend_from_slice(line.as_bytes());
        data.extend_from_slice(b"\r\n");
        self.write_raw(&data).await
    }

    /// Writes raw bytes and flushes, within the timeout.
    pub async fn write_raw(&mut self, data: &[u8]) -> Result<(), LineError> {
        let io = &mut self.io;
        let fut = async move {
            io.write_all(data).await?;
            io.flush().await
        };
        match tokio::time::timeout(self.timeout, fut).await {
            Err(_) => Err(LineError::Timeout),
            Ok(Err(e)) => Err(LineError::Io(e)),
            Ok(Ok(())) => Ok(()),
        }
    }

    /// Reads whatever arrives (at most one chunk) before `timeout`, bypassing line framing:
    /// used to look at the first bytes of an answer. Empty on timeout or EOF.
    pub async fn read_some(&mut self, timeout: Duration) -> Vec<u8> {
        if !self.buf.is_empty() {
            return std::mem::take(&mut self.buf);
        }
        let deadline = Instant::now() + timeout;
        match self.fill(deadline).await {
            Ok(_) => std::mem::take(&mut self.buf),
            Err(_) => Vec::new(),
        }
    }

    /// Bytes received but not yet consumed as lines.
    pub fn buffered(&self) -> usize {
        self.buf.len()
    }

    /// Shuts the write side down (sending TLS close_notify on TLS streams), within the timeout.
    pub async fn shutdown(&mut self, timeout: Duration) {
        let _ = tokio::time::timeout(timeout, self.io.shutdown()).await;
    }

    /// Returns the raw stream for a TLS upgrade, only if nothing is buffered; otherwise the
    /// number of stray bytes the server sent ahead of the handshake (the stream is dropped).
    pub fn into_inner(self) -> Result<S, usize> {
        if self.buf.is_empty() {
            Ok(self.io)
        } else {
            Err(self.buf.len())
        }
    }

    /// The transcript sink, to hand on to the connection after a TLS upgrade.
    pub fn transcript(&self) -> Option<Transcript> {
        self.transcript.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::duplex;

    fn conn(max: usize) -> (LineConn<tokio::io::DuplexStream>, tokio::io::DuplexStream) {
        let (a, b) = duplex(64 * 1024);
        (LineConn::new(a, max, Duration::from_millis(200)), b)
    }

    #[tokio::test]
    async fn reads_crlf_and_lf_lines_across_chunks() {
        let (mut c, mut peer) = conn(100);
        peer.write_all(b"* OK hel").await.unwrap();
        let t = tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(20)).await;
            peer.write_all(b"lo\r\nsecond\nthird\r\n").await.unwrap();
            peer
        });
        assert_eq!(c.read_line().await.unwrap(), "* OK hello");
        assert_eq!(c.read_line().await.unwrap(), "second");
        assert_eq!(c.read_line().await.unwrap(), "third");
        let _peer = t.await.unwrap();
        assert!(matches!(c.read_line().await, Err(LineError::Timeout)));
    }

    #[tokio::test]
    async fn eof_and_overlong_and_tls_bytes() {
        let (mut c, mut peer) = conn(10);
        peer.write_all(b"0123456789abcdef").await.unwrap();
        assert!(matches!(c.read_line().await, Err(LineError::TooLong(10))));

        let (mut c, mut peer) = conn(10);
        peer.write_all(b"0123456789abc\r\n").await.unwrap();
        assert!(matches!(c.read_line().await, Err(LineError::TooLong(10))));

        let (mut c, mut peer) = conn(100);
        peer.write_all(b"partial").await.unwrap();
        drop(peer);
        assert!(matches!(
            c.read_line().await,
            Err(LineError::Closed { partial: true })
        ));

        let (mut c, mut peer) = conn(100);
        peer.write_all(&[0x16, 0x03, 0x03, 0x00, 0x40])
            .await
            .unwrap();
        assert!(matches!(c.read_line().await, Err(LineError::TlsRecord)));
    }

    #[tokio::test]
    async fn into_inner_refuses_when_data_is_buffered() {
        let (mut c, mut peer) = conn(100);
        peer.write_all(b"220 go ahead\r\n250 injected\r\n")
            .await
            .unwrap();
        assert_eq!(c.read_line().await.unwrap(), "220 go ahead");
        assert_eq!(c.buffered(), 14);
        assert_eq!(c.into_inner().unwrap_err(), 14);

        let (mut c, mut peer) = conn(100);
        peer.write_all(b"220 go ahead\r\n").await.unwrap();
        assert_eq!(c.read_line().await.unwrap(), "220 go ahead");
        assert!(c.into_inner().is_ok());
    }

    /// Paused time: a peer dripping one byte a second never completes a line before the
    /// per-reply deadline, although each read succeeds.
    #[tokio::test(start_paused = true)]
    async fn dripping_peer_hits_the_reply_deadline() {
        let (a, mut peer) = duplex(1024);
        let mut c = LineConn::new(a, 1000, Duration::from_secs(10));
        tokio::spawn(async move {
            loop {
                if peer.write_all(b"x").await.is_err() {
                    return;
                }
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        });
        let start = Instant::now();
        assert!(matches!(c.read_line().await, Err(LineError::Timeout)));
        assert_eq!(start.elapsed(), Duration::from_secs(10));
        assert!(c.buffered() >= 9);
    }

    #[tokio::test]
    async fn imap_literal_bytes_and_masked_transcript() {
        let (a, mut peer) = duplex(1024);
        let t = Transcript::default();
        let mut c =
            LineConn::new(a, 100, Duration::from_millis(500)).with_transcript(Some(t.clone()));
        peer.write_all(b"* 1 FETCH {5}\r\nab\r\nc)\r\n")
            .await
            .unwrap();
        assert_eq!(c.read_line().await.unwrap(), "* 1 FETCH {5}");
        let deadline = Instant::now() + Duration::from_millis(500);
        assert_eq!(c.read_bytes_until(5, deadline).await.unwrap(), b"ab\r\nc");
        assert_eq!(c.read_line().await.unwrap(), ")");
        assert!(matches!(
            c.read_bytes_until(101, deadline).await,
            Err(LineError::TooLong(100))
        ));
        c.write_secret_line("PASS hunter2", "PASS ********")
            .await
            .unwrap();
        let lines = t.lines();
        assert!(lines.iter().any(|l| l == "C: PASS ********"), "{lines:?}");
        assert!(!lines.iter().any(|l| l.contains("hunter2")), "{lines:?}");
    }

    /// Once the password was written, what the server says back is scrubbed before it is
    /// returned or recorded; before that, nothing is touched.
    #[tokio::test]
    async fn lines_after_the_secret_are_scrubbed_before_the_transcript() {
        let (a, mut peer) = duplex(1024);
        let t = Transcript::default();
        let mut c = LineConn::new(a, 1000, Duration::from_millis(500))
            .with_transcript(Some(t.clone()))
            .with_scrubber(Some(Arc::new(Scrubber::new("hunter2", &["bob"]))));
        peer.write_all(b"+OK hunter2 greets you\r\n-ERR bad command: PASS hunter2\r\n")
            .await
            .unwrap();
        assert_eq!(c.read_line().await.unwrap(), "+OK hunter2 greets you");
        c.write_secret_line("PASS hunter2", "PASS ********")
            .await
            .unwrap();
        assert_eq!(
            c.read_line().await.unwrap(),
            "-ERR bad command: PASS ********"
        );
        assert_eq!(c.scrub("x hunter2".to_owned()), "x ********");
        let lines = t.lines();
        assert_eq!(lines.last().unwrap(), "S: -ERR bad command: PASS ********");
    }

    /// Replies in the charsets mail servers send: UTF-8 as is, GBK/GB18030 (QQ, NetEase),
    /// Big5, windows-1251 and KOI8-R (Russian), Latin-1; undecodable bytes never vanish.
    #[test]
    fn legacy_charsets_are_decoded() {
        let enc = |label: &str, text: &str| {
            let e = encoding_rs::Encoding::for_label(label.as_bytes()).unwrap();
            let (b, _, bad) = e.encode(text);
            assert!(!bad, "{label}: {text}");
            b.into_owned()
        };
        let qq = "535 Error: 请使用授权码登录。详情请看: http://service.mail.qq.com/detail/0/53";
        assert_eq!(decode(qq.as_bytes()), qq);
        assert_eq!(decode(&enc("gbk", qq)), qq);
        assert_eq!(
            decode(&enc("gb18030", "-ERR 您的帐号已被冻结")),
            "-ERR 您的帐号已被冻结"
        );
        assert_eq!(
            decode(&enc("big5", "NO 密碼錯誤，請重新輸入")),
            "NO 密碼錯誤，請重新輸入"
        );
        let ru = "NO Неверный логин или пароль";
        assert_eq!(decode(&enc("windows-1251", ru)), ru);
        assert_eq!(decode(&enc("koi8-r", ru)), ru);
        assert_eq!(
            decode(&enc("iso-8859-1", "-ERR Ungültiges Passwort")),
            "-ERR Ungültiges Passwort"
        );
        // Not a charset at all: nothing is dropped silently.
        assert_eq!(decode(b"NO \xff\xfe bad"), "NO \u{ff}\u{fe} bad");
    }

    #[tokio::test]
    async fn gbk_lines_are_read_as_text() {
        let (mut c, mut peer) = conn(200);
        let (gbk, _, _) = encoding_rs::GBK.encode("-ERR 请使用授权码登录");
        peer.write_all(&gbk).await.unwrap();
        peer.write_all(b"\r\n").await.unwrap();
        assert_eq!(c.read_line().await.unwrap(), "-ERR 请使用授权码登录");
    }

    #[tokio::test]
    async fn writes_crlf() {
        let (mut c, mut peer) = conn(100);
        c.write_line("a1 CAPABILITY").await.unwrap();
        let mut got = [0u8; 15];
        peer.read_exact(&mut got).await.unwrap();
        assert_eq!(&got, b"a1 CAPABILITY\r\n");
    }
}
