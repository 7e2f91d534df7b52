//! Discovery: every source at once (provider database, DNS SRV, DNS MX), then guessing for
//! whatever protocol no source covered. Every source's outcome is kept in a
//! [`SourceReport`], even when it found nothing, so the report can show what was tried.
//!
//! Sources never short-circuit each other: a diagnostic tool must be able to say "SRV says
//! one thing, the provider database another". Candidates are merged by endpoint
//! (a `BTreeMap`, for determinism) and ranked: user input, then the provider database,
//! then SRV, then MX-derived provider settings, then guesses; within a source implicit TLS
//! before STARTTLS before plaintext.

pub mod guess;
pub mod srv;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::address::EmailAddress;
use crate::dns::{Dns, DnsAnswer, Mx};
use crate::model::{
    Candidate, Endpoint, Hint, Origin, Protocol, Security, SourceKind, SourceReport, SourceStatus,
};
use crate::provider::{Provider, ProviderDb};

/// Does the address's domain exist in DNS? Decided from the MX query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "state", content = "detail")]
pub enum DomainState {
    /// The domain answered (records or NODATA).
    Exists,
    /// NXDOMAIN: the domain does not exist.
    NotFound,
    /// The domain publishes a null MX (RFC 7505): it accepts no mail.
    NullMx,
    /// The lookup failed or timed out; existence unknown.
    Unknown(String),
}

/// How the provider was recognised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProviderMatch {
    /// Provider id (its main domain).
    pub id: String,
    /// Display name.
    pub name: String,
    /// `provider` when the address's domain is listed, `mx` when an MX host matched.
    pub detected_via: SourceKind,
    /// The MX host that matched, for `mx`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mx_host: Option<String>,
    /// What a person must know (app passwords, enabling POP3, …).
    pub hints: Vec<Hint>,
    /// Provider documentation URLs.
    pub documentation: Vec<String>,
}

/// A service that SRV explicitly marks as not offered (target ".").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotOffered {
    /// The SRV name queried.
    pub name: String,
    /// Protocol.
    pub protocol: Protocol,
    /// Security mode.
    pub security: Security,
}

/// Everything discovery learned.
#[derive(Debug, Clone, Serialize)]
pub struct Discovery {
    /// One report per source query, in a fixed order.
    pub sources: Vec<SourceReport>,
    /// Candidates, best rank first.
    pub candidates: Vec<Candidate>,
    /// The provider, when recognised.
    pub provider: Option<ProviderMatch>,
    /// Whether the domain exists.
    pub domain: DomainState,
    /// Services SRV marks as not offered.
    pub not_offered: Vec<NotOffered>,
}

impl Discovery {
    /// The candidate for an endpoint, if discovery proposed it.
    pub fn candidate(&self, endpoint: &Endpoint) -> Option<&Candidate> {
        self.candidates.iter().find(|c| &c.endpoint == endpoint)
    }
}

/// Rank of a source; lower is better.
fn source_rank(kind: SourceKind) -> u32 {
    match kind {
        SourceKind::User => 0,
        SourceKind::Provider => 1,
        SourceKind::Srv => 2,
        SourceKind::Mx => 3,
        SourceKind::Guess => 5,
    }
}

fn security_rank(s: Security) -> u32 {
    match s {
        Security::Tls => 0,
        Security::Starttls => 1,
        Security::None => 2,
    }
}

/// Rank of a candidate from its best source, its security mode and its position within the
/// source (e.g. SRV priority order, guess order). Lower is better.
pub fn rank(kind: SourceKind, security: Security, position: usize) -> u32 {
    let pos = u32::try_from(position.min(99)).unwrap_or(99);
    source_rank(kind) * 1000 + security_rank(security) * 100 + pos
}

/// Collects candidates, merging origins of identical endpoints.
#[derive(Debug, Default)]
pub struct CandidateSet {
    map: BTreeMap<Endpoint, Candidate>,
}

impl CandidateSet {
    /// Adds a candidate or merges its origin into an existing one (keeping the best rank).
    pub fn add(&mut self, endpoint: Endpoint, username: String, origin: Origin, position: usize) {
        let r = rank(origin.source, endpoint.security, position);
        match self.map.get_mut(&endpoint) {
            Some(c) => {
                if !c.origins.contains(&origin) {
                    c.origins.push(origin);
                    c.origins.sort();
                }
                if r < c.rank {
                    c.rank = r;
                    c.username = username;
                }
            }
            None => {
                self.map.insert(
                    endpoint.clone(),
                    Candidate {
                        endpoint,
                        username,
                        origins: vec![origin],
                        rank: r,
                    },
                );
            }
        }
    }

    /// True when some candidate has this protocol.
    pub fn has(&self, protocol: Protocol) -> bool {
        self.map.keys().any(|e| e.protocol == protocol)
    }

    /// Candidates, best first (rank, then endpoint for determinism).
    pub fn into_sorted(self) -> Vec<Candidate> {
        let mut v: Vec<Candidate> = self.map.into_values().collect();
        v.sort_by(|a, b| {
            a.rank
                .cmp(&b.rank)
                .then_with(|| a.endpoint.cmp(&b.endpoint))
        });
        v
    }
}

fn elapsed_ms(start: Instant) -> u64 {
    u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX)
}

fn add_provider(
    set: &mut CandidateSet,
    provider: &Provider,
    addr: &EmailAddress,
    origin: &Origin,
) -> usize {
    let mut n = 0;
    for (i, s) in provider
        .incoming
        .iter()
        .chain(provider.outgoing.iter())
        .enumerate()
    {
        set.add(
            s.endpoint_for(addr),
            s.username_for(addr),
            origin.clone(),
            i,
        );
        n += 1;
    }
    n
}

fn provider_match(p: &Provider, via: SourceKind, mx_host: Option<String>) -> ProviderMatch {
    ProviderMatch {
        id: p.id.clone(),
        name: p.display_name.clone(),
        detected_via: via,
        mx_host,
        hints: p.hints.clone(),
        documentation: p.documentation.clone(),
    }
}

/// Runs every discovery source concurrently and merges the results. `user` endpoints
/// (from `--check`) are included as candidates of rank 0. Never fails: every problem is a
/// source outcome.
pub async fn discover(
    dns: &Dns,
    providers: &ProviderDb,
    addr: &EmailAddress,
    user: &[Endpoint],
    source_timeout: Duration,
) -> Discovery {
    let domain = addr.domain.as_str();
    let mut sources = Vec::new();
    let mut set = CandidateSet::default();
    let mut provider = None;
    let mut not_offered = Vec::new();

    for (i, e) in user.iter().enumerate() {
        let origin = Origin {
            source: SourceKind::User,
            detail: "--check".to_owned(),
        };
        set.add(e.clone(), addr.ascii(), origin, i);
    }

    // Provider database: no I/O, but reported like any other source.
    let start = Instant::now();
    let by_domain = providers.by_domain(domain);
    let (status, detail, count) = match by_domain {
        Some(p) => {
            let origin = Origin {
                source: SourceKind::Provider,
                detail: p.id.clone(),
            };
            let n = add_provider(&mut set, p, addr, &origin);
            provider = Some(provider_match(p, SourceKind::Provider, None));
            (
                SourceStatus::Found,
                format!("{} ({})", p.display_name, p.id),
                n,
            )
        }
        None => (
            SourceStatus::NotFound,
            "domain not in the provider database".to_owned(),
            0,
        ),
    };
    sources.push(SourceReport {
        source: SourceKind::Provider,
        target: domain.to_owned(),
        status,
        detail,
        candidates: count,
        elapsed_ms: elapsed_ms(start),
    });

    // DNS sources, all at once, each bounded by its own timeout.
    let mx_fut = timed(source_timeout, dns.mx(domain));
    let srv_futs = srv::SERVICES.map(|(label, _, _)| {
        let name = format!("{label}.{domain}");
        async move {
            let r = timed(source_timeout, dns.srv(&name)).await;
            (name, r)
        }
    });
    let (mx, srv_results) = tokio::join!(mx_fut, futures_util::future::join_all(srv_futs));

    // SRV.
    for ((name, (answer, ms)), (_, protocol, security)) in
        srv_results.into_iter().zip(srv::SERVICES.iter())
    {
        let (status, detail, count) = match answer {
            DnsAnswer::Records(mut records) => {
                if srv::is_not_offered(&records) {
                    not_offered.push(NotOffered {
                        name: name.clone(),
                        protocol: *protocol,
                        security: *security,
                    });
                    (
                        SourceStatus::NotFound,
                        "service not offered (target \".\")".to_owned(),
                        0,
                    )
                } else {
                    srv::order(&mut records);
                    let mut n = 0;
                    let mut shown = Vec::new();
                    for (i, r) in records.iter().enumerate() {
                        if r.target.is_empty() || r.port == 0 {
                            continue;
                        }
                        let e = Endpoint::new(*protocol, &r.target, r.port, *security);
                        shown.push(format!("{}:{}", e.host, e.port));
                        let origin = Origin {
                            source: SourceKind::Srv,
                            detail: name.clone(),
                        };
                        set.add(e, addr.ascii(), origin, i);
                        n += 1;
                    }
                    (SourceStatus::Found, shown.join(", "), n)
                }
            }
            other => dns_status(&other),
        };
        sources.push(SourceReport {
            source: SourceKind::Srv,
            target: format!("{name} SRV"),
            status,
            detail,
            candidates: count,
            elapsed_ms: ms,
        });
    }

    // MX: domain existence, null MX, and provider detection by MX host.
    let (mx_answer, mx_ms) = mx;
    let domain_state = match &mx_answer {
        DnsAnswer::Records(r) if r.iter().any(|m| m.exchange.is_empty()) => DomainState::NullMx,
        DnsAnswer::Records(_) | DnsAnswer::NoRecords => DomainState::Exists,
        DnsAnswer::NxDomain => DomainState::NotFound,
        DnsAnswer::Failed(m) => DomainState::Unknown(m.clone()),
        DnsAnswer::Timeout => DomainState::Unknown("timeout".to_owned()),
    };
    let (status, detail, count) = match &mx_answer {
        DnsAnswer::Records(records) => mx_source(records, providers, addr, &mut set, &mut provider),
        other => dns_status(other),
    };
    sources.push(SourceReport {
        source: SourceKind::Mx,
        target: format!("{domain} MX"),
        status,
        detail,
        candidates: count,
        elapsed_ms: mx_ms,
    });

    // Guessing: only for protocols nothing else covered, and only when the domain may exist.
    let start = Instant::now();
    let may_exist = matches!(domain_state, DomainState::Exists | DomainState::Unknown(_));
    let mut guessed = 0;
    let mut guessed_protocols = Vec::new();
    if may_exist {
        for protocol in [Protocol::Imap, Protocol::Pop3, Protocol::Smtp] {
            // RFC 6186 §4: "." says the service is not offered; do not guess around it.
            let declined = not_offered.iter().any(|n| n.protocol == protocol);
            if set.has(protocol) || declined {
                continue;
            }
            guessed_protocols.push(protocol.display_name());
            for (i, e) in guess::expand(domain, protocol).into_iter().enumerate() {
                let origin = Origin {
                    source: SourceKind::Guess,
                    detail: "common names".to_owned(),
                };
                set.add(e, addr.ascii(), origin, i);
                guessed += 1;
            }
        }
    }
    let (status, detail) = if !may_exist {
        (
            SourceStatus::Skipped,
            "domain does not receive mail".to_owned(),
        )
    } else if guessed_protocols.is_empty() {
        (
            SourceStatus::Skipped,
            "better sources found every protocol".to_owned(),
        )
    } else {
        (
            SourceStatus::Found,
            format!("guessed {}", guessed_protocols.join(", ")),
        )
    };
    sources.push(SourceReport {
        source: SourceKind::Guess,
        target: domain.to_owned(),
        status,
        detail,
        candidates: guessed,
        elapsed_ms: elapsed_ms(start),
    });

    Discovery {
        sources,
        candidates: set.into_sorted(),
        provider,
        domain: domain_state,
        not_offered,
    }
}

fn mx_source(
    records: &[Mx],
    providers: &ProviderDb,
    addr: &EmailAddress,
    set: &mut CandidateSet,
    provider: &mut Option<ProviderMatch>,
) -> (SourceStatus, String, usize) {
    if records.iter().any(|m| m.exchange.is_empty()) {
        return (
            SourceStatus::NotFound,
            "null MX: the domain accepts no mail (RFC 7505)".into(),
            0,
        );
    }
    let hosts: Vec<String> = records
        .iter()
        .map(|m| format!("{} {}", m.preference, m.exchange))
        .collect();
    // The first MX (by preference) that belongs to a known provider decides.
    for m in records {
        if let Some(p) = providers.by_mx_host(&m.exchange) {
            let origin = Origin {
                source: SourceKind::Mx,
                detail: format!("{} via MX {}", p.id, m.exchange),
            };
            let n = add_provider(set, p, addr, &origin);
            if provider.is_none() {
                *provider = Some(provider_match(p, SourceKind::Mx, Some(m.exchange.clone())));
            }
            return (
                SourceStatus::Found,
                format!(
                    "{}; hosted by {} (detected from MX)",
                    hosts.join(", "),
                    p.display_name
                ),
                n,
            );
        }
    }
    (
        SourceStatus::NotFound,
        format!("{}; no known provider", hosts.join(", ")),
        0,
    )
}

fn dns_status<T>(answer: &DnsAnswer<T>) -> (SourceStatus, String, usize) {
    match answer {
        DnsAnswer::Records(_) => (SourceStatus::Found, answer.label(), 0),
        DnsAnswer::NoRecords => (SourceStatus::NotFound, "no records".to_owned(), 0),
        DnsAnswer::NxDomain => (SourceStatus::NxDomain, "NXDOMAIN".to_owned(), 0),
        DnsAnswer::Failed(m) => (SourceStatus::Failed, m.clone(), 0),
        DnsAnswer::Timeout => (SourceStatus::Timeout, "timeout".to_owned(), 0),
    }
}

async fn timed<T>(limit: Duration, fut: impl Future<Output = DnsAnswer<T>>) -> (DnsAnswer<T>, u64) {
    let start = Instant::now();
    let answer = tokio::time::timeout(limit, fut)
        .await
        .unwrap_or(DnsAnswer::Timeout);
    (answer, elapsed_ms(start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rank_orders_sources_then_security() {
        assert!(
            rank(SourceKind::User, Security::None, 5)
                < rank(SourceKind::Provider, Security::Tls, 0)
        );
        assert!(
            rank(SourceKind::Provider, Security::Starttls, 0)
                < rank(SourceKind::Srv, Security::Tls, 0)
        );
        assert!(
            rank(SourceKind::Srv, Security::Tls, 3) < rank(SourceKind::Srv, Security::Starttls, 0)
        );
        assert!(
            rank(SourceKind::Mx, Security::None, 0) < rank(SourceKind::Guess, Security::Tls, 0)
        );
    }

    #[test]
    fn candidate_set_merges_origins_and_keeps_best_rank() {
        let mut set = CandidateSet::default();
        let e = Endpoint::new(Protocol::Imap, "imap.example.com", 993, Security::Tls);
        set.add(
            e.clone(),
            "a@example.com".into(),
            Origin {
                source: SourceKind::Guess,
                detail: "g".into(),
            },
            0,
        );
        set.add(
            e,
            "a@example.com".into(),
            Origin {
                source: SourceKind::Srv,
                detail: "s".into(),
            },
            0,
        );
        let v = set.into_sorted();
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].origins.len(), 2);
        assert_eq!(v[0].rank, rank(SourceKind::Srv, Security::Tls, 0));
    }
}
