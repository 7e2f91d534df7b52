//! Wording of the root-cause findings (resolver, zone, domain, what the user typed, host-wide
//! failures, the account). The sentences are in the message catalogs
//! (`locales/*/analysis.ftl`); per-endpoint wording is chosen in `text`. Codes, host names,
//! ports and server texts stay as they are in every language.

use super::rules::{TypedIssues, standard_port};
use super::text::{list, setting, use_alt, with_note};
use crate::i18n::Lang;
use crate::model::{Endpoint, FailureKind, Protocol, Security};
use crate::tr;

type Text = (String, String);

fn resolver_name(resolver: &[String], lang: Lang) -> String {
    if resolver.is_empty() {
        tr!(lang, "analysis-resolver-this-computer")
    } else {
        tr!(lang, "analysis-resolver-named", list = list(resolver, lang))
    }
}

/// The sentence with its first letter in upper case.
fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// `dns.resolver_suspect`.
pub(super) fn resolver_suspect(
    domain: &str,
    resolver: &[String],
    kind: &str,
    provider: Option<&str>,
    lang: Lang,
) -> Text {
    let r = resolver_name(resolver, lang);
    let cause = match (kind, provider) {
        ("nxdomain_known_domain", Some(p)) => tr!(
            lang,
            "cause-dns-resolver-suspect-known-domain-provider",
            resolver = r,
            domain = domain,
            provider = p
        ),
        ("nxdomain_known_domain", None) => tr!(
            lang,
            "cause-dns-resolver-suspect-known-domain",
            resolver = r,
            domain = domain
        ),
        ("nxdomain_everywhere", _) => tr!(
            lang,
            "cause-dns-resolver-suspect-everywhere",
            resolver = r,
            domain = domain
        ),
        ("nxdomain_canary", _) => tr!(
            lang,
            "cause-dns-resolver-suspect-canary",
            resolver = r,
            domain = domain,
            canary = crate::discover::CANARY
        ),
        ("timeout", _) => tr!(lang, "cause-dns-resolver-suspect-timeout", resolver = r),
        _ => tr!(
            lang,
            "cause-dns-resolver-suspect-failed",
            resolver = r,
            domain = domain
        ),
    };
    (capitalize(&cause), tr!(lang, "fix-dns-resolver-suspect"))
}

/// `run.offline`.
pub(super) fn not_checked(known: bool, lang: Lang) -> Text {
    if known {
        (
            tr!(lang, "cause-run-offline-known"),
            tr!(lang, "fix-run-offline-known"),
        )
    } else {
        (
            tr!(lang, "cause-run-offline-unknown"),
            tr!(lang, "fix-run-offline-unknown"),
        )
    }
}

/// `net.unreachable` for every server: this computer is offline.
pub(super) fn offline(count: usize, lang: Lang) -> Text {
    (
        tr!(lang, "cause-net-offline", count = count),
        tr!(lang, "fix-net-offline"),
    )
}

/// `dns.zone_failed`.
pub(super) fn zone_failed(domain: &str, reason: &str, resolver: &[String], lang: Lang) -> Text {
    (
        tr!(
            lang,
            "cause-dns-zone-failed",
            domain = domain,
            reason = reason,
            resolver = resolver_name(resolver, lang)
        ),
        tr!(lang, "fix-dns-zone-failed", domain = domain),
    )
}

/// `dns.domain_not_found` / `dns.null_mx`.
pub(super) fn domain_gone(domain: &str, null_mx: bool, lang: Lang) -> Text {
    if null_mx {
        (
            tr!(lang, "cause-dns-null-mx", domain = domain),
            tr!(lang, "fix-dns-null-mx"),
        )
    } else {
        (
            tr!(lang, "cause-dns-domain-not-found", domain = domain),
            tr!(lang, "fix-dns-domain-not-found"),
        )
    }
}

/// The standard port of a protocol and security mode.
pub(super) fn std_port(protocol: Protocol, security: Security) -> u16 {
    match (protocol, security) {
        (Protocol::Imap, Security::Tls) => 993,
        (Protocol::Imap, _) => 143,
        (Protocol::Pop3, Security::Tls) => 995,
        (Protocol::Pop3, _) => 110,
        (Protocol::Smtp, Security::Tls) => 465,
        (Protocol::Smtp, _) => 587,
    }
}

/// One finding for everything wrong with a typed endpoint.
pub(super) fn typed(
    e: &Endpoint,
    i: &TypedIssues,
    suggestion: Option<&Endpoint>,
    lang: Lang,
) -> Text {
    let protocol = e.protocol.display_name();
    let (host, port) = (e.host.as_str(), e.port);
    let mut facts: Vec<String> = Vec::new();
    if let Some(other) = i.host_of {
        facts.push(tr!(
            lang,
            "typed-fact-host-of",
            host = host,
            other = other.display_name(),
            protocol = protocol
        ));
    }
    if let Some(a) = i.answered {
        facts.push(tr!(
            lang,
            "typed-fact-answered",
            other = a.display_name(),
            port = port
        ));
    }
    if let Some((pp, ps)) = i.port_of {
        let belongs = tr!(
            lang,
            "analysis-protocol-mode",
            security = ps.as_str(),
            protocol = pp.display_name()
        );
        facts.push(tr!(
            lang,
            "typed-fact-port-of",
            port = port,
            belongs = belongs
        ));
    }
    if i.mode_mismatch {
        let right = standard_port(port)
            .map(|(_, s)| s)
            .unwrap_or(if e.security == Security::Tls {
                Security::Starttls
            } else {
                Security::Tls
            });
        facts.push(tr!(
            lang,
            "typed-fact-mode",
            port = port,
            right = right.as_str(),
            chosen = e.security.as_str()
        ));
    }
    if i.port_25 {
        facts.push(tr!(lang, "typed-fact-port-25"));
    }
    let cause = capitalize(&tr!(
        lang,
        "cause-typed-wrong",
        protocol = protocol,
        host = host,
        port = port,
        facts = facts.join(&tr!(lang, "analysis-clause-separator"))
    ));
    let fix = match suggestion {
        None if i.port_25 => tr!(lang, "fix-typed-port-25"),
        Some(s) => tr!(
            lang,
            "fix-typed-use",
            protocol = protocol,
            setting = setting(s, lang)
        ),
        None => tr!(
            lang,
            "fix-typed-standard",
            protocol = protocol,
            port = std_port(e.protocol, e.security),
            security = e.security.as_str()
        ),
    };
    (cause, fix)
}

/// Host-wide `security.no_encryption`: nothing on the host is encrypted.
pub(super) fn no_tls_on_host(host: &str, plain: &[u16], closed_tls: &[u16], lang: Lang) -> Text {
    let closed = if closed_tls.is_empty() {
        String::new()
    } else {
        tr!(
            lang,
            "analysis-closed-tls",
            ports = lang.port_phrase(closed_tls)
        )
    };
    (
        tr!(
            lang,
            "cause-security-no-tls-on-host",
            host = host,
            ports = lang.port_phrase(plain),
            count = plain.len(),
            closed = closed
        ),
        tr!(lang, "fix-security-no-tls-on-host"),
    )
}

/// A host name the domain's own record points to does not exist.
pub(super) fn record_points_nowhere(
    host: &str,
    record: &str,
    kind: &FailureKind,
    alt: Option<&Endpoint>,
    lang: Lang,
) -> Text {
    // Several records come joined by ", ".
    let count: usize = if record.contains(", ") { 2 } else { 1 };
    (
        if matches!(kind, FailureKind::NoAddress) {
            tr!(
                lang,
                "cause-record-no-address",
                count = count,
                record = record,
                host = host
            )
        } else {
            tr!(
                lang,
                "cause-record-not-found",
                count = count,
                record = record,
                host = host
            )
        },
        tr!(
            lang,
            "fix-record-points-nowhere",
            record = record,
            host = host,
            alt = use_alt(alt, lang)
        ),
    )
}

/// Several ports of one host fail the same way.
pub(super) fn host_ports(
    host: &str,
    addresses: &[String],
    ports: &[u16],
    code: &str,
    every_port: bool,
    alt: Option<&Endpoint>,
    lang: Lang,
) -> Text {
    let at = if addresses.is_empty() {
        host.to_owned()
    } else {
        with_note(host, &list(addresses, lang), lang)
    };
    let ports_t = lang.ports(ports);
    let phrase = lang.port_phrase(ports);
    let alt = use_alt(alt, lang);
    match (code, every_port) {
        ("net.refused", true) => (
            tr!(
                lang,
                "cause-net-refused-every-port",
                at = at,
                ports = ports_t
            ),
            tr!(lang, "fix-net-refused-every-port", alt = alt),
        ),
        ("net.refused", false) => (
            tr!(
                lang,
                "cause-net-refused-ports",
                at = at,
                phrase = phrase.as_str()
            ),
            tr!(lang, "fix-net-refused-ports", alt = alt),
        ),
        ("net.timeout", _) => (
            tr!(
                lang,
                "cause-net-timeout-ports",
                at = at,
                phrase = phrase.as_str()
            ),
            tr!(lang, "fix-net-timeout-ports", alt = alt),
        ),
        ("net.no_greeting", _) => (
            tr!(
                lang,
                "cause-net-no-greeting-ports",
                at = at,
                phrase = phrase.as_str()
            ),
            tr!(lang, "fix-net-no-greeting-ports", alt = alt),
        ),
        _ => (
            tr!(
                lang,
                "cause-net-closed-ports",
                at = at,
                phrase = phrase.as_str()
            ),
            tr!(lang, "fix-net-closed-ports", alt = alt),
        ),
    }
}

fn protocol_list(ps: &[Protocol], lang: Lang) -> String {
    let names: Vec<&str> = ps.iter().map(|p| p.display_name()).collect();
    lang.and_list(&names)
}

/// A protocol refused the login while the same password worked on another.
pub(super) fn protocol_off(off: &[Protocol], worked: &[Protocol], reply: &str, lang: Lang) -> Text {
    let off_t = protocol_list(off, lang);
    let use_instead = worked
        .iter()
        .find(|w| off.iter().any(|o| o.is_incoming() == w.is_incoming()));
    (
        tr!(
            lang,
            "cause-auth-protocol-off",
            off = off_t.as_str(),
            ok = protocol_list(worked, lang),
            reply = reply
        ),
        match use_instead {
            Some(w) => tr!(
                lang,
                "fix-auth-protocol-off-use",
                instead = w.display_name(),
                off = off_t.as_str()
            ),
            None => tr!(lang, "fix-auth-protocol-off-enable", off = off_t.as_str()),
        },
    )
}

/// Prefixes a login cause with the protocols it happened on, and quotes the other
/// protocols' replies when they differ from the first.
pub(super) fn on_protocols(
    ps: &[Protocol],
    cause: &str,
    others: &[(Protocol, &str)],
    lang: Lang,
) -> String {
    let more: String = others
        .iter()
        .map(|(p, reply)| {
            tr!(
                lang,
                "analysis-other-reply",
                protocol = p.display_name(),
                reply = *reply
            )
        })
        .collect();
    tr!(
        lang,
        "cause-auth-same-on-protocols",
        list = protocol_list(ps, lang),
        cause = cause,
        more = more
    )
}

/// Why a password was withheld from an endpoint, classified from the probe's reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Withheld {
    Plaintext,
    Port25,
    Guessed,
    OtherDomain,
}

impl Withheld {
    /// Classifies a login refusal (see `probe::login::refusal`).
    pub(super) fn classify(e: &Endpoint, reason: &str) -> Self {
        if e.security == Security::None || reason.contains("unencrypted") {
            Self::Plaintext
        } else if e.protocol == Protocol::Smtp && e.port == 25 {
            Self::Port25
        } else if reason.contains("guessed") {
            Self::Guessed
        } else {
            Self::OtherDomain
        }
    }

    /// Machine-readable name (`params.detail`).
    pub(super) fn as_str(self) -> &'static str {
        match self {
            Self::Plaintext => "plaintext",
            Self::Port25 => "port_25",
            Self::Guessed => "guessed_host",
            Self::OtherDomain => "other_domain",
        }
    }
}

/// `auth.login_withheld`.
pub(super) fn login_withheld(
    eps: &[&Endpoint],
    why: &[Withheld],
    domain: &str,
    lang: Lang,
) -> Text {
    let servers: Vec<String> = eps
        .iter()
        .map(|e| format!("{} {}:{}", e.protocol.display_name(), e.host, e.port))
        .collect();
    let flag = why
        .iter()
        .any(|w| matches!(w, Withheld::Guessed | Withheld::OtherDomain));
    let reason = match why.first().copied().unwrap_or(Withheld::OtherDomain) {
        Withheld::Plaintext => tr!(lang, "withheld-reason-plaintext"),
        Withheld::Port25 => tr!(lang, "withheld-reason-port-25"),
        Withheld::Guessed => tr!(lang, "withheld-reason-guessed"),
        Withheld::OtherDomain => tr!(lang, "withheld-reason-other-domain", domain = domain),
    };
    (
        tr!(
            lang,
            "cause-auth-login-withheld",
            list = list(&servers, lang),
            reason = reason
        ),
        if flag {
            tr!(lang, "fix-auth-login-withheld-untrusted")
        } else {
            tr!(lang, "fix-auth-login-withheld-encrypted")
        },
    )
}

// --- Providers without IMAP ---

/// `settings.no_imap`: `provider` is the provider's name in the run's language.
pub(super) fn no_imap(provider: &str, pop3_works: bool, lang: Lang) -> Text {
    (
        tr!(lang, "cause-settings-no-imap", provider = provider),
        if pop3_works {
            tr!(lang, "fix-settings-no-imap-pop3")
        } else {
            tr!(lang, "fix-settings-no-imap", provider = provider)
        },
    )
}
