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

/// Sources that publish settings (not guesses, not what the user typed).
fn published(k: SourceKind) -> bool {
    !matches!(k, SourceKind::Guess | SourceKind::User)
}

/// Name of a source in a sentence.
pub(super) fn source_label(k: SourceKind, lang: Lang) -> &'static str {
    match (k, lang) {
        (SourceKind::User, Lang::En) => "your --check",
        (SourceKind::User, Lang::ZhCn | Lang::ZhTw) => "您的 --check",
        (SourceKind::Provider, Lang::En) => "the provider database",
        (SourceKind::Provider, Lang::ZhCn | Lang::ZhTw) => "服务商数据库",
        (SourceKind::Srv, _) => "DNS SRV",
        (SourceKind::Mx, Lang::En) => "the provider found from MX",
        (SourceKind::Mx, Lang::ZhCn | Lang::ZhTw) => "根据 MX 识别的服务商",
        (SourceKind::Guess, Lang::En) => "guessing",
        (SourceKind::Guess, Lang::ZhCn | Lang::ZhTw) => "猜测",
        (SourceKind::Autoconfig, Lang::En) => "autoconfig (HTTPS)",
        (SourceKind::Autoconfig, Lang::ZhCn | Lang::ZhTw) => "autoconfig（HTTPS）",
        (SourceKind::AutoconfigHttp, Lang::En) => "autoconfig over plain HTTP",
        (SourceKind::AutoconfigHttp, Lang::ZhCn | Lang::ZhTw) => "明文 HTTP 获取的 autoconfig",
        (SourceKind::AutoconfigMx, Lang::En) => "the MX host's autoconfig",
        (SourceKind::AutoconfigMx, Lang::ZhCn | Lang::ZhTw) => "MX 主机的 autoconfig",
        (SourceKind::Autodiscover, _) => "Autodiscover",
    }
}

fn hp(e: &Endpoint, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{}:{} ({})", e.host, e.port, lang.security(e.security)),
        Lang::ZhCn | Lang::ZhTw => {
            format!("{}:{}（{}）", e.host, e.port, lang.security(e.security))
        }
    }
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
                match lang {
                    Lang::En => format!("{} says {}", source_label(**k, lang), list.join(", ")),
                    Lang::ZhCn | Lang::ZhTw => {
                        format!("{}给出 {}", source_label(**k, lang), list.join("、"))
                    }
                }
            })
            .collect();
        let p = protocol.display_name();
        let (cause, fix) = match lang {
            Lang::En => (
                format!("The published settings for {p} disagree: {}.", views.join("; ")),
                "Use the setting marked as checked under \"Settings to use\"; the domain's administrator should make every published configuration name the same server.".to_owned(),
            ),
            Lang::ZhCn | Lang::ZhTw => (
                format!("各处公布的 {p} 设置不一致：{}。", views.join("；")),
                "请使用“推荐设置”中已验证的那一项；域名管理员应让各处公布的配置指向同一台服务器。".to_owned(),
            ),
        };
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
        let names: Vec<&str> = by.iter().map(|k| source_label(*k, lang)).collect();
        let names = lang.and_list(&names);
        let p = c.endpoint.protocol.display_name();
        let server = hp(&c.endpoint, lang);
        let (cause, fix) = match lang {
            Lang::En => (
                format!("{names} advertises {p} {server} without any encryption: the password and all mail would cross the network readable by anyone on the way."),
                "Use an SSL/TLS or STARTTLS setting instead; the domain's administrator should stop advertising the unencrypted one.".to_owned(),
            ),
            Lang::ZhCn | Lang::ZhTw => (
                format!("{names}公布的 {p} 服务器 {server}不加密：密码和邮件内容会以明文在网络上传输，途中任何人都能看到。"),
                "请改用 SSL/TLS 或 STARTTLS 的设置；域名管理员应停止公布不加密的设置。".to_owned(),
            ),
        };
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
        let server = hp(&endpoint_of(best), lang);
        let (cause, fix) = match lang {
            Lang::En => (
                format!("No published configuration names the {direction} server; {server} was found by trying common names."),
                "It can be used, but the domain's administrator should publish SRV records (RFC 6186) or an autoconfig file so mail clients find it by themselves.".to_owned(),
            ),
            Lang::ZhCn | Lang::ZhTw => (
                format!("没有任何公开的配置写明{direction}服务器；{server}是按常见名称试出来的。"),
                "可以使用；但域名管理员应发布 SRV 记录（RFC 6186）或 autoconfig 文件，让邮件客户端能自动找到服务器。".to_owned(),
            ),
        };
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
            let server = hp(&endpoint_of(s), lang);
            let (cause, fix) = match lang {
                Lang::En => (
                    format!("The {direction} setting {server} comes only from an autoconfig file fetched over plain HTTP, which anyone on the network path can forge."),
                    "Check it against the provider's documentation before typing a password; the domain's administrator should serve autoconfig over HTTPS.".to_owned(),
                ),
                Lang::ZhCn | Lang::ZhTw => (
                    format!("{direction}设置 {server}只来自通过明文 HTTP 获取的 autoconfig 文件，网络途中任何人都可以伪造。"),
                    "填写密码前，请先对照邮箱服务商的官方说明核实；域名管理员应改用 HTTPS 提供 autoconfig。".to_owned(),
                ),
            };
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
        let names: Vec<&str> = shown_by.iter().map(|k| source_label(*k, lang)).collect();
        let names = lang.and_list(&names);
        let host = &s.host;
        let owner = registrable_domain(&s.host);
        let (cause, fix) = match lang {
            Lang::En => (
                format!(
                    "The {direction} server {host} is outside {domain} (it belongs to {owner}); {names} named it."
                ),
                format!(
                    "That is normal when {domain} is hosted by another company; make sure you recognise {owner} before typing a password there."
                ),
            ),
            Lang::ZhCn | Lang::ZhTw => (
                format!(
                    "{direction}服务器 {host} 不在 {domain} 域名下（属于 {owner}），来源：{names}。"
                ),
                format!(
                    "如果 {domain} 的邮箱由其他公司托管，这是正常的；填写密码前请确认您认识 {owner}。"
                ),
            ),
        };
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
}
