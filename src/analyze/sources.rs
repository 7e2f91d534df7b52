//! Cross-source rules: what the sources say about each other and about where the settings
//! came from. Pure, like the rest of `analyze`.
//!
//! * `source.disagreement` (warning): two published sources (provider database, autoconfig,
//!   DNS SRV, Autodiscover, MX-derived) name no common server for a protocol, or one offers
//!   only plaintext where the other offers encryption.
//! * `source.plain_http` (warning): a setting shown comes only from autoconfig fetched over
//!   plain HTTP.
//! * `source.other_domain` (info, warning when only plain HTTP or a guess vouches for it): a
//!   setting shown is on another registrable domain than the address's.
//! * `source.guess_only` (info): the best setting of a direction was found only by guessing.
//! * `source.plaintext_advertised` (warning): a source advertises a server without
//!   encryption.

use std::collections::{BTreeMap, BTreeSet};

use super::{Setting, Settings};
use crate::discover::{Discovery, DomainState};
use crate::http::registrable_domain;
use crate::model::{Endpoint, Finding, Protocol, Security, Severity, SourceKind};

/// Sources that publish settings (not guesses, not what the user typed).
fn published(k: SourceKind) -> bool {
    !matches!(k, SourceKind::Guess | SourceKind::User)
}

/// Name of a source in a sentence.
pub(super) fn source_label(k: SourceKind) -> &'static str {
    match k {
        SourceKind::User => "your --check",
        SourceKind::Provider => "the provider database",
        SourceKind::Srv => "DNS SRV",
        SourceKind::Mx => "the provider found from MX",
        SourceKind::Guess => "guessing",
        SourceKind::Autoconfig => "autoconfig (HTTPS)",
        SourceKind::AutoconfigHttp => "autoconfig over plain HTTP",
        SourceKind::AutoconfigMx => "the MX host's autoconfig",
        SourceKind::Autodiscover => "Autodiscover",
    }
}

fn hp(e: &Endpoint) -> String {
    format!("{}:{} ({})", e.host, e.port, e.security.display_name())
}

fn address_domain(d: &Discovery) -> String {
    d.sources
        .iter()
        .find(|s| s.source == SourceKind::Provider)
        .map(|s| s.target.clone())
        .unwrap_or_default()
}

/// Runs every cross-source rule.
pub(super) fn rules(discovery: &Discovery, settings: &Settings, findings: &mut Vec<Finding>) {
    if matches!(
        discovery.domain,
        DomainState::NotFound | DomainState::NullMx
    ) {
        return;
    }
    disagreement(discovery, findings);
    plaintext_advertised(discovery, findings);
    let domain = address_domain(discovery);
    for (incoming, list) in [(true, &settings.incoming), (false, &settings.outgoing)] {
        origin_rules(&domain, incoming, list, findings);
    }
}

fn disagreement(discovery: &Discovery, findings: &mut Vec<Finding>) {
    // protocol → source → endpoints it proposes.
    let mut by: BTreeMap<Protocol, BTreeMap<SourceKind, BTreeSet<&Endpoint>>> = BTreeMap::new();
    for c in &discovery.candidates {
        for o in c.origins.iter().filter(|o| published(o.source)) {
            by.entry(c.endpoint.protocol)
                .or_default()
                .entry(o.source)
                .or_default()
                .insert(&c.endpoint);
        }
    }
    for (protocol, sources) in by {
        let kinds: Vec<(&SourceKind, &BTreeSet<&Endpoint>)> = sources.iter().collect();
        let mut disagree = false;
        for (i, (_, a)) in kinds.iter().enumerate() {
            for (_, b) in kinds.iter().skip(i + 1) {
                let common_server = a
                    .iter()
                    .any(|x| b.iter().any(|y| x.host == y.host && x.port == y.port));
                let plain_only =
                    |s: &BTreeSet<&Endpoint>| s.iter().all(|e| e.security == Security::None);
                if !common_server || plain_only(a) != plain_only(b) {
                    disagree = true;
                }
            }
        }
        if !disagree {
            continue;
        }
        let views: Vec<String> = kinds
            .iter()
            .map(|(k, eps)| {
                let list: Vec<String> = eps.iter().map(|e| hp(e)).collect();
                format!("{} says {}", source_label(**k), list.join(", "))
            })
            .collect();
        findings.push(Finding {
            code: "source.disagreement",
            severity: Severity::Warning,
            endpoint: None,
            cause: format!(
                "The published settings for {} disagree: {}.",
                protocol.display_name(),
                views.join("; ")
            ),
            fix: "Use the setting marked as checked under \"Settings to use\"; the domain's administrator should make every published configuration name the same server.".to_owned(),
        });
    }
}

fn plaintext_advertised(discovery: &Discovery, findings: &mut Vec<Finding>) {
    for c in &discovery.candidates {
        if c.endpoint.security != Security::None {
            continue;
        }
        let by: BTreeSet<SourceKind> = c
            .origins
            .iter()
            .map(|o| o.source)
            .filter(|k| published(*k))
            .collect();
        if by.is_empty() {
            continue;
        }
        let names: Vec<&str> = by.iter().map(|k| source_label(*k)).collect();
        findings.push(Finding {
            code: "source.plaintext_advertised",
            severity: Severity::Warning,
            endpoint: Some(c.endpoint.clone()),
            cause: format!(
                "{} advertises {} {} without any encryption: the password and all mail would cross the network readable by anyone on the way.",
                names.join(" and "),
                c.endpoint.protocol.display_name(),
                hp(&c.endpoint)
            ),
            fix: "Use an SSL/TLS or STARTTLS setting instead; the domain's administrator should stop advertising the unencrypted one.".to_owned(),
        });
    }
}

fn origin_rules(domain: &str, incoming: bool, list: &[Setting], findings: &mut Vec<Finding>) {
    let direction = if incoming { "incoming" } else { "outgoing" };
    let ours = registrable_domain(domain);
    if let Some(best) = list.first()
        && best.sources.iter().all(|k| *k == SourceKind::Guess)
    {
        findings.push(Finding {
            code: "source.guess_only",
            severity: Severity::Info,
            endpoint: Some(endpoint_of(best)),
            cause: format!(
                "No published configuration names the {direction} server; {} was found by trying common names.",
                hp(&endpoint_of(best))
            ),
            fix: "It can be used, but the domain's administrator should publish SRV records (RFC 6186) or an autoconfig file so mail clients find it by themselves.".to_owned(),
        });
    }
    for s in list {
        let shown_by: BTreeSet<SourceKind> = s.sources.iter().copied().collect();
        if shown_by.contains(&SourceKind::User) {
            continue;
        }
        let plain_http_only = shown_by
            .iter()
            .all(|k| matches!(k, SourceKind::AutoconfigHttp | SourceKind::Guess))
            && shown_by.contains(&SourceKind::AutoconfigHttp);
        if plain_http_only {
            findings.push(Finding {
                code: "source.plain_http",
                severity: Severity::Warning,
                endpoint: Some(endpoint_of(s)),
                cause: format!(
                    "The {direction} setting {} comes only from an autoconfig file fetched over plain HTTP, which anyone on the network path can forge.",
                    hp(&endpoint_of(s))
                ),
                fix: "Check it against the provider's documentation before typing a password; the domain's administrator should serve autoconfig over HTTPS.".to_owned(),
            });
        }
        // The provider database and MX-based detection name the provider explicitly.
        let vouched = shown_by.iter().any(|k| {
            matches!(
                k,
                SourceKind::Provider | SourceKind::Mx | SourceKind::AutoconfigMx
            )
        });
        if vouched || ours.is_empty() || registrable_domain(&s.host) == ours {
            continue;
        }
        let weak = shown_by
            .iter()
            .all(|k| matches!(k, SourceKind::AutoconfigHttp | SourceKind::Guess));
        let names: Vec<&str> = shown_by.iter().map(|k| source_label(*k)).collect();
        findings.push(Finding {
            code: "source.other_domain",
            severity: if weak {
                Severity::Warning
            } else {
                Severity::Info
            },
            endpoint: Some(endpoint_of(s)),
            cause: format!(
                "The {direction} server {} is outside {domain} (it belongs to {}); {} named it.",
                s.host,
                registrable_domain(&s.host),
                names.join(" and ")
            ),
            fix: format!(
                "That is normal when {domain} is hosted by another company; make sure you recognise {} before typing a password there.",
                registrable_domain(&s.host)
            ),
        });
    }
}

fn endpoint_of(s: &Setting) -> Endpoint {
    Endpoint::new(s.protocol, &s.host, s.port, s.security)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discover::CandidateSet;
    use crate::model::{Origin, SourceReport, SourceStatus};

    fn discovery(cands: &[(Endpoint, SourceKind)]) -> Discovery {
        let mut set = CandidateSet::default();
        for (i, (e, k)) in cands.iter().enumerate() {
            set.add(
                e.clone(),
                "alice@example.com".into(),
                Origin {
                    source: *k,
                    detail: "t".into(),
                },
                i,
            );
        }
        Discovery {
            sources: vec![SourceReport {
                source: SourceKind::Provider,
                target: "example.com".into(),
                status: SourceStatus::NotFound,
                detail: String::new(),
                candidates: 0,
                elapsed_ms: 0,
                http_status: None,
                redirects: vec![],
            }],
            candidates: set.into_sorted(),
            provider: None,
            domain: DomainState::Exists,
            not_offered: vec![],
        }
    }

    fn codes(d: &Discovery, settings: &Settings) -> Vec<(&'static str, Severity)> {
        let mut f = Vec::new();
        rules(d, settings, &mut f);
        f.iter().map(|f| (f.code, f.severity)).collect()
    }

    fn setting(e: &Endpoint, sources: &[SourceKind]) -> Setting {
        Setting {
            protocol: e.protocol,
            host: e.host.clone(),
            port: e.port,
            security: e.security,
            username: "alice".into(),
            verified: true,
            sources: sources.to_vec(),
            login_ok: None,
        }
    }

    #[test]
    fn srv_and_autoconfig_naming_different_servers_disagree() {
        let a = Endpoint::new(Protocol::Imap, "mail.example.com", 993, Security::Tls);
        let b = Endpoint::new(Protocol::Imap, "imap.example.com", 143, Security::Starttls);
        let d = discovery(&[(a.clone(), SourceKind::Srv), (b, SourceKind::Autoconfig)]);
        assert!(
            codes(&d, &Settings::default()).contains(&("source.disagreement", Severity::Warning))
        );
        // Agreeing sources, and guesses, never disagree.
        let d = discovery(&[
            (a.clone(), SourceKind::Srv),
            (a.clone(), SourceKind::Autoconfig),
        ]);
        assert!(codes(&d, &Settings::default()).is_empty());
        let g = Endpoint::new(Protocol::Imap, "imap.example.com", 993, Security::Tls);
        let d = discovery(&[(a, SourceKind::Srv), (g, SourceKind::Guess)]);
        assert!(codes(&d, &Settings::default()).is_empty());
    }

    #[test]
    fn plaintext_where_another_source_has_tls_disagrees_and_is_flagged() {
        let tls = Endpoint::new(Protocol::Imap, "imap.example.com", 993, Security::Tls);
        let plain = Endpoint::new(Protocol::Imap, "imap.example.com", 993, Security::None);
        let d = discovery(&[(tls, SourceKind::Srv), (plain, SourceKind::Autodiscover)]);
        let c = codes(&d, &Settings::default());
        assert!(
            c.contains(&("source.disagreement", Severity::Warning)),
            "{c:?}"
        );
        assert!(
            c.contains(&("source.plaintext_advertised", Severity::Warning)),
            "{c:?}"
        );
    }

    #[test]
    fn origin_warnings() {
        let e = Endpoint::new(Protocol::Imap, "imap.evil.example", 993, Security::Tls);
        let d = discovery(&[(e.clone(), SourceKind::AutoconfigHttp)]);
        let s = Settings {
            incoming: vec![setting(&e, &[SourceKind::AutoconfigHttp])],
            outgoing: vec![],
        };
        let c = codes(&d, &s);
        assert!(
            c.contains(&("source.plain_http", Severity::Warning)),
            "{c:?}"
        );
        assert!(
            c.contains(&("source.other_domain", Severity::Warning)),
            "{c:?}"
        );
        // Over HTTPS another domain is information; from MX detection it is expected.
        let s = Settings {
            incoming: vec![setting(&e, &[SourceKind::Autoconfig])],
            outgoing: vec![],
        };
        assert_eq!(codes(&d, &s), [("source.other_domain", Severity::Info)]);
        let s = Settings {
            incoming: vec![setting(&e, &[SourceKind::AutoconfigMx])],
            outgoing: vec![],
        };
        assert!(codes(&d, &s).is_empty());
        let g = Endpoint::new(Protocol::Imap, "imap.example.com", 993, Security::Tls);
        let s = Settings {
            incoming: vec![setting(&g, &[SourceKind::Guess])],
            outgoing: vec![],
        };
        assert_eq!(codes(&d, &s), [("source.guess_only", Severity::Info)]);
    }
}
