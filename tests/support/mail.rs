//! [`MailServer`]: a scripted IMAP / POP3 / SMTP peer on a loopback address, speaking just
//! enough of each protocol for a client probe (greeting, capabilities, STARTTLS, logout).
//!
//! ```ignore
//! let pki = TestPki::new();
//! let imap = MailServer::start(
//!     MailSpec::new(Protocol::Imap, Mode::Starttls { advertise: true })
//!         .cert(pki.valid(&["imap.example.com"])),
//! );
//! // maildoctor --connect-to imap.example.com:143:<imap.addr> --ca-file <pki.ca_pem_path()> ...
//! assert_eq!(imap.connections(), 1);
//! assert!(imap.transcript().iter().any(|l| l.ends_with("STARTTLS")));
//! ```
//!
//! # Dialogue (`S:` server, `C:` client; `[STARTTLS]` only while offered, see below)
//!
//! * **IMAP** — `S: * OK [CAPABILITY IMAP4rev1 [STARTTLS] AUTH=PLAIN] maildoctor test IMAP
//!   server ready`; `C: a1 CAPABILITY` → `* CAPABILITY …` + `a1 OK CAPABILITY completed`;
//!   `NOOP`, `ID` → OK; `LOGIN`/`AUTHENTICATE` → `NO [AUTHENTICATIONFAILED]`; `STARTTLS` →
//!   `a1 OK Begin TLS negotiation now` then the TLS handshake; `LOGOUT` → `* BYE` + OK, close;
//!   anything else → `<tag> BAD …` (`* BAD …` without a tag).
//! * **POP3** — `+OK maildoctor test POP3 server ready`; `CAPA` → `+OK`, `USER`, `SASL PLAIN`,
//!   `[STLS]`, `UIDL`, `TOP`, `IMPLEMENTATION maildoctor-test`, `.`; `STLS` → `+OK Begin TLS
//!   negotiation` then TLS; `NOOP`, `USER` → `+OK`; `PASS`/`AUTH` → `-ERR [AUTH]`; `QUIT` →
//!   `+OK` and close; anything else → `-ERR Unknown command`.
//! * **SMTP** — `220 maildoctor.test ESMTP maildoctor test server`; `EHLO x` → `250-maildoctor.test
//!   greets x`, `250-SIZE 35882577`, `250-8BITMIME`, `[250-STARTTLS]`, `250-AUTH PLAIN LOGIN`,
//!   `250 ENHANCEDSTATUSCODES`; `HELO` → `250`; `STARTTLS` → `220 2.0.0 Ready to start TLS`
//!   then TLS; `NOOP`/`RSET` → `250 2.0.0 OK`; `AUTH` → `535`; `QUIT` → `221 2.0.0 Bye` and
//!   close; anything else → `500 5.5.2 Command unrecognized`.
//!
//! STARTTLS/STLS is *advertised* only with `Mode::Starttls { advertise: true }` before TLS;
//! it is *accepted* in `Mode::Starttls { .. }` (advertised or not) before TLS unless the
//! behaviour is [`Behaviour::RejectStarttls`] (IMAP `NO`, POP3 `-ERR`, SMTP `454`). In `Plain`
//! mode it is an unknown command (IMAP `BAD`, POP3 `-ERR`, SMTP `502`); after TLS it is refused
//! (IMAP `BAD`, POP3 `-ERR`, SMTP `503`). Buffered plaintext after the STARTTLS line is
//! discarded (as real servers must). Extra capabilities can be appended with
//! [`MailSpec::capability`].
//!
//! Each connection runs in its own task; lines are read with a cap of [`MAX_LINE`] bytes
//! (longer: protocol error reply, then close), so a broken client cannot make the server
//! buffer without bound. The server runs on its own thread and runtime; it stops on drop.

use std::fmt;
use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

pub use maildoctor::model::Protocol;
use tokio::io::BufReader;
use tokio::io::{
    AsyncBufRead, AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt,
};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::TlsAcceptor;

use super::background::Background;
use super::pki::{Leaf, acceptor};

/// Longest line (including CRLF) the server reads before answering with a protocol error.
pub const MAX_LINE: usize = 4096;
/// Host name the server calls itself (SMTP greeting and EHLO).
pub const SERVER_NAME: &str = "maildoctor.test";

/// How the connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// No TLS at all; STARTTLS is an unknown command.
    Plain,
    /// Plaintext greeting, then in-band upgrade. `advertise: false` hides STARTTLS/STLS from
    /// the capabilities while still accepting the command.
    Starttls {
        /// Whether the capability list / EHLO reply offers STARTTLS (POP3: STLS).
        advertise: bool,
    },
    /// TLS handshake as soon as TCP connects, greeting afterwards (993 / 995 / 465).
    ImplicitTls,
}

/// How the server behaves beyond the normal script.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Behaviour {
    /// Speak the protocol.
    #[default]
    Normal,
    /// Accept TCP connections, never send a byte (reads and discards until the client
    /// closes). For greeting / handshake timeouts.
    Silent,
    /// Refuse the STARTTLS/STLS command with a temporary error (still advertised if the mode
    /// says so).
    RejectStarttls,
    /// Accept, then close the connection at once without a greeting.
    CloseImmediately,
}

/// What to start; build with [`MailSpec::new`] and the chained setters.
#[derive(Debug, Clone)]
pub struct MailSpec {
    /// Protocol spoken.
    pub protocol: Protocol,
    /// TLS mode.
    pub mode: Mode,
    /// Certificate presented (required for `ImplicitTls`, and for `Starttls` unless the
    /// behaviour is `RejectStarttls`).
    pub cert: Option<Leaf>,
    /// Replaces the greeting line (without CRLF), e.g. `"+OK POP3 ready"` on an IMAP port.
    pub greeting: Option<String>,
    /// Deviation from the script.
    pub behaviour: Behaviour,
    /// Loopback address to bind; default 127.0.0.1.
    pub ip: IpAddr,
    /// Port to bind; default 0 (any free port).
    pub port: u16,
    /// Capabilities appended to the default list (IMAP CAPABILITY atoms, POP3 CAPA lines,
    /// SMTP EHLO keywords).
    pub extra_capabilities: Vec<String>,
    /// Scripted login: without it every login is refused with the default failure text.
    pub auth: Option<AuthScript>,
    /// Sessions served at once at most; a connection above it is closed at once without a
    /// greeting (a server at its connection limit). `None`: no limit.
    pub max_sessions: Option<usize>,
}

/// A scripted login: accepts `user` with `password`, refuses everything else with `failure`.
///
/// IMAP `LOGIN "u" "p"` and `AUTHENTICATE PLAIN` (with SASL-IR or after `+`), POP3
/// `USER`/`PASS` and `AUTH PLAIN` (after `+`), SMTP `AUTH PLAIN` (initial response or after
/// `334`). `failure` is the reply after the tag for IMAP (e.g. `NO [AUTHENTICATIONFAILED]
/// Authentication failed.`) and the whole line for POP3 and SMTP; `{line}` in it is replaced
/// by the line the server refused, as servers that quote the failed command do.
#[derive(Debug, Clone)]
pub struct AuthScript {
    /// The accepted user name.
    pub user: String,
    /// The accepted password.
    pub password: String,
    /// The refusal, verbatim.
    pub failure: String,
}

impl MailSpec {
    /// `protocol` in `mode`, normal behaviour, default greeting, no certificate, 127.0.0.1.
    pub fn new(protocol: Protocol, mode: Mode) -> Self {
        Self {
            protocol,
            mode,
            cert: None,
            greeting: None,
            behaviour: Behaviour::Normal,
            ip: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 0,
            extra_capabilities: Vec::new(),
            auth: None,
            max_sessions: None,
        }
    }

    /// Serves at most `n` sessions at once; closes connections above that at once.
    pub fn max_sessions(mut self, n: usize) -> Self {
        self.max_sessions = Some(n);
        self
    }

    /// Scripts logins: `user`/`password` accepted, anything else refused with `failure`.
    pub fn auth(mut self, user: &str, password: &str, failure: &str) -> Self {
        self.auth = Some(AuthScript {
            user: user.to_owned(),
            password: password.to_owned(),
            failure: failure.to_owned(),
        });
        self
    }

    /// Presents `leaf` in TLS handshakes.
    pub fn cert(mut self, leaf: Leaf) -> Self {
        self.cert = Some(leaf);
        self
    }

    /// Sends `line` (without CRLF) instead of the default greeting.
    pub fn greeting(mut self, line: &str) -> Self {
        self.greeting = Some(line.to_owned());
        self
    }

    /// Sets the behaviour.
    pub fn behaviour(mut self, behaviour: Behaviour) -> Self {
        self.behaviour = behaviour;
        self
    }

    /// Binds `ip` (must be a loopback address) instead of 127.0.0.1.
    pub fn ip(mut self, ip: IpAddr) -> Self {
        self.ip = ip;
        self
    }

    /// Binds this port instead of a free one (e.g. the port of a server on another loopback
    /// address, for one name with an A and an AAAA record).
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Appends a capability (e.g. `"IMAP4rev2"`, `"SASL XOAUTH2"`, `"PIPELINING"`).
    pub fn capability(mut self, cap: &str) -> Self {
        self.extra_capabilities.push(cap.to_owned());
        self
    }
}

#[derive(Default)]
struct Stats {
    connections: AtomicUsize,
    tls_handshakes: AtomicUsize,
    tls_failures: AtomicUsize,
    transcript: Mutex<Vec<String>>,
    raw: Mutex<Vec<u8>>,
    logins: AtomicUsize,
    active: AtomicUsize,
    turned_away: AtomicUsize,
}

/// A running scripted mail server; stops on drop.
pub struct MailServer {
    /// Where it listens.
    pub addr: SocketAddr,
    stats: Arc<Stats>,
    _bg: Background,
}

impl fmt::Debug for MailServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MailServer")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl MailServer {
    /// Binds `spec.ip:0` and starts serving; returns once the port is listening.
    ///
    /// # Panics
    /// If `spec.ip` is not loopback, or a TLS mode lacks a certificate.
    pub fn start(spec: MailSpec) -> Self {
        assert!(
            spec.ip.is_loopback(),
            "MailServer must bind a loopback address, got {}",
            spec.ip
        );
        let needs_cert = match spec.mode {
            Mode::Plain => false,
            Mode::ImplicitTls => true,
            Mode::Starttls { .. } => spec.behaviour != Behaviour::RejectStarttls,
        };
        assert!(
            !needs_cert || spec.cert.is_some() || spec.behaviour == Behaviour::Silent,
            "MailSpec {:?} {:?} needs a certificate: .cert(pki.valid(..))",
            spec.protocol,
            spec.mode
        );

        let listener = std::net::TcpListener::bind((spec.ip, spec.port)).expect("bind mail server");
        listener.set_nonblocking(true).expect("nonblocking");
        let addr = listener.local_addr().expect("local_addr");
        let stats = Arc::new(Stats::default());
        let acceptor = spec.cert.as_ref().map(acceptor);
        let spec = Arc::new(spec);

        let bg_stats = Arc::clone(&stats);
        let name = format!("test-{}-{addr}", spec.protocol);
        let bg = Background::spawn(&name, move || async move {
            let listener = TcpListener::from_std(listener).expect("register listener");
            loop {
                let Ok((tcp, _peer)) = listener.accept().await else {
                    continue;
                };
                bg_stats.connections.fetch_add(1, Ordering::SeqCst);
                let active = bg_stats.active.fetch_add(1, Ordering::SeqCst);
                if spec.max_sessions.is_some_and(|max| active >= max) {
                    bg_stats.active.fetch_sub(1, Ordering::SeqCst);
                    bg_stats.turned_away.fetch_add(1, Ordering::SeqCst);
                    drop(tcp);
                    continue;
                }
                let conn = Conn {
                    spec: Arc::clone(&spec),
                    acceptor: acceptor.clone(),
                    stats: Arc::clone(&bg_stats),
                };
                let stats = Arc::clone(&bg_stats);
                tokio::spawn(async move {
                    conn.run(tcp).await;
                    stats.active.fetch_sub(1, Ordering::SeqCst);
                });
            }
        });
        Self {
            addr,
            stats,
            _bg: bg,
        }
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// TCP connections accepted so far.
    pub fn connections(&self) -> usize {
        self.stats.connections.load(Ordering::SeqCst)
    }

    /// Connections closed at once because [`MailSpec::max_sessions`] were being served.
    pub fn turned_away(&self) -> usize {
        self.stats.turned_away.load(Ordering::SeqCst)
    }

    /// TLS handshakes (implicit or after STARTTLS) that completed.
    pub fn tls_handshakes(&self) -> usize {
        self.stats.tls_handshakes.load(Ordering::SeqCst)
    }

    /// TLS handshakes that failed (e.g. the client rejected the certificate).
    pub fn tls_failures(&self) -> usize {
        self.stats.tls_failures.load(Ordering::SeqCst)
    }

    /// Every byte received on the TCP sockets, as sent on the wire (TLS records stay
    /// encrypted), over all connections.
    pub fn raw_received(&self) -> Vec<u8> {
        self.stats.raw.lock().expect("raw").clone()
    }

    /// Login attempts received (credentials checked), over all connections.
    pub fn login_attempts(&self) -> usize {
        self.stats.logins.load(Ordering::SeqCst)
    }

    /// Every line received from clients, over all connections in arrival order, without the
    /// line ending (non-UTF-8 bytes replaced). Lines sent inside TLS are included in clear.
    pub fn transcript(&self) -> Vec<String> {
        self.stats.transcript.lock().expect("transcript").clone()
    }
}

trait Io: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Io for T {}

/// One accepted connection.
struct Conn {
    spec: Arc<MailSpec>,
    acceptor: Option<TlsAcceptor>,
    stats: Arc<Stats>,
}

/// What to do after a command.
enum Next {
    Continue,
    Close,
    StartTls,
    /// The next line is a SASL PLAIN response for this IMAP tag (empty for POP3/SMTP).
    Sasl(String),
}

/// Records every byte read from the socket into the server's stats.
struct Recording {
    inner: TcpStream,
    stats: Arc<Stats>,
}

impl AsyncRead for Recording {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<io::Result<()>> {
        let before = buf.filled().len();
        let r = std::pin::Pin::new(&mut self.inner).poll_read(cx, buf);
        if let std::task::Poll::Ready(Ok(())) = r {
            self.stats
                .raw
                .lock()
                .expect("raw")
                .extend_from_slice(&buf.filled()[before..]);
        }
        r
    }
}

impl AsyncWrite for Recording {
    fn poll_write(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<io::Result<usize>> {
        std::pin::Pin::new(&mut self.inner).poll_write(cx, buf)
    }
    fn poll_flush(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<io::Result<()>> {
        std::pin::Pin::new(&mut self.inner).poll_flush(cx)
    }
    fn poll_shutdown(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<io::Result<()>> {
        std::pin::Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

impl Conn {
    async fn run(self, tcp: TcpStream) {
        let mut tcp = Recording {
            inner: tcp,
            stats: Arc::clone(&self.stats),
        };
        match self.spec.behaviour {
            Behaviour::CloseImmediately => return,
            Behaviour::Silent => {
                let mut sink = [0u8; 1024];
                while matches!(tcp.read(&mut sink).await, Ok(n) if n > 0) {}
                return;
            }
            Behaviour::Normal | Behaviour::RejectStarttls => {}
        }
        let mut tls = false;
        let stream: Box<dyn Io> = if self.spec.mode == Mode::ImplicitTls {
            match self.handshake(Box::new(tcp)).await {
                Some(s) => {
                    tls = true;
                    s
                }
                None => return,
            }
        } else {
            Box::new(tcp)
        };
        let mut io = BufReader::new(stream);
        if self.send(&mut io, &[self.greeting_line()]).await.is_err() {
            return;
        }
        let mut sasl: Option<String> = None;
        let mut pop3_user = String::new();
        loop {
            let line = match read_line(&mut io, MAX_LINE).await {
                Ok(ReadLine::Line(line)) => line,
                Ok(ReadLine::TooLong) => {
                    let _ = self.send(&mut io, &[self.too_long()]).await;
                    return;
                }
                Ok(ReadLine::Eof) | Err(_) => return,
            };
            self.stats
                .transcript
                .lock()
                .expect("transcript")
                .push(line.clone());
            let (reply, next) = if let Some(tag) = sasl.take() {
                (vec![self.sasl_answer(&tag, &line)], Next::Continue)
            } else if self.spec.protocol == Protocol::Pop3
                && self.spec.auth.is_some()
                && line.to_ascii_uppercase().starts_with("USER ")
            {
                pop3_user = line[5..].to_owned();
                (vec!["+OK".to_owned()], Next::Continue)
            } else if self.spec.protocol == Protocol::Pop3
                && self.spec.auth.is_some()
                && line.to_ascii_uppercase().starts_with("PASS ")
            {
                (
                    vec![self.verdict("", &pop3_user, &line[5..])],
                    Next::Continue,
                )
            } else if let Some(r) = self.auth_command(&line) {
                r
            } else {
                self.respond(&line, tls)
            };
            // A scripted refusal may quote the command it refused (`{line}`).
            let reply: Vec<String> = if self.spec.auth.is_some() {
                reply.iter().map(|r| r.replace("{line}", &line)).collect()
            } else {
                reply
            };
            if self.send(&mut io, &reply).await.is_err() {
                return;
            }
            match next {
                Next::Continue => {}
                Next::Close => {
                    let _ = io.get_mut().shutdown().await;
                    return;
                }
                Next::Sasl(tag) => sasl = Some(tag),
                Next::StartTls => {
                    // Plaintext the client pipelined after STARTTLS is dropped with the buffer.
                    match self.handshake(io.into_inner()).await {
                        Some(s) => {
                            tls = true;
                            io = BufReader::new(s);
                        }
                        None => return,
                    }
                }
            }
        }
    }

    async fn handshake(&self, stream: Box<dyn Io>) -> Option<Box<dyn Io>> {
        let acceptor = self.acceptor.as_ref()?;
        match acceptor.accept(stream).await {
            Ok(s) => {
                self.stats.tls_handshakes.fetch_add(1, Ordering::SeqCst);
                Some(Box::new(s))
            }
            Err(_) => {
                self.stats.tls_failures.fetch_add(1, Ordering::SeqCst);
                None
            }
        }
    }

    async fn send(&self, io: &mut BufReader<Box<dyn Io>>, lines: &[String]) -> io::Result<()> {
        let mut out = String::new();
        for l in lines {
            out.push_str(l);
            out.push_str("\r\n");
        }
        let w = io.get_mut();
        w.write_all(out.as_bytes()).await?;
        w.flush().await
    }

    fn greeting_line(&self) -> String {
        if let Some(g) = &self.spec.greeting {
            return g.clone();
        }
        match self.spec.protocol {
            Protocol::Imap => format!(
                "* OK [CAPABILITY {}] maildoctor test IMAP server ready",
                self.caps(false).join(" ")
            ),
            Protocol::Pop3 => "+OK maildoctor test POP3 server ready".to_owned(),
            Protocol::Smtp => format!("220 {SERVER_NAME} ESMTP maildoctor test server"),
        }
    }

    fn too_long(&self) -> String {
        match self.spec.protocol {
            Protocol::Imap => "* BAD Line too long".to_owned(),
            Protocol::Pop3 => "-ERR Line too long".to_owned(),
            Protocol::Smtp => "500 5.5.6 Line too long".to_owned(),
        }
    }

    /// Whether STARTTLS is listed in the capabilities right now.
    fn advertise_starttls(&self, tls: bool) -> bool {
        !tls && self.spec.mode == (Mode::Starttls { advertise: true })
    }

    /// Capabilities for the current state, protocol-specific spelling.
    fn caps(&self, tls: bool) -> Vec<String> {
        let starttls = self.advertise_starttls(tls);
        let mut caps: Vec<String> = match self.spec.protocol {
            Protocol::Imap => {
                let mut c = vec!["IMAP4rev1".to_owned()];
                if starttls {
                    c.push("STARTTLS".to_owned());
                }
                c.push("AUTH=PLAIN".to_owned());
                c
            }
            Protocol::Pop3 => {
                let mut c = vec!["USER".to_owned(), "SASL PLAIN".to_owned()];
                if starttls {
                    c.push("STLS".to_owned());
                }
                c.extend(["UIDL", "TOP", "IMPLEMENTATION maildoctor-test"].map(String::from));
                c
            }
            Protocol::Smtp => {
                let mut c = vec!["SIZE 35882577".to_owned(), "8BITMIME".to_owned()];
                if starttls {
                    c.push("STARTTLS".to_owned());
                }
                c.extend(["AUTH PLAIN LOGIN", "ENHANCEDSTATUSCODES"].map(String::from));
                c
            }
        };
        caps.extend(self.spec.extra_capabilities.iter().cloned());
        caps
    }

    /// STARTTLS handling shared by all protocols: `Ok(())` to upgrade, or why not.
    fn starttls_decision(&self, tls: bool) -> Result<(), Refusal> {
        if tls {
            return Err(Refusal::AlreadyTls);
        }
        match self.spec.mode {
            Mode::Plain | Mode::ImplicitTls => Err(Refusal::Unknown),
            Mode::Starttls { .. } if self.spec.behaviour == Behaviour::RejectStarttls => {
                Err(Refusal::Rejected)
            }
            Mode::Starttls { .. } => Ok(()),
        }
    }

    /// The reply to a login with `user`/`password`, counting the attempt.
    fn verdict(&self, tag: &str, user: &str, password: &str) -> String {
        self.stats.logins.fetch_add(1, Ordering::SeqCst);
        let Some(a) = &self.spec.auth else {
            return String::new();
        };
        let ok = user == a.user && password == a.password;
        match (self.spec.protocol, ok) {
            (Protocol::Imap, true) => format!("{tag} OK Logged in"),
            (Protocol::Imap, false) => format!("{tag} {}", a.failure),
            (Protocol::Pop3, true) => "+OK Logged in.".to_owned(),
            (Protocol::Smtp, true) => "235 2.7.0 Authentication successful".to_owned(),
            (_, false) => a.failure.clone(),
        }
    }

    /// Checks a base64 SASL PLAIN response (`[authzid] NUL user NUL password`).
    fn sasl_answer(&self, tag: &str, b64: &str) -> String {
        use base64::Engine;
        let raw = base64::engine::general_purpose::STANDARD
            .decode(b64.trim())
            .unwrap_or_default();
        let parts: Vec<&[u8]> = raw.split(|b| *b == 0).collect();
        let (user, pass) = match parts.as_slice() {
            [_, u, p] => (
                String::from_utf8_lossy(u).into_owned(),
                String::from_utf8_lossy(p).into_owned(),
            ),
            _ => (String::new(), String::new()),
        };
        self.verdict(tag, &user, &pass)
    }

    /// Login commands, when an [`AuthScript`] is set.
    fn auth_command(&self, line: &str) -> Option<(Vec<String>, Next)> {
        self.spec.auth.as_ref()?;
        let words: Vec<&str> = line.split(' ').collect();
        let upper: Vec<String> = words.iter().map(|w| w.to_ascii_uppercase()).collect();
        let up: Vec<&str> = upper.iter().map(String::as_str).collect();
        match (self.spec.protocol, up.as_slice()) {
            (Protocol::Imap, [_, "AUTHENTICATE", "PLAIN"]) => {
                Some((vec!["+ ".to_owned()], Next::Sasl(words[0].to_owned())))
            }
            (Protocol::Imap, [_, "AUTHENTICATE", "PLAIN", _]) => {
                Some((vec![self.sasl_answer(words[0], words[3])], Next::Continue))
            }
            (Protocol::Imap, [_, "LOGIN", ..]) => {
                let rest = line.splitn(3, ' ').nth(2).unwrap_or_default();
                let quoted: Vec<String> = rest
                    .split('"')
                    .enumerate()
                    .filter(|(i, _)| i % 2 == 1)
                    .map(|(_, s)| s.to_owned())
                    .collect();
                let (u, p) = match quoted.as_slice() {
                    [u, p, ..] => (u.clone(), p.clone()),
                    _ => (String::new(), String::new()),
                };
                Some((vec![self.verdict(words[0], &u, &p)], Next::Continue))
            }
            (Protocol::Pop3, ["AUTH", "PLAIN"]) => {
                Some((vec!["+ ".to_owned()], Next::Sasl(String::new())))
            }
            (Protocol::Smtp, ["AUTH", "PLAIN"]) => {
                Some((vec!["334 ".to_owned()], Next::Sasl(String::new())))
            }
            (Protocol::Smtp, ["AUTH", "PLAIN", _]) => {
                Some((vec![self.sasl_answer("", words[2])], Next::Continue))
            }
            _ => None,
        }
    }

    fn respond(&self, line: &str, tls: bool) -> (Vec<String>, Next) {
        match self.spec.protocol {
            Protocol::Imap => self.imap(line, tls),
            Protocol::Pop3 => self.pop3(line, tls),
            Protocol::Smtp => self.smtp(line, tls),
        }
    }

    fn imap(&self, line: &str, tls: bool) -> (Vec<String>, Next) {
        let mut words = line.splitn(3, ' ');
        let tag = words.next().unwrap_or_default();
        let Some(cmd) = words.next().filter(|_| !tag.is_empty()) else {
            return (
                vec!["* BAD Missing tag or command".to_owned()],
                Next::Continue,
            );
        };
        let ok = |text: &str| format!("{tag} OK {text}");
        match cmd.to_ascii_uppercase().as_str() {
            "CAPABILITY" => (
                vec![
                    format!("* CAPABILITY {}", self.caps(tls).join(" ")),
                    ok("CAPABILITY completed"),
                ],
                Next::Continue,
            ),
            "NOOP" => (vec![ok("NOOP completed")], Next::Continue),
            "ID" => (
                vec!["* ID NIL".to_owned(), ok("ID completed")],
                Next::Continue,
            ),
            "LOGIN" | "AUTHENTICATE" => (
                vec![format!(
                    "{tag} NO [AUTHENTICATIONFAILED] Authentication failed"
                )],
                Next::Continue,
            ),
            "LOGOUT" => (
                vec![
                    "* BYE maildoctor test server logging out".to_owned(),
                    ok("LOGOUT completed"),
                ],
                Next::Close,
            ),
            "STARTTLS" => match self.starttls_decision(tls) {
                Ok(()) => (vec![ok("Begin TLS negotiation now")], Next::StartTls),
                Err(Refusal::Rejected) => (
                    vec![format!(
                        "{tag} NO [UNAVAILABLE] STARTTLS temporarily unavailable"
                    )],
                    Next::Continue,
                ),
                Err(Refusal::AlreadyTls) => (
                    vec![format!("{tag} BAD TLS already active")],
                    Next::Continue,
                ),
                Err(Refusal::Unknown) => (
                    vec![format!("{tag} BAD STARTTLS not supported")],
                    Next::Continue,
                ),
            },
            _ => (vec![format!("{tag} BAD Unknown command")], Next::Continue),
        }
    }

    fn pop3(&self, line: &str, tls: bool) -> (Vec<String>, Next) {
        let cmd = line
            .split(' ')
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        let one = |s: &str| (vec![s.to_owned()], Next::Continue);
        match cmd.as_str() {
            "CAPA" => {
                let mut r = vec!["+OK Capability list follows".to_owned()];
                r.extend(self.caps(tls));
                r.push(".".to_owned());
                (r, Next::Continue)
            }
            "NOOP" | "USER" => one("+OK"),
            "PASS" | "AUTH" | "APOP" => one("-ERR [AUTH] Authentication failed"),
            "QUIT" => (
                vec!["+OK maildoctor test server signing off".to_owned()],
                Next::Close,
            ),
            "STLS" => match self.starttls_decision(tls) {
                Ok(()) => (vec!["+OK Begin TLS negotiation".to_owned()], Next::StartTls),
                Err(Refusal::Rejected) => one("-ERR [SYS/TEMP] TLS temporarily unavailable"),
                Err(Refusal::AlreadyTls) => one("-ERR TLS already active"),
                Err(Refusal::Unknown) => one("-ERR Unknown command"),
            },
            _ => one("-ERR Unknown command"),
        }
    }

    fn smtp(&self, line: &str, tls: bool) -> (Vec<String>, Next) {
        let mut words = line.splitn(2, ' ');
        let cmd = words.next().unwrap_or_default().to_ascii_uppercase();
        let arg = words.next().unwrap_or_default().trim();
        let one = |s: &str| (vec![s.to_owned()], Next::Continue);
        match cmd.as_str() {
            "EHLO" => {
                let mut lines = vec![format!("{SERVER_NAME} greets {arg}")];
                lines.extend(self.caps(tls));
                let last = lines.len() - 1;
                let r = lines
                    .iter()
                    .enumerate()
                    .map(|(i, l)| format!("250{}{l}", if i == last { ' ' } else { '-' }))
                    .collect();
                (r, Next::Continue)
            }
            "HELO" => (vec![format!("250 {SERVER_NAME}")], Next::Continue),
            "NOOP" | "RSET" => one("250 2.0.0 OK"),
            "AUTH" => one("535 5.7.8 Authentication credentials invalid"),
            "QUIT" => (vec!["221 2.0.0 Bye".to_owned()], Next::Close),
            "STARTTLS" => match self.starttls_decision(tls) {
                Ok(()) => (
                    vec!["220 2.0.0 Ready to start TLS".to_owned()],
                    Next::StartTls,
                ),
                Err(Refusal::Rejected) => {
                    one("454 4.7.0 TLS not available due to temporary reason")
                }
                Err(Refusal::AlreadyTls) => one("503 5.5.1 TLS already active"),
                Err(Refusal::Unknown) => one("502 5.5.1 Command not implemented"),
            },
            _ => one("500 5.5.2 Command unrecognized"),
        }
    }
}

/// Why STARTTLS was not started.
enum Refusal {
    /// Not a STARTTLS mode: the command is unknown.
    Unknown,
    /// `Behaviour::RejectStarttls`.
    Rejected,
    /// Already inside TLS.
    AlreadyTls,
}

/// Result of [`read_line`].
enum ReadLine {
    /// A line, without its CRLF/LF (non-UTF-8 bytes replaced).
    Line(String),
    /// The peer closed before sending any byte of a new line.
    Eof,
    /// More than the cap without a line end (the rest is left unread).
    TooLong,
}

/// Reads one line (up to `\n`), never buffering more than about `max` bytes.
async fn read_line<R: AsyncBufRead + Unpin>(r: &mut R, max: usize) -> io::Result<ReadLine> {
    let mut acc = Vec::new();
    loop {
        let buf = r.fill_buf().await?;
        if buf.is_empty() {
            if acc.is_empty() {
                return Ok(ReadLine::Eof);
            }
            break;
        }
        if let Some(i) = buf.iter().position(|&b| b == b'\n') {
            acc.extend_from_slice(&buf[..=i]);
            r.consume(i + 1);
            break;
        }
        let n = buf.len();
        acc.extend_from_slice(buf);
        r.consume(n);
        if acc.len() > max {
            return Ok(ReadLine::TooLong);
        }
    }
    if acc.len() > max {
        return Ok(ReadLine::TooLong);
    }
    while matches!(acc.last(), Some(b'\n' | b'\r')) {
        acc.pop();
    }
    Ok(ReadLine::Line(String::from_utf8_lossy(&acc).into_owned()))
}
