//! HTTP(S) for discovery (autoconfig, Autodiscover): reqwest over rustls with the `ring`
//! provider and the same trust as [`TlsClient`](crate::net::tls::TlsClient) (system store
//! plus `--ca-file`), every request bounded by a timeout and every body by [`MAX_BODY`].
//!
//! # Why one reqwest client per request
//!
//! Discovery must honour the same curl-style `--connect-to HOST1:PORT1:HOST2:PORT2`
//! overrides and the same `--resolver` as the probes, so tests can point any host name at a
//! loopback server. reqwest's `resolve()` override ignores the port, and a custom
//! `reqwest::dns::Resolve` only sees the host name. So each request (each redirect hop) does
//! this itself:
//!
//! 1. [`Connector::resolve`] applies the overrides and resolves the target with our
//!    [`Dns`](crate::dns::Dns); its typed failure (NXDOMAIN, no address, SERVFAIL, timeout)
//!    becomes the outcome directly, without parsing reqwest's messages;
//! 2. when an override changes the port, the URL's port is rewritten (hyper then uses it for
//!    the socket address) and the `Host` header is set to the original authority;
//! 3. a small reqwest client is built with `resolve_to_addrs(host, addrs)`, redirects off
//!    (callers follow them, so every hop is traced and capped), no proxy, HTTP/1.1 only, and
//!    the preconfigured rustls config. The TLS server name stays the original host.
//!
//! Building a client costs far less than the round trip, and discovery makes a few dozen
//! requests at most, to different hosts, so there is nothing to pool.
//! IP-literal URLs are connected to as written (overrides apply to names only).
//!
//! # SSRF guard: where discovery may send a request
//!
//! Discovery requests go to names and redirects that strangers chose (the domain's DNS, any
//! server on the path of a plain-HTTP request), so the client must not become a tool for
//! reaching the user's own machine or network. Two rules:
//!
//! 1. **Network kind** ([`NetKind`], checked in [`HttpClient::fetch`] on the very addresses
//!    the connection then uses, so DNS rebinding between check and connect is impossible):
//!    a request goes to a public address, or to a loopback, private (RFC 1918, ULA
//!    `fc00::/7`) or CGNAT (`100.64.0.0/10`) address only when the address's **own domain**
//!    (its A/AAAA records or those of its MX hosts) resolves into the same kind of network:
//!    then the whole setup lives there (a lab on this machine, an intranet) and asking it is
//!    what the user wants. Link-local (`169.254.0.0/16` with the cloud metadata service,
//!    `fe80::/10`), unspecified, broadcast and multicast addresses are never asked. If any
//!    address of a name is refused, the request is not made ([`FetchError::Forbidden`]).
//!    A `--connect-to` override that names the destination host is the user's own choice
//!    and is not checked. The domain's kinds are looked up lazily, once per source, and only
//!    when a non-public address turns up ([`HttpClient::for_domain`]).
//! 2. **Redirects learned over plain HTTP** ([`check_plain_redirect`]) may have been written
//!    by anyone on the path: they are followed only to a host name (no IP literal) on the
//!    scheme's standard port (80/443) within the registrable domain of the URL that
//!    answered. Autodiscover's plain-HTTP redirect method ([MS-OXDISCO]) is bound by the
//!    same rule, so a cross-domain hosted Autodiscover is reported, not followed.
//!
//! Why "same kind of network" rather than "same subnet": the kinds are what tells a lab or an
//! intranet from an attack (a public domain naming `127.0.0.1` or `10.0.0.5`); prefix
//! lengths inside a private network say nothing reliable. It is also what keeps the test
//! suite honest: every test server lives on `127.0.0.0/8`, so a test domain that resolves to
//! `127.0.0.1` is a lab and is asked, and one whose own names resolve nowhere (or elsewhere)
//! must not have its loopback-resolving `autoconfig.` host asked.

use std::collections::BTreeSet;
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use reqwest::Url;
use reqwest::header::{CONTENT_TYPE, HOST, HeaderValue, LOCATION, WWW_AUTHENTICATE};
use rustls::RootCertStore;

use crate::config::Secret;
use crate::dns::{Dns, DnsAnswer};
use crate::model::{Failure, FailureKind};
use crate::net::connect::Connector;

/// Largest response body read, in bytes (1 MiB); a larger body is an outcome, not data.
pub const MAX_BODY: usize = 1024 * 1024;

/// Most redirects followed for one source.
pub const MAX_REDIRECTS: usize = 10;

/// Extra tries of a request whose connection a loaded server closed (batch mode only,
/// [`HttpClient::set_load_retries`]).
pub const LOAD_RETRIES: u32 = 2;

/// The trust store or CA file could not be loaded.
#[derive(Debug, thiserror::Error)]
#[error("cannot set up HTTPS: {0}")]
pub struct HttpInitError(pub String);

/// Why a request produced no response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// Name resolution, TCP connect or TLS failed; classified like a probe step.
    Network(Failure),
    /// No complete response within the timeout.
    Timeout(Duration),
    /// The body is larger than the cap; reading stopped there.
    TooLarge {
        /// The cap in bytes.
        limit: usize,
    },
    /// The URL cannot be fetched (no host, not http/https).
    BadUrl(String),
    /// Another HTTP-level failure (malformed response, connection reset mid-response).
    Http(String),
    /// The request was not made: its destination is outside what discovery may ask
    /// (see the module docs, "SSRF guard").
    Forbidden(Forbidden),
}

/// Why a discovery request or redirect was refused (module docs, "SSRF guard").
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Forbidden {
    /// The host resolves to a non-public address and the address's domain does not resolve
    /// into that kind of network (or the kind is never asked).
    #[error(
        "not requested: {host} resolves to {ip}, {}, and {domain} itself does not resolve into {} (SSRF guard)",
        kind.described(),
        kind.network()
    )]
    Network {
        /// The host name (or IP literal) of the URL.
        host: String,
        /// The refused address.
        ip: IpAddr,
        /// Its kind.
        kind: NetKind,
        /// The address's domain whose own addresses were compared.
        domain: String,
    },
    /// A redirect learned over plain HTTP names an IP literal.
    #[error("redirect over plain HTTP to the IP address {0}; not followed (it could be forged)")]
    IpLiteral(String),
    /// A redirect learned over plain HTTP names a non-standard port.
    #[error(
        "redirect over plain HTTP to the non-standard port {port} of {host}; not followed (it could be forged)"
    )]
    Port {
        /// The host.
        host: String,
        /// The port.
        port: u16,
    },
    /// A redirect learned over plain HTTP leaves the registrable domain.
    #[error(
        "redirect over plain HTTP from {from} to {to}, another domain; not followed (it could be forged)"
    )]
    OtherDomain {
        /// Registrable domain of the URL that answered.
        from: String,
        /// Registrable domain of the target.
        to: String,
    },
}

/// The kind of network an IP address belongs to, for the SSRF guard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NetKind {
    /// Anything routable on the internet.
    Public,
    /// `127.0.0.0/8`, `::1`: this machine.
    Loopback,
    /// RFC 1918 (`10/8`, `172.16/12`, `192.168/16`) and ULA `fc00::/7`: an intranet.
    Private,
    /// `100.64.0.0/10` (RFC 6598), carrier-grade NAT.
    SharedCgnat,
    /// `169.254.0.0/16`, `fe80::/10` (cloud metadata services live here): never asked.
    LinkLocal,
    /// Unspecified, broadcast, multicast, `0.0.0.0/8`: never asked.
    Unusable,
}

impl NetKind {
    /// The kind of `ip` (IPv4-mapped IPv6 addresses count as their IPv4 address).
    pub fn of(ip: IpAddr) -> Self {
        match ip {
            IpAddr::V4(v4) => Self::of_v4(v4),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => Self::of_v4(v4),
                None => Self::of_v6(v6),
            },
        }
    }

    fn of_v4(ip: Ipv4Addr) -> Self {
        let [a, b, ..] = ip.octets();
        if ip.is_loopback() {
            Self::Loopback
        } else if ip.is_private() {
            Self::Private
        } else if a == 100 && (64..128).contains(&b) {
            Self::SharedCgnat
        } else if ip.is_link_local() {
            Self::LinkLocal
        } else if a == 0 || ip.is_broadcast() || ip.is_multicast() || a >= 240 {
            Self::Unusable
        } else {
            Self::Public
        }
    }

    fn of_v6(ip: Ipv6Addr) -> Self {
        let first = ip.segments()[0];
        if ip.is_loopback() {
            Self::Loopback
        } else if ip.is_unspecified() || ip.is_multicast() {
            Self::Unusable
        } else if first & 0xfe00 == 0xfc00 {
            Self::Private
        } else if first & 0xffc0 == 0xfe80 {
            Self::LinkLocal
        } else {
            Self::Public
        }
    }

    /// May this kind ever be asked when the domain resolves into it?
    fn may_be_lab(self) -> bool {
        matches!(self, Self::Loopback | Self::Private | Self::SharedCgnat)
    }

    fn described(self) -> &'static str {
        match self {
            Self::Public => "a public address",
            Self::Loopback => "a loopback address (this machine)",
            Self::Private => "a private-network address",
            Self::SharedCgnat => "a carrier-grade NAT address",
            Self::LinkLocal => "a link-local address (never asked)",
            Self::Unusable => "an unspecified, broadcast or multicast address (never asked)",
        }
    }

    fn network(self) -> &'static str {
        match self {
            Self::Public => "the internet",
            Self::Loopback => "this machine",
            Self::Private => "a private network",
            Self::SharedCgnat => "a carrier-grade NAT network",
            Self::LinkLocal | Self::Unusable => "such a network",
        }
    }
}

/// The kinds of network an address's domain resolves into, looked up once, lazily.
#[derive(Debug, Clone)]
struct Scope {
    domain: String,
    kinds: Arc<tokio::sync::OnceCell<BTreeSet<NetKind>>>,
}

/// Most MX hosts of the domain whose addresses count for its [`Scope`].
const SCOPE_MX_HOSTS: usize = 4;

/// The kinds of network `domain` resolves into: its own A/AAAA records and those of its first
/// MX hosts. Failures count as "nothing".
pub async fn domain_kinds(dns: &Dns, domain: &str) -> BTreeSet<NetKind> {
    let mut hosts = vec![domain.to_owned()];
    if let DnsAnswer::Records(mx) = dns.mx(domain).await {
        hosts.extend(
            mx.into_iter()
                .filter(|m| !m.exchange.is_empty())
                .take(SCOPE_MX_HOSTS)
                .map(|m| m.exchange),
        );
    }
    let answers = futures_util::future::join_all(hosts.iter().map(|h| dns.ips(h))).await;
    answers
        .into_iter()
        .filter_map(|a| match a {
            DnsAnswer::Records(ips) => Some(ips),
            _ => None,
        })
        .flatten()
        .map(NetKind::of)
        .collect()
}

/// Is `host` a plain LDH host name (RFC 1123 letters, digits, hyphens; labels of 1–63
/// octets, 253 in all)? A DNS name with escaped bytes (`\033`, `\.`) or any other octet is
/// not, and is never pasted into a URL or connected to.
pub fn is_ldh_host(host: &str) -> bool {
    let h = host.strip_suffix('.').unwrap_or(host);
    !h.is_empty()
        && h.len() <= 253
        && h.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

/// Why a mail server named by an untrusted source (plain-HTTP autoconfig, Autodiscover,
/// another domain's autoconfig) is not probed: not an LDH host name, an IP literal (also
/// one spelled as a name, `127.0.0.1`), or `localhost`. `None` when it may be probed.
pub fn untrusted_host_problem(host: &str) -> Option<&'static str> {
    // Judged as given: no trimming of whitespace, only case and one trailing dot.
    let lower = host.to_ascii_lowercase();
    let h = lower.strip_suffix('.').unwrap_or(&lower);
    let bare = h.trim_start_matches('[').trim_end_matches(']');
    if bare.parse::<IpAddr>().is_ok()
        || h.rsplit('.')
            .next()
            .is_some_and(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit()))
    {
        return Some("an IP address");
    }
    if !is_ldh_host(&lower) {
        return Some("not a valid host name");
    }
    if h == "localhost" || h.ends_with(".localhost") {
        return Some("localhost");
    }
    None
}

/// Checks a redirect learned over plain HTTP (module docs, "SSRF guard", rule 2): `to` must
/// name a host (no IP literal) on its scheme's standard port within the registrable domain
/// of `from`.
pub fn check_plain_redirect(from: &Url, to: &Url) -> Result<(), Forbidden> {
    let raw = to.host_str().unwrap_or_default();
    let bare = raw.trim_start_matches('[').trim_end_matches(']');
    if bare.is_empty() || bare.parse::<IpAddr>().is_ok() {
        return Err(Forbidden::IpLiteral(bare.to_owned()));
    }
    let host = bare.to_owned();
    // `Url` drops a port equal to the scheme's default, so any port left is non-standard.
    if let Some(port) = to.port() {
        return Err(Forbidden::Port { host, port });
    }
    let from_domain = registrable_domain(from.host_str().unwrap_or_default());
    let to_domain = registrable_domain(&host);
    if from_domain != to_domain {
        return Err(Forbidden::OtherDomain {
            from: from_domain,
            to: to_domain,
        });
    }
    Ok(())
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Network(failure) => f.write_str(&failure.message),
            Self::Timeout(t) => write!(f, "no complete answer within {} ms", t.as_millis()),
            Self::TooLarge { limit } => {
                write!(f, "response larger than {limit} bytes; stopped reading")
            }
            Self::BadUrl(m) => write!(f, "unusable URL: {m}"),
            Self::Http(m) => write!(f, "HTTP error: {m}"),
            Self::Forbidden(why) => write!(f, "{why}"),
        }
    }
}

/// A response, with the body already read (at most [`MAX_BODY`] bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// HTTP status code.
    pub status: u16,
    /// `Location` header, for redirects.
    pub location: Option<String>,
    /// `Content-Type` header.
    pub content_type: Option<String>,
    /// The server asked for credentials (`WWW-Authenticate`).
    pub auth_requested: bool,
    /// The body.
    pub body: Vec<u8>,
}

impl Response {
    /// True for 301, 302, 303, 307, 308.
    pub fn is_redirect(&self) -> bool {
        matches!(self.status, 301 | 302 | 303 | 307 | 308)
    }
}

/// A request body and its content type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    /// `Content-Type`.
    pub content_type: &'static str,
    /// The bytes (UTF-8 text here).
    pub text: String,
    /// HTTP Basic credentials (user, password), sent only over HTTPS.
    pub basic_auth: Option<(String, Secret)>,
}

/// HTTP client with `--connect-to` overrides, our DNS and our trust store. Cheap to clone.
#[derive(Clone)]
pub struct HttpClient {
    connector: Connector,
    tls: Arc<rustls::ClientConfig>,
    timeout: Duration,
    max_body: usize,
    scope: Option<Scope>,
    share: Arc<crate::share::ResponseShare>,
    load_retries: Arc<AtomicBool>,
}

impl std::fmt::Debug for HttpClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpClient")
            .field("timeout", &self.timeout)
            .field("max_body", &self.max_body)
            .finish_non_exhaustive()
    }
}

impl HttpClient {
    /// A client trusting exactly `roots`.
    pub fn from_roots(
        connector: Connector,
        roots: RootCertStore,
        timeout: Duration,
    ) -> Result<Self, HttpInitError> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| HttpInitError(e.to_string()))?
            .with_root_certificates(roots)
            .with_no_client_auth();
        Ok(Self {
            connector,
            tls: Arc::new(tls),
            timeout,
            max_body: MAX_BODY,
            scope: None,
            share: Arc::default(),
            load_retries: Arc::default(),
        })
    }

    /// The same client for discovery on behalf of an address in `domain`: requests to
    /// non-public addresses are made only when `domain` resolves into the same kind of
    /// network (module docs, "SSRF guard"). Without it, only public addresses and
    /// `--connect-to` destinations are asked.
    pub fn for_domain(&self, domain: &str) -> Self {
        let mut c = self.clone();
        c.scope = Some(Scope {
            domain: crate::model::normalize_host(domain),
            kinds: Arc::new(tokio::sync::OnceCell::new()),
        });
        c
    }

    /// Refuses `addrs` of `host` unless each is allowed (module docs, "SSRF guard", rule 1).
    async fn check_network(&self, host: &str, addrs: &[SocketAddr]) -> Result<(), Forbidden> {
        for a in addrs {
            let kind = NetKind::of(a.ip());
            if kind == NetKind::Public {
                continue;
            }
            let domain = self.scope.as_ref().map_or("", |s| s.domain.as_str());
            let allowed = match &self.scope {
                Some(scope) if kind.may_be_lab() => scope
                    .kinds
                    .get_or_init(|| domain_kinds(self.connector.dns(), &scope.domain))
                    .await
                    .contains(&kind),
                _ => false,
            };
            if !allowed {
                return Err(Forbidden::Network {
                    host: host.to_owned(),
                    ip: a.ip(),
                    kind,
                    domain: domain.to_owned(),
                });
            }
        }
        Ok(())
    }

    /// The same client with another body cap (tests).
    pub fn with_max_body(mut self, max_body: usize) -> Self {
        self.max_body = max_body;
        self
    }

    /// The per-request timeout.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// One request, no redirect following. GET without a body, POST with one.
    pub async fn fetch(&self, url: &Url, body: Option<&Body>) -> Result<Response, FetchError> {
        // Batch mode: one request per domain, shared by its addresses (crate::share).
        let scope = self.scope.as_ref().map_or("", |s| s.domain.as_str());
        self.share
            .fetch(scope, url, body, || self.fetch_direct(url, body))
            .await
    }

    /// Batch mode: share responses between the addresses of a domain
    /// ([`crate::share::ResponseShare`]); every clone of this client follows.
    pub fn share_responses(&self, on: bool) {
        self.share.set_enabled(on);
    }

    /// Batch mode: a request whose connection was closed or reset before the answer (what
    /// a web server at its connection limit does) is made again after a back-off, up to
    /// [`LOAD_RETRIES`] times, before the failure is believed, so the load of a batch
    /// never changes what a source found. Never a request that carries a password. Every
    /// clone of this client follows.
    pub fn set_load_retries(&self, on: bool) {
        self.load_retries.store(on, Ordering::Relaxed);
    }

    async fn fetch_direct(&self, url: &Url, body: Option<&Body>) -> Result<Response, FetchError> {
        let retries = if self.load_retries.load(Ordering::Relaxed)
            && body.is_none_or(|b| b.basic_auth.is_none())
        {
            LOAD_RETRIES
        } else {
            0
        };
        let mut attempt = 0;
        loop {
            let result = match tokio::time::timeout(self.timeout, self.fetch_inner(url, body)).await
            {
                Ok(r) => r,
                Err(_) => Err(FetchError::Timeout(self.timeout)),
            };
            if attempt >= retries || !closed_by_peer(&result) {
                return result;
            }
            attempt += 1;
            tokio::time::sleep(Duration::from_millis(200 << attempt)).await;
        }
    }

    async fn fetch_inner(&self, url: &Url, body: Option<&Body>) -> Result<Response, FetchError> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(FetchError::BadUrl(format!(
                "scheme '{}' is not http or https",
                url.scheme()
            )));
        }
        let Some(host) = url.host_str() else {
            return Err(FetchError::BadUrl("no host".to_owned()));
        };
        let host = host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_owned();
        let Some(port) = url.port_or_known_default() else {
            return Err(FetchError::BadUrl("no port".to_owned()));
        };
        let ip_literal = host.parse::<IpAddr>().ok();
        let mut builder = reqwest::Client::builder()
            .tls_backend_preconfigured((*self.tls).clone())
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .http1_only()
            .pool_max_idle_per_host(0)
            .connect_timeout(self.timeout)
            .timeout(self.timeout)
            .user_agent(concat!("maildoctor/", env!("CARGO_PKG_VERSION")));
        let mut target_url = url.clone();
        let mut host_header = None;
        let mut builder_first_ip = None;
        if let Some(ip) = ip_literal {
            self.check_network(&host, &[SocketAddr::new(ip, port)])
                .await
                .map_err(FetchError::Forbidden)?;
        } else {
            let addrs = self
                .connector
                .resolve(&host, port)
                .await
                .map_err(FetchError::Network)?;
            // A `--connect-to` override naming the destination is the user's choice; every
            // other address is checked, and these same addresses are the ones connected to.
            let chosen =
                self.connector.target(&host, port).0 != crate::model::normalize_host(&host);
            if !chosen {
                self.check_network(&host, &addrs)
                    .await
                    .map_err(FetchError::Forbidden)?;
            }
            let to_port = addrs.first().map_or(port, std::net::SocketAddr::port);
            if to_port != port {
                // The port is part of the URL hyper connects to; keep `Host` as the user's.
                let _ = target_url.set_port(Some(to_port));
                let authority = match url.port() {
                    Some(p) => format!("{host}:{p}"),
                    None => host.clone(),
                };
                host_header = HeaderValue::from_str(&authority).ok();
            }
            builder = builder.resolve_to_addrs(&host, &addrs);
            builder_first_ip = addrs.first().map(SocketAddr::ip);
        }
        // A slot of the web server's window, then one socket of the budget for the request
        // (after the name lookup, which takes its own: holding one while waiting for another
        // could deadlock a full budget).
        let window = match (ip_literal, builder_first_ip) {
            (Some(ip), _) | (None, Some(ip)) => Some(self.connector.budget().web(ip)),
            _ => None,
        };
        let slot = match &window {
            Some(w) => Some(w.acquire().await),
            None => None,
        };
        let _socket = self.connector.budget().socket().await;
        let result = self
            .send(builder, body, target_url, host_header, &host)
            .await;
        // A server that closed or reset the connection is at its limit: fewer at once.
        if let Some(slot) = slot {
            if closed_by_peer(&result) {
                slot.congested();
            } else {
                slot.answered();
            }
        }
        result
    }

    /// Builds the request's client and sends the request; reads the answer.
    async fn send(
        &self,
        builder: reqwest::ClientBuilder,
        body: Option<&Body>,
        target_url: Url,
        host_header: Option<HeaderValue>,
        host: &str,
    ) -> Result<Response, FetchError> {
        let client = builder
            .build()
            .map_err(|e| FetchError::Http(chain_message(&e)))?;
        let mut request = match body {
            Some(b) => {
                let post = client
                    .post(target_url.clone())
                    .header(CONTENT_TYPE, b.content_type)
                    .body(b.text.clone());
                match &b.basic_auth {
                    // Never over plain HTTP, whatever the caller asked.
                    Some((user, pw)) if target_url.scheme() == "https" => {
                        post.basic_auth(user, Some(pw.expose()))
                    }
                    _ => post,
                }
            }
            None => client.get(target_url),
        };
        if let Some(h) = host_header {
            request = request.header(HOST, h);
        }
        let mut response = request.send().await.map_err(|e| classify(&e, host))?;
        let status = response.status().as_u16();
        let header = |name| {
            response
                .headers()
                .get(name)
                .and_then(|v: &HeaderValue| v.to_str().ok())
                .map(str::to_owned)
        };
        let location = header(LOCATION);
        let content_type = header(CONTENT_TYPE);
        let auth_requested = response.headers().contains_key(WWW_AUTHENTICATE);
        if response
            .content_length()
            .is_some_and(|n| n > self.max_body as u64)
        {
            return Err(FetchError::TooLarge {
                limit: self.max_body,
            });
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| classify(&e, host))? {
            if body.len() + chunk.len() > self.max_body {
                return Err(FetchError::TooLarge {
                    limit: self.max_body,
                });
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Response {
            status,
            location,
            content_type,
            auth_requested,
            body,
        })
    }
}

/// Whether a request failed because the server closed or reset the connection before its
/// answer was complete (also during the TLS handshake).
fn closed_by_peer(result: &Result<Response, FetchError>) -> bool {
    matches!(result, Err(FetchError::Network(f)) if f.kind == FailureKind::ConnectionClosed)
}

/// Classifies a reqwest error by the types in its source chain (rustls, io, hyper), never by
/// text.
/// `io::Error::source()` skips the wrapped error, so wrapped io errors are opened with
/// `get_ref()` (hyper-util nests them two deep around the rustls error).
fn classify(e: &reqwest::Error, host: &str) -> FetchError {
    let mut chain: Vec<&(dyn std::error::Error + 'static)> = Vec::new();
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = source {
        chain.push(err);
        let mut inner = err;
        while let Some(next) = inner
            .downcast_ref::<io::Error>()
            .and_then(io::Error::get_ref)
        {
            let next: &(dyn std::error::Error + 'static) = next;
            chain.push(next);
            inner = next;
        }
        source = err.source();
    }
    if let Some(tls) = chain.iter().find_map(|e| e.downcast_ref::<rustls::Error>()) {
        return FetchError::Network(tls_failure(tls, host));
    }
    // The innermost io error says most.
    for io in chain
        .iter()
        .rev()
        .filter_map(|e| e.downcast_ref::<io::Error>())
    {
        let kind = match io.kind() {
            io::ErrorKind::ConnectionRefused => FailureKind::Refused,
            io::ErrorKind::HostUnreachable | io::ErrorKind::NetworkUnreachable => {
                FailureKind::Unreachable
            }
            io::ErrorKind::TimedOut => FailureKind::Timeout,
            io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::UnexpectedEof
            | io::ErrorKind::BrokenPipe => FailureKind::ConnectionClosed,
            _ => continue,
        };
        return FetchError::Network(Failure {
            kind,
            message: chain_message(e),
        });
    }
    if e.is_timeout() {
        return FetchError::Network(Failure {
            kind: FailureKind::Timeout,
            message: chain_message(e),
        });
    }
    // The server closed the connection before a complete response ("connection closed
    // before message completed"), without an io error underneath.
    if chain
        .iter()
        .filter_map(|e| e.downcast_ref::<hyper::Error>())
        .any(|h| h.is_incomplete_message())
    {
        return FetchError::Network(Failure {
            kind: FailureKind::ConnectionClosed,
            message: chain_message(e),
        });
    }
    FetchError::Http(chain_message(e))
}

fn tls_failure(err: &rustls::Error, host: &str) -> Failure {
    match err {
        rustls::Error::InvalidCertificate(_) => crate::net::tls::cert_failure(err, &[], host),
        other => Failure {
            kind: FailureKind::HandshakeFailed,
            message: format!("TLS handshake failed: {other}"),
        },
    }
}

/// The error and its sources, joined with ": " (reqwest's top message alone says little).
fn chain_message(e: &dyn std::error::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        let m = s.to_string();
        if !parts.iter().any(|p| p.contains(&m)) {
            parts.push(m);
        }
        source = s.source();
    }
    parts.join(": ")
}

/// The URL a `Location` header points to, relative to `base`.
pub fn redirect_target(base: &Url, location: &str) -> Result<Url, String> {
    base.join(location.trim())
        .map_err(|e| format!("bad Location '{location}': {e}"))
}

/// The registrable domain ("eTLD+1") of a host name per the Public Suffix List, or the host
/// itself when it has none (an IP literal, a bare public suffix).
pub fn registrable_domain(host: &str) -> String {
    let host = crate::model::normalize_host(host);
    if host.parse::<std::net::IpAddr>().is_ok() {
        return host;
    }
    psl::domain_str(&host).map_or_else(|| host.clone(), str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registrable_domains_follow_the_public_suffix_list() {
        assert_eq!(
            registrable_domain("imap.mail.example.co.uk"),
            "example.co.uk"
        );
        assert_eq!(
            registrable_domain("MX.BigProvider.example."),
            "bigprovider.example"
        );
        assert_eq!(registrable_domain("a.b.github.io"), "b.github.io");
        assert_eq!(registrable_domain("127.0.0.1"), "127.0.0.1");
    }

    #[test]
    fn network_kinds() {
        let k = |s: &str| NetKind::of(s.parse().unwrap());
        assert_eq!(k("127.0.0.170"), NetKind::Loopback);
        assert_eq!(k("::1"), NetKind::Loopback);
        assert_eq!(k("10.1.2.3"), NetKind::Private);
        assert_eq!(k("172.31.0.1"), NetKind::Private);
        assert_eq!(k("192.168.1.1"), NetKind::Private);
        assert_eq!(k("fd00::1"), NetKind::Private);
        assert_eq!(k("100.64.0.1"), NetKind::SharedCgnat);
        assert_eq!(k("169.254.169.254"), NetKind::LinkLocal);
        assert_eq!(k("fe80::1"), NetKind::LinkLocal);
        assert_eq!(k("::ffff:169.254.169.254"), NetKind::LinkLocal);
        assert_eq!(k("::ffff:127.0.0.1"), NetKind::Loopback);
        assert_eq!(k("0.0.0.0"), NetKind::Unusable);
        assert_eq!(k("::"), NetKind::Unusable);
        assert_eq!(k("224.0.0.1"), NetKind::Unusable);
        assert_eq!(k("255.255.255.255"), NetKind::Unusable);
        assert_eq!(k("93.184.216.34"), NetKind::Public);
        assert_eq!(k("2606:2800::1"), NetKind::Public);
        assert!(!NetKind::LinkLocal.may_be_lab());
        assert!(NetKind::Private.may_be_lab());
    }

    #[test]
    fn plain_http_redirects_stay_on_named_hosts_standard_ports_and_the_domain() {
        let from = Url::parse("http://autoconfig.example.com/mail/config-v1.1.xml").unwrap();
        let to = |s: &str| check_plain_redirect(&from, &Url::parse(s).unwrap());
        assert!(to("http://autoconfig.example.com/other").is_ok());
        assert!(to("https://mail.example.com/x").is_ok());
        assert!(to("https://mail.example.com:443/x").is_ok());
        assert!(matches!(
            to("http://127.0.0.170:8080/admin/delete-all-users?confirm=yes"),
            Err(Forbidden::IpLiteral(_))
        ));
        assert!(matches!(to("http://[::1]/"), Err(Forbidden::IpLiteral(_))));
        assert!(matches!(
            to("http://169.254.169.254/latest/meta-data/"),
            Err(Forbidden::IpLiteral(_))
        ));
        assert!(matches!(
            to("http://autoconfig.example.com:8080/"),
            Err(Forbidden::Port { port: 8080, .. })
        ));
        assert!(matches!(
            to("https://example.com:80/"),
            Err(Forbidden::Port { port: 80, .. })
        ));
        assert!(matches!(
            to("https://evil.example/"),
            Err(Forbidden::OtherDomain { .. })
        ));
    }

    #[test]
    fn host_names_are_ldh_and_untrusted_ones_screened() {
        assert!(is_ldh_host("imap.example.com"));
        assert!(is_ldh_host("imap.example.com."));
        assert!(is_ldh_host("xn--bcher-kva.example"));
        assert!(!is_ldh_host("esc\\027x.example.com"));
        assert!(!is_ldh_host("a\\.b.example.com"));
        assert!(!is_ldh_host("a b.example.com"));
        assert!(!is_ldh_host("-a.example.com"));
        assert!(!is_ldh_host(""));
        assert!(!is_ldh_host(&"a".repeat(64)));
        assert_eq!(untrusted_host_problem("imap.example.com"), None);
        assert_eq!(
            untrusted_host_problem("\nrn"),
            Some("not a valid host name")
        );
        assert_eq!(untrusted_host_problem("z.."), Some("not a valid host name"));
        assert_eq!(untrusted_host_problem("127.0.0.1"), Some("an IP address"));
        assert_eq!(untrusted_host_problem("[::1]"), Some("an IP address"));
        assert_eq!(untrusted_host_problem("10.0.0.010"), Some("an IP address"));
        assert_eq!(untrusted_host_problem("LOCALHOST."), Some("localhost"));
        assert_eq!(untrusted_host_problem("a.localhost"), Some("localhost"));
        assert_eq!(
            untrusted_host_problem("evil\\027.example.com"),
            Some("not a valid host name")
        );
    }

    #[test]
    fn redirect_targets_resolve_relative_locations() {
        let base = Url::parse("https://a.example/x/y?z").unwrap();
        assert_eq!(
            redirect_target(&base, "/other").unwrap().as_str(),
            "https://a.example/other"
        );
        assert_eq!(
            redirect_target(&base, "http://b.example/")
                .unwrap()
                .as_str(),
            "http://b.example/"
        );
    }
}
