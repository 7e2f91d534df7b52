//! The protocol dialogues: greeting, capabilities, the STARTTLS command and a polite goodbye,
//! for IMAP, POP3 and SMTP.
//!
//! - IMAP: greeting `* OK` / `* PREAUTH` with an optional `[CAPABILITY …]` response code
//!   (RFC 9051 §7.1, RFC 3501 §7.1), `CAPABILITY` (§6.1.1), `STARTTLS` (RFC 9051 §6.2.1,
//!   RFC 3501 §6.2.1, RFC 2595 §3.1), `LOGOUT`.
//! - POP3: `+OK` greeting (RFC 1939 §4), `CAPA` multi-line reply with dot-stuffing
//!   (RFC 2449 §5), `STLS` (RFC 2595 §4), `QUIT`.
//! - SMTP: `220` greeting, possibly multi-line (RFC 5321 §4.2), `EHLO` with `250-` extension
//!   lines and a fallback to `HELO`, `STARTTLS` → `220` (RFC 3207 §4), `EHLO` again after
//!   TLS as RFC 3207 §4.2 requires; submission per RFC 6409.
//!
//! Every problem becomes a [`Failure`] classified from what was received, never an error.

use tokio::io::{AsyncRead, AsyncWrite};
use tokio::time::Instant;

use crate::model::{Failure, FailureKind, Protocol};
use crate::probe::auth::{self, MASK, Mechanism};
use crate::probe::line::{LineConn, LineError};

/// Longest greeting kept in a result, in characters.
pub const MAX_GREETING_CHARS: usize = 512;
/// Most capabilities kept in a result.
pub const MAX_CAPS: usize = 100;
/// Longest capability kept, in characters.
pub const MAX_CAP_CHARS: usize = 256;

const EHLO_NAME: &str = "maildoctor.invalid";

/// What the greeting told us.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Greeting {
    /// First line, verbatim (capped).
    pub line: String,
    /// IMAP `[CAPABILITY …]` in the greeting, if any.
    pub capabilities: Vec<String>,
}

/// Protocol dialogue state for one connection: protocol, IMAP tag counter and reply caps.
#[derive(Debug)]
pub struct Dialog {
    protocol: Protocol,
    tag: u32,
    max_lines: usize,
}

impl Dialog {
    /// A dialogue for `protocol`; multi-line replies longer than `max_lines` are errors.
    pub fn new(protocol: Protocol, max_lines: usize) -> Self {
        Self {
            protocol,
            tag: 0,
            max_lines: max_lines.max(1),
        }
    }

    fn next_tag(&mut self) -> String {
        self.tag += 1;
        format!("a{}", self.tag)
    }

    /// Reads and checks the server greeting.
    pub async fn greeting<S>(&mut self, conn: &mut LineConn<S>) -> Result<Greeting, Failure>
    where
        S: AsyncRead + AsyncWrite + Unpin,
    {
        let deadline = Instant::now() + conn.timeout();
        let first = conn
            .read_line_until(deadline)
            .await
            .map_err(|e| line_failure(e, "greeting", conn.timeout().as_millis()))?;
        let kept = cap_chars(&first, MAX_GREETING_CHARS);
        match self.protocol {
            Protocol::Imap => {
                if starts_with_ci(&first, "* OK") || starts_with_ci(&first, "* PREAUTH") {
                    Ok(Greeting {
                        line: kept,
                        capabilities: cap_list(imap_capability_code(&first)),
                    })
                } else if starts_with_ci(&first, "* BYE") {
                    Err(refused(&first))
                } else {
                    Err(wrong_protocol(Protocol::Imap, &first))
                }
            }
            Protocol::Pop3 => {
                if starts_with_ci(&first, "+OK") {
                    Ok(Greeting {
                        line: kept,
                        capabilities: Vec::new(),
                    })
                } else if starts_with_ci(&first, "-ERR") {
                    Err(refused(&first))
                } else {
                    Err(wrong_protocol(Protocol::Pop3, &first))
                }
            }
            Protocol::Smtp => {
                let Some((code, _, _)) = smtp_line(&first) else {
                    return Err(wrong_protocol(Protocol::Smtp, &first));
                };
                let reply = self.smtp_rest(conn, first, deadline, "greeting").await?;
                if code == 220 {
                    Ok(Greeting {
                        line: kept,
                        capabilities: Vec::new(),
                    })
                } else {
                    Err(refused(&reply.join(" / ")))
                }
            }
        }
    }

    /// Asks for capabilities: IMAP `CAPABILITY`, POP3 `CAPA`, SMTP `EHLO` (HELO fallback).
    /// `greeting_caps` (IMAP) are used when the `CAPABILITY` reply lists none.
    pub async fn capabilities<S>(
        &mut self,
        conn: &mut LineConn<S>,
        greeting_caps: &[String],
    ) -> Result<Vec<String>, Failure>
    where
        S: AsyncRead + AsyncWrite + Unpin,
    {
        let ms = conn.timeout().as_millis();
        match self.protocol {
            Protocol::Imap => {
                let tag = self.next_tag();
                send(conn, &format!("{tag} CAPABILITY"), ms).await?;
                let (lines, status) = self.imap_tagged(conn, &tag, "CAPABILITY").await?;
                if !status.ok {
                    return Err(protocol_error(format!(
                        "the server rejected CAPABILITY: {}",
                        status.line
                    )));
                }
                let mut caps = Vec::new();
                for l in &lines {
                    if let Some(rest) = strip_prefix_ci(l, "* CAPABILITY") {
                        caps.extend(rest.split_ascii_whitespace().map(str::to_owned));
                    }
                }
                if caps.is_empty() {
                    caps = imap_capability_code(&status.line);
                }
                if caps.is_empty() {
                    caps = greeting_caps.to_vec();
                }
                Ok(cap_list(caps))
            }
            Protocol::Pop3 => {
                send(conn, "CAPA", ms).await?;
                let deadline = Instant::now() + conn.timeout();
                let first = read(conn, deadline, "CAPA reply").await?;
                if starts_with_ci(&first, "-ERR") {
                    // RFC 2449 §5: a server without CAPA answers -ERR; nothing is advertised.
                    return Ok(Vec::new());
                }
                if !starts_with_ci(&first, "+OK") {
                    return Err(protocol_error(format!("unexpected reply to CAPA: {first}")));
                }
                let mut caps = Vec::new();
                loop {
                    let l = read(conn, deadline, "CAPA reply").await?;
                    if l == "." {
                        break;
                    }
                    if caps.len() >= self.max_lines {
                        return Err(too_many_lines(self.max_lines, "CAPA"));
                    }
                    caps.push(l.strip_prefix('.').map_or_else(|| l.clone(), str::to_owned));
                }
                Ok(cap_list(caps))
            }
            Protocol::Smtp => {
                send(conn, &format!("EHLO {EHLO_NAME}"), ms).await?;
                let reply = self.smtp_reply(conn, "EHLO reply").await?;
                if reply.code == 250 {
                    let caps = reply
                        .lines
                        .iter()
                        .skip(1)
                        .map(|l| smtp_text(l).to_owned())
                        .collect();
                    return Ok(cap_list(caps));
                }
                if reply.code / 100 == 5 {
                    // No ESMTP: fall back to HELO, which advertises nothing.
                    send(conn, &format!("HELO {EHLO_NAME}"), ms).await?;
                    let helo = self.smtp_reply(conn, "HELO reply").await?;
                    if helo.code == 250 {
                        return Ok(Vec::new());
                    }
                    return Err(protocol_error(format!(
                        "the server rejected EHLO and HELO: {}",
                        helo.lines.join(" / ")
                    )));
                }
                Err(protocol_error(format!(
                    "the server rejected EHLO: {}",
                    reply.lines.join(" / ")
                )))
            }
        }
    }

    /// True when `caps` advertise the STARTTLS command of this protocol.
    pub fn offers_starttls(&self, caps: &[String]) -> bool {
        let word = match self.protocol {
            Protocol::Imap | Protocol::Smtp => "STARTTLS",
            Protocol::Pop3 => "STLS",
        };
        caps.iter().any(|c| {
            c.split_ascii_whitespace()
                .next()
                .is_some_and(|w| w.eq_ignore_ascii_case(word))
        })
    }

    /// Sends the STARTTLS command and reads the go-ahead.
    pub async fn starttls<S>(&mut self, conn: &mut LineConn<S>) -> Result<(), Failure>
    where
        S: AsyncRead + AsyncWrite + Unpin,
    {
        let ms = conn.timeout().as_millis();
        match self.protocol {
            Protocol::Imap => {
                let tag = self.next_tag();
                send(conn, &format!("{tag} STARTTLS"), ms).await?;
                let (_, status) = self.imap_tagged(conn, &tag, "STARTTLS").await?;
                if status.ok {
                    Ok(())
                } else {
                    Err(rejected(&status.line))
                }
            }
            Protocol::Pop3 => {
                send(conn, "STLS", ms).await?;
                let deadline = Instant::now() + conn.timeout();
                let reply = read(conn, deadline, "STLS reply").await?;
                if starts_with_ci(&reply, "+OK") {
                    Ok(())
                } else if starts_with_ci(&reply, "-ERR") {
                    Err(rejected(&reply))
                } else {
                    Err(protocol_error(format!("unexpected reply to STLS: {reply}")))
                }
            }
            Protocol::Smtp => {
                send(conn, "STARTTLS", ms).await?;
                let reply = self.smtp_reply(conn, "STARTTLS reply").await?;
                if reply.code == 220 {
                    Ok(())
                } else {
                    Err(rejected(&reply.lines.join(" / ")))
                }
            }
        }
    }

    /// Says goodbye (`LOGOUT`/`QUIT`) and closes at once, without waiting for the server's
    /// reply: nothing in it changes the diagnosis, and waiting costs a round trip on every
    /// probe's critical path. Errors are ignored.
    pub async fn quit<S>(&mut self, conn: &mut LineConn<S>, wait: std::time::Duration)
    where
        S: AsyncRead + AsyncWrite + Unpin,
    {
        let cmd = match self.protocol {
            Protocol::Imap => format!("{} LOGOUT", self.next_tag()),
            Protocol::Pop3 | Protocol::Smtp => "QUIT".to_owned(),
        };
        let _ = conn.write_line(&cmd).await;
        conn.shutdown(wait).await;
    }

    /// Reads IMAP lines until the tagged reply for `tag`; returns the untagged lines and
    /// the tagged status.
    async fn imap_tagged<S>(
        &self,
        conn: &mut LineConn<S>,
        tag: &str,
        what: &str,
    ) -> Result<(Vec<String>, Tagged), Failure>
    where
        S: AsyncRead + AsyncWrite + Unpin,
    {
        let deadline = Instant::now() + conn.timeout();
        let mut untagged = Vec::new();
        loop {
            let l = self
                .imap_line(conn, deadline, &format!("{what} reply"))
                .await?;
            if l.starts_with('+') {
                // A continuation request we did not ask for: nothing to send, keep reading.
                continue;
            }
            if let Some(rest) = l
                .split_once(' ')
                .filter(|(t, _)| t.eq_ignore_ascii_case(tag))
                .map(|(_, r)| r)
            {
                let ok = starts_with_ci(rest, "OK");
                if !ok && !starts_with_ci(rest, "NO") && !starts_with_ci(rest, "BAD") {
                    return Err(protocol_error(format!("malformed tagged reply: {l}")));
                }
                return Ok((untagged, Tagged { ok, line: l }));
            }
            if starts_with_ci(&l, "* BYE") {
                return Err(Failure {
                    kind: FailureKind::ConnectionClosed,
                    message: format!(
                        "the server said goodbye: {}",
                        cap_chars(&l, MAX_GREETING_CHARS)
                    ),
                });
            }
            if untagged.len() >= self.max_lines {
                return Err(too_many_lines(self.max_lines, what));
            }
            untagged.push(l);
        }
    }

    /// Reads one IMAP response line, with any literals (`{N}` / `{N+}` at the end of a line,
    /// RFC 9051 §4.3) read as raw bytes and folded in as text; at most `max_lines` literals.
    async fn imap_line<S>(
        &self,
        conn: &mut LineConn<S>,
        deadline: Instant,
        what: &str,
    ) -> Result<String, Failure>
    where
        S: AsyncRead + AsyncWrite + Unpin,
    {
        let ms = conn.timeout().as_millis();
        let mut line = read(conn, deadline, what).await?;
        let mut literals = 0;
        while let Some(n) = literal_len(&line) {
            literals += 1;
            if literals > self.max_lines {
                return Err(too_many_lines(self.max_lines, what));
            }
            let bytes = conn
                .read_bytes_until(n, deadline)
                .await
                .map_err(|e| line_failure(e, what, ms))?;
            line.push_str(&super::line::decode(&bytes).replace(['\r', '\n'], " "));
            let rest = read(conn, deadline, what).await?;
            line.push_str(&rest);
            if line.len() > MAX_MESSAGE_CHARS * 8 {
                return Err(protocol_error(format!("{what}: response too long")));
            }
        }
        // Literal bytes were not read as lines: scrub the assembled response too.
        Ok(if literals > 0 { conn.scrub(line) } else { line })
    }

    /// Logs in once with `mech`. `Ok` carries the server's verdict (accepted or refused, with
    /// its text); `Err` is a transport or protocol problem. The password is only ever
    /// written with [`LineConn::write_secret_line`], so transcripts show it masked.
    pub async fn login<S>(
        &mut self,
        conn: &mut LineConn<S>,
        mech: Mechanism,
        user: &str,
        password: &str,
    ) -> Result<LoginReply, Failure>
    where
        S: AsyncRead + AsyncWrite + Unpin,
    {
        let ms = conn.timeout().as_millis();
        match mech {
            Mechanism::ImapPlain { ir } => {
                let tag = self.next_tag();
                let blob = auth::sasl_plain(user, password);
                if ir {
                    send_secret(
                        conn,
                        format!("{tag} AUTHENTICATE PLAIN {blob}"),
                        format!("{tag} AUTHENTICATE PLAIN {MASK}"),
                        ms,
                    )
                    .await?;
                } else {
                    send(conn, &format!("{tag} AUTHENTICATE PLAIN"), ms).await?;
                    match self.imap_wait(conn, &tag).await? {
                        ImapWait::Continue => send_secret(conn, blob, MASK.to_owned(), ms).await?,
                        ImapWait::Tagged(t) => return Ok(LoginReply::from_imap(t)),
                    }
                }
                loop {
                    match self.imap_wait(conn, &tag).await? {
                        // Another challenge after our credentials: cancel (RFC 9051 §6.2.2).
                        ImapWait::Continue => send(conn, "*", ms).await?,
                        ImapWait::Tagged(t) => return Ok(LoginReply::from_imap(t)),
                    }
                }
            }
            Mechanism::ImapLogin => {
                let tag = self.next_tag();
                let (Some(u), Some(p)) = (imap_quoted(user), imap_quoted(password)) else {
                    // Literals would need several round trips; user names and passwords
                    // with CR, LF or NUL are not valid for LOGIN anyway.
                    return Err(protocol_error(
                        "the user name or password contains characters IMAP LOGIN cannot carry"
                            .to_owned(),
                    ));
                };
                send_secret(
                    conn,
                    format!("{tag} LOGIN {u} {p}"),
                    format!("{tag} LOGIN {u} {MASK}"),
                    ms,
                )
                .await?;
                loop {
                    match self.imap_wait(conn, &tag).await? {
                        ImapWait::Continue => send(conn, "", ms).await?,
                        ImapWait::Tagged(t) => return Ok(LoginReply::from_imap(t)),
                    }
                }
            }
            Mechanism::Pop3Plain => {
                send(conn, "AUTH PLAIN", ms).await?;
                let deadline = Instant::now() + conn.timeout();
                let r = read(conn, deadline, "AUTH reply").await?;
                if !r.starts_with('+') || starts_with_ci(&r, "+OK") {
                    return Ok(LoginReply::pop3(r));
                }
                send_secret(conn, auth::sasl_plain(user, password), MASK.to_owned(), ms).await?;
                let deadline = Instant::now() + conn.timeout();
                Ok(LoginReply::pop3(read(conn, deadline, "AUTH reply").await?))
            }
            Mechanism::Pop3UserPass => {
                if user.contains(['\r', '\n']) || password.contains(['\r', '\n']) {
                    return Err(protocol_error(
                        "the user name or password contains a line break".to_owned(),
                    ));
                }
                send(conn, &format!("USER {user}"), ms).await?;
                let deadline = Instant::now() + conn.timeout();
                let r = read(conn, deadline, "USER reply").await?;
                if !starts_with_ci(&r, "+OK") {
                    return Ok(LoginReply::pop3(r));
                }
                send_secret(conn, format!("PASS {password}"), format!("PASS {MASK}"), ms).await?;
                let deadline = Instant::now() + conn.timeout();
                Ok(LoginReply::pop3(read(conn, deadline, "PASS reply").await?))
            }
            Mechanism::SmtpPlain => {
                send_secret(
                    conn,
                    format!("AUTH PLAIN {}", auth::sasl_plain(user, password)),
                    format!("AUTH PLAIN {MASK}"),
                    ms,
                )
                .await?;
                let mut r = self.smtp_reply(conn, "AUTH reply").await?;
                if r.code == 334 {
                    send(conn, "*", ms).await?;
                    r = self.smtp_reply(conn, "AUTH reply").await?;
                }
                Ok(LoginReply::smtp(&r))
            }
            Mechanism::SmtpLogin => {
                send(conn, "AUTH LOGIN", ms).await?;
                let r = self.smtp_reply(conn, "AUTH reply").await?;
                if r.code != 334 {
                    return Ok(LoginReply::smtp(&r));
                }
                send_secret(conn, auth::b64(user), format!("{MASK} (user name)"), ms).await?;
                let r = self.smtp_reply(conn, "AUTH reply").await?;
                if r.code != 334 {
                    return Ok(LoginReply::smtp(&r));
                }
                send_secret(conn, auth::b64(password), MASK.to_owned(), ms).await?;
                let mut r = self.smtp_reply(conn, "AUTH reply").await?;
                if r.code == 334 {
                    send(conn, "*", ms).await?;
                    r = self.smtp_reply(conn, "AUTH reply").await?;
                }
                Ok(LoginReply::smtp(&r))
            }
        }
    }

    /// Reads IMAP responses until a continuation request or the tagged reply for `tag`.
    async fn imap_wait<S>(&self, conn: &mut LineConn<S>, tag: &str) -> Result<ImapWait, Failure>
    where
        S: AsyncRead + AsyncWrite + Unpin,
    {
        let deadline = Instant::now() + conn.timeout();
        let mut untagged = 0;
        // Untagged text before the verdict (`* NO [ALERT] …`, `* NO [WEBALERT …]`, hMailServer's
        // `* Too many invalid logon attempts.`) often says why: kept ahead of the tagged line.
        let mut said: Vec<String> = Vec::new();
        let with_said = |said: &[String], l: String| {
            if said.is_empty() {
                l
            } else {
                format!("{} / {l}", said.join(" / "))
            }
        };
        loop {
            let l = match self.imap_line(conn, deadline, "login reply").await {
                Ok(l) => l,
                // The server said why (`* NO [WEBALERT …] Web login required.`) and then
                // nothing more: its words are the verdict.
                Err(_)
                    if said
                        .iter()
                        .any(|s| starts_with_ci(s, "* NO") || starts_with_ci(s, "* BAD")) =>
                {
                    return Ok(ImapWait::Tagged(Tagged {
                        ok: false,
                        line: said.join(" / "),
                    }));
                }
                Err(f) => return Err(f),
            };
            if l.starts_with('+') {
                return Ok(ImapWait::Continue);
            }
            if let Some(rest) = l
                .split_once(' ')
                .filter(|(t, _)| t.eq_ignore_ascii_case(tag))
                .map(|(_, r)| r)
            {
                return Ok(ImapWait::Tagged(Tagged {
                    ok: starts_with_ci(rest, "OK"),
                    line: if starts_with_ci(rest, "OK") {
                        l
                    } else {
                        with_said(&said, l)
                    },
                }));
            }
            if starts_with_ci(&l, "* BYE") {
                // Some servers say why in a BYE before closing (e.g. "* BYE [ALERT] …").
                return Ok(ImapWait::Tagged(Tagged {
                    ok: false,
                    line: with_said(&said, l),
                }));
            }
            if !starts_with_ci(&l, "* CAPABILITY") && !starts_with_ci(&l, "* OK") && said.len() < 4
            {
                said.push(cap_chars(&l, MAX_GREETING_CHARS));
            }
            untagged += 1;
            if untagged > self.max_lines {
                return Err(too_many_lines(self.max_lines, "login reply"));
            }
        }
    }

    async fn smtp_reply<S>(&self, conn: &mut LineConn<S>, what: &str) -> Result<SmtpReply, Failure>
    where
        S: AsyncRead + AsyncWrite + Unpin,
    {
        let deadline = Instant::now() + conn.timeout();
        let first = read(conn, deadline, what).await?;
        let Some((code, _, _)) = smtp_line(&first) else {
            return Err(protocol_error(format!("not an SMTP reply: {first}")));
        };
        let lines = self.smtp_rest(conn, first, deadline, what).await?;
        Ok(SmtpReply { code, lines })
    }

    /// Reads the continuation lines of an SMTP reply whose first line is `first`.
    async fn smtp_rest<S>(
        &self,
        conn: &mut LineConn<S>,
        first: String,
        deadline: Instant,
        what: &str,
    ) -> Result<Vec<String>, Failure>
    where
        S: AsyncRead + AsyncWrite + Unpin,
    {
        let Some((code, mut more, _)) = smtp_line(&first) else {
            return Err(protocol_error(format!("not an SMTP reply: {first}")));
        };
        let mut lines = vec![first];
        while more {
            if lines.len() >= self.max_lines {
                return Err(too_many_lines(self.max_lines, what));
            }
            let l = read(conn, deadline, what).await?;
            match smtp_line(&l) {
                Some((c, m, _)) if c == code => more = m,
                _ => {
                    return Err(protocol_error(format!(
                        "broken multi-line SMTP reply (expected code {code}): {l}"
                    )));
                }
            }
            lines.push(l);
        }
        Ok(lines)
    }
}

struct Tagged {
    ok: bool,
    line: String,
}

enum ImapWait {
    Continue,
    Tagged(Tagged),
}

/// The server's verdict on a login attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginReply {
    /// Accepted.
    pub ok: bool,
    /// The reply, verbatim (multi-line SMTP replies joined with ` / `), capped.
    pub text: String,
}

impl LoginReply {
    fn from_imap(t: Tagged) -> Self {
        Self {
            ok: t.ok,
            text: cap_chars(&t.line, MAX_MESSAGE_CHARS),
        }
    }

    fn pop3(line: String) -> Self {
        Self {
            ok: starts_with_ci(&line, "+OK"),
            text: cap_chars(&line, MAX_MESSAGE_CHARS),
        }
    }

    fn smtp(r: &SmtpReply) -> Self {
        Self {
            ok: r.code / 100 == 2,
            text: cap_chars(&r.lines.join(" / "), MAX_MESSAGE_CHARS),
        }
    }
}

/// `{N}` or `{N+}` / `{N-}` at the end of an IMAP line: the length of the literal that follows.
fn literal_len(line: &str) -> Option<usize> {
    let inner = line.strip_suffix('}')?;
    let open = inner.rfind('{')?;
    let digits = inner[open + 1..].trim_end_matches(['+', '-']);
    if digits.is_empty() || digits.len() > 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// An IMAP quoted string (RFC 9051 §4.3), or `None` when the text needs a literal.
fn imap_quoted(s: &str) -> Option<String> {
    if s.bytes().any(|b| matches!(b, b'\r' | b'\n' | 0)) {
        return None;
    }
    Some(format!(
        "\"{}\"",
        s.replace('\\', "\\\\").replace('"', "\\\"")
    ))
}

struct SmtpReply {
    code: u16,
    lines: Vec<String>,
}

/// Parses `ddd`, `ddd text` or `ddd-text`: (code, continues, text).
fn smtp_line(l: &str) -> Option<(u16, bool, &str)> {
    let b = l.as_bytes();
    if b.len() < 3 || !b[..3].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let code: u16 = l.get(..3)?.parse().ok()?;
    match b.get(3) {
        None => Some((code, false, "")),
        Some(b' ') => Some((code, false, l.get(4..).unwrap_or(""))),
        Some(b'-') => Some((code, true, l.get(4..).unwrap_or(""))),
        Some(_) => None,
    }
}

fn smtp_text(l: &str) -> &str {
    smtp_line(l).map_or(l, |(_, _, t)| t)
}

/// The words of an IMAP `[CAPABILITY …]` response code in `line`, if present.
fn imap_capability_code(line: &str) -> Vec<String> {
    let upper = line.to_ascii_uppercase();
    let Some(start) = upper.find("[CAPABILITY ") else {
        return Vec::new();
    };
    let rest = &line[start + "[CAPABILITY ".len()..];
    let inner = rest.split(']').next().unwrap_or("");
    inner.split_ascii_whitespace().map(str::to_owned).collect()
}

/// Sends a line carrying a credential; the transcript records `shown`.
async fn send_secret<S>(
    conn: &mut LineConn<S>,
    line: String,
    shown: String,
    ms: u128,
) -> Result<(), Failure>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    conn.write_secret_line(&line, &shown)
        .await
        .map_err(|e| line_failure(e, "sending the login", ms))
}

async fn send<S>(conn: &mut LineConn<S>, cmd: &str, ms: u128) -> Result<(), Failure>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    conn.write_line(cmd)
        .await
        .map_err(|e| line_failure(e, &format!("sending {}", first_word(cmd)), ms))
}

fn first_word(cmd: &str) -> &str {
    // IMAP commands start with a tag; name the command, not the tag.
    let mut words = cmd.split_ascii_whitespace();
    match (words.next(), words.next()) {
        (Some(t), Some(c)) if t.starts_with('a') && t[1..].bytes().all(|b| b.is_ascii_digit()) => c,
        (Some(w), _) => w,
        _ => cmd,
    }
}

async fn read<S>(conn: &mut LineConn<S>, deadline: Instant, what: &str) -> Result<String, Failure>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let ms = conn.timeout().as_millis();
    conn.read_line_until(deadline)
        .await
        .map_err(|e| line_failure(e, what, ms))
}

/// Turns a line-level error into the step's failure.
pub fn line_failure(e: LineError, what: &str, timeout_ms: u128) -> Failure {
    let (kind, message) = match e {
        LineError::Timeout => (
            FailureKind::Timeout,
            format!("no {what} within {timeout_ms} ms"),
        ),
        LineError::Closed { partial } => (
            FailureKind::ConnectionClosed,
            if partial {
                format!("the server closed the connection in the middle of the {what}")
            } else {
                format!("the server closed the connection instead of sending the {what}")
            },
        ),
        LineError::TooLong(max) => (
            FailureKind::ProtocolError,
            format!("{what}: line longer than {max} bytes"),
        ),
        LineError::TlsRecord => (
            FailureKind::TlsOnPlaintextPort,
            format!(
                "expected a plaintext {what}, the server sent a TLS handshake: \
                 this port speaks implicit TLS (SSL/TLS)"
            ),
        ),
        LineError::Io(err) => {
            let kind = match err.kind() {
                std::io::ErrorKind::TimedOut => FailureKind::Timeout,
                std::io::ErrorKind::InvalidData => FailureKind::ProtocolError,
                _ => FailureKind::ConnectionClosed,
            };
            (kind, format!("{what}: {err}"))
        }
    };
    Failure { kind, message }
}

/// Longest failure message built from server text, in characters.
const MAX_MESSAGE_CHARS: usize = 600;

fn protocol_error(message: String) -> Failure {
    Failure {
        kind: FailureKind::ProtocolError,
        message: cap_chars(&message, MAX_MESSAGE_CHARS),
    }
}

fn too_many_lines(max: usize, what: &str) -> Failure {
    protocol_error(format!("{what}: reply longer than {max} lines"))
}

fn refused(reply: &str) -> Failure {
    protocol_error(format!(
        "the server refused the session: {}",
        cap_chars(reply, MAX_GREETING_CHARS)
    ))
}

fn rejected(reply: &str) -> Failure {
    Failure {
        kind: FailureKind::StarttlsRejected,
        message: format!(
            "the server refused to start TLS: {}",
            cap_chars(reply, MAX_GREETING_CHARS)
        ),
    }
}

/// Which protocol a greeting line belongs to, when recognisable.
pub fn greeting_protocol(line: &str) -> Option<Protocol> {
    if starts_with_ci(line, "* OK")
        || starts_with_ci(line, "* PREAUTH")
        || starts_with_ci(line, "* BYE")
    {
        Some(Protocol::Imap)
    } else if starts_with_ci(line, "+OK") || starts_with_ci(line, "-ERR") {
        Some(Protocol::Pop3)
    } else if smtp_line(line).is_some() {
        Some(Protocol::Smtp)
    } else {
        None
    }
}

fn wrong_protocol(expected: Protocol, line: &str) -> Failure {
    let shown = cap_chars(line, 200);
    match greeting_protocol(line) {
        Some(actual) if actual != expected => Failure {
            kind: FailureKind::WrongProtocol {
                actual: Some(actual),
            },
            message: format!(
                "expected a {} greeting, got a {} one: {shown}",
                expected.display_name(),
                actual.display_name()
            ),
        },
        _ if starts_with_ci(line, "SSH-") || starts_with_ci(line, "HTTP/") => Failure {
            kind: FailureKind::WrongProtocol { actual: None },
            message: format!(
                "expected a {} greeting, another service answered: {shown}",
                expected.display_name()
            ),
        },
        _ => protocol_error(format!(
            "expected a {} greeting, got: {shown}",
            expected.display_name()
        )),
    }
}

fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    if starts_with_ci(s, prefix) {
        s.get(prefix.len()..)
    } else {
        None
    }
}

/// Truncates to `max` characters.
pub fn cap_chars(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

fn cap_list(caps: Vec<String>) -> Vec<String> {
    caps.into_iter()
        .take(MAX_CAPS)
        .map(|c| cap_chars(&c, MAX_CAP_CHARS))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smtp_lines_parse() {
        assert_eq!(smtp_line("220 mx ESMTP"), Some((220, false, "mx ESMTP")));
        assert_eq!(smtp_line("250-PIPELINING"), Some((250, true, "PIPELINING")));
        assert_eq!(smtp_line("250"), Some((250, false, "")));
        assert_eq!(smtp_line("+OK"), None);
        assert_eq!(smtp_line("2500"), None);
    }

    #[test]
    fn imap_capability_code_in_greeting() {
        assert_eq!(
            imap_capability_code("* OK [CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN] ready"),
            vec!["IMAP4rev1", "STARTTLS", "AUTH=PLAIN"]
        );
        assert!(imap_capability_code("* OK ready").is_empty());
    }

    #[test]
    fn greeting_protocols_are_recognised() {
        assert_eq!(
            greeting_protocol("* OK Dovecot ready."),
            Some(Protocol::Imap)
        );
        assert_eq!(greeting_protocol("+OK POP3 ready"), Some(Protocol::Pop3));
        assert_eq!(greeting_protocol("220 mx ESMTP"), Some(Protocol::Smtp));
        assert_eq!(greeting_protocol("SSH-2.0-OpenSSH_9.6"), None);
        let f = wrong_protocol(Protocol::Imap, "+OK POP3 ready");
        assert_eq!(
            f.kind,
            FailureKind::WrongProtocol {
                actual: Some(Protocol::Pop3)
            }
        );
        let f = wrong_protocol(Protocol::Smtp, "SSH-2.0-OpenSSH_9.6");
        assert_eq!(f.kind, FailureKind::WrongProtocol { actual: None });
    }

    #[test]
    fn starttls_offer_is_found_by_first_word() {
        let d = Dialog::new(Protocol::Smtp, 10);
        assert!(d.offers_starttls(&["PIPELINING".into(), "starttls".into()]));
        assert!(!d.offers_starttls(&["X-STARTTLS-LATER".into()]));
        let d = Dialog::new(Protocol::Pop3, 10);
        assert!(d.offers_starttls(&["STLS".into()]));
        assert!(!d.offers_starttls(&["STARTTLS".into()]));
    }

    #[test]
    fn imap_literal_and_quoting() {
        assert_eq!(literal_len("* 1 FETCH (BODY[] {12}"), Some(12));
        assert_eq!(literal_len("* OK {5+}"), Some(5));
        assert_eq!(literal_len("* OK {}"), None);
        assert_eq!(literal_len("* OK done"), None);
        assert_eq!(imap_quoted(r#"p"a\ss"#).unwrap(), r#""p\"a\\ss""#);
        assert_eq!(imap_quoted("a\r\nb"), None);
    }

    #[test]
    fn command_names_skip_imap_tags() {
        assert_eq!(first_word("a12 CAPABILITY"), "CAPABILITY");
        assert_eq!(first_word("EHLO x"), "EHLO");
        assert_eq!(first_word("CAPA"), "CAPA");
    }
}
