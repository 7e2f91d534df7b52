//! Thunderbird autoconfig over HTTP(S)
//! (<https://wiki.mozilla.org/Thunderbird:Autoconfiguration>): the four URLs of the address's
//! domain (autoconfig subdomain and `.well-known`, HTTPS and plain HTTP) and the autoconfig
//! subdomain of the MX host's registrable domain, parsed with the provider-file parser
//! ([`crate::provider::clientconfig::parse`]: size, depth and entity caps; no DOCTYPE).
//!
//! Redirects are followed by hand (at most [`MAX_REDIRECTS`], loops reported), never from
//! HTTPS down to plain HTTP; a redirect received over plain HTTP only to a host name on a
//! standard port within the same registrable domain, and no request goes to a loopback or
//! private address the address's domain does not itself resolve into
//! ([`crate::http`], "SSRF guard"). Every outcome — NXDOMAIN, TLS error, HTTP status, HTML login
//! page, empty body, oversized body, malformed XML — is an [`HttpSource`] outcome.

use std::collections::BTreeSet;

use reqwest::Url;

use super::{Found, HttpSource, fetch_status};
use crate::address::EmailAddress;
use crate::http::{HttpClient, MAX_REDIRECTS, check_plain_redirect, redirect_target};
use crate::model::{SourceKind, SourceStatus};
use crate::provider::{Provider, clientconfig};

/// The autoconfig URLs of the address's own domain, HTTPS first.
pub fn urls(addr: &EmailAddress) -> Vec<(SourceKind, Url)> {
    let d = &addr.domain;
    let mut out = Vec::new();
    for (kind, scheme) in [
        (SourceKind::Autoconfig, "https"),
        (SourceKind::AutoconfigHttp, "http"),
    ] {
        let candidates = [
            format!("{scheme}://autoconfig.{d}/mail/config-v1.1.xml"),
            format!("{scheme}://{d}/.well-known/autoconfig/mail/config-v1.1.xml"),
        ];
        for (i, u) in candidates.iter().enumerate() {
            if let Ok(mut url) = Url::parse(u) {
                if i == 0 {
                    url.query_pairs_mut()
                        .append_pair("emailaddress", &addr.ascii());
                }
                out.push((kind, url));
            }
        }
    }
    out
}

/// `https://autoconfig.<provider_domain>/mail/config-v1.1.xml?emailaddress=<addr>`.
pub fn mx_url(provider_domain: &str, addr: &EmailAddress) -> Option<Url> {
    // An MX name with escaped bytes (`\033`, `\.`) is never pasted into a URL.
    if !crate::http::is_ldh_host(provider_domain) {
        return None;
    }
    let mut url = Url::parse(&format!(
        "https://autoconfig.{provider_domain}/mail/config-v1.1.xml"
    ))
    .ok()?;
    url.query_pairs_mut()
        .append_pair("emailaddress", &addr.ascii());
    Some(url)
}

/// Fetches and parses one autoconfig URL, following redirects.
pub async fn fetch(
    http: &HttpClient,
    kind: SourceKind,
    url: Url,
    addr: &EmailAddress,
) -> HttpSource {
    let http = &http.for_domain(&addr.domain);
    let mut out = HttpSource::new(kind, url.as_str());
    let mut current = url;
    let mut seen = BTreeSet::new();
    for hop in 0..=MAX_REDIRECTS {
        if !seen.insert(current.to_string()) {
            return out.outcome(
                SourceStatus::Invalid,
                format!("redirect loop: {current} was already requested"),
            );
        }
        let response = match http.fetch(&current, None).await {
            Ok(r) => r,
            Err(e) => {
                let (status, detail) = fetch_status(&e);
                return out.outcome(status, detail);
            }
        };
        out.http_status = Some(response.status);
        if response.is_redirect() {
            let Some(location) = response.location.as_deref() else {
                return out.outcome(
                    SourceStatus::Invalid,
                    format!("HTTP {} without a Location header", response.status),
                );
            };
            let next = match redirect_target(&current, location) {
                Ok(u) => u,
                Err(e) => return out.outcome(SourceStatus::Invalid, e),
            };
            if current.scheme() == "https" && next.scheme() != "https" {
                return out.outcome(
                    SourceStatus::Invalid,
                    format!("redirected from HTTPS to {next}; not followed (it could be forged)"),
                );
            }
            if current.scheme() == "http"
                && let Err(why) = check_plain_redirect(&current, &next)
            {
                return out.outcome(SourceStatus::Invalid, why.to_string());
            }
            if hop == MAX_REDIRECTS {
                break;
            }
            out.redirects.push(next.to_string());
            current = next;
            continue;
        }
        return match response.status {
            200 => parse_body(out, &response.body, kind, addr),
            404 | 410 => out.outcome(SourceStatus::NotFound, format!("HTTP {}", response.status)),
            s if response.auth_requested => out.outcome(
                SourceStatus::Failed,
                format!("HTTP {s}: asks for a login (no credentials are ever sent)"),
            ),
            s => out.outcome(SourceStatus::Failed, format!("HTTP {s}")),
        };
    }
    out.outcome(
        SourceStatus::Invalid,
        format!("more than {MAX_REDIRECTS} redirects; stopped"),
    )
}

/// Most servers of one protocol taken from one HTTP source's answer (a hostile document may
/// list thousands; each would be a probe).
pub const MAX_SERVERS_PER_PROTOCOL: usize = 8;

/// Keeps the first [`MAX_SERVERS_PER_PROTOCOL`] servers of each protocol, in document order;
/// returns a note when some were dropped.
pub fn cap_found(found: &mut Vec<Found>) -> Vec<String> {
    let before = found.len();
    let mut seen: std::collections::BTreeMap<crate::model::Protocol, usize> = Default::default();
    found.retain(|f| {
        let n = seen.entry(f.endpoint.protocol).or_default();
        *n += 1;
        *n <= MAX_SERVERS_PER_PROTOCOL
    });
    let dropped = before - found.len();
    if dropped == 0 {
        Vec::new()
    } else {
        vec![format!(
            "{dropped} more server(s) ignored (at most {MAX_SERVERS_PER_PROTOCOL} per protocol)"
        )]
    }
}

/// Drops the servers an untrusted source (plain-HTTP autoconfig, another domain's
/// autoconfig, Autodiscover) names that are never probed — IP literals, `localhost`, names
/// that are not plain host names — and notes ports outside the standard mail ports. Trusted
/// sources (`--check`, the provider database, the domain's own SRV and HTTPS autoconfig)
/// are not filtered. Returns the notes for the source's detail.
pub fn screen_untrusted(found: &mut Vec<Found>) -> Vec<String> {
    let mut notes = cap_found(found);
    found.retain(
        |f| match crate::http::untrusted_host_problem(&f.endpoint.host) {
            Some(why) => {
                notes.push(format!(
                    "{} ignored: {why} from an untrusted source is never probed",
                    f.endpoint.host
                ));
                false
            }
            None => true,
        },
    );
    for f in found.iter() {
        if !matches!(f.endpoint.port, 993 | 143 | 995 | 110 | 465 | 587 | 25) {
            notes.push(format!(
                "note: {}:{} is not a standard mail port",
                f.endpoint.host, f.endpoint.port
            ));
        }
    }
    notes
}

/// True when a body looks like an HTML page rather than XML configuration.
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(64)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.starts_with("<head")
}

fn parse_body(
    mut out: HttpSource,
    body: &[u8],
    kind: SourceKind,
    addr: &EmailAddress,
) -> HttpSource {
    let Ok(text) = std::str::from_utf8(body) else {
        return out.outcome(
            SourceStatus::Invalid,
            "the body is not UTF-8 text".to_owned(),
        );
    };
    if text.trim().is_empty() {
        return out.outcome(SourceStatus::Invalid, "empty response".to_owned());
    }
    if looks_like_html(text) {
        return out.outcome(
            SourceStatus::Invalid,
            "an HTML page (e.g. a login or parking page), not a mail configuration".to_owned(),
        );
    }
    let config = match clientconfig::parse(text) {
        Ok(c) => c,
        Err(e) => {
            return out.outcome(
                SourceStatus::Invalid,
                format!("not a valid clientConfig document: {e}"),
            );
        }
    };
    let mut listed = false;
    let mut names = Vec::new();
    let mut rejected = 0;
    for p in config.providers {
        rejected += p.rejected.len();
        // `<domain>%EMAILDOMAIN%</domain>`: written for whatever domain asks.
        listed |= p.any_domain;
        let p = Provider::from(p);
        listed |= p.domains.contains(&addr.domain);
        for s in p.incoming.iter().chain(p.outgoing.iter()) {
            out.found.push(Found {
                endpoint: s.endpoint_for(addr),
                username: s.username_for(addr),
            });
        }
        names.push(p.display_name);
    }
    let screened = if kind == SourceKind::Autoconfig {
        cap_found(&mut out.found)
    } else {
        screen_untrusted(&mut out.found)
    };
    if out.found.is_empty() {
        let mut detail = "the configuration has no usable IMAP, POP3 or SMTP server".to_owned();
        for n in &screened {
            detail.push_str("; ");
            detail.push_str(n);
        }
        return out.outcome(SourceStatus::NotFound, detail);
    }
    let mut detail = out
        .found
        .iter()
        .map(|f| f.endpoint.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    if !names.is_empty() {
        detail = format!("{}: {detail}", names.join(", "));
    }
    if rejected > 0 {
        detail.push_str(&format!("; {rejected} unusable server entr(ies) ignored"));
    }
    for n in &screened {
        detail.push_str("; ");
        detail.push_str(n);
    }
    if !listed && kind != SourceKind::AutoconfigMx {
        out.domain_not_listed = true;
        detail.push_str(&format!(
            "; warning: its <domain> list does not include {}",
            addr.domain
        ));
    }
    out.outcome(SourceStatus::Found, detail)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr() -> EmailAddress {
        EmailAddress::parse("alice@example.com").unwrap()
    }

    #[test]
    fn urls_cover_both_locations_and_both_schemes() {
        let u: Vec<String> = urls(&addr()).iter().map(|(_, u)| u.to_string()).collect();
        assert_eq!(
            u,
            [
                "https://autoconfig.example.com/mail/config-v1.1.xml?emailaddress=alice%40example.com",
                "https://example.com/.well-known/autoconfig/mail/config-v1.1.xml",
                "http://autoconfig.example.com/mail/config-v1.1.xml?emailaddress=alice%40example.com",
                "http://example.com/.well-known/autoconfig/mail/config-v1.1.xml",
            ]
        );
        assert_eq!(urls(&addr())[2].0, SourceKind::AutoconfigHttp);
    }

    #[test]
    fn servers_are_capped_per_protocol() {
        use crate::model::{Endpoint, Protocol, Security};
        let mut found: Vec<Found> = (0..50u16)
            .map(|i| Found {
                endpoint: Endpoint::new(
                    Protocol::Imap,
                    &format!("h{i}.example"),
                    993,
                    Security::Tls,
                ),
                username: "a".into(),
            })
            .collect();
        found.push(Found {
            endpoint: Endpoint::new(Protocol::Smtp, "smtp.example", 465, Security::Tls),
            username: "a".into(),
        });
        let notes = cap_found(&mut found);
        assert_eq!(found.len(), MAX_SERVERS_PER_PROTOCOL + 1);
        assert_eq!(found[0].endpoint.host, "h0.example");
        assert!(
            notes[0].starts_with("42 more server(s) ignored"),
            "{notes:?}"
        );
    }

    #[test]
    fn html_is_recognised() {
        assert!(looks_like_html("\n  <!DOCTYPE html><html>"));
        assert!(looks_like_html("<HTML><body>login</body>"));
        assert!(!looks_like_html("<?xml version=\"1.0\"?><clientConfig/>"));
    }

    fn parsed(xml: &str) -> HttpSource {
        parse_body(
            HttpSource::new(SourceKind::Autoconfig, "u"),
            xml.as_bytes(),
            SourceKind::Autoconfig,
            &addr(),
        )
    }

    #[test]
    fn body_outcomes() {
        assert_eq!(parsed("").status, SourceStatus::Invalid);
        assert_eq!(parsed("<html>x</html>").status, SourceStatus::Invalid);
        let doctype = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]><clientConfig/>";
        let r = parsed(doctype);
        assert_eq!(r.status, SourceStatus::Invalid);
        assert!(r.detail.contains("DOCTYPE"), "{}", r.detail);
        let good = r#"<clientConfig version="1.1"><emailProvider id="example.com">
            <domain>example.com</domain>
            <incomingServer type="imap"><hostname>imap.%EMAILDOMAIN%</hostname><port>993</port>
              <socketType>SSL</socketType><username>%EMAILLOCALPART%</username></incomingServer>
            <outgoingServer type="smtp"><hostname>smtp.example.com</hostname><port>587</port>
              <socketType>STARTTLS</socketType><username>%EMAILADDRESS%</username></outgoingServer>
            </emailProvider></clientConfig>"#;
        let r = parsed(good);
        assert_eq!(r.status, SourceStatus::Found, "{}", r.detail);
        assert_eq!(r.found[0].endpoint.host, "imap.example.com");
        assert_eq!(r.found[0].username, "alice");
        assert_eq!(r.found[1].username, "alice@example.com");
        assert!(!r.domain_not_listed);
        let other = good.replace(
            "<domain>example.com</domain>",
            "<domain>other.example</domain>",
        );
        let r = parsed(&other);
        assert!(r.domain_not_listed);
        assert!(r.detail.contains("does not include example.com"));
    }
}
