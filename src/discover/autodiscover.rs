//! Microsoft Autodiscover, "plain old XML" (POX) with the Outlook schemas
//! ([MS-OXDSCLI]): POST the request to `https://autodiscover.<domain>/autodiscover/autodiscover.xml`,
//! `https://<domain>/autodiscover/autodiscover.xml`, the target of SRV
//! `_autodiscover._tcp.<domain>`, and after a redirect from the plain-HTTP
//! `GET http://autodiscover.<domain>/autodiscover/autodiscover.xml` (used only for its
//! redirect, never for settings).
//!
//! `Protocol` elements of type IMAP, POP3 and SMTP become candidates (`Server`, `Port`,
//! `SSL`/`Encryption`, `LoginName`); `RedirectAddr`/`RedirectUrl` and HTTP redirects are
//! followed at most [`MAX_REDIRECTS`] times, only to HTTPS, with loops reported (the
//! plain-HTTP redirect only to a host name on port 443 of the same registrable domain, and
//! no request to a loopback or private address the address's domain does not itself
//! resolve into: [`crate::http`], "SSRF guard"); an
//! `<Error><ErrorCode>` is an outcome. **No credentials are ever sent**: the POX request
//! carries only the address, and a 401 is reported as "asks for a login".

use std::collections::BTreeSet;

use quick_xml::events::Event;
use quick_xml::reader::Reader;
use reqwest::Url;

use super::{Found, HttpSource, fetch_status};
use crate::address::EmailAddress;
use crate::config::Secret;
use crate::http::{
    Body, HttpClient, MAX_REDIRECTS, check_plain_redirect, redirect_target, registrable_domain,
};
use crate::model::{Endpoint, Protocol, Security, SourceKind, SourceStatus};

/// Deepest element nesting accepted in a response.
pub const MAX_DEPTH: usize = 32;

const REQUEST_SCHEMA: &str =
    "http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006";
const RESPONSE_SCHEMA: &str =
    "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";

/// The path every Autodiscover endpoint serves.
pub const PATH: &str = "/autodiscover/autodiscover.xml";

/// The POX request body for `address` (XML-escaped).
pub fn request_body(address: &str) -> Body {
    Body {
        content_type: "text/xml; charset=utf-8",
        text: format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Autodiscover xmlns=\"{REQUEST_SCHEMA}\">\n  <Request>\n    <EMailAddress>{}</EMailAddress>\n    <AcceptableResponseSchema>{RESPONSE_SCHEMA}</AcceptableResponseSchema>\n  </Request>\n</Autodiscover>\n",
            quick_xml::escape::escape(address)
        ),
        basic_auth: None,
    }
}

/// One `<Protocol>` of a response.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PoxProtocol {
    /// `<Type>`, upper case (`IMAP`, `POP3`, `SMTP`, `EXCH`, …).
    pub kind: String,
    /// `<Server>`.
    pub server: String,
    /// `<Port>`.
    pub port: Option<u16>,
    /// `<SSL>`: `on` (default) or `off`.
    pub ssl: Option<bool>,
    /// `<Encryption>`: `None`, `SSL`, `TLS`, `Auto`.
    pub encryption: Option<String>,
    /// `<LoginName>`.
    pub login_name: Option<String>,
}

impl PoxProtocol {
    /// The endpoint, for IMAP/POP3/SMTP with a server name.
    ///
    /// `Encryption` wins over `SSL`: `SSL` is implicit TLS, `TLS` is STARTTLS, `None` is
    /// plaintext, `Auto` is "SSL on". With only `SSL` on, the well-known STARTTLS ports
    /// (143, 110, 587, 25) mean STARTTLS and every other port implicit TLS.
    pub fn endpoint(&self) -> Option<Endpoint> {
        let protocol = match self.kind.as_str() {
            "IMAP" => Protocol::Imap,
            "POP3" => Protocol::Pop3,
            "SMTP" => Protocol::Smtp,
            _ => return None,
        };
        if self.server.is_empty() {
            return None;
        }
        let default_port = match protocol {
            Protocol::Imap => 993,
            Protocol::Pop3 => 995,
            Protocol::Smtp => 587,
        };
        let port = self.port.unwrap_or(default_port);
        let by_port = if matches!(port, 143 | 110 | 587 | 25) {
            Security::Starttls
        } else {
            Security::Tls
        };
        let security = match self.encryption.as_deref().map(str::to_ascii_lowercase) {
            Some(e) if e == "ssl" => Security::Tls,
            Some(e) if e == "tls" => Security::Starttls,
            Some(e) if e == "none" => Security::None,
            _ => match self.ssl {
                Some(false) => Security::None,
                _ => by_port,
            },
        };
        let host = crate::provider::clientconfig::normalize_host(&self.server)?;
        Some(Endpoint::new(protocol, &host, port, security))
    }
}

/// What a POX response says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pox {
    /// `Action` settings: the protocols.
    Settings(Vec<PoxProtocol>),
    /// Restart with another address.
    RedirectAddr(String),
    /// POST to another URL.
    RedirectUrl(String),
    /// `<Error>`: code and message.
    Error {
        /// `<ErrorCode>`.
        code: String,
        /// `<Message>`.
        message: String,
    },
}

/// Why a POX response was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PoxError {
    /// Malformed XML (quick-xml's message).
    #[error("malformed XML: {0}")]
    Xml(String),
    /// A DOCTYPE (entity declarations) is never accepted.
    #[error("DOCTYPE and entity declarations are not accepted")]
    Doctype,
    /// Nested deeper than [`MAX_DEPTH`].
    #[error("elements are nested deeper than {MAX_DEPTH} levels")]
    TooDeep,
    /// An entity other than the predefined ones.
    #[error("unknown entity reference '&{0};'")]
    UnknownEntity(String),
    /// Not an `<Autodiscover>` document, or one without an answer.
    #[error("not an Autodiscover response ({0})")]
    NotAutodiscover(String),
}

/// Parses a POX response. Namespaces are ignored (local names only), as Outlook does.
pub fn parse(xml: &str) -> Result<Pox, PoxError> {
    let mut reader = Reader::from_str(xml.trim_start_matches('\u{feff}'));
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut protocols = Vec::new();
    let mut current: Option<PoxProtocol> = None;
    let mut action = None;
    let mut redirect_addr = None;
    let mut redirect_url = None;
    let mut error: Option<(String, String)> = None;
    let mut root = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| PoxError::Xml(e.to_string()))?;
        match event {
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if root.is_none() {
                    root = Some(name.clone());
                }
                stack.push(name.clone());
                if stack.len() > MAX_DEPTH {
                    return Err(PoxError::TooDeep);
                }
                if name == "Protocol" {
                    current = Some(PoxProtocol::default());
                }
                if name == "Error" {
                    error = Some((String::new(), String::new()));
                }
                text.clear();
            }
            Event::Empty(e) => {
                if root.is_none() {
                    root = Some(String::from_utf8_lossy(e.local_name().as_ref()).into_owned());
                }
            }
            Event::End(_) => {
                let Some(name) = stack.pop() else {
                    return Err(PoxError::Xml("unbalanced end tag".to_owned()));
                };
                let value = text.trim().to_owned();
                let parent = stack.last().map(String::as_str);
                match (parent, name.as_str()) {
                    (_, "Protocol") => {
                        if let Some(p) = current.take() {
                            protocols.push(p);
                        }
                    }
                    (Some("Protocol"), field) => {
                        if let Some(p) = current.as_mut() {
                            match field {
                                "Type" => p.kind = value.to_ascii_uppercase(),
                                "Server" => p.server = value,
                                "Port" => p.port = value.parse().ok().filter(|p| *p != 0),
                                "SSL" => p.ssl = Some(!value.eq_ignore_ascii_case("off")),
                                "Encryption" => p.encryption = Some(value),
                                "LoginName" => p.login_name = Some(value).filter(|v| !v.is_empty()),
                                _ => {}
                            }
                        }
                    }
                    (Some("Account"), "Action") => action = Some(value.to_ascii_lowercase()),
                    (Some("Account"), "RedirectAddr") => redirect_addr = Some(value),
                    (Some("Account"), "RedirectUrl") => redirect_url = Some(value),
                    (Some("Error"), "ErrorCode") => {
                        if let Some(e) = error.as_mut() {
                            e.0 = value;
                        }
                    }
                    (Some("Error"), "Message") => {
                        if let Some(e) = error.as_mut() {
                            e.1 = value;
                        }
                    }
                    _ => {}
                }
                text.clear();
            }
            Event::Text(t) => {
                let s = t
                    .xml10_content()
                    .map_err(|e| PoxError::Xml(e.to_string()))?;
                text.push_str(&s);
            }
            Event::CData(t) => {
                let s = t
                    .xml10_content()
                    .map_err(|e| PoxError::Xml(e.to_string()))?;
                text.push_str(&s);
            }
            Event::GeneralRef(r) => {
                let name = r.decode().map_err(|e| PoxError::Xml(e.to_string()))?;
                if r.is_char_ref() {
                    match r.resolve_char_ref() {
                        Ok(Some(c)) => text.push(c),
                        _ => return Err(PoxError::UnknownEntity(name.into_owned())),
                    }
                } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(&name) {
                    text.push_str(s);
                } else {
                    return Err(PoxError::UnknownEntity(name.into_owned()));
                }
            }
            Event::DocType(_) => return Err(PoxError::Doctype),
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => break,
        }
    }
    if !stack.is_empty() {
        return Err(PoxError::Xml(
            "the document ends inside an element".to_owned(),
        ));
    }
    match root.as_deref() {
        Some("Autodiscover") => {}
        Some(other) => return Err(PoxError::NotAutodiscover(format!("root element <{other}>"))),
        None => return Err(PoxError::NotAutodiscover("no element".to_owned())),
    }
    if let Some((code, message)) = error {
        return Ok(Pox::Error { code, message });
    }
    match action.as_deref() {
        Some("redirectaddr") => {
            if let Some(a) = redirect_addr {
                return Ok(Pox::RedirectAddr(a));
            }
        }
        Some("redirecturl") => {
            if let Some(u) = redirect_url {
                return Ok(Pox::RedirectUrl(u));
            }
        }
        _ => {}
    }
    if protocols.is_empty() {
        return Err(PoxError::NotAutodiscover(
            "no Protocol, redirect or Error element".to_owned(),
        ));
    }
    Ok(Pox::Settings(protocols))
}

/// The HTTPS endpoints to POST to, for a domain.
pub fn post_urls(domain: &str) -> Vec<Url> {
    [
        format!("https://autodiscover.{domain}{PATH}"),
        format!("https://{domain}{PATH}"),
    ]
    .iter()
    .filter_map(|u| Url::parse(u).ok())
    .collect()
}

/// The Autodiscover URL of an SRV target.
pub fn srv_url(target: &str, port: u16) -> Option<Url> {
    // An SRV target with escaped bytes (`\033`, `\.`) is never pasted into a URL.
    if !crate::http::is_ldh_host(target) {
        return None;
    }
    let mut url = Url::parse(&format!("https://{target}{PATH}")).ok()?;
    if port != 443 {
        url.set_port(Some(port)).ok()?;
    }
    Some(url)
}

/// `GET http://autodiscover.<domain>/autodiscover/autodiscover.xml`, used only for its
/// redirect: the HTTPS URL it points to (then POSTed to), or the outcome.
pub async fn http_redirect(http: &HttpClient, domain: &str, addr: &EmailAddress) -> HttpSource {
    let Ok(url) = Url::parse(&format!("http://autodiscover.{domain}{PATH}")) else {
        return HttpSource::new(SourceKind::Autodiscover, domain)
            .outcome(SourceStatus::Invalid, "not a valid URL".to_owned());
    };
    let http = &http.for_domain(&addr.domain);
    let mut out = HttpSource::new(SourceKind::Autodiscover, &format!("GET {url}"));
    let response = match http.fetch(&url, None).await {
        Ok(r) => r,
        Err(e) => {
            let (status, detail) = fetch_status(&e);
            return out.outcome(status, detail);
        }
    };
    out.http_status = Some(response.status);
    if !response.is_redirect() {
        return out.outcome(
            SourceStatus::NotFound,
            format!(
                "HTTP {}: no redirect (the plain-HTTP endpoint is used only for redirects)",
                response.status
            ),
        );
    }
    let Some(next) = response
        .location
        .as_deref()
        .and_then(|l| redirect_target(&url, l).ok())
    else {
        return out.outcome(
            SourceStatus::Invalid,
            "redirect without a usable Location".to_owned(),
        );
    };
    if next.scheme() != "https" {
        return out.outcome(
            SourceStatus::Invalid,
            format!("redirects to {next}, not to HTTPS; not followed"),
        );
    }
    if let Err(why) = check_plain_redirect(&url, &next) {
        return out.outcome(SourceStatus::Invalid, why.to_string());
    }
    out.redirects.push(next.to_string());
    // A redirect learned over plain HTTP can be forged: never log in after one.
    post_chain(http, out, next, addr, None, 1).await
}

/// POSTs to `url` and follows HTTP redirects, `RedirectUrl` and `RedirectAddr`.
pub async fn post(
    http: &HttpClient,
    url: Url,
    addr: &EmailAddress,
    label: &str,
    auth: Option<&Secret>,
) -> HttpSource {
    let http = &http.for_domain(&addr.domain);
    let out = HttpSource::new(SourceKind::Autodiscover, &format!("{label}{url}"));
    post_chain(http, out, url, addr, auth, 0).await
}

/// May the password go to `url` (`--autodiscover-auth`)? Only over HTTPS and only to a
/// host within the address's registrable domain (the 2021 Autodiscover leak sent
/// passwords to autodiscover.<tld> hosts outside it).
fn may_send_password(url: &Url, addr: &EmailAddress) -> Result<(), String> {
    if url.scheme() != "https" {
        return Err("not over HTTPS".to_owned());
    }
    let host = url.host_str().unwrap_or_default();
    let ours = registrable_domain(&addr.domain);
    if registrable_domain(host) == ours {
        Ok(())
    } else {
        Err(format!("{host} is outside {ours}"))
    }
}

async fn post_chain(
    http: &HttpClient,
    mut out: HttpSource,
    mut url: Url,
    addr: &EmailAddress,
    auth: Option<&Secret>,
    mut hops: usize,
) -> HttpSource {
    let mut address = addr.ascii();
    let mut with_auth = false;
    let mut seen = BTreeSet::new();
    let mut previous_address = address.clone();
    loop {
        if !seen.insert((url.to_string(), address.clone(), with_auth)) {
            return out.outcome(
                SourceStatus::Invalid,
                format!("redirect loop: {url} for {address} was already asked"),
            );
        }
        let mut body = request_body(&address);
        if with_auth && let Some(pw) = auth {
            body.basic_auth = Some((addr.ascii(), pw.clone()));
        }
        let response = match http.fetch(&url, Some(&body)).await {
            Ok(r) => r,
            Err(e) => {
                let (status, detail) = fetch_status(&e);
                return out.outcome(status, detail);
            }
        };
        out.http_status = Some(response.status);
        let next = if response.is_redirect() {
            let Some(next) = response
                .location
                .as_deref()
                .and_then(|l| redirect_target(&url, l).ok())
            else {
                return out.outcome(
                    SourceStatus::Invalid,
                    format!("HTTP {} without a usable Location", response.status),
                );
            };
            next
        } else if response.status == 200 {
            let Ok(text) = std::str::from_utf8(&response.body) else {
                return out.outcome(SourceStatus::Invalid, "the body is not UTF-8 text".into());
            };
            if text.trim().is_empty() {
                return out.outcome(SourceStatus::Invalid, "empty response".to_owned());
            }
            if super::autoconfig::looks_like_html(text) {
                return out.outcome(
                    SourceStatus::Invalid,
                    "an HTML page (e.g. a login page), not an Autodiscover response".to_owned(),
                );
            }
            match parse(text) {
                Err(e) => return out.outcome(SourceStatus::Invalid, e.to_string()),
                Ok(Pox::Error { code, message }) => {
                    let status = if code == "500" {
                        SourceStatus::NotFound
                    } else {
                        SourceStatus::Invalid
                    };
                    return out.outcome(status, format!("Autodiscover error {code}: {message}"));
                }
                Ok(Pox::Settings(protocols)) => {
                    return settings(out, &protocols, &address);
                }
                Ok(Pox::RedirectAddr(new)) => {
                    let Ok(parsed) = EmailAddress::parse(&new) else {
                        return out.outcome(
                            SourceStatus::Invalid,
                            format!("RedirectAddr '{new}' is not an email address"),
                        );
                    };
                    address = parsed.ascii();
                    match Url::parse(&format!("https://autodiscover.{}{PATH}", parsed.domain)) {
                        Ok(u) => u,
                        Err(e) => return out.outcome(SourceStatus::Invalid, e.to_string()),
                    }
                }
                Ok(Pox::RedirectUrl(u)) => match Url::parse(&u) {
                    Ok(u) => u,
                    Err(e) => {
                        return out.outcome(
                            SourceStatus::Invalid,
                            format!("RedirectUrl '{u}' is not a URL: {e}"),
                        );
                    }
                },
            }
        } else if response.status == 401 || response.auth_requested {
            let allowed = auth.map(|_| may_send_password(&url, addr));
            match allowed {
                Some(Ok(())) if !with_auth => {
                    // --autodiscover-auth: ask the same URL once more, with the login.
                    with_auth = true;
                    continue;
                }
                Some(Ok(())) => {
                    return out.outcome(
                        SourceStatus::Failed,
                        format!("HTTP {}: the login was refused", response.status),
                    );
                }
                Some(Err(why)) => {
                    return out.outcome(
                        SourceStatus::Failed,
                        format!(
                            "HTTP {}: asks for a login; the password was withheld ({why})",
                            response.status
                        ),
                    );
                }
                None => {
                    return out.outcome(
                        SourceStatus::Failed,
                        format!(
                            "HTTP {}: asks for a login; no credentials were sent (--autodiscover-auth allows it)",
                            response.status
                        ),
                    );
                }
            }
        } else if matches!(response.status, 404 | 410) {
            return out.outcome(SourceStatus::NotFound, format!("HTTP {}", response.status));
        } else {
            return out.outcome(SourceStatus::Failed, format!("HTTP {}", response.status));
        };
        if next.scheme() != "https" {
            return out.outcome(
                SourceStatus::Invalid,
                format!("redirects to {next}, not to HTTPS; not followed"),
            );
        }
        hops += 1;
        if hops > MAX_REDIRECTS {
            return out.outcome(
                SourceStatus::Invalid,
                format!("more than {MAX_REDIRECTS} redirects; stopped"),
            );
        }
        out.redirects.push(if address == previous_address {
            next.to_string()
        } else {
            format!("{next} (as {address})")
        });
        previous_address.clone_from(&address);
        url = next;
        with_auth = false;
    }
}

fn settings(mut out: HttpSource, protocols: &[PoxProtocol], address: &str) -> HttpSource {
    let mut others = Vec::new();
    for p in protocols {
        match p.endpoint() {
            Some(endpoint) => out.found.push(Found {
                endpoint,
                username: p.login_name.clone().unwrap_or_else(|| address.to_owned()),
            }),
            None => others.push(p.kind.clone()),
        }
    }
    // Autodiscover answers are never trusted for where to connect (module docs of
    // `autoconfig::screen_untrusted`).
    let screened = super::autoconfig::screen_untrusted(&mut out.found);
    if out.found.is_empty() && !screened.is_empty() {
        return out.outcome(SourceStatus::NotFound, screened.join("; "));
    }
    if out.found.is_empty() {
        return out.outcome(
            SourceStatus::NotFound,
            format!(
                "no IMAP, POP3 or SMTP settings (only {})",
                if others.is_empty() {
                    "empty entries".to_owned()
                } else {
                    others.join(", ")
                }
            ),
        );
    }
    let mut detail = out
        .found
        .iter()
        .map(|f| f.endpoint.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    for n in &screened {
        detail.push_str("; ");
        detail.push_str(n);
    }
    out.outcome(SourceStatus::Found, detail)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SETTINGS: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006">
  <Response xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a">
    <Account>
      <AccountType>email</AccountType>
      <Action>settings</Action>
      <Protocol><Type>IMAP</Type><Server>imap.example.com</Server><Port>993</Port>
        <SSL>on</SSL><LoginName>alice</LoginName></Protocol>
      <Protocol><Type>SMTP</Type><Server>smtp.example.com</Server><Port>587</Port>
        <Encryption>TLS</Encryption></Protocol>
      <Protocol><Type>POP3</Type><Server>pop.example.com</Server><Port>110</Port>
        <SSL>off</SSL></Protocol>
      <Protocol><Type>EXCH</Type><Server>ex.example.com</Server></Protocol>
    </Account>
  </Response>
</Autodiscover>"#;

    #[test]
    fn maps_protocols() {
        let Ok(Pox::Settings(p)) = parse(SETTINGS) else {
            panic!("{:?}", parse(SETTINGS));
        };
        let e: Vec<Option<Endpoint>> = p.iter().map(PoxProtocol::endpoint).collect();
        assert_eq!(
            e[0],
            Some(Endpoint::new(
                Protocol::Imap,
                "imap.example.com",
                993,
                Security::Tls
            ))
        );
        assert_eq!(e[1].as_ref().map(|e| e.security), Some(Security::Starttls));
        assert_eq!(e[2].as_ref().map(|e| e.security), Some(Security::None));
        assert_eq!(e[3], None);
        assert_eq!(p[0].login_name.as_deref(), Some("alice"));
    }

    #[test]
    fn redirects_and_errors() {
        let r = r#"<Autodiscover><Response><Account><Action>redirectAddr</Action>
            <RedirectAddr>bob@other.example</RedirectAddr></Account></Response></Autodiscover>"#;
        assert_eq!(parse(r), Ok(Pox::RedirectAddr("bob@other.example".into())));
        let r = r#"<Autodiscover><Response><Account><Action>redirectUrl</Action>
            <RedirectUrl>https://x.example/autodiscover/autodiscover.xml</RedirectUrl></Account></Response></Autodiscover>"#;
        assert!(matches!(parse(r), Ok(Pox::RedirectUrl(_))));
        let r = r#"<Autodiscover><Response><Error Time="1" Id="2"><ErrorCode>600</ErrorCode>
            <Message>Invalid Request</Message><DebugData/></Error></Response></Autodiscover>"#;
        assert_eq!(
            parse(r),
            Ok(Pox::Error {
                code: "600".into(),
                message: "Invalid Request".into()
            })
        );
    }

    #[test]
    fn hostile_documents_are_rejected() {
        let bomb = r#"<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "bbbbbbbb"><!ENTITY c "&b;&b;&b;">]><Autodiscover>&c;</Autodiscover>"#;
        assert_eq!(parse(bomb), Err(PoxError::Doctype));
        let deep = format!("{}{}", "<a>".repeat(100), "</a>".repeat(100));
        assert_eq!(parse(&deep), Err(PoxError::TooDeep));
        assert!(matches!(
            parse("<Autodiscover>&foo;</Autodiscover>"),
            Err(PoxError::UnknownEntity(_))
        ));
        assert!(matches!(
            parse("<html></html>"),
            Err(PoxError::NotAutodiscover(_))
        ));
        assert!(matches!(parse(""), Err(PoxError::NotAutodiscover(_))));
        assert!(matches!(parse("<Autodiscover>"), Err(PoxError::Xml(_))));
    }

    #[test]
    fn request_escapes_the_address() {
        let b = request_body("a&b@example.com");
        assert!(
            b.text
                .contains("<EMailAddress>a&amp;b@example.com</EMailAddress>")
        );
        assert!(!b.text.to_ascii_lowercase().contains("password"));
    }
}
