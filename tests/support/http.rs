//! [`HttpServer`]: an in-process HTTP/1.1 server (hyper 1.x), plain or HTTPS with a
//! [`TestPki`](super::pki::TestPki) leaf, on a loopback address, answering from routes
//! built in code and recording every request so a test can assert what was (not) sent.
//!
//! ```ignore
//! let https = HttpServer::start(HttpSpec::https(pki.valid(&["autoconfig.example.com"]))
//!     .route("autoconfig.example.com", "/mail/config-v1.1.xml", Reply::xml(CONFIG))
//!     .route("", "/loop", Reply::redirect(302, "/loop")));
//! // maildoctor --connect-to autoconfig.example.com:443:127.0.0.1:<https.addr.port()> …
//! assert!(https.requests().iter().all(|r| r.header("authorization").is_none()));
//! ```
//!
//! Routes match on the `Host` header without port (empty host: any) and the path without
//! the query; unmatched requests get 404. Replies: a fixed response ([`Reply::xml`],
//! [`Reply::html`], [`Reply::status`], [`Reply::redirect`]), a chunked body of any size
//! without `Content-Length` ([`Reply::Huge`]), or no answer at all ([`Reply::Hang`]).

use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

use super::background::Background;
use super::pki::{Leaf, acceptor};

/// What a route answers.
#[derive(Debug, Clone)]
pub enum Reply {
    /// A complete response.
    Fixed {
        /// Status code.
        status: u16,
        /// Extra headers.
        headers: Vec<(String, String)>,
        /// Body.
        body: Vec<u8>,
    },
    /// 200 with a chunked body of this many bytes (no `Content-Length`).
    Huge(usize),
    /// Accept the request and never answer.
    Hang,
    /// `ok` when the request carries exactly this `Authorization` header, else a 401 that
    /// asks for Basic credentials.
    AuthGate {
        /// The expected header value, e.g. `Basic YWxpY2U6cHc=`.
        authorization: String,
        /// The reply for an authorised request.
        ok: Box<Self>,
    },
}

impl Reply {
    /// 200 `text/xml`.
    pub fn xml(body: &str) -> Self {
        Self::Fixed {
            status: 200,
            headers: vec![("content-type".into(), "text/xml; charset=utf-8".into())],
            body: body.as_bytes().to_vec(),
        }
    }

    /// 200 `text/html`.
    pub fn html(body: &str) -> Self {
        Self::Fixed {
            status: 200,
            headers: vec![("content-type".into(), "text/html".into())],
            body: body.as_bytes().to_vec(),
        }
    }

    /// A bare status with an empty body.
    pub fn status(status: u16) -> Self {
        Self::Fixed {
            status,
            headers: vec![],
            body: vec![],
        }
    }

    /// A redirect to `location`.
    pub fn redirect(status: u16, location: &str) -> Self {
        Self::Fixed {
            status,
            headers: vec![("location".into(), location.into())],
            body: vec![],
        }
    }

    /// 401 asking for Basic credentials.
    pub fn unauthorized() -> Self {
        Self::Fixed {
            status: 401,
            headers: vec![("www-authenticate".into(), "Basic realm=\"test\"".into())],
            body: vec![],
        }
    }
}

/// One request as received.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// `GET`, `POST`, …
    pub method: String,
    /// `Host` header (with port, as sent).
    pub host: String,
    /// Path and query.
    pub uri: String,
    /// Every header, names lowercase.
    pub headers: Vec<(String, String)>,
    /// Body (lossy UTF-8, at most 64 KiB read).
    pub body: String,
}

impl Recorded {
    /// The first value of a header (name in lowercase).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// How to run an [`HttpServer`].
#[derive(Debug, Clone)]
pub struct HttpSpec {
    ip: IpAddr,
    leaf: Option<Leaf>,
    routes: Vec<(String, String, Reply)>,
    reset_first: usize,
    close_first: usize,
}

impl HttpSpec {
    /// Plain HTTP.
    pub fn http() -> Self {
        Self {
            ip: IpAddr::V4(Ipv4Addr::LOCALHOST),
            leaf: None,
            routes: vec![],
            reset_first: 0,
            close_first: 0,
        }
    }

    /// HTTPS presenting `leaf`.
    pub fn https(leaf: Leaf) -> Self {
        Self {
            leaf: Some(leaf),
            ..Self::http()
        }
    }

    /// Resets the first `n` connections as soon as they are accepted, without reading them
    /// (as a web server at its connection limit does), then serves normally.
    pub fn reset_first(mut self, n: usize) -> Self {
        self.reset_first = n;
        self
    }

    /// After the resets of [`Self::reset_first`]: reads the request of the next `n`
    /// connections and closes them without an answer (an orderly close: the client sees
    /// the connection end before the response).
    pub fn close_first(mut self, n: usize) -> Self {
        self.close_first = n;
        self
    }

    /// Answers `path` (no query) on `host` (empty: any host) with `reply`.
    pub fn route(mut self, host: &str, path: &str, reply: Reply) -> Self {
        self.routes.push((host.to_owned(), path.to_owned(), reply));
        self
    }
}

/// A running server; stops on drop.
pub struct HttpServer {
    /// Where it listens.
    pub addr: SocketAddr,
    requests: Arc<Mutex<Vec<Recorded>>>,
    _bg: Background,
}

type Body = BoxBody<Bytes, Infallible>;

impl HttpServer {
    /// Binds `ip:0` and serves `spec`.
    pub fn start(spec: HttpSpec) -> Self {
        assert!(spec.ip.is_loopback(), "HttpServer must bind loopback");
        let listener = std::net::TcpListener::bind((spec.ip, 0)).expect("bind http server");
        listener.set_nonblocking(true).expect("nonblocking");
        let addr = listener.local_addr().expect("local_addr");
        let requests: Arc<Mutex<Vec<Recorded>>> = Arc::default();
        let tls = spec.leaf.as_ref().map(acceptor);
        let routes = Arc::new(spec.routes);
        let log = Arc::clone(&requests);
        let (mut to_reset, mut to_close) = (spec.reset_first, spec.close_first);
        let bg = Background::spawn(&format!("test-http-{addr}"), move || async move {
            let listener = TcpListener::from_std(listener).expect("register listener");
            loop {
                let Ok((tcp, _)) = listener.accept().await else {
                    continue;
                };
                if to_reset > 0 {
                    to_reset -= 1;
                    let _ = tcp.set_zero_linger();
                    drop(tcp);
                    continue;
                }
                if to_close > 0 {
                    to_close -= 1;
                    tokio::spawn(async move {
                        use tokio::io::AsyncReadExt;
                        let mut tcp = tcp;
                        let mut buf = [0u8; 4096];
                        let read = tcp.read(&mut buf);
                        let _ = tokio::time::timeout(std::time::Duration::from_secs(2), read).await;
                    });
                    continue;
                }
                let routes = Arc::clone(&routes);
                let log = Arc::clone(&log);
                let tls = tls.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |req| {
                        let routes = Arc::clone(&routes);
                        let log = Arc::clone(&log);
                        async move { Ok::<_, Infallible>(answer(req, &routes, &log).await) }
                    });
                    match tls {
                        Some(acceptor) => {
                            // A client that rejects our certificate ends here.
                            if let Ok(stream) = acceptor.accept(tcp).await {
                                let _ = http1::Builder::new()
                                    .serve_connection(TokioIo::new(stream), service)
                                    .await;
                            }
                        }
                        None => {
                            let _ = http1::Builder::new()
                                .serve_connection(TokioIo::new(tcp), service)
                                .await;
                        }
                    }
                });
            }
        });
        Self {
            addr,
            requests,
            _bg: bg,
        }
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }

    /// The port.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }
}

async fn answer(
    req: Request<Incoming>,
    routes: &[(String, String, Reply)],
    log: &Mutex<Vec<Recorded>>,
) -> Response<Body> {
    let method = req.method().to_string();
    let uri = req.uri().to_string();
    let path = req.uri().path().to_owned();
    let headers: Vec<(String, String)> = req
        .headers()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_ascii_lowercase(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let host = headers
        .iter()
        .find(|(k, _)| k == "host")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let body = http_body_util::Limited::new(req.into_body(), 64 * 1024)
        .collect()
        .await
        .map(|b| String::from_utf8_lossy(&b.to_bytes()).into_owned())
        .unwrap_or_default();
    let authorization = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("authorization"))
        .map(|(_, v)| v.clone());
    log.lock().unwrap().push(Recorded {
        method,
        host: host.clone(),
        uri,
        headers,
        body,
    });
    let bare_host = host
        .split(':')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let reply = routes
        .iter()
        .find(|(h, p, _)| (h.is_empty() || *h == bare_host) && *p == path)
        .map(|(_, _, r)| r.clone())
        .unwrap_or_else(|| Reply::status(404));
    let reply = match reply {
        Reply::AuthGate {
            authorization: want,
            ok,
        } => {
            if authorization.as_deref() == Some(want.as_str()) {
                *ok
            } else {
                Reply::unauthorized()
            }
        }
        other => other,
    };
    match reply {
        Reply::Fixed {
            status,
            headers,
            body,
        } => {
            let mut b = Response::builder().status(status);
            for (k, v) in headers {
                b = b.header(k, v);
            }
            b.body(Full::new(Bytes::from(body)).boxed()).unwrap()
        }
        Reply::Huge(size) => {
            let chunk = Bytes::from(vec![b'x'; 64 * 1024]);
            let n = size.div_ceil(chunk.len());
            let stream = futures_util::stream::iter(
                (0..n).map(move |_| Ok::<_, Infallible>(Frame::data(chunk.clone()))),
            );
            Response::builder()
                .status(200)
                .header("content-type", "text/xml")
                .body(BodyExt::boxed(StreamBody::new(stream)))
                .unwrap()
        }
        Reply::Hang => {
            tokio::time::sleep(Duration::from_secs(3600)).await;
            Response::new(Full::new(Bytes::new()).boxed())
        }
        Reply::AuthGate { .. } => Response::builder()
            .status(500)
            .body(Full::new(Bytes::from_static(b"nested AuthGate")).boxed())
            .unwrap(),
    }
}
