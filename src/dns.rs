//! DNS access: one hickory `TokioResolver`, configured from /etc/resolv.conf (like curl and
//! openssl) or pointed at one server with `--resolver`, and a classification of every answer
//! into [`DnsAnswer`] so callers can tell NXDOMAIN from "no records" from SERVFAIL from a
//! timeout. Classification is done on hickory's error types, never on message strings.
//!
//! Names are always queried fully qualified (trailing dot), so the resolv.conf search list
//! never turns `pop3.example.com` into `pop3.example.com.corp.lan`.
//!
//! Answers are cached for the run, shared by every clone of the handle (a batch asks each
//! name once): records until their TTL runs out, within [`MIN_TTL`]…[`MAX_POSITIVE_TTL`];
//! NXDOMAIN and NODATA for their negative TTL within [`MIN_TTL`]…[`MAX_NEGATIVE_TTL`];
//! failures and timeouts never (the next asker tries again). Identical queries in flight
//! are made once. At most [`IN_FLIGHT`] queries are in flight (a window that adapts to the
//! resolver), each holding a socket of the budget ([`crate::net::budget`]). The cache holds
//! at most [`MAX_ENTRIES`] names.
//! In batch mode ([`Dns::set_retry_timeouts`]) a query that timed out is asked once more
//! after a short back-off; a timeout stays a timeout (unknown), never NXDOMAIN. Running
//! out of local sockets is retried after a back-off and reported as this computer's
//! problem, never cached.

use std::collections::HashMap;
use std::fmt;
use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use tokio::sync::OnceCell;

use hickory_resolver::TokioResolver;
use hickory_resolver::config::{
    ConnectionConfig, NameServerConfig, ResolveHosts, ResolverConfig, ResolverOpts,
};
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::net::{DnsError, NetError};
use hickory_resolver::proto::op::ResponseCode;
use hickory_resolver::proto::rr::Name;
use hickory_resolver::proto::rr::{RData, RecordType};

use crate::config::ResolverChoice;
use crate::net::budget::{self, Budget};
use crate::net::window::{Sizes, Window};

/// Queries in flight at once, whatever the concurrency of the callers: an adaptive window
/// ([`crate::net::window`]) that starts at 128, widens while the resolver answers promptly
/// and halves when queries time out.
pub const IN_FLIGHT: Sizes = Sizes {
    initial: 128,
    min: 16,
    max: 1024,
};
/// Names (with their type) the run's cache holds at most.
pub const MAX_ENTRIES: usize = 100_000;
/// Shortest time an answer is kept, whatever its TTL (a run is minutes long).
pub const MIN_TTL: Duration = Duration::from_secs(30);
/// Longest time records are kept.
pub const MAX_POSITIVE_TTL: Duration = Duration::from_secs(3600);
/// Longest time NXDOMAIN / NODATA is kept (its SOA minimum, RFC 2308, when given).
pub const MAX_NEGATIVE_TTL: Duration = Duration::from_secs(900);
/// Tries for a query that failed because this computer ran out of sockets.
const LOCAL_TRIES: u32 = 4;

/// Could not set up the resolver (fatal).
#[derive(Debug, thiserror::Error)]
#[error("cannot read the system resolver configuration: {0}")]
pub struct DnsInitError(String);

/// The outcome of one DNS query, classified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DnsAnswer<T> {
    /// At least one record of the asked type.
    Records(Vec<T>),
    /// The name exists but has no record of that type (NOERROR/NODATA).
    NoRecords,
    /// The name does not exist (NXDOMAIN).
    NxDomain,
    /// The server answered with an error (SERVFAIL, REFUSED, …) or the transport failed.
    Failed(String),
    /// No answer in time.
    Timeout,
}

impl<T> DnsAnswer<T> {
    /// Short label for traces: `NXDOMAIN`, `no records`, `SERVFAIL`, `timeout`, `N records`.
    pub fn label(&self) -> String {
        match self {
            Self::Records(r) => format!("{} record(s)", r.len()),
            Self::NoRecords => "no records".to_owned(),
            Self::NxDomain => "NXDOMAIN".to_owned(),
            Self::Failed(m) => format!("lookup failed: {m}"),
            Self::Timeout => "timeout".to_owned(),
        }
    }
}

/// An MX record.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Mx {
    /// Preference (lower first).
    pub preference: u16,
    /// Mail exchanger host, lowercase, without trailing dot; empty for a null MX (RFC 7505).
    pub exchange: String,
}

/// An SRV record (RFC 2782).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Srv {
    /// Priority (lower first).
    pub priority: u16,
    /// Weight among equal priorities (higher more likely).
    pub weight: u16,
    /// Port.
    pub port: u16,
    /// Target host, lowercase, without trailing dot; `.` (empty here) means "not offered".
    pub target: String,
}

/// The resolver handle. Cheap to clone; clones share the cache and the limits.
#[derive(Clone)]
pub struct Dns {
    resolver: TokioResolver,
    timeout: Duration,
    servers: Vec<String>,
    shared: Arc<Shared>,
}

/// A raw answer and until when it may be reused (`None`: not at all).
type Cached = (DnsAnswer<RData>, Option<Instant>);

/// One cached (or in-flight) query.
#[derive(Default)]
struct Entry {
    cell: OnceCell<Cached>,
}

impl Entry {
    /// A finished answer that may no longer be used.
    fn stale(&self, now: Instant) -> bool {
        match self.cell.get() {
            None => false,
            Some((_, until)) => until.is_none_or(|t| t <= now),
        }
    }
}

/// What every clone of a [`Dns`] shares.
struct Shared {
    cache: Mutex<HashMap<(Name, RecordType), Arc<Entry>>>,
    in_flight: Window,
    retry_timeouts: AtomicBool,
    budget: Arc<Budget>,
    sent: AtomicU64,
}

impl Shared {
    fn new() -> Self {
        Self {
            cache: Mutex::new(HashMap::new()),
            in_flight: Window::new(IN_FLIGHT),
            retry_timeouts: AtomicBool::new(false),
            budget: Budget::global(),
            sent: AtomicU64::new(0),
        }
    }
}

impl fmt::Debug for Dns {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Dns")
            .field("timeout", &self.timeout)
            .field("queries_sent", &self.queries_sent())
            .finish()
    }
}

impl Dns {
    /// Builds the resolver: system configuration, or one name server.
    pub fn new(choice: &ResolverChoice, timeout: Duration) -> Result<Self, DnsInitError> {
        let mut builder = match choice {
            ResolverChoice::System => {
                TokioResolver::builder_tokio().map_err(|e| DnsInitError(e.to_string()))?
            }
            ResolverChoice::Server(addr) => {
                let mut udp = ConnectionConfig::udp();
                udp.port = addr.port();
                let mut tcp = ConnectionConfig::tcp();
                tcp.port = addr.port();
                let ns = NameServerConfig::new(addr.ip(), true, vec![udp, tcp]);
                TokioResolver::builder_with_config(
                    ResolverConfig::from_parts(None, vec![], vec![ns]),
                    TokioRuntimeProvider::default(),
                )
            }
        };
        let opts: &mut ResolverOpts = builder.options_mut();
        opts.timeout = timeout;
        opts.attempts = 1;
        // Our own cache (below) is the run's only one: it keeps negative answers with the
        // same rules, never keeps failures, and does not thrash at thousands of domains.
        opts.cache_size = 0;
        // A diagnostic tool must see what DNS says, not /etc/hosts, when a server is given.
        if matches!(choice, ResolverChoice::Server(_)) {
            opts.use_hosts_file = ResolveHosts::Never;
        }
        let servers = match choice {
            ResolverChoice::Server(addr) => vec![addr.to_string()],
            ResolverChoice::System => hickory_resolver::system_conf::read_system_conf()
                .map(|(config, _)| {
                    let mut v: Vec<String> = config
                        .name_servers()
                        .iter()
                        .map(|ns| {
                            let port = ns.connections.first().map_or(53, |c| c.port);
                            std::net::SocketAddr::new(ns.ip, port).to_string()
                        })
                        .collect();
                    v.dedup();
                    v
                })
                .unwrap_or_default(),
        };
        let resolver = builder.build().map_err(|e| DnsInitError(e.to_string()))?;
        Ok(Self {
            resolver,
            timeout,
            servers,
            shared: Arc::new(Shared::new()),
        })
    }

    /// Batch mode: a query that times out is asked once more after a short back-off.
    /// Applies to every clone of this handle.
    pub fn set_retry_timeouts(&self, on: bool) {
        self.shared.retry_timeouts.store(on, Ordering::Relaxed);
    }

    /// Queries sent to the name servers so far (cache hits not counted), by every clone.
    pub fn queries_sent(&self) -> u64 {
        self.shared.sent.load(Ordering::Relaxed)
    }

    /// The name servers asked, as `ip:port` (from `--resolver` or the system configuration;
    /// empty when the system configuration could not be read).
    pub fn servers(&self) -> &[String] {
        &self.servers
    }

    /// MX records, sorted by preference.
    pub async fn mx(&self, domain: &str) -> DnsAnswer<Mx> {
        let mut answer = self
            .query(domain, RecordType::MX, |rd| match rd {
                RData::MX(mx) => Some(Mx {
                    preference: mx.preference,
                    exchange: name_to_host(&mx.exchange),
                }),
                _ => None,
            })
            .await;
        if let DnsAnswer::Records(r) = &mut answer {
            r.sort();
        }
        answer
    }

    /// SRV records, in answer order (callers sort per RFC 2782).
    pub async fn srv(&self, name: &str) -> DnsAnswer<Srv> {
        self.query(name, RecordType::SRV, |rd| match rd {
            RData::SRV(srv) => Some(Srv {
                priority: srv.priority,
                weight: srv.weight,
                port: srv.port,
                target: name_to_host(&srv.target),
            }),
            _ => None,
        })
        .await
    }

    /// A and AAAA records of a host (an IP literal answers itself). IPv4 first.
    pub async fn ips(&self, host: &str) -> DnsAnswer<IpAddr> {
        if let Ok(ip) = host.parse::<IpAddr>() {
            return DnsAnswer::Records(vec![ip]);
        }
        let (v4, v6) = tokio::join!(
            self.query(host, RecordType::A, |rd| match rd {
                RData::A(a) => Some(IpAddr::V4(a.0)),
                _ => None,
            }),
            self.query(host, RecordType::AAAA, |rd| match rd {
                RData::AAAA(a) => Some(IpAddr::V6(a.0)),
                _ => None,
            })
        );
        match (v4, v6) {
            (DnsAnswer::Records(mut a), DnsAnswer::Records(b)) => {
                a.extend(b);
                DnsAnswer::Records(a)
            }
            (DnsAnswer::Records(a), _) | (_, DnsAnswer::Records(a)) => DnsAnswer::Records(a),
            // NXDOMAIN on either means the name does not exist.
            (DnsAnswer::NxDomain, _) | (_, DnsAnswer::NxDomain) => DnsAnswer::NxDomain,
            // Only now (a failure path): is it a CNAME loop or an endless chain?
            (DnsAnswer::NoRecords, DnsAnswer::NoRecords) => match self.cname_trouble(host).await {
                Some(why) => DnsAnswer::Failed(why),
                None => DnsAnswer::NoRecords,
            },
            (DnsAnswer::Failed(m), _) | (_, DnsAnswer::Failed(m)) => DnsAnswer::Failed(m),
            (DnsAnswer::Timeout, _) | (_, DnsAnswer::Timeout) => DnsAnswer::Timeout,
        }
    }

    /// Follows the CNAMEs of `host` one query at a time (asking for CNAME records, which the
    /// resolver does not chase): a loop, or a chain longer than [`MAX_CNAME_CHAIN`], is
    /// reported as such rather than as "the name exists but has no address" (the resolver
    /// itself gives up on both silently).
    async fn cname_trouble(&self, host: &str) -> Option<String> {
        let mut chain = vec![crate::model::normalize_host(host)];
        loop {
            let current = chain.last()?.clone();
            let DnsAnswer::Records(targets) = self
                .query(&current, RecordType::CNAME, |rd| match rd {
                    RData::CNAME(c) => Some(name_to_host(&c.0)),
                    _ => None,
                })
                .await
            else {
                return None;
            };
            let next = targets.into_iter().next()?;
            let looped = chain.contains(&next);
            chain.push(next);
            if looped {
                return Some(format!("the DNS name loops (CNAME {})", chain.join(" → ")));
            }
            if chain.len() > MAX_CNAME_CHAIN + 1 {
                return Some(format!(
                    "the CNAME chain is longer than {MAX_CNAME_CHAIN} ({} …)",
                    chain.join(" → ")
                ));
            }
        }
    }

    async fn query<T>(
        &self,
        name: &str,
        rtype: RecordType,
        pick: impl Fn(&RData) -> Option<T>,
    ) -> DnsAnswer<T> {
        let fqdn = match Name::from_ascii(name.to_ascii_lowercase()) {
            Ok(mut n) => {
                n.set_fqdn(true);
                n
            }
            Err(e) => return DnsAnswer::Failed(format!("invalid name: {e}")),
        };
        let key = (fqdn.clone(), rtype);
        let entry = {
            let now = Instant::now();
            let mut map = self
                .shared
                .cache
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            match map.get(&key) {
                Some(e) if !e.stale(now) => e.clone(),
                _ => {
                    if map.len() >= MAX_ENTRIES {
                        map.retain(|_, e| !e.stale(now));
                        if map.len() >= MAX_ENTRIES {
                            map.clear();
                        }
                    }
                    let e = Arc::new(Entry::default());
                    map.insert(key.clone(), e.clone());
                    e
                }
            }
        };
        let (raw, until) = entry
            .cell
            .get_or_init(|| self.ask(fqdn, rtype))
            .await
            .clone();
        if until.is_none() {
            // Not reusable: the next asker tries again.
            let mut map = self
                .shared
                .cache
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            if map.get(&key).is_some_and(|e| Arc::ptr_eq(e, &entry)) {
                map.remove(&key);
            }
        }
        match raw {
            DnsAnswer::Records(r) => {
                let records: Vec<T> = r.iter().filter_map(&pick).collect();
                if records.is_empty() {
                    DnsAnswer::NoRecords
                } else {
                    DnsAnswer::Records(records)
                }
            }
            DnsAnswer::NoRecords => DnsAnswer::NoRecords,
            DnsAnswer::NxDomain => DnsAnswer::NxDomain,
            DnsAnswer::Failed(m) => DnsAnswer::Failed(m),
            DnsAnswer::Timeout => DnsAnswer::Timeout,
        }
    }

    /// Asks the name servers, with the retries of [`Dns`]'s rules, and says how long the
    /// answer may be reused.
    async fn ask(&self, fqdn: Name, rtype: RecordType) -> Cached {
        // With the retry, both tries fit in the time one try has without it (plus the
        // back-off): callers bound a lookup by about the timeout plus a second.
        let retrying = self.shared.retry_timeouts.load(Ordering::Relaxed);
        let grace = Duration::from_millis(500);
        let mut attempt: u32 = 0;
        let mut timed_out = 0;
        loop {
            let limit = match (retrying, timed_out) {
                (false, _) => self.timeout + grace,
                (true, 0) => self.timeout.mul_f64(0.6),
                (true, _) => self.timeout.mul_f64(0.4) + grace,
            };
            let (answer, until, local) = self.ask_once(fqdn.clone(), rtype, limit).await;
            attempt += 1;
            let timeout = matches!(answer, DnsAnswer::Timeout);
            let retry = if local {
                attempt < LOCAL_TRIES
            } else {
                timeout && retrying && timed_out == 0
            };
            if timeout {
                timed_out += 1;
            }
            if !retry {
                return (answer, until);
            }
            tokio::time::sleep(backoff(&fqdn, attempt)).await;
        }
    }

    /// One query: (answer, reusable until, failed for lack of local sockets).
    async fn ask_once(
        &self,
        fqdn: Name,
        rtype: RecordType,
        limit: Duration,
    ) -> (DnsAnswer<RData>, Option<Instant>, bool) {
        let slot = self.shared.in_flight.acquire().await;
        let _socket = self.shared.budget.socket().await;
        self.shared.sent.fetch_add(1, Ordering::Relaxed);
        let now = Instant::now();
        // hickory has its own timeout; this outer one guards against a stuck transport.
        let fut = self.resolver.lookup(fqdn, rtype);
        let result = tokio::time::timeout(limit, fut).await;
        // The resolver's promptness sets how many queries go to it at once; a failure of
        // this computer says nothing about the resolver.
        match &result {
            Err(_) | Ok(Err(NetError::Timeout)) => slot.congested(),
            Ok(Err(e)) if local_failure(e).is_some() => drop(slot),
            Ok(_) => slot.answered(),
        }
        match result {
            Err(_) => (DnsAnswer::Timeout, None, false),
            Ok(Ok(lookup)) => {
                let records: Vec<RData> = lookup.answers().iter().map(|r| r.data.clone()).collect();
                let ttl = lookup
                    .valid_until()
                    .saturating_duration_since(now)
                    .clamp(MIN_TTL, MAX_POSITIVE_TTL);
                let answer = if records.is_empty() {
                    DnsAnswer::NoRecords
                } else {
                    DnsAnswer::Records(records)
                };
                (answer, Some(now + ttl), false)
            }
            Ok(Err(e)) if let Some(message) = local_failure(&e) => {
                (DnsAnswer::Failed(message), None, true)
            }
            Ok(Err(e)) => {
                let answer = classify(&e);
                let until = match &answer {
                    DnsAnswer::NxDomain | DnsAnswer::NoRecords => {
                        let ttl = match &e {
                            NetError::Dns(DnsError::NoRecordsFound(nr)) => nr.negative_ttl,
                            _ => None,
                        }
                        .map_or(MAX_NEGATIVE_TTL / 3, |s| Duration::from_secs(u64::from(s)))
                        .clamp(MIN_TTL, MAX_NEGATIVE_TTL);
                        Some(now + ttl)
                    }
                    _ => None,
                };
                (answer, until, false)
            }
        }
    }
}

/// Back-off before retry `attempt` (1, 2, …): 125 ms doubling, plus up to 100 ms of
/// jitter derived from the name, so queries that failed together do not retry together.
fn backoff(name: &Name, attempt: u32) -> Duration {
    let jitter = name.to_ascii().bytes().fold(u64::from(attempt), |h, b| {
        h.wrapping_mul(31).wrapping_add(u64::from(b))
    }) % 100;
    Duration::from_millis(250 * (1 << attempt.min(4)) / 2 + jitter)
}

/// Longest CNAME chain accepted before a name counts as broken.
pub const MAX_CNAME_CHAIN: usize = 8;

/// Whether a resolver error is this computer's, not the domain's or the DNS server's: out
/// of descriptors or sockets, or hickory's own connection pool full ("resource too busy":
/// too many queries in flight on its connection) or left without a usable connection ("no
/// connections available"). Such a query is retried after a back-off and, if it keeps
/// failing, reported as a local failure, never as the domain's DNS answer.
fn local_failure(e: &NetError) -> Option<String> {
    match e {
        NetError::Io(io) if budget::is_local_exhaustion(io) => Some(budget::exhaustion_message(io)),
        NetError::Busy | NetError::NoConnections => Some(format!(
            "this computer's DNS client had no free connection to the resolver ({e}); not the domain's fault"
        )),
        _ => None,
    }
}

fn classify<T>(e: &NetError) -> DnsAnswer<T> {
    if e.is_nx_domain() {
        return DnsAnswer::NxDomain;
    }
    if e.is_no_records_found() {
        return DnsAnswer::NoRecords;
    }
    match e {
        NetError::Timeout => DnsAnswer::Timeout,
        NetError::Dns(DnsError::ResponseCode(code)) => DnsAnswer::Failed(rcode_label(*code)),
        other => DnsAnswer::Failed(other.to_string()),
    }
}

fn rcode_label(code: ResponseCode) -> String {
    match code {
        ResponseCode::ServFail => "SERVFAIL".to_owned(),
        ResponseCode::Refused => "REFUSED".to_owned(),
        ResponseCode::FormErr => "FORMERR".to_owned(),
        ResponseCode::NotImp => "NOTIMP".to_owned(),
        other => format!("{other}"),
    }
}

fn name_to_host(name: &Name) -> String {
    crate::model::normalize_host(&name.to_ascii())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_tell_outcomes_apart() {
        assert_eq!(DnsAnswer::<u8>::NxDomain.label(), "NXDOMAIN");
        assert_eq!(DnsAnswer::<u8>::NoRecords.label(), "no records");
        assert_eq!(DnsAnswer::<u8>::Timeout.label(), "timeout");
        assert_eq!(DnsAnswer::Records(vec![1u8, 2]).label(), "2 record(s)");
        assert_eq!(
            DnsAnswer::<u8>::Failed("SERVFAIL".into()).label(),
            "lookup failed: SERVFAIL"
        );
    }

    #[test]
    fn resolver_side_exhaustion_is_local_never_the_domains_answer() {
        for e in [
            NetError::NoConnections,
            NetError::Busy,
            NetError::Io(Arc::new(std::io::Error::from_raw_os_error(libc::EMFILE))),
        ] {
            let m = local_failure(&e).unwrap_or_default();
            assert!(m.contains("this computer"), "{e}: {m}");
            assert!(m.contains("not the"), "{e}: {m}");
        }
        for e in [
            NetError::Timeout,
            NetError::Io(Arc::new(std::io::Error::from_raw_os_error(
                libc::ECONNREFUSED,
            ))),
            NetError::Dns(DnsError::ResponseCode(ResponseCode::ServFail)),
        ] {
            assert_eq!(local_failure(&e), None, "{e}");
        }
    }

    #[test]
    fn root_name_becomes_empty_host() {
        assert_eq!(name_to_host(&Name::root()), "");
        let n = Name::from_ascii("MX.Example.COM.").unwrap();
        assert_eq!(name_to_host(&n), "mx.example.com");
    }
}
