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
//! All probes run concurrently in a [`JoinSet`], bounded by a global and a per-host-name
//! semaphore, and the whole run by `limits.run_timeout`; a probe that has not finished by
//! then is reported with a `timeout` failure at the step it was in, never lost. A connect
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
use tokio::sync::Semaphore;
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
    /// Log in once per protocol, when a password was given.
    pub login: Option<LoginPlan>,
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

/// Runs `work` under the run timeout and the optional cancel token.
async fn bounded_run(
    run_timeout: Duration,
    cancel: Option<&CancellationToken>,
    work: impl Future<Output = ()>,
) -> End {
    let timed = async {
        match tokio::time::timeout(run_timeout, work).await {
            Ok(()) => End::Finished,
            Err(_) => End::TimedOut,
        }
    };
    match cancel {
        Some(c) => tokio::select! {
            end = timed => end,
            () = c.cancelled() => End::Interrupted,
        },
        None => timed.await,
    }
}

/// Probes every endpoint concurrently (bounded) and returns one result per endpoint and
/// resolved address, sorted by endpoint then address.
pub async fn run(net: &Net, endpoints: Vec<Endpoint>) -> Vec<ProbeResult> {
    run_with(net, endpoints, &ProbeOptions::default()).await
}

/// [`run`], then, with a [`LoginPlan`], one login per protocol on the best-ranked endpoint
/// whose connection and certificate checked out (a fresh connection to the same address).
/// The login steps (`auth_mechs`, `login`) are added to that endpoint's result.
pub async fn run_with(
    net: &Net,
    endpoints: Vec<Endpoint>,
    opts: &ProbeOptions,
) -> Vec<ProbeResult> {
    let cancel = opts.cancel.as_ref();
    let mut results = probe_all(net, endpoints, opts.transcript, cancel).await;
    let interrupted = cancel.is_some_and(CancellationToken::is_cancelled);
    if let Some(plan) = opts.login.as_ref().filter(|_| !interrupted) {
        let (jobs, skipped) = plan.pick(&results);
        for (i, reason) in skipped {
            if let Some(r) = results.get_mut(i) {
                r.steps.push(StepResult {
                    step: Step::Login,
                    status: StepStatus::Skipped { reason },
                    elapsed_ms: 0,
                });
            }
        }
        let logins = login_all(net, &results, jobs, opts.transcript, cancel).await;
        for (i, login) in logins {
            if let Some(r) = results.get_mut(i) {
                merge_login(r, login);
            }
        }
    }
    results
}

fn new_ctx(net: &Net, hosts: impl Iterator<Item = String>, transcript: bool) -> Arc<Ctx> {
    let limits = &net.limits;
    let per_host: HashMap<String, Arc<Semaphore>> = hosts
        .map(|h| (h, Arc::new(Semaphore::new(limits.per_host.max(1)))))
        .collect();
    Arc::new(Ctx {
        net: net.clone(),
        global: Arc::new(Semaphore::new(limits.max_concurrency.max(1))),
        per_host,
        dead: Mutex::default(),
        transcript,
    })
}

/// Phase two: the chosen logins, concurrently, each on its own connection.
async fn login_all(
    net: &Net,
    results: &[ProbeResult],
    jobs: Vec<(usize, LoginJob)>,
    transcript: bool,
    cancel: Option<&CancellationToken>,
) -> Vec<(usize, ProbeResult)> {
    let hosts = jobs
        .iter()
        .filter_map(|(i, _)| results.get(*i).map(|r| r.endpoint.host.clone()));
    let ctx = new_ctx(net, hosts, transcript);
    let board = Arc::new(Board::default());
    let mut order = Vec::new();
    let work = {
        let mut set = JoinSet::new();
        for (i, job) in jobs {
            let Some(r) = results.get(i) else { continue };
            let Some(addr) = r.addr else { continue };
            let tracker = board.add(r.endpoint.clone(), Some(addr));
            order.push(i);
            set.spawn(probe_addr(
                ctx.clone(),
                r.endpoint.clone(),
                addr,
                tracker,
                Some(Arc::new(job)),
            ));
        }
        async move { while set.join_next().await.is_some() {} }
    };
    let limits = &net.limits;
    let end = bounded_run(limits.run_timeout, cancel, work).await;
    // `close` sorts; match the results back by (endpoint, address), which are unique.
    let done = board.close(end, limits.run_timeout);
    order
        .into_iter()
        .filter_map(|i| {
            let r = results.get(i)?;
            let l = done
                .iter()
                .find(|d| d.endpoint == r.endpoint && d.addr == r.addr)?;
            Some((i, l.clone()))
        })
        .collect()
}

/// Adds the login steps of a phase-two result to the phase-one result.
fn merge_login(r: &mut ProbeResult, mut login: ProbeResult) {
    r.auth_mechanisms = std::mem::take(&mut login.auth_mechanisms);
    r.login = login.login.take();
    if !login.transcript.is_empty() {
        r.transcript
            .push("-- new connection for the login".to_owned());
        r.transcript.append(&mut login.transcript);
    }
    let auth_steps: Vec<StepResult> = login
        .steps
        .iter()
        .filter(|s| matches!(s.step, Step::AuthMechs | Step::Login))
        .cloned()
        .collect();
    match login.failure() {
        Some((step, f)) if !matches!(step, Step::AuthMechs | Step::Login) => {
            // The second connection broke before the login: say so on the login step.
            r.steps.push(StepResult {
                step: Step::Login,
                status: StepStatus::Failed(Failure {
                    kind: f.kind.clone(),
                    message: format!(
                        "connecting again to log in failed at {}: {}",
                        step.as_str(),
                        f.message
                    ),
                }),
                elapsed_ms: login.elapsed_ms,
            });
        }
        _ => r.steps.extend(auth_steps),
    }
}

async fn probe_all(
    net: &Net,
    endpoints: Vec<Endpoint>,
    transcript: bool,
    cancel: Option<&CancellationToken>,
) -> Vec<ProbeResult> {
    let endpoints: BTreeSet<Endpoint> = endpoints.into_iter().collect();
    let limits = &net.limits;
    let ctx = new_ctx(net, endpoints.iter().map(|e| e.host.clone()), transcript);
    let board = Arc::new(Board::default());

    let work = {
        let board = board.clone();
        async move {
            let mut set = JoinSet::new();
            for ep in endpoints {
                let tracker = board.add(ep.clone(), None);
                set.spawn(resolve_and_probe(ctx.clone(), board.clone(), ep, tracker));
            }
            while set.join_next().await.is_some() {}
        }
    };
    let end = bounded_run(limits.run_timeout, cancel, work).await;
    board.close(end, limits.run_timeout)
}

struct Ctx {
    net: Net,
    global: Arc<Semaphore>,
    per_host: HashMap<String, Arc<Semaphore>>,
    /// Addresses whose TCP connect timed out in this run.
    dead: Mutex<HashSet<SocketAddr>>,
    /// Keep transcripts.
    transcript: bool,
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
        tracker.finish();
        return;
    };
    let mut set = JoinSet::new();
    // The resolution is now represented by the per-address results.
    for (addr, t) in board.replace(&tracker, &ep, &addrs) {
        set.spawn(probe_addr(ctx.clone(), ep.clone(), addr, t, None));
    }
    while set.join_next().await.is_some() {}
}

async fn probe_addr(
    ctx: Arc<Ctx>,
    ep: Endpoint,
    addr: SocketAddr,
    t: Tracker,
    job: Option<Arc<LoginJob>>,
) {
    // Per-host first, then global: a task never holds a global slot while queueing per host.
    let _host = match ctx.per_host.get(&ep.host) {
        Some(s) => s.clone().acquire_owned().await.ok(),
        None => None,
    };
    let _global = ctx.global.clone().acquire_owned().await.ok();
    t.start();
    let transcript = ctx.transcript.then(Transcript::default);
    session(&ctx, &ep, addr, &t, job.as_deref(), transcript.as_ref()).await;
    if let Some(tr) = transcript {
        t.update(|r| r.transcript = tr.lines());
    }
    t.finish();
}

/// Runs one probe's steps, recording each in `t`; with a `job`, logs in over verified TLS.
async fn session(
    ctx: &Ctx,
    ep: &Endpoint,
    addr: SocketAddr,
    t: &Tracker,
    job: Option<&LoginJob>,
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
    // On the connection that logs in, everything the server says after the password was
    // sent is scrubbed of it (and of its encodings) before it is stored.
    let scrubber = job.map(|j| {
        // Every user name the server could pair the password with: the one sent, the
        // retry, and the part before an `@`.
        let mut users = vec![j.username.as_str()];
        users.extend(j.local_part.as_deref());
        users.extend(j.username.split_once('@').map(|(local, _)| local));
        Arc::new(scrub::Scrubber::new(j.password.expose(), &users))
    });
    let new_conn = |io: BoxIo| {
        LineConn::new(io, limits.max_line_len, limits.read_timeout)
            .with_transcript(transcript.cloned())
            .with_scrubber(scrubber.clone())
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
            if let Some(job) = job {
                login_steps(ep.protocol, t, &mut dialog, &mut conn, &caps, job).await;
            }
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
            if let Some(job) = job {
                login_steps(ep.protocol, t, &mut dialog, &mut conn, &caps, job).await;
            }
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
