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

use std::io;
use std::sync::Arc;
use std::time::Duration;

use reqwest::Url;
use reqwest::header::{CONTENT_TYPE, HOST, HeaderValue, LOCATION, WWW_AUTHENTICATE};
use rustls::RootCertStore;

use crate::config::Secret;
use crate::model::{Failure, FailureKind};
use crate::net::connect::Connector;

/// Largest response body read, in bytes (1 MiB); a larger body is an outcome, not data.
pub const MAX_BODY: usize = 1024 * 1024;

/// Most redirects followed for one source.
pub const MAX_REDIRECTS: usize = 10;

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
    share: Arc<crate::share::ResponseShare>,
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
            share: Arc::default(),
        })
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
        self.share
            .fetch(url, body, || self.fetch_direct(url, body))
            .await
    }

    /// Batch mode: share responses between the addresses of a domain
    /// ([`crate::share::ResponseShare`]); every clone of this client follows.
    pub fn share_responses(&self, on: bool) {
        self.share.set_enabled(on);
    }

    async fn fetch_direct(&self, url: &Url, body: Option<&Body>) -> Result<Response, FetchError> {
        match tokio::time::timeout(self.timeout, self.fetch_inner(url, body)).await {
            Ok(r) => r,
            Err(_) => Err(FetchError::Timeout(self.timeout)),
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
        let is_ip = host.parse::<std::net::IpAddr>().is_ok();
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
        if !is_ip {
            let addrs = self
                .connector
                .resolve(&host, port)
                .await
                .map_err(FetchError::Network)?;
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
        }
        // One socket of the budget for the request (after the name lookup, which takes its
        // own: holding one while waiting for another could deadlock a full budget).
        let _socket = self.connector.budget().socket().await;
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
        let mut response = request.send().await.map_err(|e| classify(&e, &host))?;
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
        while let Some(chunk) = response.chunk().await.map_err(|e| classify(&e, &host))? {
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

/// Classifies a reqwest error by the types in its source chain (rustls, io), never by text.
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
