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
use crate::i18n::Lang;
use crate::model::{Actor, Endpoint, Finding, Protocol, Security, Severity, SourceKind};
use crate::tr;

/// Sources that publish settings (not guesses, not what the user typed).
fn published(k: SourceKind) -> bool {
    !matches!(k, SourceKind::Guess | SourceKind::User)
}

/// Name of a source in a sentence.
pub(super) fn source_label(k: SourceKind, lang: Lang) -> String {
    match k {
        SourceKind::User => tr!(lang, "source-label-user"),
        SourceKind::Provider => tr!(lang, "source-label-provider"),
        SourceKind::Srv => tr!(lang, "source-label-srv"),
        SourceKind::Mx => tr!(lang, "source-label-mx"),
        SourceKind::Guess => tr!(lang, "source-label-guess"),
        SourceKind::Autoconfig => tr!(lang, "source-label-autoconfig"),
        SourceKind::AutoconfigHttp => tr!(lang, "source-label-autoconfig-http"),
        SourceKind::AutoconfigMx => tr!(lang, "source-label-autoconfig-mx"),
        SourceKind::Autodiscover => tr!(lang, "source-label-autodiscover"),
    }
}

/// A server in a sentence: `host:port (SSL/TLS)`.
fn hp(e: &Endpoint, lang: Lang) -> String {
    tr!(
        lang,
        "source-server",
        hp = format!("{}:{}", e.host, e.port),
        sec = lang.security(e.security)
    )
}

/// Source labels joined with "and".
fn label_list(kinds: impl Iterator<Item = SourceKind>, lang: Lang) -> String {
    let names: Vec<String> = kinds.map(|k| source_label(k, lang)).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    lang.and_list(&names)
}

fn address_domain(d: &Discovery) -> String {
    d.sources
        .iter()
        .find(|s| s.source == SourceKind::Provider)
        .map(|s| s.target.clone())
        .unwrap_or_default()
}

/// Runs every cross-source rule.
pub(super) fn rules(
    discovery: &Discovery,
    settings: &Settings,
    findings: &mut Vec<Finding>,
    lang: Lang,
) {
    if matches!(
        discovery.domain,
        DomainState::NotFound | DomainState::NullMx
    ) {
        return;
    }
    disagreement(discovery, findings, lang);
    plaintext_advertised(discovery, findings, lang);
    let domain = address_domain(discovery);
    for (incoming, list) in [(true, &settings.incoming), (false, &settings.outgoing)] {
        origin_rules(&domain, incoming, list, findings, lang);
    }
}

fn disagreement(discovery: &Discovery, findings: &mut Vec<Finding>, lang: Lang) {
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
                let list: Vec<String> = eps.iter().map(|e| hp(e, lang)).collect();
                tr!(
                    lang,
                    "source-says",
                    source = source_label(**k, lang),
                    list = list.join(&tr!(lang, "list-separator"))
                )
            })
            .collect();
        let protocol = protocol.display_name();
        let cause = tr!(
            lang,
            "cause-source-disagreement",
            protocol = protocol,
            views = views.join(&tr!(lang, "analysis-clause-separator"))
        );
        let fix = tr!(lang, "fix-source-disagreement");
        findings.push(Finding::on(
            "source.disagreement",
            Severity::Warning,
            Actor::DomainAdmin,
            None,
            cause,
            fix,
        ));
    }
}

fn plaintext_advertised(discovery: &Discovery, findings: &mut Vec<Finding>, lang: Lang) {
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
        let cause = tr!(
            lang,
            "cause-source-plaintext-advertised",
            names = label_list(by.iter().copied(), lang),
            protocol = c.endpoint.protocol.display_name(),
            server = hp(&c.endpoint, lang)
        );
        let fix = tr!(lang, "fix-source-plaintext-advertised");
        findings.push(Finding::on(
            "source.plaintext_advertised",
            Severity::Warning,
            Actor::DomainAdmin,
            Some(c.endpoint.clone()),
            cause,
            fix,
        ));
    }
}

fn origin_rules(
    domain: &str,
    incoming: bool,
    list: &[Setting],
    findings: &mut Vec<Finding>,
    lang: Lang,
) {
    let direction = lang.direction(incoming);
    let ours = registrable_domain(domain);
    if let Some(best) = list.first()
        && best.sources.iter().all(|k| *k == SourceKind::Guess)
    {
        let cause = tr!(
            lang,
            "cause-source-guess-only",
            direction = direction.as_str(),
            server = hp(&endpoint_of(best), lang)
        );
        let fix = tr!(lang, "fix-source-guess-only");
        findings.push(Finding::on(
            "source.guess_only",
            Severity::Info,
            Actor::DomainAdmin,
            Some(endpoint_of(best)),
            cause,
            fix,
        ));
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
            let cause = tr!(
                lang,
                "cause-source-plain-http",
                direction = direction.as_str(),
                server = hp(&endpoint_of(s), lang)
            );
            let fix = tr!(lang, "fix-source-plain-http");
            findings.push(Finding::on(
                "source.plain_http",
                Severity::Warning,
                Actor::DomainAdmin,
                Some(endpoint_of(s)),
                cause,
                fix,
            ));
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
        let owner = registrable_domain(&s.host);
        let cause = tr!(
            lang,
            "cause-source-other-domain",
            direction = direction.as_str(),
            host = s.host.as_str(),
            domain = domain,
            owner = owner.as_str(),
            names = label_list(shown_by.iter().copied(), lang)
        );
        let fix = tr!(
            lang,
            "fix-source-other-domain",
            domain = domain,
            owner = owner.as_str()
        );
        findings.push(Finding::on(
            "source.other_domain",
            if weak {
                Severity::Warning
            } else {
                Severity::Info
            },
            Actor::DomainAdmin,
            Some(endpoint_of(s)),
            cause,
            fix,
        ));
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
            canary_nxdomain: None,
        }
    }

    fn codes(d: &Discovery, settings: &Settings) -> Vec<(&'static str, Severity)> {
        let mut f = Vec::new();
        rules(d, settings, &mut f, Lang::En);
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
            login: super::super::LoginState::NotTested,
            login_detail: None,
            auth_required: true,
            password: super::super::PasswordField::AccountPassword,
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

    #[test]
    fn wording_follows_the_language() {
        let tls = Endpoint::new(Protocol::Imap, "imap.example.com", 993, Security::Tls);
        let plain = Endpoint::new(Protocol::Imap, "imap.example.com", 143, Security::None);
        let d = discovery(&[(tls, SourceKind::Srv), (plain, SourceKind::AutoconfigHttp)]);
        let text = |lang| {
            let mut f = Vec::new();
            rules(&d, &Settings::default(), &mut f, lang);
            let d = f.iter().find(|x| x.code == "source.disagreement").unwrap();
            let p = f
                .iter()
                .find(|x| x.code == "source.plaintext_advertised")
                .unwrap();
            (d.cause.clone(), p.cause.clone())
        };
        let (dis, plain) = text(Lang::En);
        assert_eq!(
            dis,
            "The published settings for IMAP disagree: DNS SRV says imap.example.com:993 (SSL/TLS); \
             autoconfig over plain HTTP says imap.example.com:143 (none)."
        );
        assert!(
            plain.starts_with(
                "autoconfig over plain HTTP advertises IMAP imap.example.com:143 (none) without"
            ),
            "{plain}"
        );
        let (dis, plain) = text(Lang::ZhCn);
        assert_eq!(
            dis,
            "各处公布的 IMAP 设置不一致：DNS SRV给出 imap.example.com:993（SSL/TLS）；\
             明文 HTTP 获取的 autoconfig给出 imap.example.com:143（不加密）。"
        );
        assert!(
            plain.contains("服务器 imap.example.com:143（不加密）不加密"),
            "{plain}"
        );
        let (dis, plain) = text(Lang::ZhTw);
        assert_eq!(
            dis,
            "各處公布的 IMAP 設定不一致：DNS SRV給出 imap.example.com:993（SSL/TLS）；\
             明文 HTTP 取得的 autoconfig給出 imap.example.com:143（不加密）。"
        );
        assert!(
            plain.contains("伺服器 imap.example.com:143（不加密）不加密"),
            "{plain}"
        );
    }
}
