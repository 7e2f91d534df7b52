//! Discovery: every source at once (provider database, DNS SRV, DNS MX), then guessing for
//! whatever protocol no source covered. Every source's outcome is kept in a
//! [`SourceReport`], even when it found nothing, so the report can show what was tried.
//!
//! Sources never short-circuit each other: a diagnostic tool must be able to say "SRV says
//! one thing, the provider database another". Candidates are merged by endpoint
//! (a `BTreeMap`, for determinism) and ranked: user input, then the provider database,
//! then SRV, then MX-derived provider settings, then guesses; within a source implicit TLS
//! before STARTTLS before plaintext.

pub mod autoconfig;
pub mod autodiscover;
pub mod guess;
pub mod srv;

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, Instant};

use tokio_util::sync::CancellationToken;

use crate::config::Secret;

use futures_util::FutureExt;
use serde::Serialize;

use crate::address::EmailAddress;
use crate::dns::{Dns, DnsAnswer, Mx};
use crate::http::{FetchError, HttpClient, registrable_domain};
use crate::model::{
    Candidate, Endpoint, FailureKind, Hint, Origin, Protocol, Security, SourceKind, SourceReport,
    SourceStatus,
};
use crate::provider::{Provider, ProviderDb};

/// Does the address's domain exist in DNS? Decided from the MX query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ProviderMatch {
    /// Provider id (its main domain).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Display name in Simplified Chinese, when the provider file has one (e.g. `QQ邮箱`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_zh: Option<String>,
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
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
    /// When the domain answered NXDOMAIN: whether the resolver also denies [`CANARY`], a
    /// name that always exists (`Some(true)`: the resolver lies), answers it (`Some(false)`),
    /// or could not tell (`None`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub canary_nxdomain: Option<bool>,
}

/// A name that always exists, asked only when the address's domain answers NXDOMAIN, to tell
/// a missing domain from a resolver that denies everything (captive portals, filtering DNS).
pub const CANARY: &str = "a.root-servers.net";

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
        SourceKind::Autoconfig => 2,
        SourceKind::Srv => 3,
        SourceKind::Autodiscover => 4,
        SourceKind::Mx | SourceKind::AutoconfigMx => 5,
        SourceKind::AutoconfigHttp => 6,
        SourceKind::Guess => 7,
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

/// Most candidates of one protocol probed in one run (issue 13: a hostile zone or document
/// must not turn into hundreds of probes); the best-ranked are kept.
pub const MAX_CANDIDATES_PER_PROTOCOL: usize = 24;

/// What discovery tells its caller while it runs, so probing can start on each endpoint
/// as soon as a source names it.
#[derive(Debug, Clone)]
pub enum Progress {
    /// Endpoints a source just proposed (possibly proposed before too).
    Endpoints(Vec<Endpoint>),
    /// The candidates of the trusted sources (user input, provider database, SRV, the
    /// provider the MX hosts belong to), once DNS answered; sent once, before the HTTP
    /// sources' results are merged.
    Trusted(Vec<Candidate>),
}

/// Where [`discover`] reports [`Progress`].
pub type Emit<'a> = &'a (dyn Fn(Progress) + Send + Sync);

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

    /// The endpoints collected so far.
    pub fn endpoints(&self) -> impl Iterator<Item = &Endpoint> {
        self.map.keys()
    }

    /// True when some candidate has this protocol.
    pub fn has(&self, protocol: Protocol) -> bool {
        self.map.keys().any(|e| e.protocol == protocol)
    }

    /// A copy of the candidates so far, best first.
    pub fn snapshot(&self) -> Vec<Candidate> {
        let mut v: Vec<Candidate> = self.map.values().cloned().collect();
        v.sort_by(|a, b| {
            a.rank
                .cmp(&b.rank)
                .then_with(|| a.endpoint.cmp(&b.endpoint))
        });
        v
    }

    /// Candidates, best first (rank, then endpoint for determinism), at most
    /// [`MAX_CANDIDATES_PER_PROTOCOL`] of each protocol besides the user's own (`--check`).
    pub fn into_sorted(self) -> Vec<Candidate> {
        let mut v: Vec<Candidate> = self.map.into_values().collect();
        v.sort_by(|a, b| {
            a.rank
                .cmp(&b.rank)
                .then_with(|| a.endpoint.cmp(&b.endpoint))
        });
        let mut per_protocol: BTreeMap<Protocol, usize> = BTreeMap::new();
        v.retain(|c| {
            let n = per_protocol.entry(c.endpoint.protocol).or_default();
            *n += 1;
            *n <= MAX_CANDIDATES_PER_PROTOCOL
                || c.origins.iter().any(|o| o.source == SourceKind::User)
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
        name_zh: p.display_name_zh.clone(),
        detected_via: via,
        mx_host,
        hints: p.hints.clone(),
        documentation: p.documentation.clone(),
    }
}

/// What discovery reads from: DNS, the HTTP client (`None` disables the HTTP sources) and
/// the provider database.
#[derive(Debug, Clone, Copy)]
pub struct Handles<'a> {
    /// DNS resolver.
    pub dns: &'a Dns,
    /// HTTP client for autoconfig and Autodiscover.
    pub http: Option<&'a HttpClient>,
    /// Provider database.
    pub providers: &'a ProviderDb,
    /// The password for Autodiscover servers that ask for a login (`--autodiscover-auth`);
    /// `None` never sends one.
    pub autodiscover_password: Option<&'a Secret>,
}

/// Discovery without any network (`--offline`): what the user typed and the provider
/// database, nothing else. The domain's existence is not checked.
pub fn offline(providers: &ProviderDb, addr: &EmailAddress, user: &[Endpoint]) -> Discovery {
    let mut sources = Vec::new();
    let mut set = CandidateSet::default();
    let provider = user_and_provider(providers, addr, user, &mut set, &mut sources);
    Discovery {
        sources,
        candidates: set.into_sorted(),
        provider,
        domain: DomainState::Unknown("not checked (--offline)".to_owned()),
        not_offered: Vec::new(),
        canary_nxdomain: None,
    }
}

/// The two sources that need no network: `--check` endpoints (rank 0) and the provider
/// database. Returns the provider matched by the address's domain.
fn user_and_provider(
    providers: &ProviderDb,
    addr: &EmailAddress,
    user: &[Endpoint],
    set: &mut CandidateSet,
    sources: &mut Vec<SourceReport>,
) -> Option<ProviderMatch> {
    let domain = addr.domain.as_str();
    for (i, e) in user.iter().enumerate() {
        let origin = Origin {
            source: SourceKind::User,
            detail: "--check".to_owned(),
        };
        set.add(e.clone(), addr.ascii(), origin, i);
    }

    // Provider database: no I/O, but reported like any other source.
    let start = Instant::now();
    let mut provider = None;
    let (status, detail, count) = match providers.by_domain(domain) {
        Some(p) => {
            let origin = Origin {
                source: SourceKind::Provider,
                detail: p.id.clone(),
            };
            let n = add_provider(set, p, addr, &origin);
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
        http_status: None,
        redirects: Vec::new(),
    });
    provider
}

/// Runs every discovery source concurrently and merges the results. `user` endpoints
/// (from `--check`) are included as candidates of rank 0. Never fails: every problem is a
/// source outcome.
///
/// `http` enables the HTTP sources (autoconfig, Autodiscover); each of them is bounded by
/// twice the client's request timeout (name lookup plus request), DNS sources by
/// `source_timeout`, and they all run at once.
pub async fn discover(
    handles: Handles<'_>,
    addr: &EmailAddress,
    user: &[Endpoint],
    source_timeout: Duration,
    emit: Option<Emit<'_>>,
    cancel: &CancellationToken,
) -> Discovery {
    let emit = |p: Progress| {
        if let Some(f) = emit {
            f(p);
        }
    };
    let Handles {
        dns,
        http,
        providers,
        autodiscover_password,
    } = handles;
    let domain = addr.domain.as_str();
    let mut sources = Vec::new();
    let mut set = CandidateSet::default();
    let mut not_offered = Vec::new();
    let mut provider = user_and_provider(providers, addr, user, &mut set, &mut sources);
    // What the user typed and the provider database are known at once: probe them now.
    emit(Progress::Endpoints(set.endpoints().cloned().collect()));

    // DNS and HTTP sources, all at once, each bounded by its own timeout.
    let mx_fut = timed(source_timeout, cancel, dns.mx(domain)).shared();
    let srv_futs = srv::SERVICES.map(|(label, _, _)| {
        let name = format!("{label}.{domain}");
        async move {
            let r = timed(source_timeout, cancel, dns.srv(&name)).await;
            (name, r)
        }
    });
    let http_futs = match http {
        Some(h) => http_sources(
            h,
            dns,
            addr,
            mx_fut.clone(),
            source_timeout,
            cancel,
            autodiscover_password,
        ),
        None => Vec::new(),
    };
    // The DNS sources usually answer in milliseconds, the HTTP ones may take a timeout:
    // process DNS as soon as it is complete and emit its candidates, and each HTTP source's
    // endpoints as soon as it answers, so probing overlaps discovery.
    let dns_part = async {
        let (mx, srv_results) = tokio::join!(mx_fut, futures_util::future::join_all(srv_futs));

        // SRV.
        for ((name, (answer, ms)), (_, protocol, security)) in
            srv_results.into_iter().zip(srv::SERVICES.iter())
        {
            let (status, detail, count) = match answer {
                DnsAnswer::Records(records) => {
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
                        let (records, mut shown) = srv::usable(records);
                        let mut n = 0;
                        for (i, r) in records.iter().enumerate() {
                            if r.target.is_empty() || r.port == 0 {
                                continue;
                            }
                            let e = Endpoint::new(*protocol, &r.target, r.port, *security);
                            shown.insert(n, format!("{}:{}", e.host, e.port));
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
                http_status: None,
                redirects: Vec::new(),
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
        // NXDOMAIN: does the resolver deny a name that always exists too? One more query,
        // only on this path.
        let canary = if domain_state == DomainState::NotFound {
            match timed(source_timeout, cancel, dns.ips(CANARY)).await.0 {
                DnsAnswer::NxDomain => Some(true),
                DnsAnswer::Records(_) | DnsAnswer::NoRecords => Some(false),
                _ => None,
            }
        } else {
            None
        };
        let (status, detail, count) = match &mx_answer {
            DnsAnswer::Records(records) => {
                mx_source(records, providers, addr, &mut set, &mut provider)
            }
            other => dns_status(other),
        };
        sources.push(SourceReport {
            source: SourceKind::Mx,
            target: format!("{domain} MX"),
            status,
            detail,
            candidates: count,
            elapsed_ms: mx_ms,
            http_status: None,
            redirects: Vec::new(),
        });

        // Guesses are not included: they are tried last, only for protocols that no source
        // at all (HTTP ones included) covers.
        emit(Progress::Endpoints(set.endpoints().cloned().collect()));
        emit(Progress::Trusted(set.snapshot()));
        (domain_state, canary)
    };
    // HTTP results as they come, kept in the fixed source order for the merge below; their
    // endpoints are emitted at once (once DNS said the domain may receive mail).
    let mut http_results: Vec<Option<HttpSource>> = http_futs.iter().map(|_| None).collect();
    let mut pending: futures_util::stream::FuturesUnordered<_> = http_futs
        .into_iter()
        .enumerate()
        .map(|(i, f)| f.map(move |r| (i, r)))
        .collect();
    let mut held: Vec<Endpoint> = Vec::new();
    let mut dns_state: Option<(DomainState, Option<bool>)> = None;
    {
        tokio::pin!(dns_part);
        loop {
            tokio::select! {
                state = &mut dns_part, if dns_state.is_none() => {
                    if matches!(state.0, DomainState::Exists | DomainState::Unknown(_)) {
                        emit(Progress::Endpoints(std::mem::take(&mut held)));
                    }
                    dns_state = Some(state);
                }
                Some((i, r)) = futures_util::StreamExt::next(&mut pending) => {
                    let found = r.found.iter().map(|f| f.endpoint.clone());
                    match &dns_state {
                        None => held.extend(found),
                        Some((DomainState::Exists | DomainState::Unknown(_), _)) => {
                            emit(Progress::Endpoints(found.collect()));
                        }
                        Some(_) => {}
                    }
                    if let Some(slot) = http_results.get_mut(i) {
                        *slot = Some(r);
                    }
                }
                else => break,
            }
        }
    }
    // The loop ends only once the DNS part has finished.
    let (domain_state, canary_nxdomain) =
        dns_state.unwrap_or_else(|| (DomainState::Unknown("not checked".to_owned()), None));
    let http_results = http_results.into_iter().flatten();

    // HTTP sources, in a fixed order. A domain that accepts no mail (null MX) or does not
    // exist gets no settings from them: the outcome stays in the trace.
    let accepts_mail = matches!(domain_state, DomainState::Exists | DomainState::Unknown(_));
    for r in http_results {
        let mut detail = r.detail;
        if !r.redirects.is_empty() {
            detail = format!("{detail} (redirected to {})", r.redirects.join(" → "));
        }
        let mut count = 0;
        if !r.found.is_empty() && !accepts_mail {
            detail.push_str("; ignored: the domain accepts no mail");
        } else {
            let origin = Origin {
                source: r.kind,
                detail: r.target.clone(),
            };
            for (i, f) in r.found.into_iter().enumerate() {
                set.add(f.endpoint, f.username, origin.clone(), i);
                count += 1;
            }
        }
        sources.push(SourceReport {
            source: r.kind,
            target: r.target,
            status: r.status,
            detail,
            candidates: count,
            elapsed_ms: r.elapsed_ms,
            http_status: r.http_status,
            redirects: r.redirects,
        });
    }

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
    // The receiver keeps each endpoint once; the guesses are the new ones.
    emit(Progress::Endpoints(set.endpoints().cloned().collect()));
    sources.push(SourceReport {
        source: SourceKind::Guess,
        target: domain.to_owned(),
        status,
        detail,
        candidates: guessed,
        elapsed_ms: elapsed_ms(start),
        http_status: None,
        redirects: Vec::new(),
    });

    Discovery {
        sources,
        candidates: set.into_sorted(),
        provider,
        domain: domain_state,
        not_offered,
        canary_nxdomain,
    }
}

/// A server setting an HTTP source proposed, placeholders expanded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Where to connect.
    pub endpoint: Endpoint,
    /// User name to log in with.
    pub username: String,
}

/// What one HTTP source (one starting URL and the redirects it led to) did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpSource {
    /// Which source.
    pub kind: SourceKind,
    /// The first URL (or DNS name) asked.
    pub target: String,
    /// Outcome class.
    pub status: SourceStatus,
    /// Outcome detail.
    pub detail: String,
    /// Status code of the last response.
    pub http_status: Option<u16>,
    /// URLs requested after the first.
    pub redirects: Vec<String>,
    /// Settings proposed.
    pub found: Vec<Found>,
    /// An autoconfig document whose `<domain>` list lacks the address's domain.
    pub domain_not_listed: bool,
    /// Elapsed wall time.
    pub elapsed_ms: u64,
}

impl HttpSource {
    /// A source that has not answered yet.
    pub fn new(kind: SourceKind, target: &str) -> Self {
        Self {
            kind,
            target: target.to_owned(),
            status: SourceStatus::Skipped,
            detail: String::new(),
            http_status: None,
            redirects: Vec::new(),
            found: Vec::new(),
            domain_not_listed: false,
            elapsed_ms: 0,
        }
    }

    /// Sets the outcome.
    pub fn outcome(mut self, status: SourceStatus, detail: String) -> Self {
        self.status = status;
        self.detail = detail;
        self
    }
}

/// The outcome class and detail of a failed request.
pub fn fetch_status(e: &FetchError) -> (SourceStatus, String) {
    match e {
        FetchError::Network(f) => {
            let status = match f.kind {
                FailureKind::NxDomain => SourceStatus::NxDomain,
                FailureKind::NoAddress => SourceStatus::NotFound,
                FailureKind::DnsTimeout | FailureKind::Timeout => SourceStatus::Timeout,
                _ => SourceStatus::Failed,
            };
            let tls = matches!(
                f.kind,
                FailureKind::CertExpired { .. }
                    | FailureKind::CertNotYetValid { .. }
                    | FailureKind::CertNameMismatch { .. }
                    | FailureKind::CertSelfSigned
                    | FailureKind::CertUntrusted
                    | FailureKind::CertInvalid
                    | FailureKind::HandshakeFailed
            );
            let detail = if tls && !f.message.starts_with("TLS") {
                format!("TLS error: {}", f.message)
            } else {
                f.message.clone()
            };
            (status, detail)
        }
        FetchError::Timeout(_) => (SourceStatus::Timeout, e.to_string()),
        FetchError::TooLarge { .. } | FetchError::BadUrl(_) | FetchError::Forbidden(_) => {
            (SourceStatus::Invalid, e.to_string())
        }
        FetchError::Http(_) => (SourceStatus::Failed, e.to_string()),
    }
}

type SourceFuture<'a> = Pin<Box<dyn Future<Output = HttpSource> + Send + 'a>>;

/// Runs `fut` within `limit`; a source that does not finish is a timeout outcome.
async fn bounded(
    limit: Duration,
    cancel: CancellationToken,
    kind: SourceKind,
    target: String,
    fut: impl Future<Output = HttpSource>,
) -> HttpSource {
    let start = Instant::now();
    let mut r = tokio::select! {
        r = tokio::time::timeout(limit, fut) => match r {
            Ok(r) => r,
            Err(_) => HttpSource::new(kind, &target).outcome(
                SourceStatus::Timeout,
                format!("no answer within {} ms", limit.as_millis()),
            ),
        },
        () = cancel.cancelled() => HttpSource::new(kind, &target)
            .outcome(SourceStatus::Skipped, "interrupted".to_owned()),
    };
    r.elapsed_ms = elapsed_ms(start);
    r
}

/// Every HTTP source as a future: the autoconfig URLs, the MX provider's autoconfig (after
/// the MX answer), Autodiscover POSTs, the `_autodiscover._tcp` SRV target and the plain
/// HTTP redirect.
fn http_sources<'a>(
    http: &'a HttpClient,
    dns: &'a Dns,
    addr: &'a EmailAddress,
    mx: impl Future<Output = (DnsAnswer<Mx>, u64)> + Send + 'a,
    source_timeout: Duration,
    cancel: &'a CancellationToken,
    auth: Option<&'a Secret>,
) -> Vec<SourceFuture<'a>> {
    let limit = http.timeout() * 2;
    let domain = addr.domain.as_str();
    let mut futs: Vec<SourceFuture<'a>> = Vec::new();
    for (kind, url) in autoconfig::urls(addr) {
        let target = url.to_string();
        futs.push(
            bounded(
                limit,
                cancel.clone(),
                kind,
                target,
                autoconfig::fetch(http, kind, url, addr),
            )
            .boxed(),
        );
    }
    let target = format!("{domain} MX → autoconfig of the MX host's domain");
    futs.push(
        bounded(
            limit + source_timeout,
            cancel.clone(),
            SourceKind::AutoconfigMx,
            target.clone(),
            async move {
                let (answer, _) = mx.await;
                let skip = |why: &str| {
                    HttpSource::new(SourceKind::AutoconfigMx, &target)
                        .outcome(SourceStatus::Skipped, why.to_owned())
                };
                let label = answer.label();
                let DnsAnswer::Records(records) = answer else {
                    return skip(&format!("no MX host to follow (MX: {label})"));
                };
                let Some(first) = records.iter().find(|m| !m.exchange.is_empty()) else {
                    return skip("null MX: the domain accepts no mail");
                };
                let theirs = registrable_domain(&first.exchange);
                if theirs == registrable_domain(domain) {
                    return skip("the MX host is in the address's own domain");
                }
                let Some(url) = autoconfig::mx_url(&theirs, addr) else {
                    return skip("no valid autoconfig URL for the MX host's domain");
                };
                let mut r = autoconfig::fetch(http, SourceKind::AutoconfigMx, url, addr).await;
                r.detail = format!("MX {}: {}", first.exchange, r.detail);
                r
            },
        )
        .boxed(),
    );
    for url in autodiscover::post_urls(domain) {
        let target = format!("POST {url}");
        futs.push(
            bounded(
                limit,
                cancel.clone(),
                SourceKind::Autodiscover,
                target,
                autodiscover::post(http, url, addr, "POST ", auth),
            )
            .boxed(),
        );
    }
    let srv_name = format!("_autodiscover._tcp.{domain}");
    futs.push(
        bounded(
            limit + source_timeout,
            cancel.clone(),
            SourceKind::Autodiscover,
            format!("{srv_name} SRV"),
            async move {
                let (answer, _) = timed(source_timeout, cancel, dns.srv(&srv_name)).await;
                let label = format!("{srv_name} SRV");
                let mut records = match answer {
                    DnsAnswer::Records(r) => r,
                    other => {
                        let (status, detail, _) = dns_status(&other);
                        return HttpSource::new(SourceKind::Autodiscover, &label)
                            .outcome(status, detail);
                    }
                };
                srv::order(&mut records);
                let Some(url) = records
                    .iter()
                    .find(|r| !r.target.is_empty() && r.port != 0)
                    .and_then(|r| autodiscover::srv_url(&r.target, r.port))
                else {
                    return HttpSource::new(SourceKind::Autodiscover, &label)
                        .outcome(SourceStatus::NotFound, "no usable SRV target".to_owned());
                };
                autodiscover::post(http, url, addr, &format!("{label} → POST "), auth).await
            },
        )
        .boxed(),
    );
    let target = format!("GET http://autodiscover.{domain}{}", autodiscover::PATH);
    futs.push(
        bounded(
            limit * 2,
            cancel.clone(),
            SourceKind::Autodiscover,
            target,
            autodiscover::http_redirect(http, domain, addr),
        )
        .boxed(),
    );
    futs
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

async fn timed<T>(
    limit: Duration,
    cancel: &CancellationToken,
    fut: impl Future<Output = DnsAnswer<T>>,
) -> (DnsAnswer<T>, u64) {
    let start = Instant::now();
    let answer = tokio::select! {
        r = tokio::time::timeout(limit, fut) => r.unwrap_or(DnsAnswer::Timeout),
        () = cancel.cancelled() => DnsAnswer::Failed("interrupted".to_owned()),
    };
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
    fn candidates_are_capped_per_protocol_but_never_the_users() {
        let mut set = CandidateSet::default();
        for i in 0..100u16 {
            let origin = |source| Origin {
                source,
                detail: "x".into(),
            };
            let e = Endpoint::new(Protocol::Imap, &format!("h{i}.example"), 993, Security::Tls);
            set.add(e, "a".into(), origin(SourceKind::Autodiscover), 0);
            let s = Endpoint::new(Protocol::Smtp, &format!("h{i}.example"), 465, Security::Tls);
            let source = if i == 99 {
                SourceKind::User
            } else {
                SourceKind::Srv
            };
            set.add(s, "a".into(), origin(source), 0);
        }
        let v = set.into_sorted();
        let imap = v
            .iter()
            .filter(|c| c.endpoint.protocol == Protocol::Imap)
            .count();
        assert_eq!(imap, MAX_CANDIDATES_PER_PROTOCOL);
        let smtp = v
            .iter()
            .filter(|c| c.endpoint.protocol == Protocol::Smtp)
            .count();
        assert_eq!(smtp, MAX_CANDIDATES_PER_PROTOCOL);
        assert!(v.iter().any(|c| c.endpoint.host == "h99.example"));
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
