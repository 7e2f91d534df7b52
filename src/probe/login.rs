//! Which endpoint a password may be sent to, and which one login per protocol is made.
//!
//! The password goes to at most one endpoint per protocol (IMAP, POP3, SMTP submission),
//! on the probe's own connection, once that connection is TLS with a verified certificate
//! and its capabilities are known; there is never a second connection for the login.
//!
//! **Which endpoint.** Per protocol a *login set* of candidates is fixed, ordered by
//! (discovery rank, endpoint), and the login goes to the first of them (then the first of
//! its addresses, in address order) whose probe reaches that point. The login set is:
//! - the candidates the trusted sources named, as soon as DNS answered: user input
//!   (`--check`), the provider database, the domain's SRV records and the provider its MX
//!   hosts belong to — when at least one of them may receive the password. The slower
//!   HTTP sources (autoconfig, Autodiscover) and guesses are not waited for, and the ranks
//!   are those known at that moment;
//! - otherwise every candidate of the protocol once discovery finished.
//!
//! A probe that reaches the login point before a better-ranked member of its set has
//! settled keeps its connection open and waits; the decision therefore depends only on
//! what the sources answered and which probes worked, not on timing.
//!
//! The password is never sent:
//! - without TLS (plaintext endpoints, or STARTTLS not completed), nor when the
//!   certificate failed verification: the login runs only on a stream that
//!   [`crate::net::tls::TlsClient::handshake`] returned, which it does only for a verified
//!   certificate;
//! - to a host only guessed, or outside the address's registrable domain (Public Suffix
//!   List) unless the provider database proposed it (the matched provider's own servers),
//!   without `--allow-untrusted-host`;
//! - to SMTP port 25 (relay, not submission: RFC 6409 §1).

use std::collections::{BTreeMap, BTreeSet};
use std::net::SocketAddr;
use std::sync::{Mutex, PoisonError};

use tokio::sync::Notify;

use crate::config::Secret;
use crate::model::{Candidate, Endpoint, ProbeResult, Protocol, Security, SourceKind};

/// One endpoint the password could go to.
#[derive(Debug, Clone)]
pub struct LoginTarget {
    /// The endpoint.
    pub endpoint: Endpoint,
    /// User name from the settings.
    pub username: String,
    /// Discovery's rank (lower is better).
    pub rank: u32,
    /// Why the password must not go there, if it must not.
    pub refusal: Option<String>,
}

/// The credentials, the login set of each protocol and the progress of the probes that
/// may log in: shared by every probe of one run.
#[derive(Debug)]
pub struct LoginPlan {
    /// The password.
    password: Secret,
    /// The local part to try once more after "wrong credentials" (`--try-usernames`).
    retry_local_part: Option<String>,
    /// The address's domain.
    domain: String,
    /// `--allow-untrusted-host`.
    allow_untrusted: bool,
    state: Mutex<State>,
    changed: Notify,
}

#[derive(Debug, Default)]
struct State {
    /// The login set per protocol, best first, once fixed.
    sets: BTreeMap<Protocol, Vec<LoginTarget>>,
    /// Discovery finished: every protocol's set is fixed.
    complete: bool,
    /// Probed endpoints: `None` while resolving, then each address's progress.
    endpoints: BTreeMap<Endpoint, Option<BTreeMap<SocketAddr, Slot>>>,
    /// Protocols whose login was handed out.
    taken: BTreeSet<Protocol>,
}

/// Where one probe (endpoint, address) stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// Still probing, or waiting at the login point.
    Running,
    /// Ended without logging in.
    Out,
    /// Got the login.
    Won,
}

/// One login to make.
#[derive(Debug, Clone)]
pub struct LoginJob {
    /// User name from the settings.
    pub username: String,
    /// A second user name to try once after "wrong credentials", when allowed and different.
    pub local_part: Option<String>,
    /// The password.
    pub password: Secret,
}

/// Registrable domain (eTLD+1) of a host name, lowercase; the host itself when the Public
/// Suffix List does not know it.
pub fn registrable(host: &str) -> String {
    let h = host.trim_end_matches('.').to_ascii_lowercase();
    psl::domain_str(&h).map_or_else(|| h.clone(), str::to_owned)
}

/// Why a password must not be sent to `c` for an address in `domain`, or `None` when it may.
pub fn refusal(c: &Candidate, domain: &str, allow_untrusted: bool) -> Option<String> {
    let host = &c.endpoint.host;
    if c.endpoint.security == Security::None {
        return Some("never sent over an unencrypted connection".to_owned());
    }
    if c.endpoint.protocol == Protocol::Smtp && c.endpoint.port == 25 {
        return Some("port 25 is for server-to-server mail, not for logging in".to_owned());
    }
    if allow_untrusted {
        return None;
    }
    let from_provider = c
        .origins
        .iter()
        .any(|o| matches!(o.source, SourceKind::Provider | SourceKind::Mx));
    if from_provider {
        return None;
    }
    if c.origins.iter().all(|o| o.source == SourceKind::Guess) {
        return Some(format!(
            "{host} was only guessed; pass --allow-untrusted-host to log in there anyway"
        ));
    }
    if host.parse::<std::net::IpAddr>().is_err() && registrable(host) == registrable(domain) {
        return None;
    }
    Some(format!(
        "{host} is outside {} and is not the provider's server; pass --allow-untrusted-host \
         to log in there anyway",
        registrable(domain)
    ))
}

impl LoginPlan {
    /// A plan for an address (`local@domain`); the login sets come from
    /// [`LoginPlan::trusted`] and [`LoginPlan::complete`].
    pub fn new(
        password: Secret,
        local: &str,
        domain: &str,
        try_usernames: bool,
        allow_untrusted: bool,
    ) -> Self {
        Self {
            password,
            retry_local_part: try_usernames.then(|| local.to_owned()),
            domain: domain.to_owned(),
            allow_untrusted,
            state: Mutex::default(),
            changed: Notify::new(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn targets<'a>(
        &self,
        candidates: impl Iterator<Item = &'a Candidate>,
    ) -> BTreeMap<Protocol, Vec<LoginTarget>> {
        let mut sets: BTreeMap<Protocol, Vec<LoginTarget>> = BTreeMap::new();
        for c in candidates {
            sets.entry(c.endpoint.protocol)
                .or_default()
                .push(LoginTarget {
                    endpoint: c.endpoint.clone(),
                    username: c.username.clone(),
                    rank: c.rank,
                    refusal: refusal(c, &self.domain, self.allow_untrusted),
                });
        }
        for v in sets.values_mut() {
            v.sort_by(|a, b| a.rank.cmp(&b.rank).then(a.endpoint.cmp(&b.endpoint)));
        }
        sets
    }

    /// The candidates of the trusted sources (user input, provider database, SRV, MX
    /// provider), known once DNS answered: fixes the login set of every protocol for which
    /// one of them may receive the password.
    pub fn trusted(&self, candidates: &[Candidate]) {
        let sets = self.targets(candidates.iter());
        let mut st = self.lock();
        for (protocol, targets) in sets {
            if targets.iter().any(|t| t.refusal.is_none()) {
                st.sets.entry(protocol).or_insert(targets);
            }
        }
        drop(st);
        self.changed.notify_waiters();
    }

    /// Discovery's final candidates: fixes the login set of every remaining protocol.
    pub fn complete(&self, candidates: &[Candidate]) {
        let sets = self.targets(candidates.iter());
        let mut st = self.lock();
        for (protocol, targets) in sets {
            st.sets.entry(protocol).or_insert(targets);
        }
        st.complete = true;
        drop(st);
        self.changed.notify_waiters();
    }

    /// A probe of `endpoint` started (its name is being resolved).
    pub(crate) fn resolving(&self, endpoint: &Endpoint) {
        self.lock()
            .endpoints
            .entry(endpoint.clone())
            .or_insert(None);
    }

    /// `endpoint` resolved to `addrs` (none when the resolution failed).
    pub(crate) fn resolved(&self, endpoint: &Endpoint, addrs: &[SocketAddr]) {
        let slots = addrs.iter().map(|a| (*a, Slot::Running)).collect();
        self.lock().endpoints.insert(endpoint.clone(), Some(slots));
        self.changed.notify_waiters();
    }

    /// The probe of (`endpoint`, `addr`) ended; without the login unless it won it.
    pub(crate) fn ended(&self, endpoint: &Endpoint, addr: SocketAddr) {
        let mut st = self.lock();
        if let Some(Some(slots)) = st.endpoints.get_mut(endpoint)
            && let Some(s) = slots.get_mut(&addr)
            && *s == Slot::Running
        {
            *s = Slot::Out;
        }
        drop(st);
        self.changed.notify_waiters();
    }

    /// Called by a probe whose connection is TLS-verified with known capabilities: waits
    /// until every better-placed probe of the protocol's login set settled, then returns the
    /// login to make here, or `None` (another endpoint logs in, or none may here).
    pub(crate) async fn turn(&self, endpoint: &Endpoint, addr: SocketAddr) -> Option<LoginJob> {
        loop {
            let notified = self.changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if let Some(decision) = self.decide(endpoint, addr) {
                if decision.is_none() {
                    self.ended(endpoint, addr);
                } else {
                    // The others of the protocol need not wait for this login to end.
                    self.changed.notify_waiters();
                }
                return decision;
            }
            notified.await;
        }
    }

    /// `None` while the decision must wait; `Some(job or not)` once it is made.
    fn decide(&self, endpoint: &Endpoint, addr: SocketAddr) -> Option<Option<LoginJob>> {
        let mut st = self.lock();
        let protocol = endpoint.protocol;
        if st.taken.contains(&protocol) {
            return Some(None);
        }
        let Some(set) = st.sets.get(&protocol) else {
            return if st.complete { Some(None) } else { None };
        };
        let eligible: Vec<&LoginTarget> = set.iter().filter(|t| t.refusal.is_none()).collect();
        // Not in the login set, or refused there: no login here, nothing to wait for.
        let Some(pos) = eligible.iter().position(|t| t.endpoint == *endpoint) else {
            return Some(None);
        };
        for (i, t) in eligible.iter().enumerate().take(pos + 1) {
            let Some(Some(slots)) = st.endpoints.get(&t.endpoint) else {
                // Not probed yet, or still resolving: it may still come first.
                return None;
            };
            let before = |a: &SocketAddr| i < pos || *a < addr;
            if slots.iter().any(|(a, s)| before(a) && *s != Slot::Out) {
                return None;
            }
        }
        let Some(t) = eligible.get(pos).map(|t| (*t).clone()) else {
            return Some(None);
        };
        st.taken.insert(protocol);
        if let Some(Some(slots)) = st.endpoints.get_mut(endpoint) {
            slots.insert(addr, Slot::Won);
        }
        let local_part = self
            .retry_local_part
            .clone()
            .filter(|l| !l.is_empty() && *l != t.username);
        Some(Some(LoginJob {
            username: t.username,
            local_part,
            password: self.password.clone(),
        }))
    }

    /// For each protocol without a login, the first member of its login set that worked
    /// over verified TLS but may not receive the password: (index into `results`, reason),
    /// recorded as a skipped login.
    pub fn skipped(&self, results: &[ProbeResult]) -> Vec<(usize, String)> {
        let st = self.lock();
        let mut out = Vec::new();
        for (protocol, set) in &st.sets {
            if st.taken.contains(protocol) {
                continue;
            }
            let note = set.iter().find_map(|t| {
                let why = t.refusal.as_ref()?;
                let i = results.iter().position(|r| {
                    r.endpoint == t.endpoint
                        && r.connection_ok()
                        && r.tls.as_ref().is_some_and(|tls| tls.verified)
                })?;
                Some((i, why.clone()))
            });
            out.extend(note);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Origin;

    fn cand(host: &str, port: u16, sec: Security, src: SourceKind) -> Candidate {
        Candidate {
            endpoint: Endpoint::new(Protocol::Imap, host, port, sec),
            username: "alice@example.com".into(),
            origins: vec![Origin {
                source: src,
                detail: String::new(),
            }],
            rank: 1,
        }
    }

    fn imap(host: &str, port: u16, src: SourceKind, rank: u32) -> Candidate {
        Candidate {
            endpoint: Endpoint::new(Protocol::Imap, host, port, Security::Tls),
            username: "alice@example.com".into(),
            origins: vec![Origin {
                source: src,
                detail: String::new(),
            }],
            rank,
        }
    }

    fn plan() -> LoginPlan {
        LoginPlan::new(Secret::new("pw"), "alice", "example.com", false, false)
    }

    fn at(port: u16) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], port))
    }

    #[tokio::test]
    async fn the_best_ranked_trusted_endpoint_logs_in_whoever_is_ready_first() {
        let best = imap("imap.example.com", 993, SourceKind::Srv, 3000);
        let second = imap("mail.example.com", 993, SourceKind::Srv, 3001);
        let p = plan();
        p.trusted(&[best.clone(), second.clone()]);
        for c in [&best, &second] {
            p.resolving(&c.endpoint);
            p.resolved(&c.endpoint, &[at(1)]);
        }
        // The worse-ranked probe is ready first: it must wait for the better one.
        let waiting = p.turn(&second.endpoint, at(1));
        tokio::pin!(waiting);
        assert!(
            tokio::time::timeout(std::time::Duration::from_millis(50), waiting.as_mut())
                .await
                .is_err(),
            "decided before the better-ranked probe settled"
        );
        let job = p.turn(&best.endpoint, at(1)).await;
        assert_eq!(
            job.map(|j| j.username).as_deref(),
            Some("alice@example.com")
        );
        assert!(waiting.await.is_none(), "two logins for one protocol");
    }

    #[tokio::test]
    async fn a_failed_better_probe_hands_the_login_on_and_outsiders_never_wait() {
        let best = imap("imap.example.com", 993, SourceKind::Srv, 3000);
        let second = imap("mail.example.com", 993, SourceKind::Srv, 3001);
        let late = imap("imap2.example.com", 993, SourceKind::Autoconfig, 2000);
        let p = plan();
        p.trusted(&[best.clone(), second.clone()]);
        for c in [&best, &second, &late] {
            p.resolving(&c.endpoint);
            p.resolved(&c.endpoint, &[at(1)]);
        }
        // Named only by a slower source after the trusted ones: not in the login set,
        // even with a better rank.
        assert!(p.turn(&late.endpoint, at(1)).await.is_none());
        p.ended(&best.endpoint, at(1));
        assert!(p.turn(&second.endpoint, at(1)).await.is_some());
    }

    #[tokio::test]
    async fn without_a_trusted_candidate_the_final_candidates_decide() {
        let guessed = imap("imap.example.com", 993, SourceKind::Guess, 7000);
        let auto = imap("mail.example.com", 993, SourceKind::Autoconfig, 2000);
        let p = plan();
        // Only a refused candidate so far: the set waits for discovery's end.
        p.trusted(std::slice::from_ref(&guessed));
        for c in [&guessed, &auto] {
            p.resolving(&c.endpoint);
            p.resolved(&c.endpoint, &[at(1)]);
        }
        let waiting = p.turn(&auto.endpoint, at(1));
        tokio::pin!(waiting);
        assert!(
            tokio::time::timeout(std::time::Duration::from_millis(50), waiting.as_mut())
                .await
                .is_err()
        );
        p.complete(&[auto.clone(), guessed.clone()]);
        assert!(waiting.await.is_some());
        assert!(p.turn(&guessed.endpoint, at(1)).await.is_none());
    }

    #[test]
    fn registrable_domains() {
        assert_eq!(registrable("imap.mail.example.co.uk"), "example.co.uk");
        assert_eq!(registrable("imap.example.com."), "example.com");
        assert_eq!(registrable("mail.example.test"), "example.test");
    }

    #[test]
    fn who_may_receive_the_password() {
        let d = "example.com";
        let ok = |c: &Candidate| refusal(c, d, false).is_none();
        assert!(ok(&cand(
            "imap.example.com",
            993,
            Security::Tls,
            SourceKind::Srv
        )));
        assert!(ok(&cand(
            "mail.example.com",
            993,
            Security::Tls,
            SourceKind::User
        )));
        assert!(ok(&cand(
            "imap.exmail.qq.com",
            993,
            Security::Tls,
            SourceKind::Mx
        )));
        assert!(ok(&cand(
            "imap.qq.com",
            993,
            Security::Tls,
            SourceKind::Provider
        )));
        // Outside the domain, from SRV (spoofable) or typed: needs the flag.
        assert!(!ok(&cand(
            "imap.attacker.net",
            993,
            Security::Tls,
            SourceKind::Srv
        )));
        assert!(!ok(&cand(
            "imap.example.com.attacker.net",
            993,
            Security::Tls,
            SourceKind::User
        )));
        assert!(!ok(&cand(
            "127.0.0.1",
            993,
            Security::Tls,
            SourceKind::User
        )));
        // Guessed: needs the flag even under the domain.
        assert!(!ok(&cand(
            "imap.example.com",
            993,
            Security::Tls,
            SourceKind::Guess
        )));
        assert!(
            refusal(
                &cand("imap.attacker.net", 993, Security::Tls, SourceKind::Srv),
                d,
                true
            )
            .is_none()
        );
        // Never without encryption, flag or not.
        assert!(
            refusal(
                &cand("imap.example.com", 143, Security::None, SourceKind::Srv),
                d,
                true
            )
            .is_some()
        );
    }
}
