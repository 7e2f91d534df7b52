//! [`TestDns`]: an authoritative DNS server (hickory-server) on a loopback address, serving
//! zones built in code over UDP **and** TCP on the same port.
//!
//! ```ignore
//! let dns = TestDns::builder()
//!     .zone("example.com")
//!     .a("imap.example.com", "127.0.0.1")
//!     .mx("example.com", 10, "mx.bigprovider.example")
//!     .srv("_imaps._tcp.example.com", 0, 1, 993, "imap.example.com")
//!     .srv_not_offered("_pop3._tcp.example.com")
//!     .servfail_zone("broken.example")
//!     .start();
//! // maildoctor --resolver <dns.addr> ...
//! assert!(dns.was_asked("_imaps._tcp.example.com", "SRV"));
//! ```
//!
//! # Answers (verified by `harness_selftest`)
//!
//! * a name with records of the asked type: NOERROR with those records (authoritative);
//! * a name that exists in a served zone but has no record of the asked type: NOERROR with no
//!   answers and the zone's SOA in the authority section ("NODATA");
//! * a name under a served zone that does not exist: NXDOMAIN with the SOA;
//! * anything under a [`servfail_zone`](TestDnsBuilder::servfail_zone): SERVFAIL (the zone is
//!   registered in hickory's `Catalog` with an empty handler list, which hickory answers with
//!   SERVFAIL);
//! * anything under a [`silent_zone`](TestDnsBuilder::silent_zone): no answer at all, so the
//!   client times out;
//! * a name under no zone at all: REFUSED (hickory's `Catalog` behaviour);
//! * an empty non-terminal (`_tcp.example.com` when only `_imaps._tcp.example.com` exists):
//!   NOERROR/NODATA, as RFC 8020 wants;
//! * a CNAME asked for another type: the CNAME plus the target's records when the target is in
//!   the same zone (hickory chases in-zone CNAMEs).
//!
//! Every zone gets a generated SOA (`ns.<zone>` / `hostmaster.<zone>`, serial 1, negative TTL
//! 60 s); records have TTL 300 s. Each query received is logged ([`TestDns::queries`]).
//!
//! The server runs on its own thread and runtime (see `background.rs`) and stops on drop.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::pin::Pin;
use std::str::FromStr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use hickory_resolver::TokioResolver;
use hickory_resolver::config::{
    ConnectionConfig, NameServerConfig, ResolveHosts, ResolverConfig, ResolverOpts,
};
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_server::Server;
use hickory_server::net::runtime::Time;
use hickory_server::proto::op::{Header, HeaderCounts, Metadata};
use hickory_server::proto::rr::rdata::{A, AAAA, CNAME, MX, SOA, SRV, TXT};
use hickory_server::proto::rr::{LowerName, Name, RData, Record};
use hickory_server::server::{Request, RequestHandler, ResponseHandler, ResponseInfo};
use hickory_server::store::in_memory::InMemoryZoneHandler;
use hickory_server::zone_handler::{AxfrPolicy, Catalog, ZoneHandler, ZoneType};

use super::background::Background;

/// TTL of every record the builder adds.
pub const RECORD_TTL: u32 = 300;
/// SOA minimum (negative-caching TTL) of every zone.
pub const NEGATIVE_TTL: u32 = 60;

/// Parses a host/zone name given as text (ASCII or UTF-8, with or without trailing dot) into a
/// fully qualified hickory [`Name`]. Panics with the offending text on invalid input.
pub fn fqdn(name: &str) -> Name {
    let mut n = Name::from_utf8(name).unwrap_or_else(|e| panic!("invalid DNS name {name:?}: {e}"));
    n.set_fqdn(true);
    n
}

/// Which transport a resolver built by [`TestDns::resolver`] uses, or a logged query came over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transport {
    /// DNS over UDP.
    Udp,
    /// DNS over TCP.
    Tcp,
}

/// One query the server received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DnsQuery {
    /// Queried name, lowercase, without trailing dot (`"_imaps._tcp.example.com"`).
    pub name: String,
    /// Query type as hickory prints it: `"A"`, `"AAAA"`, `"MX"`, `"SRV"`, …
    pub qtype: String,
    /// Transport it arrived on.
    pub transport: Transport,
}

impl fmt::Display for DnsQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} ({:?})", self.name, self.qtype, self.transport)
    }
}

/// Builder for [`TestDns`]; see the module docs for the answers it produces.
///
/// Every record must lie under a zone declared with [`zone`](Self::zone) (in any order; the
/// longest matching zone wins), otherwise [`start`](Self::start) panics.
#[derive(Debug, Default)]
pub struct TestDnsBuilder {
    ip: Option<IpAddr>,
    zones: Vec<Name>,
    servfail: Vec<Name>,
    silent: Vec<Name>,
    records: Vec<Record>,
}

impl TestDnsBuilder {
    /// Serves `zone` authoritatively (SOA generated). Names under it that have no records
    /// answer NXDOMAIN.
    pub fn zone(mut self, zone: &str) -> Self {
        self.zones.push(fqdn(zone));
        self
    }

    /// Answers SERVFAIL to every query for `zone` and names under it (even inside a served
    /// zone: the most specific zone wins).
    pub fn servfail_zone(mut self, zone: &str) -> Self {
        self.servfail.push(fqdn(zone));
        self
    }

    /// Never answers queries for `zone` and names under it (UDP and TCP), so clients time out.
    /// Takes precedence over everything else.
    pub fn silent_zone(mut self, zone: &str) -> Self {
        self.silent.push(fqdn(zone));
        self
    }

    /// Binds to `ip` (any 127.0.0.0/8 address) instead of 127.0.0.1.
    pub fn ip(mut self, ip: IpAddr) -> Self {
        assert!(
            ip.is_loopback(),
            "TestDns must bind a loopback address, got {ip}"
        );
        self.ip = Some(ip);
        self
    }

    /// Adds any record (escape hatch for types without a helper).
    pub fn record(mut self, name: &str, rdata: RData) -> Self {
        self.records
            .push(Record::from_rdata(fqdn(name), RECORD_TTL, rdata));
        self
    }

    /// Adds an A record; `ip` is an IPv4 literal (`"127.0.0.1"`).
    pub fn a(self, name: &str, ip: &str) -> Self {
        let ip = Ipv4Addr::from_str(ip).unwrap_or_else(|e| panic!("bad IPv4 {ip:?}: {e}"));
        self.record(name, RData::A(A(ip)))
    }

    /// Adds an AAAA record; `ip` is an IPv6 literal (`"::1"`).
    pub fn aaaa(self, name: &str, ip: &str) -> Self {
        let ip = ip
            .parse()
            .unwrap_or_else(|e| panic!("bad IPv6 {ip:?}: {e}"));
        self.record(name, RData::AAAA(AAAA(ip)))
    }

    /// Adds an MX record. `exchange` `"."` makes a null MX (RFC 7505).
    pub fn mx(self, name: &str, preference: u16, exchange: &str) -> Self {
        self.record(name, RData::MX(MX::new(preference, fqdn(exchange))))
    }

    /// Adds an SRV record (RFC 2782). Owner is the full name (`"_imaps._tcp.example.com"`).
    pub fn srv(self, name: &str, priority: u16, weight: u16, port: u16, target: &str) -> Self {
        self.record(
            name,
            RData::SRV(SRV::new(priority, weight, port, fqdn(target))),
        )
    }

    /// Adds `0 0 0 .`: "this service is decidedly not offered" (RFC 2782, RFC 6186).
    pub fn srv_not_offered(self, name: &str) -> Self {
        self.srv(name, 0, 0, 0, ".")
    }

    /// Adds a CNAME from `alias` to `target`.
    pub fn cname(self, alias: &str, target: &str) -> Self {
        self.record(alias, RData::CNAME(CNAME(fqdn(target))))
    }

    /// Adds a TXT record with one character-string.
    pub fn txt(self, name: &str, text: &str) -> Self {
        self.record(name, RData::TXT(TXT::new(vec![text.to_owned()])))
    }

    /// Binds `127.0.0.1:0` (or [`ip`](Self::ip)) for UDP and TCP on one port and starts serving.
    /// Returns once the sockets are bound, so queries can be sent immediately.
    ///
    /// # Panics
    /// On a record outside every declared zone, or if no port is free for both UDP and TCP.
    pub fn start(self) -> TestDns {
        let ip = self.ip.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
        let catalog = self.build_catalog();
        let silent: Vec<LowerName> = self.silent.iter().map(LowerName::new).collect();
        let log = Arc::new(Mutex::new(Vec::new()));
        let handler = LoggingHandler {
            catalog,
            silent,
            log: Arc::clone(&log),
        };

        let (udp, tcp) = bind_udp_and_tcp(ip);
        let addr = udp.local_addr().expect("udp local_addr");
        let bg = Background::spawn(&format!("test-dns-{addr}"), move || async move {
            let udp = tokio::net::UdpSocket::from_std(udp).expect("register udp socket");
            let tcp = tokio::net::TcpListener::from_std(tcp).expect("register tcp listener");
            let mut server = Server::new(handler);
            server.register_socket(udp);
            server.register_listener(tcp, Duration::from_secs(5), 64);
            // Runs until the Background is dropped (then the server and its tasks are dropped).
            if let Err(e) = server.block_until_done().await {
                panic!("test DNS server failed: {e}");
            }
        });
        TestDns { addr, log, _bg: bg }
    }

    fn build_catalog(&self) -> Catalog {
        let mut handlers: Vec<InMemoryZoneHandler> = self
            .zones
            .iter()
            .map(|zone| {
                let mut h =
                    InMemoryZoneHandler::empty(zone.clone(), ZoneType::Primary, AxfrPolicy::Deny);
                let soa = SOA::new(
                    fqdn(&format!("ns.{zone}")),
                    fqdn(&format!("hostmaster.{zone}")),
                    1,
                    3600,
                    600,
                    86400,
                    NEGATIVE_TTL,
                );
                assert!(
                    h.upsert_mut(Record::from_rdata(zone.clone(), 3600, RData::SOA(soa)), 1),
                    "insert SOA of {zone}"
                );
                h
            })
            .collect();

        for record in &self.records {
            let owner = &record.name;
            let best = self
                .zones
                .iter()
                .enumerate()
                .filter(|(_, z)| z.zone_of(owner))
                .max_by_key(|(_, z)| z.num_labels())
                .map(|(i, _)| i)
                .unwrap_or_else(|| {
                    panic!(
                        "record {owner} {} is under no zone; declare one with .zone(..)",
                        record.record_type()
                    )
                });
            assert!(
                handlers[best].upsert_mut(record.clone(), 1),
                "hickory refused record {owner} {} (e.g. CNAME next to other data)",
                record.record_type()
            );
        }

        let mut catalog = Catalog::new();
        for (zone, handler) in self.zones.iter().zip(handlers) {
            let handler: Arc<dyn ZoneHandler> = Arc::new(handler);
            catalog.upsert(LowerName::new(zone), vec![handler]);
        }
        for zone in &self.servfail {
            // An empty handler list: hickory's Catalog finds the zone, no handler answers,
            // and it replies SERVFAIL ("all zone handlers not answering").
            catalog.upsert(LowerName::new(zone), Vec::new());
        }
        catalog
    }
}

/// A running authoritative DNS server on a loopback address; stops on drop.
pub struct TestDns {
    /// Address serving both UDP and TCP (pass as `--resolver`).
    pub addr: SocketAddr,
    log: Arc<Mutex<Vec<DnsQuery>>>,
    _bg: Background,
}

impl fmt::Debug for TestDns {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TestDns").field("addr", &self.addr).finish()
    }
}

impl TestDns {
    /// Starts building a server.
    pub fn builder() -> TestDnsBuilder {
        TestDnsBuilder::default()
    }

    /// `"IP:PORT"`, the value for maildoctor's `--resolver`.
    pub fn resolver_arg(&self) -> String {
        self.addr.to_string()
    }

    /// Every query received so far, in arrival order.
    pub fn queries(&self) -> Vec<DnsQuery> {
        self.log.lock().expect("dns log").clone()
    }

    /// Whether a query for `name` (without trailing dot, any case) of type `qtype` (`"SRV"`)
    /// has been received, over any transport.
    pub fn was_asked(&self, name: &str, qtype: &str) -> bool {
        let name = name.trim_end_matches('.').to_ascii_lowercase();
        self.queries()
            .iter()
            .any(|q| q.name == name && q.qtype.eq_ignore_ascii_case(qtype))
    }

    /// A hickory resolver that asks only this server, only over `transport`, with a 2 s
    /// per-query timeout, one attempt, no cache and no hosts file. For tests that check the server
    /// itself; query fully qualified names (`"imap.example.com."`).
    pub fn resolver(&self, transport: Transport) -> TokioResolver {
        self.resolver_with_timeout(transport, Duration::from_secs(2))
    }

    /// Like [`resolver`](Self::resolver) with another per-query timeout (for timeout tests).
    pub fn resolver_with_timeout(&self, transport: Transport, timeout: Duration) -> TokioResolver {
        let mut conn = match transport {
            Transport::Udp => ConnectionConfig::udp(),
            Transport::Tcp => ConnectionConfig::tcp(),
        };
        conn.port = self.addr.port();
        let ns = NameServerConfig::new(self.addr.ip(), true, vec![conn]);
        let mut builder = TokioResolver::builder_with_config(
            ResolverConfig::from_parts(None, vec![], vec![ns]),
            TokioRuntimeProvider::default(),
        );
        let opts: &mut ResolverOpts = builder.options_mut();
        opts.timeout = timeout;
        opts.attempts = 1;
        opts.cache_size = 0;
        opts.use_hosts_file = ResolveHosts::Never;
        opts.ndots = 0;
        builder.build().expect("build test resolver")
    }
}

/// Binds a UDP socket on `ip:0` and a TCP listener on the same port, retrying on collisions.
fn bind_udp_and_tcp(ip: IpAddr) -> (std::net::UdpSocket, std::net::TcpListener) {
    for _ in 0..50 {
        let udp = std::net::UdpSocket::bind((ip, 0)).expect("bind udp");
        let port = udp.local_addr().expect("udp local_addr").port();
        match std::net::TcpListener::bind((ip, port)) {
            Ok(tcp) => {
                udp.set_nonblocking(true).expect("udp nonblocking");
                tcp.set_nonblocking(true).expect("tcp nonblocking");
                return (udp, tcp);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => continue,
            Err(e) => panic!("bind tcp {ip}:{port}: {e}"),
        }
    }
    panic!("no port free for both UDP and TCP on {ip}");
}

/// The catalog, plus a query log and the `silent_zone` black hole.
struct LoggingHandler {
    catalog: Catalog,
    silent: Vec<LowerName>,
    log: Arc<Mutex<Vec<DnsQuery>>>,
}

// `RequestHandler` is declared with `#[async_trait]`; this is its expansion written by hand, so
// the harness needs no `async-trait` dev-dependency.
impl RequestHandler for LoggingHandler {
    fn handle_request<'life0, 'life1, 'async_trait, R, T>(
        &'life0 self,
        request: &'life1 Request,
        response_handle: R,
    ) -> Pin<Box<dyn Future<Output = ResponseInfo> + Send + 'async_trait>>
    where
        R: ResponseHandler + 'async_trait,
        T: Time + 'async_trait,
        'life0: 'async_trait,
        'life1: 'async_trait,
        Self: 'async_trait,
    {
        Box::pin(async move {
            if let Ok(info) = request.request_info() {
                let name = Name::from(info.query.name().clone())
                    .to_ascii()
                    .trim_end_matches('.')
                    .to_ascii_lowercase();
                let transport = if info.protocol.to_string().eq_ignore_ascii_case("tcp") {
                    Transport::Tcp
                } else {
                    Transport::Udp
                };
                self.log.lock().expect("dns log").push(DnsQuery {
                    name,
                    qtype: info.query.query_type().to_string(),
                    transport,
                });
                if self.silent.iter().any(|z| z.zone_of(info.query.name())) {
                    // Send nothing: the client sees a timeout.
                    return ResponseInfo::from(Header {
                        metadata: Metadata::response_from_request(&request.metadata),
                        counts: HeaderCounts::default(),
                    });
                }
            }
            self.catalog
                .handle_request::<R, T>(request, response_handle)
                .await
        })
    }
}
