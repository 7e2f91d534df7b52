//! Probing: endpoints → observations.
//!
//! For each endpoint the host is resolved once (after `--connect-to` overrides), then every
//! resolved address (IPv4 and IPv6 separately) is probed on its own connection:
//!
//! - implicit TLS (RFC 8314 §3.3): connect → TLS handshake → greeting → capabilities;
//! - STARTTLS (RFC 3207 SMTP, RFC 2595 / RFC 9051 §6.2.1 IMAP, RFC 2595 §4 POP3 `STLS`):
//!   connect → greeting → capabilities → STARTTLS → TLS handshake → capabilities again;
//! - no security: connect → greeting → capabilities.
//!
//! Endpoints arrive on a channel while discovery is still running ([`run_stream`]); each new
//! one is probed at once. All probes run concurrently in a [`JoinSet`], bounded by a global
//! and a per-host-name semaphore, and the whole run by `limits.run_timeout` (counted from
//! the last new endpoint); a probe that has not finished by then is reported with a
//! `timeout` failure at the step it was in, never lost.
//!
//! With a password, the login is made on the probe's own connection, once it is TLS with a
//! verified certificate and the capabilities are known ([`login`] decides which probe). A connect
//! that timed out is not retried against the same address by later probes of the run, so a
//! dead host costs one timeout. Nothing is logged: everything observed is returned as data.

pub mod auth;
pub mod line;
pub mod login;
pub mod proto;
pub mod scrub;

#[cfg(test)]
pub(crate) mod testkit;
#[cfg(test)]
mod tests;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::future::Future;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::task::JoinSet;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

use crate::model::{
    Endpoint, Failure, FailureKind, LoginInfo, ProbeResult, Protocol, Security, Step, StepResult,
    StepStatus, TlsInfo,
};
use crate::net::Net;
use line::{LineConn, LineError, Transcript};
pub use login::{LoginJob, LoginPlan, LoginTarget};
use proto::Dialog;

/// Any byte stream a probe talks over (plain TCP or TLS).
trait Io: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Io for T {}
type BoxIo = Box<dyn Io>;

/// Longest wait for a goodbye reply and for the connection shutdown.
const QUIT_WAIT: Duration = Duration::from_millis(500);
/// Longest wait for an answer to a ClientHello sent to a silent "plaintext" port.
const TLS_SNIFF_WAIT: Duration = Duration::from_secs(3);

/// What to do besides probing.
#[derive(Debug, Clone, Default)]
pub struct ProbeOptions {
    /// Keep a transcript of each dialogue (`--verbose`), credentials masked.
    pub transcript: bool,
    /// Log in once per protocol, when a password was given (shared with discovery, which
    /// fixes its login sets).
    pub login: Option<Arc<LoginPlan>>,
    /// Stop early (Ctrl-C): unfinished probes end with an `interrupted` failure.
    pub cancel: Option<CancellationToken>,
}

/// How a batch of probes ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    Finished,
    TimedOut,
    Interrupted,
}

/// Probes every endpoint concurrently (bounded) and returns one result per endpoint and
/// resolved address, sorted by endpoint then address.
pub async fn run(net: &Net, endpoints: Vec<Endpoint>) -> Vec<ProbeResult> {
    run_with(net, endpoints, &ProbeOptions::default()).await
}

/// [`run`] with options. With a [`LoginPlan`] (whose login sets the caller fixed), the
/// login is made on the chosen probe's own connection; see [`run_stream`].
pub async fn run_with(
    net: &Net,
    endpoints: Vec<Endpoint>,
    opts: &ProbeOptions,
) -> Vec<ProbeResult> {
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    // The receiver is alive until `run_stream` returns.
    let _ = tx.send(endpoints);
    drop(tx);
    run_stream(net, rx, opts).await
}

/// Most endpoints of one protocol probed in one run: twice what discovery keeps
/// ([`crate::discover::MAX_CANDIDATES_PER_PROTOCOL`]), since endpoints stream in before
/// discovery ranks them.
pub const MAX_PROBES_PER_PROTOCOL: usize = 2 * crate::discover::MAX_CANDIDATES_PER_PROTOCOL;

/// Probes endpoints as they arrive on `rx` (each endpoint once, however often it comes),
/// each at once, until `rx` is closed and every probe ended. With a [`LoginPlan`], the
/// probe that the plan picks per protocol logs in on its own connection once it is TLS
/// with a verified certificate and its capabilities are known; the plan's notes for
/// logins not made go in as skipped `login` steps.
///
/// The run timeout counts from the arrival of the last new endpoint.
pub async fn run_stream(
    net: &Net,
    mut rx: tokio::sync::mpsc::UnboundedReceiver<Vec<Endpoint>>,
    opts: &ProbeOptions,
) -> Vec<ProbeResult> {
    let limits = &net.limits;
    let plan = opts.login.clone();
    let ctx = Arc::new(Ctx {
        net: net.clone(),
        global: Arc::new(Semaphore::new(limits.max_concurrency.max(1))),
        per_host: Mutex::default(),
        dead: Mutex::default(),
        transcript: opts.transcript,
        plan: plan.clone(),
    });
    let board = Arc::new(Board::default());
    let run_timeout = limits.run_timeout;
    let cancelled = async {
        match opts.cancel.as_ref() {
            Some(c) => c.cancelled().await,
            None => std::future::pending().await,
        }
    };
    let work = async {
        let mut seen: BTreeSet<Endpoint> = BTreeSet::new();
        let mut per_protocol: HashMap<Protocol, usize> = HashMap::new();
        let mut set = JoinSet::new();
        let mut open = true;
        let deadline = tokio::time::sleep(run_timeout);
        tokio::pin!(deadline);
        tokio::pin!(cancelled);
        loop {
            tokio::select! {
                batch = rx.recv(), if open => match batch {
                    Some(endpoints) => {
                        let mut fresh = false;
                        for ep in endpoints {
                            if seen.contains(&ep) {
                                continue;
                            }
                            // Endpoints stream in before discovery ranks and caps them: a
                            // hostile zone or document must still not become hundreds of
                            // probes (the first arrivals are the user's and the trusted
                            // sources' own).
                            let n = per_protocol.entry(ep.protocol).or_default();
                            if *n >= MAX_PROBES_PER_PROTOCOL {
                                continue;
                            }
                            *n += 1;
                            seen.insert(ep.clone());
                            fresh = true;
                            if let Some(p) = &plan {
                                p.resolving(&ep);
                            }
                            let tracker = board.add(ep.clone(), None);
                            set.spawn(resolve_and_probe(ctx.clone(), board.clone(), ep, tracker));
                        }
                        if fresh {
                            deadline.as_mut().reset(Instant::now() + run_timeout);
                        }
                    }
                    None => open = false,
                },
                Some(_) = set.join_next(), if !set.is_empty() => {}
                () = &mut deadline => return End::TimedOut,
                () = &mut cancelled => return End::Interrupted,
            }
            if !open && set.is_empty() {
                return End::Finished;
            }
        }
    };
    let end = work.await;
    let mut results = board.close(end, run_timeout);
    if let Some(plan) = plan.filter(|_| end != End::Interrupted) {
        for (i, reason) in plan.skipped(&results) {
            if let Some(r) = results.get_mut(i) {
                r.steps.push(StepResult {
                    step: Step::Login,
                    status: StepStatus::Skipped { reason },
                    elapsed_ms: 0,
                });
            }
        }
    }
    results
}

struct Ctx {
    net: Net,
    global: Arc<Semaphore>,
    /// One semaphore per host name, made when the first probe of that name starts.
    per_host: Mutex<HashMap<String, Arc<Semaphore>>>,
    /// Addresses whose TCP connect timed out in this run.
    dead: Mutex<HashSet<SocketAddr>>,
    /// Keep transcripts.
    transcript: bool,
    /// The login plan, when a password was given.
    plan: Option<Arc<LoginPlan>>,
}

async fn resolve_and_probe(ctx: Arc<Ctx>, board: Arc<Board>, ep: Endpoint, tracker: Tracker) {
    tracker.start();
    let resolve = async {
        match ctx.net.connector.resolve(&ep.host, ep.port).await {
            // Never leave a result without a verdict, even if a resolver returned nothing.
            Ok(addrs) if addrs.is_empty() => Err(Failure {
                kind: FailureKind::NoAddress,
                message: format!("{} has no address", ep.host),
            }),
            other => other,
        }
    };
    let Some(addrs) = step(&tracker, Step::Resolve, resolve).await else {
        if let Some(p) = &ctx.plan {
            p.resolved(&ep, &[]);
        }
        tracker.finish();
        return;
    };
    let mut set = JoinSet::new();
    // The resolution is now represented by the per-address results.
    let started = board.replace(&tracker, &ep, &addrs);
    if let Some(p) = &ctx.plan {
        let addrs: Vec<SocketAddr> = started.iter().map(|(a, _)| *a).collect();
        p.resolved(&ep, &addrs);
    }
    for (addr, t) in started {
        set.spawn(probe_addr(ctx.clone(), ep.clone(), addr, t));
    }
    while set.join_next().await.is_some() {}
}

/// The connection slots a probe holds (per host name, global).
struct Permits {
    _host: Option<OwnedSemaphorePermit>,
    _global: Option<OwnedSemaphorePermit>,
}

async fn probe_addr(ctx: Arc<Ctx>, ep: Endpoint, addr: SocketAddr, t: Tracker) {
    // Per-host first, then global: a task never holds a global slot while queueing per host.
    let host = ctx
        .per_host
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .entry(ep.host.clone())
        .or_insert_with(|| Arc::new(Semaphore::new(ctx.net.limits.per_host.max(1))))
        .clone();
    let host = host.acquire_owned().await.ok();
    let global = ctx.global.clone().acquire_owned().await.ok();
    t.start();
    let transcript = ctx.transcript.then(Transcript::default);
    session(
        &ctx,
        &ep,
        addr,
        &t,
        Permits {
            _host: host,
            _global: global,
        },
        transcript.as_ref(),
    )
    .await;
    if let Some(tr) = transcript {
        t.update(|r| r.transcript = tr.lines());
    }
    if let Some(p) = &ctx.plan {
        p.ended(&ep, addr);
    }
    t.finish();
}

/// At the login point (TLS verified, capabilities known): asks the plan whether this probe
/// logs in, and if so does, on this connection. The connection slots are given back while
/// waiting for the plan's decision, so a better-placed probe is never kept from starting.
async fn maybe_login(
    ctx: &Ctx,
    (ep, addr): (&Endpoint, SocketAddr),
    t: &Tracker,
    permits: Permits,
    dialog: &mut Dialog,
    conn: LineConn<BoxIo>,
    caps: &[String],
) -> LineConn<BoxIo> {
    let Some(plan) = &ctx.plan else {
        return conn;
    };
    drop(permits);
    let Some(job) = plan.turn(ep, addr).await else {
        return conn;
    };
    // Everything the server says from now on is scrubbed of the password (and of its
    // encodings) before it is stored. Every user name the server could pair the password
    // with: the one sent, the retry, and the part before an `@`.
    let mut users = vec![job.username.as_str()];
    users.extend(job.local_part.as_deref());
    users.extend(job.username.split_once('@').map(|(local, _)| local));
    let scrubber = Arc::new(scrub::Scrubber::new(job.password.expose(), &users));
    let mut conn = conn.with_scrubber(Some(scrubber));
    login_steps(ep.protocol, t, dialog, &mut conn, caps, &job).await;
    conn
}

/// Runs one probe's steps, recording each in `t`; logs in over verified TLS when the login
/// plan picks this probe.
async fn session(
    ctx: &Ctx,
    ep: &Endpoint,
    addr: SocketAddr,
    t: &Tracker,
    permits: Permits,
    transcript: Option<&Transcript>,
) {
    let net = &ctx.net;
    let limits = &net.limits;
    let connect = async {
        let known_dead = ctx
            .dead
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .contains(&addr);
        if known_dead {
            return Err(Failure {
                kind: FailureKind::Timeout,
                message: format!("not retried: connecting to {addr} already timed out in this run"),
            });
        }
        let r = net.connector.connect(addr).await;
        if let Err(f) = &r
            && f.kind == FailureKind::Timeout
        {
            ctx.dead
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .insert(addr);
        }
        r
    };
    let Some(tcp) = step(t, Step::Connect, connect).await else {
        return;
    };
    let mut dialog = Dialog::new(ep.protocol, limits.max_reply_lines);
    let new_conn = |io: BoxIo| {
        LineConn::new(io, limits.max_line_len, limits.read_timeout)
            .with_transcript(transcript.cloned())
    };

    match ep.security {
        Security::Tls => {
            let Some(tls) = tls_step(ctx, ep, t, Box::new(tcp)).await else {
                return;
            };
            let mut conn = new_conn(tls);
            conn.note("TLS handshake completed, certificate verified");
            let Some(greeting) = greeting_step(ctx, ep, t, &mut dialog, &mut conn, false).await
            else {
                return;
            };
            let caps = dialog.capabilities(&mut conn, &greeting);
            let Some(caps) = step(t, Step::Capabilities, caps).await else {
                return;
            };
            t.update(|r| r.capabilities = caps.clone());
            let mut conn = maybe_login(ctx, (ep, addr), t, permits, &mut dialog, conn, &caps).await;
            dialog.quit(&mut conn, QUIT_WAIT).await;
        }
        Security::None => {
            let mut conn = new_conn(Box::new(tcp));
            let Some(greeting) = greeting_step(ctx, ep, t, &mut dialog, &mut conn, true).await
            else {
                return;
            };
            let caps = dialog.capabilities(&mut conn, &greeting);
            let Some(caps) = step(t, Step::Capabilities, caps).await else {
                return;
            };
            t.update(|r| r.capabilities = caps);
            dialog.quit(&mut conn, QUIT_WAIT).await;
        }
        Security::Starttls => {
            let mut conn = new_conn(Box::new(tcp));
            let Some(greeting) = greeting_step(ctx, ep, t, &mut dialog, &mut conn, true).await
            else {
                return;
            };
            let caps = dialog.capabilities(&mut conn, &greeting);
            let Some(caps) = step(t, Step::Capabilities, caps).await else {
                return;
            };
            let offered = dialog.offers_starttls(&caps);
            t.update(|r| r.capabilities = caps);
            if !offered {
                t.begin(Step::Starttls);
                t.fail_current(Failure {
                    kind: FailureKind::StarttlsNotOffered,
                    message: format!(
                        "the server does not advertise {}",
                        if ep.protocol == crate::model::Protocol::Pop3 {
                            "STLS"
                        } else {
                            "STARTTLS"
                        }
                    ),
                });
                dialog.quit(&mut conn, QUIT_WAIT).await;
                return;
            }
            t.begin(Step::Starttls);
            match dialog.starttls(&mut conn).await {
                Ok(()) => {}
                Err(f) => {
                    let polite = f.kind == FailureKind::StarttlsRejected;
                    t.fail_current(f);
                    if polite {
                        dialog.quit(&mut conn, QUIT_WAIT).await;
                    }
                    return;
                }
            }
            // Never let plaintext bytes received before the handshake reach TLS or be read
            // as encrypted replies (CVE-2011-0411 class).
            let raw = match conn.into_inner() {
                Ok(raw) => raw,
                Err(stray) => {
                    t.fail_current(Failure {
                        kind: FailureKind::ProtocolError,
                        message: format!(
                            "server sent data after the STARTTLS go-ahead ({stray} bytes before \
                             the TLS handshake); discarded and connection dropped"
                        ),
                    });
                    return;
                }
            };
            t.ok_current();
            let Some(tls) = tls_step(ctx, ep, t, raw).await else {
                return;
            };
            let mut conn = new_conn(tls);
            conn.note("TLS handshake completed, certificate verified");
            let caps = dialog.capabilities(&mut conn, &[]);
            let Some(caps) = step(t, Step::CapabilitiesAfterTls, caps).await else {
                return;
            };
            t.update(|r| r.capabilities_after_tls = caps.clone());
            let mut conn = maybe_login(ctx, (ep, addr), t, permits, &mut dialog, conn, &caps).await;
            dialog.quit(&mut conn, QUIT_WAIT).await;
        }
    }
}

/// The `auth_mechs` and `login` steps, on a connection that is TLS with a verified
/// certificate (the only callers are the two TLS branches of [`session`], after
/// [`tls_step`] returned a stream, which it does only for a verified certificate).
/// One attempt; a second one with the local part only when the plan allows it and the
/// server said the credentials were wrong.
async fn login_steps(
    protocol: Protocol,
    t: &Tracker,
    dialog: &mut Dialog,
    conn: &mut LineConn<BoxIo>,
    caps: &[String],
    job: &LoginJob,
) {
    t.begin(Step::AuthMechs);
    t.update(|r| r.auth_mechanisms = auth::offered(protocol, caps));
    let mech = match auth::choose(protocol, caps) {
        Ok(m) => {
            t.ok_current();
            m
        }
        Err(kind) => {
            let message = match &kind {
                FailureKind::AuthNoMechanism { offered } if offered.is_empty() => {
                    "the server offers no password login here".to_owned()
                }
                FailureKind::AuthNoMechanism { offered } => format!(
                    "the server offers no password login here, only: {}",
                    offered.join(", ")
                ),
                _ => String::new(),
            };
            t.fail_current(Failure { kind, message });
            return;
        }
    };
    t.begin(Step::Login);
    let password = job.password.expose();
    let mut info = LoginInfo {
        settings_username: job.username.clone(),
        username: job.username.clone(),
        mechanism: mech.name().to_owned(),
        attempts: 1,
        ok: false,
        server_reply: String::new(),
    };
    let first = dialog.login(conn, mech, &job.username, password).await;
    let outcome = match first {
        Err(f) => Err(f),
        Ok(reply) if reply.ok => Ok(reply.text),
        Ok(reply) => {
            let kind = auth::classify(protocol, &reply.text);
            match &job.local_part {
                Some(local) if kind == FailureKind::AuthFailed => {
                    info.attempts = 2;
                    info.username = local.clone();
                    match dialog.login(conn, mech, local, password).await {
                        Ok(second) if second.ok => Ok(second.text),
                        Ok(second) => Err(refusal(protocol, second.text)),
                        // The retry could not be made: the first answer stands.
                        Err(_) => {
                            info.username = job.username.clone();
                            Err(refusal(protocol, reply.text))
                        }
                    }
                }
                _ => Err(refusal(protocol, reply.text)),
            }
        }
    };
    match outcome {
        Ok(text) => {
            info.ok = true;
            info.server_reply = text;
            t.update(|r| r.login = Some(info));
            t.ok_current();
        }
        Err(f) => {
            if matches!(
                f.kind,
                FailureKind::AuthFailed
                    | FailureKind::AuthRejected
                    | FailureKind::AuthAccountBlocked
                    | FailureKind::AuthAppPasswordRequired
                    | FailureKind::AuthProtocolDisabled
                    | FailureKind::AuthOauthRequired
                    | FailureKind::AuthWebLoginRequired
                    | FailureKind::AuthTooManyAttempts
                    | FailureKind::AuthTemporary
            ) {
                info.server_reply = f.message.clone();
            }
            t.update(|r| r.login = Some(info));
            t.fail_current(f);
        }
    }
}

/// A refused login: classified from the server's text, which is kept verbatim.
fn refusal(protocol: Protocol, text: String) -> Failure {
    Failure {
        kind: auth::classify(protocol, &text),
        message: text,
    }
}

/// The TLS handshake step; records the session info even when the certificate is rejected.
async fn tls_step(ctx: &Ctx, ep: &Endpoint, t: &Tracker, io: BoxIo) -> Option<BoxIo> {
    t.begin(Step::TlsHandshake);
    let outcome = ctx
        .net
        .tls
        .handshake(io, &ep.host, ctx.net.limits.read_timeout)
        .await;
    let info: Option<TlsInfo> = outcome.info;
    t.update(|r| r.tls = info);
    match outcome.stream {
        Ok(s) => {
            t.ok_current();
            Some(Box::new(s))
        }
        Err(f) => {
            t.fail_current(f);
            None
        }
    }
}

/// The greeting step. On a silent plaintext port, checks whether the port speaks TLS.
async fn greeting_step(
    ctx: &Ctx,
    ep: &Endpoint,
    t: &Tracker,
    dialog: &mut Dialog,
    conn: &mut LineConn<BoxIo>,
    plaintext: bool,
) -> Option<Vec<String>> {
    t.begin(Step::Greeting);
    match dialog.greeting(conn).await {
        Ok(g) => {
            t.update(|r| r.greeting = Some(g.line));
            t.ok_current();
            Some(g.capabilities)
        }
        Err(mut f) => {
            if plaintext && f.kind == FailureKind::Timeout && conn.buffered() == 0 {
                // A TLS server waits for the client: send a ClientHello and look at the answer.
                if let Some(hello) = ctx.net.tls.client_hello(&ep.host)
                    && conn.write_raw(&hello).await.is_ok()
                {
                    let wait = ctx.net.limits.read_timeout.min(TLS_SNIFF_WAIT);
                    let answer = conn.read_some(wait).await;
                    if answer.len() >= 2 && matches!(answer[0], 0x15 | 0x16) && answer[1] == 0x03 {
                        f = proto::line_failure(
                            LineError::TlsRecord,
                            "greeting",
                            ctx.net.limits.read_timeout.as_millis(),
                        );
                        f.message = format!(
                            "no plaintext greeting, but the server answered a TLS ClientHello: \
                             this port speaks implicit TLS (SSL/TLS), not {}",
                            ep.security.display_name()
                        );
                    }
                }
            }
            if f.kind == FailureKind::Timeout && conn.buffered() == 0 {
                f = Failure {
                    kind: FailureKind::NoGreeting,
                    message: format!(
                        "the connection was accepted but the server sent no greeting within {} ms",
                        ctx.net.limits.read_timeout.as_millis()
                    ),
                };
            }
            t.fail_current(f);
            None
        }
    }
}

/// Runs `fut` as step `s`: records Ok/Failed and returns the value on success.
async fn step<T>(t: &Tracker, s: Step, fut: impl Future<Output = Result<T, Failure>>) -> Option<T> {
    t.begin(s);
    match fut.await {
        Ok(v) => {
            t.ok_current();
            Some(v)
        }
        Err(f) => {
            t.fail_current(f);
            None
        }
    }
}

/// Shared progress of every probe, so a run timeout can report what each was doing.
#[derive(Default)]
struct Board {
    state: Mutex<BoardState>,
}

#[derive(Default)]
struct BoardState {
    entries: Vec<Entry>,
    closed: bool,
}

struct Entry {
    result: ProbeResult,
    started: Option<Instant>,
    current: Option<(Step, Instant)>,
    finished: bool,
    discarded: bool,
}

impl Entry {
    fn new(endpoint: Endpoint, addr: Option<SocketAddr>) -> Self {
        Self {
            result: ProbeResult {
                endpoint,
                addr,
                steps: Vec::new(),
                greeting: None,
                capabilities: Vec::new(),
                capabilities_after_tls: Vec::new(),
                tls: None,
                elapsed_ms: 0,
                auth_mechanisms: Vec::new(),
                login: None,
                transcript: Vec::new(),
            },
            started: None,
            current: None,
            finished: false,
            discarded: false,
        }
    }
}

#[derive(Clone)]
struct Tracker {
    board: Arc<Board>,
    idx: usize,
}

impl Board {
    fn add(self: &Arc<Self>, endpoint: Endpoint, addr: Option<SocketAddr>) -> Tracker {
        let mut st = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        st.entries.push(Entry::new(endpoint, addr));
        Tracker {
            board: self.clone(),
            idx: st.entries.len() - 1,
        }
    }

    /// Atomically replaces the entry of `tracker` (a resolution) by one entry per address.
    fn replace(
        self: &Arc<Self>,
        tracker: &Tracker,
        ep: &Endpoint,
        addrs: &[SocketAddr],
    ) -> Vec<(SocketAddr, Tracker)> {
        let mut st = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if st.closed {
            return Vec::new();
        }
        if let Some(e) = st.entries.get_mut(tracker.idx) {
            e.discarded = true;
        }
        addrs
            .iter()
            .map(|&addr| {
                st.entries.push(Entry::new(ep.clone(), Some(addr)));
                let t = Tracker {
                    board: self.clone(),
                    idx: st.entries.len() - 1,
                };
                (addr, t)
            })
            .collect()
    }

    /// Freezes the board and returns the sorted results; unfinished probes get a failed
    /// step (timeout when the run timed out).
    fn close(&self, end: End, run_timeout: Duration) -> Vec<ProbeResult> {
        let mut st = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        st.closed = true;
        let now = Instant::now();
        let mut out: Vec<ProbeResult> = Vec::with_capacity(st.entries.len());
        for e in st.entries.drain(..) {
            if e.discarded {
                continue;
            }
            let mut r = e.result;
            if !e.finished {
                let (kind, why) = match end {
                    End::TimedOut => (
                        FailureKind::Timeout,
                        format!(
                            "the run timeout ({} ms) was reached before this step finished",
                            run_timeout.as_millis()
                        ),
                    ),
                    End::Interrupted => (
                        FailureKind::Interrupted,
                        "interrupted (Ctrl-C) before this step finished".to_owned(),
                    ),
                    End::Finished => (
                        FailureKind::ProtocolError,
                        "internal error: the probe ended without a result".to_owned(),
                    ),
                };
                let (step, since, message) = match (e.current, r.addr) {
                    (Some((s, since)), _) => (s, since, why),
                    (None, None) => (Step::Resolve, now, why),
                    (None, Some(_)) => (
                        Step::Connect,
                        now,
                        format!("not started (waiting for a free connection slot): {why}"),
                    ),
                };
                r.steps.push(StepResult {
                    step,
                    status: StepStatus::Failed(Failure { kind, message }),
                    elapsed_ms: millis(now.saturating_duration_since(since)),
                });
                if let Some(start) = e.started {
                    r.elapsed_ms = millis(now.saturating_duration_since(start));
                }
            }
            out.push(r);
        }
        out.sort_by(|a, b| (&a.endpoint, a.addr).cmp(&(&b.endpoint, b.addr)));
        out
    }
}

impl Tracker {
    fn with(&self, f: impl FnOnce(&mut Entry)) {
        let mut st = self
            .board
            .state
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if st.closed {
            return;
        }
        if let Some(e) = st.entries.get_mut(self.idx) {
            f(e);
        }
    }

    fn start(&self) {
        self.with(|e| e.started = Some(Instant::now()));
    }

    fn begin(&self, step: Step) {
        self.with(|e| e.current = Some((step, Instant::now())));
    }

    fn end_current(&self, status: StepStatus) {
        self.with(|e| {
            if let Some((step, since)) = e.current.take() {
                e.result.steps.push(StepResult {
                    step,
                    status,
                    elapsed_ms: millis(since.elapsed()),
                });
            }
        });
    }

    fn ok_current(&self) {
        self.end_current(StepStatus::Ok);
    }

    fn fail_current(&self, f: Failure) {
        self.end_current(StepStatus::Failed(f));
    }

    fn update(&self, f: impl FnOnce(&mut ProbeResult)) {
        self.with(|e| f(&mut e.result));
    }

    fn finish(&self) {
        self.with(|e| {
            e.finished = true;
            if let Some(start) = e.started {
                e.result.elapsed_ms = millis(start.elapsed());
            }
        });
    }
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}
