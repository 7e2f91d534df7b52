//! Batch mode: discovery's HTTP answers shared by every address of a domain.
//!
//! Autoconfig requests carry `?emailaddress=` and Autodiscover POSTs name the address, so
//! the requests of two addresses of one domain differ only in the address. In batch mode
//! ([`ResponseShare::set_enabled`]) a request is keyed by everything but the address; the
//! first address's response is reused for the others when it cannot be specific to that
//! address: it does not mention the address, its local part or its URL-encoded form
//! (neither in the body nor in a `Location`). Each address then parses the shared response
//! itself, so its placeholders (`%EMAILLOCALPART%`, `%EMAILADDRESS%`) expand to its own
//! parts and its record is what a run for that address alone would print (for a server
//! that does not tailor answers without echoing the address).
//!
//! Never shared: requests with credentials (Autodiscover with a password is per address),
//! responses and errors that mention the address, and failures that say nothing about the domain
//! (timeouts, this computer out of sockets): the next address asks again. At most
//! [`MAX_SHARED`] requests are remembered.

use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use reqwest::Url;
use tokio::sync::OnceCell;

use crate::http::{Body, FetchError, Response};
use crate::model::FailureKind;

/// Requests remembered at most (then new ones are simply not shared).
pub const MAX_SHARED: usize = 50_000;

/// (the address's domain the request is made for, POST?, URL without the address, body
/// without the address). The domain is part of the key because the SSRF guard of
/// [`crate::http`] decides per domain what may be asked: an answer fetched for one domain
/// is never reused for another.
type Key = (String, bool, String, String);

#[derive(Debug, Clone)]
struct Outcome {
    result: Result<Response, FetchError>,
    shareable: bool,
}

/// The responses shared in this run. Disabled (a pass-through) until enabled.
#[derive(Debug, Default)]
pub struct ResponseShare {
    enabled: AtomicBool,
    cells: Mutex<HashMap<Key, Arc<OnceCell<Outcome>>>>,
}

impl ResponseShare {
    /// Turns sharing on or off (batch mode turns it on).
    pub fn set_enabled(&self, on: bool) {
        self.enabled.store(on, Ordering::Relaxed);
    }

    /// Requests whose response is held for sharing.
    pub fn len(&self) -> usize {
        self.cells
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }

    /// True when nothing is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The response to `url` (with `body`): a shared one when there is one for this
    /// request with any address, otherwise `fetch()`'s.
    pub async fn fetch<F, Fut>(
        &self,
        scope: &str,
        url: &Url,
        body: Option<&Body>,
        fetch: F,
    ) -> Result<Response, FetchError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Response, FetchError>>,
    {
        if !self.enabled.load(Ordering::Relaxed) {
            return fetch().await;
        }
        let Some((key, address)) = key(scope, url, body) else {
            return fetch().await;
        };
        let cell = {
            let mut map = self.cells.lock().unwrap_or_else(PoisonError::into_inner);
            if map.len() >= MAX_SHARED && !map.contains_key(&key) {
                None
            } else {
                Some(map.entry(key.clone()).or_default().clone())
            }
        };
        let Some(cell) = cell else {
            return fetch().await;
        };
        let mut fetch = Some(fetch);
        let mut mine: Option<Result<Response, FetchError>> = None;
        let outcome = cell
            .get_or_init(|| async {
                let result = match fetch.take() {
                    Some(f) => f().await,
                    None => Err(FetchError::Http("internal: no fetch".to_owned())),
                };
                let shareable = shareable(&result, &address);
                mine = Some(result.clone());
                Outcome { result, shareable }
            })
            .await
            .clone();
        if let Some(result) = mine {
            if !outcome.shareable {
                self.forget(&key, &cell);
            }
            return result;
        }
        if outcome.shareable {
            return outcome.result;
        }
        match fetch.take() {
            Some(f) => f().await,
            None => outcome.result,
        }
    }

    fn forget(&self, key: &Key, cell: &Arc<OnceCell<Outcome>>) {
        let mut map = self.cells.lock().unwrap_or_else(PoisonError::into_inner);
        if map.get(key).is_some_and(|c| Arc::ptr_eq(c, cell)) {
            map.remove(key);
        }
    }
}

/// The request's key and the address it names; `None` for a request with credentials.
fn key(scope: &str, url: &Url, body: Option<&Body>) -> Option<(Key, String)> {
    if body.is_some_and(|b| b.basic_auth.is_some()) {
        return None;
    }
    let mut address = String::new();
    let mut bare = url.clone();
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if pairs
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case("emailaddress"))
    {
        bare.set_query(None);
        let mut q = bare.query_pairs_mut();
        for (k, v) in &pairs {
            if k.eq_ignore_ascii_case("emailaddress") {
                address.clone_from(v);
            } else {
                q.append_pair(k, v);
            }
        }
        drop(q);
    }
    let body_key = match body {
        None => String::new(),
        Some(b) => {
            const OPEN: &str = "<EMailAddress>";
            const CLOSE: &str = "</EMailAddress>";
            match (b.text.find(OPEN), b.text.find(CLOSE)) {
                (Some(s), Some(e)) if s + OPEN.len() <= e => {
                    address = b.text[s + OPEN.len()..e].to_owned();
                    format!("{}{}", &b.text[..s + OPEN.len()], &b.text[e..])
                }
                _ => b.text.clone(),
            }
        }
    };
    Some((
        (scope.to_owned(), body.is_some(), bare.to_string(), body_key),
        address,
    ))
}

/// May this outcome stand for every address of the domain?
fn shareable(result: &Result<Response, FetchError>, address: &str) -> bool {
    match result {
        Ok(r) => {
            !(mentions(&r.body, address)
                || r.location
                    .as_deref()
                    .is_some_and(|l| mentions(l.as_bytes(), address)))
        }
        // An error whose text names the address (e.g. the URL in a connection error) is
        // the asker's own.
        Err(e) if mentions(e.to_string().as_bytes(), address) => false,
        Err(FetchError::Timeout(_)) => false,
        Err(FetchError::Network(f)) => !matches!(
            f.kind,
            FailureKind::Timeout
                | FailureKind::DnsTimeout
                | FailureKind::LocalResources
                | FailureKind::Interrupted
        ),
        Err(_) => true,
    }
}

/// Whether `text` holds the address, its local part or the address with `@` URL-encoded
/// (case-insensitive).
fn mentions(text: &[u8], address: &str) -> bool {
    if address.is_empty() {
        return false;
    }
    let text = String::from_utf8_lossy(text).to_lowercase();
    let address = address.to_lowercase();
    let local = address
        .rsplit_once('@')
        .map_or(address.as_str(), |(l, _)| l);
    let encoded = address.replace('@', "%40");
    [address.as_str(), local, encoded.as_str()]
        .iter()
        .any(|needle| !needle.is_empty() && text.contains(needle))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    fn ok(body: &str) -> Result<Response, FetchError> {
        Ok(Response {
            status: 200,
            location: None,
            content_type: None,
            auth_requested: false,
            body: body.as_bytes().to_vec(),
        })
    }

    #[test]
    fn the_address_is_not_part_of_the_key() {
        let a = Url::parse(
            "https://autoconfig.example.com/mail/config-v1.1.xml?emailaddress=alice%40example.com",
        )
        .unwrap();
        let b = Url::parse(
            "https://autoconfig.example.com/mail/config-v1.1.xml?emailaddress=bob%40example.com",
        )
        .unwrap();
        let (ka, addr) = key("example.com", &a, None).unwrap();
        assert_eq!(addr, "alice@example.com");
        assert_eq!(ka, key("example.com", &b, None).unwrap().0);
        let body = |addr: &str| Body {
            content_type: "text/xml",
            text: format!("<Request><EMailAddress>{addr}</EMailAddress></Request>"),
            basic_auth: None,
        };
        let (pa, addr) = key("example.com", &a, Some(&body("alice@example.com"))).unwrap();
        assert_eq!(addr, "alice@example.com");
        assert_eq!(
            pa,
            key("example.com", &a, Some(&body("bob@example.com")))
                .unwrap()
                .0
        );
        let mut with_pw = body("alice@example.com");
        with_pw.basic_auth = Some(("alice@example.com".into(), crate::config::Secret::new("x")));
        assert!(
            key("example.com", &a, Some(&with_pw)).is_none(),
            "credentials are never shared"
        );
        assert_ne!(
            ka,
            key("example.org", &a, None).unwrap().0,
            "an answer fetched for one domain is never reused for another (SSRF scope)"
        );
    }

    #[test]
    fn a_response_that_names_the_address_is_not_shared() {
        let addr = "alice@example.com";
        assert!(shareable(
            &ok("<username>%EMAILLOCALPART%</username>"),
            addr
        ));
        assert!(!shareable(&ok("<username>alice</username>"), addr));
        assert!(!shareable(
            &ok("<LoginName>ALICE@example.com</LoginName>"),
            addr
        ));
        assert!(!shareable(
            &Err(FetchError::Timeout(std::time::Duration::from_secs(1))),
            addr
        ));
        assert!(shareable(&Err(FetchError::Http("reset".into())), addr));
        assert!(!shareable(
            &Err(FetchError::Http(
                "error sending request for url (http://h/x?emailaddress=alice%40example.com)"
                    .into()
            )),
            addr
        ));
    }

    #[tokio::test]
    async fn one_fetch_serves_every_address_when_enabled() {
        let share = ResponseShare::default();
        share.set_enabled(true);
        let calls = AtomicUsize::new(0);
        for who in ["alice", "bob", "carol"] {
            let url = Url::parse(&format!(
                "https://h.example/x?emailaddress={who}%40example.com"
            ))
            .unwrap();
            let r = share
                .fetch("example.com", &url, None, || async {
                    calls.fetch_add(1, Ordering::SeqCst);
                    ok("<config/>")
                })
                .await;
            assert!(r.is_ok());
        }
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        // Address-specific answers: every address asks for itself.
        for who in ["alice", "bob"] {
            let url = Url::parse(&format!(
                "https://h.example/y?emailaddress={who}%40example.com"
            ))
            .unwrap();
            let r = share
                .fetch("example.com", &url, None, || async {
                    calls.fetch_add(1, Ordering::SeqCst);
                    ok(&format!("<username>{who}</username>"))
                })
                .await
                .unwrap();
            assert_eq!(r.body, format!("<username>{who}</username>").into_bytes());
        }
        assert_eq!(calls.load(Ordering::SeqCst), 3);
    }
}
