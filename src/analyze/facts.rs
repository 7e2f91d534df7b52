//! Observations → facts about the shared things they depend on: the resolver, the domain,
//! each host and its addresses, each certificate, the account, what the user typed.
//! Built once per analysis; every rule reads these facts, none reads raw probes twice.

use std::collections::{BTreeMap, BTreeSet};

use crate::discover::{Discovery, DomainState};
use crate::model::{
    Candidate, CertInfo, Endpoint, Failure, FailureKind, LoginInfo, ProbeResult, Protocol,
    SourceKind, Step, StepStatus,
};

/// What the analysis needs besides discovery and the probes.
#[derive(Debug, Clone, Default)]
pub struct RunFacts {
    /// The address's domain (ASCII).
    pub domain: String,
    /// The resolver that was asked: `ip:port` of each name server, or empty when unknown.
    pub resolver: Vec<String>,
    /// True when a password was given for this run.
    pub password_given: bool,
    /// True when `--allow-untrusted-host` was given.
    pub allow_untrusted_host: bool,
    /// True for `--offline`: nothing was checked over the network.
    pub offline: bool,
}

/// How one endpoint fared, over all of its addresses.
#[derive(Debug, Clone)]
pub(super) enum Outcome<'a> {
    /// The connection chain worked on at least one address.
    Works,
    /// It failed on every address; the first failure (not an interruption).
    Fails(Step, &'a Failure),
    /// Not finished (interrupted) or not probed.
    Unknown,
}

/// The single login made for a protocol, and where.
#[derive(Debug, Clone)]
pub(super) struct LoginFact<'a> {
    pub endpoint: &'a Endpoint,
    pub info: Option<&'a LoginInfo>,
    /// The failed login step, when it failed.
    pub failure: Option<&'a Failure>,
}

/// Everything the rules need, derived once.
pub(super) struct Facts<'a> {
    pub d: &'a Discovery,
    pub run: &'a RunFacts,
    pub probes: &'a [ProbeResult],
    /// Probe results per endpoint (one per address).
    pub by_endpoint: BTreeMap<&'a Endpoint, Vec<&'a ProbeResult>>,
    /// Outcome per endpoint.
    pub outcome: BTreeMap<&'a Endpoint, Outcome<'a>>,
    /// Host names that do not exist or have no address.
    pub bad_hosts: BTreeSet<&'a str>,
    /// Logins made, per protocol.
    pub logins: BTreeMap<Protocol, LoginFact<'a>>,
    /// Logins withheld, per protocol: (endpoint, probe's reason).
    pub withheld: BTreeMap<Protocol, (&'a Endpoint, &'a str)>,
}

impl<'a> Facts<'a> {
    pub(super) fn new(d: &'a Discovery, probes: &'a [ProbeResult], run: &'a RunFacts) -> Self {
        let mut by_endpoint: BTreeMap<&Endpoint, Vec<&ProbeResult>> = BTreeMap::new();
        for p in probes {
            by_endpoint.entry(&p.endpoint).or_default().push(p);
        }
        let outcome = by_endpoint
            .iter()
            .map(|(e, rs)| {
                let o = if rs.iter().any(|r| r.connection_ok()) {
                    Outcome::Works
                } else {
                    rs.iter()
                        .filter_map(|r| r.connection_failure())
                        .find(|(_, f)| !f.kind.is_local())
                        .map_or(Outcome::Unknown, |(s, f)| Outcome::Fails(s, f))
                };
                (*e, o)
            })
            .collect();
        let bad_hosts = probes
            .iter()
            .filter(|p| {
                matches!(
                    p.failure(),
                    Some((
                        Step::Resolve,
                        Failure {
                            kind: FailureKind::NxDomain | FailureKind::NoAddress,
                            ..
                        }
                    ))
                )
            })
            .map(|p| p.endpoint.host.as_str())
            .collect();
        let mut logins = BTreeMap::new();
        let mut withheld = BTreeMap::new();
        for p in probes {
            let failure = p.login_failure().map(|(_, f)| f);
            if p.login.is_some() || failure.is_some() {
                logins.entry(p.endpoint.protocol).or_insert(LoginFact {
                    endpoint: &p.endpoint,
                    info: p.login.as_ref(),
                    failure,
                });
            }
            for s in &p.steps {
                if let (Step::Login, StepStatus::Skipped { reason }) = (s.step, &s.status) {
                    withheld
                        .entry(p.endpoint.protocol)
                        .or_insert((&p.endpoint, reason.as_str()));
                }
            }
        }
        Self {
            d,
            run,
            probes,
            by_endpoint,
            outcome,
            bad_hosts,
            logins,
            withheld,
        }
    }

    /// The candidate discovery proposed for an endpoint.
    pub(super) fn candidate(&self, e: &Endpoint) -> Option<&'a Candidate> {
        self.d.candidate(e)
    }

    /// True when the user typed this endpoint (`--check`).
    pub(super) fn typed(&self, e: &Endpoint) -> bool {
        self.candidate(e)
            .is_some_and(|c| c.origins.iter().any(|o| o.source == SourceKind::User))
    }

    /// True when only guessing proposed this endpoint.
    pub(super) fn guessed_only(&self, e: &Endpoint) -> bool {
        self.candidate(e)
            .is_none_or(|c| c.origins.iter().all(|o| o.source == SourceKind::Guess))
    }

    /// True when a real source (not a guess, not the user) proposed this endpoint.
    pub(super) fn published(&self, e: &Endpoint) -> bool {
        self.candidate(e).is_some_and(|c| {
            c.origins
                .iter()
                .any(|o| !matches!(o.source, SourceKind::Guess | SourceKind::User))
        })
    }

    /// Endpoints whose connection chain worked.
    pub(super) fn working(&self) -> impl Iterator<Item = &'a Endpoint> + '_ {
        self.outcome
            .iter()
            .filter(|(_, o)| matches!(o, Outcome::Works))
            .map(|(e, _)| *e)
    }

    /// Failing endpoints with their failure.
    pub(super) fn failing(&self) -> impl Iterator<Item = (&'a Endpoint, Step, &'a Failure)> + '_ {
        self.outcome.iter().filter_map(|(e, o)| match o {
            Outcome::Fails(s, f) => Some((*e, *s, *f)),
            _ => None,
        })
    }

    /// True when an endpoint of this protocol (other than `not`) works.
    pub(super) fn protocol_works(&self, p: Protocol, not: Option<&Endpoint>) -> bool {
        self.working()
            .any(|w| w.protocol == p && Some(w) != not && !self.typed_only(w))
    }

    /// True when an endpoint of this direction works (typed-only endpoints count too: the
    /// user's own server works).
    pub(super) fn direction_works(&self, incoming: bool) -> bool {
        self.working().any(|w| w.protocol.is_incoming() == incoming)
    }

    /// True when only the user typed this endpoint.
    pub(super) fn typed_only(&self, e: &Endpoint) -> bool {
        self.candidate(e)
            .is_some_and(|c| c.origins.iter().all(|o| o.source == SourceKind::User))
    }

    /// The best working endpoint of the same protocol, other than `e`, to suggest instead.
    pub(super) fn alternative(&self, e: &Endpoint) -> Option<&'a Endpoint> {
        self.working()
            .filter(|w| w.protocol == e.protocol && *w != e && !self.typed_only(w))
            .filter(|w| !(w.protocol == Protocol::Smtp && w.port == 25))
            .min_by_key(|w| self.candidate(w).map_or(u32::MAX, |c| c.rank))
    }

    /// The leaf certificate a probe of this endpoint saw, if any.
    pub(super) fn leaf(&self, e: &Endpoint) -> Option<&'a CertInfo> {
        self.by_endpoint
            .get(e)?
            .iter()
            .find_map(|r| r.tls.as_ref().and_then(|t| t.chain.first()))
    }

    /// Length of the chain the server sent for this endpoint (0 when unknown).
    pub(super) fn chain_len(&self, e: &Endpoint) -> usize {
        self.by_endpoint
            .get(e)
            .and_then(|rs| rs.iter().find_map(|r| r.tls.as_ref()))
            .map_or(0, |t| t.chain.len())
    }

    /// True when the domain is known not to exist or accept mail.
    pub(super) fn domain_gone(&self) -> bool {
        matches!(self.d.domain, DomainState::NotFound | DomainState::NullMx)
    }

    /// True when `host` is the address's domain or under it.
    pub(super) fn under_domain(&self, host: &str) -> bool {
        let d = &self.run.domain;
        !d.is_empty() && (host == d || host.ends_with(&format!(".{d}")))
    }

    /// True when any probe got past DNS resolution (some name resolved).
    pub(super) fn any_name_resolved(&self) -> bool {
        self.probes.iter().any(|p| p.addr.is_some())
    }

    /// Resolution failures (kind) of names outside the address's domain.
    pub(super) fn outside_resolve_failures(&self) -> Vec<&'a FailureKind> {
        self.failing()
            .filter(|(e, s, _)| *s == Step::Resolve && !self.under_domain(&e.host))
            .map(|(_, _, f)| &f.kind)
            .collect()
    }
}
