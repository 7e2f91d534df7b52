//! DNS access: one hickory `TokioResolver`, configured from /etc/resolv.conf (like curl and
//! openssl) or pointed at one server with `--resolver`, and a classification of every answer
//! into [`DnsAnswer`] so callers can tell NXDOMAIN from "no records" from SERVFAIL from a
//! timeout. Classification is done on hickory's error types, never on message strings.
//!
//! Names are always queried fully qualified (trailing dot), so the resolv.conf search list
//! never turns `pop3.example.com` into `pop3.example.com.corp.lan`.

use std::fmt;
use std::net::IpAddr;
use std::time::Duration;

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

/// The resolver handle. Cheap to clone.
#[derive(Clone)]
pub struct Dns {
    resolver: TokioResolver,
    timeout: Duration,
    servers: Vec<String>,
}

impl fmt::Debug for Dns {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Dns")
            .field("timeout", &self.timeout)
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
        })
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
        let fqdn = match Name::from_ascii(name) {
            Ok(mut n) => {
                n.set_fqdn(true);
                n
            }
            Err(e) => return DnsAnswer::Failed(format!("invalid name: {e}")),
        };
        // hickory has its own timeout; this outer one guards against a stuck transport.
        let fut = self.resolver.lookup(fqdn, rtype);
        match tokio::time::timeout(self.timeout + Duration::from_millis(500), fut).await {
            Err(_) => DnsAnswer::Timeout,
            Ok(Ok(lookup)) => {
                let records: Vec<T> = lookup
                    .answers()
                    .iter()
                    .filter_map(|r| pick(&r.data))
                    .collect();
                if records.is_empty() {
                    DnsAnswer::NoRecords
                } else {
                    DnsAnswer::Records(records)
                }
            }
            Ok(Err(e)) => classify(&e),
        }
    }
}

/// Longest CNAME chain accepted before a name counts as broken.
pub const MAX_CNAME_CHAIN: usize = 8;

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
    fn root_name_becomes_empty_host() {
        assert_eq!(name_to_host(&Name::root()), "");
        let n = Name::from_ascii("MX.Example.COM.").unwrap();
        assert_eq!(name_to_host(&n), "mx.example.com");
    }
}
