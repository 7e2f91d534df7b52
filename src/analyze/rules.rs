//! Root-cause rules: facts → one finding per root cause. Each rule is a small named function
//! that reads [`Facts`], adds findings to [`Out`] and marks the endpoints whose failure it
//! explains, so later (more specific) rules do not report the same cause again. Rules run
//! from the most shared dependency (the resolver) to the most specific (one endpoint).

use std::collections::{BTreeMap, BTreeSet};

use super::facts::{Facts, Outcome};
use super::{text, words};
use crate::discover::DomainState;
use crate::i18n::Lang;
use crate::model::{
    Actor, Endpoint, Failure, FailureKind, Finding, Params, Protocol, Security, Severity,
    SourceKind, Step,
};

/// The most shared root cause found, which decides the verdict before anything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Root {
    /// The resolver lies (NXDOMAIN for a known domain) or fails for everything.
    ResolverSuspect,
    /// The domain's own name servers fail (SERVFAIL/REFUSED/timeout for its zone).
    ZoneFailed,
    /// The domain does not exist or accepts no mail.
    DomainGone,
    /// This computer reaches no server at all (no route to any address).
    Offline,
    /// `--offline`: nothing was checked, by request.
    NotChecked,
}

/// What the rules produce.
#[derive(Debug, Default)]
pub(super) struct Out {
    pub findings: Vec<Finding>,
    /// Endpoints whose failure a finding already explains.
    pub explained: BTreeSet<Endpoint>,
    pub root: Option<Root>,
}

impl Out {
    fn push(&mut self, f: Finding) {
        self.explained.extend(f.endpoints.iter().cloned());
        self.findings.push(f);
    }
}

/// Runs every connection-level rule in order (logins and warnings come after).
pub(super) fn run(f: &Facts, out: &mut Out, lang: Lang) {
    not_checked(f, out, lang);
    resolver_suspect(f, out, lang);
    zone_failed(f, out, lang);
    domain_gone(f, out, lang);
    offline(f, out, lang);
    typed_endpoints(f, out, lang);
    no_tls_on_host(f, out, lang);
    certificates(f, out, lang);
    host_names(f, out, lang);
    host_ports(f, out, lang);
    endpoint_failures(f, out, lang);
    logins(f, out, lang);
    login_withheld(f, out, lang);
    server_warnings(f, out, lang);
    no_imap(f, out, lang);
}

/// Severity of a failure affecting `eps`: an error when the user typed one of them or
/// nothing works for their direction; a warning when the direction works but not this
/// protocol; information when the same protocol works elsewhere.
pub(super) fn failure_severity(f: &Facts, eps: &[&Endpoint]) -> Severity {
    if eps.iter().any(|e| f.typed(e)) {
        return Severity::Error;
    }
    if eps.iter().all(|e| f.alternative(e).is_some()) {
        Severity::Info
    } else if eps
        .iter()
        .all(|e| f.direction_works(e.protocol.is_incoming()))
    {
        Severity::Warning
    } else {
        Severity::Error
    }
}

fn resolve_failed(f: &Facts, pred: impl Fn(&Endpoint, &FailureKind) -> bool) -> Vec<Endpoint> {
    f.failing()
        .filter(|(e, s, fail)| *s == Step::Resolve && pred(e, &fail.kind))
        .map(|(e, _, _)| e.clone())
        .collect()
}

/// `run.offline` (info): `--offline` was asked for, so nothing was checked over the network;
/// the settings come from the provider database (and `--check`), unverified.
fn not_checked(f: &Facts, out: &mut Out, lang: Lang) {
    if !f.run.offline {
        return;
    }
    let known = f.d.provider.is_some();
    let text = words::not_checked(known, lang);
    out.push(Finding::new(
        "run.offline",
        Severity::Info,
        Actor::User,
        text,
    ));
    out.root = Some(Root::NotChecked);
}

/// `dns.resolver_suspect`: the resolver answers NXDOMAIN for a domain the provider database
/// knows (captive portals, VPNs, filtering DNS), or every lookup failed, including names
/// outside the address's domain, while nothing resolved. The provider's settings are still
/// shown, unverified.
fn resolver_suspect(f: &Facts, out: &mut Out, lang: Lang) {
    if out.root.is_some() {
        return;
    }
    let d = f.d;
    let known_domain = d
        .provider
        .as_ref()
        .is_some_and(|p| p.detected_via == SourceKind::Provider);
    let outside = f.outside_resolve_failures();
    let nothing_resolved = !f.any_name_resolved();
    let kind = match &d.domain {
        DomainState::NotFound if known_domain => "nxdomain_known_domain",
        DomainState::NotFound if d.canary_nxdomain == Some(true) => "nxdomain_canary",
        DomainState::NotFound
            if nothing_resolved
                && !outside.is_empty()
                && outside.iter().all(|k| **k == FailureKind::NxDomain) =>
        {
            "nxdomain_everywhere"
        }
        DomainState::Unknown(reason) if nothing_resolved && reason == "timeout" => "timeout",
        DomainState::Unknown(_)
            if nothing_resolved
                && !outside.is_empty()
                && outside
                    .iter()
                    .all(|k| matches!(k, FailureKind::DnsFailed | FailureKind::DnsTimeout)) =>
        {
            "failed_everywhere"
        }
        _ => return,
    };
    let provider = d.provider.as_ref().map(|p| match (lang, &p.name_zh) {
        (Lang::ZhCn | Lang::ZhTw, Some(zh)) => zh.as_str(),
        _ => p.name.as_str(),
    });
    let text = words::resolver_suspect(&f.run.domain, &f.run.resolver, kind, provider, lang);
    let explained = resolve_failed(f, |_, _| true);
    let mut finding = Finding::new(
        "dns.resolver_suspect",
        Severity::Error,
        Actor::ThisComputer,
        text,
    )
    .with(Params {
        resolver: f.run.resolver.clone(),
        name: Some(f.run.domain.clone()),
        detail: Some(kind.to_owned()),
        ..Params::default()
    });
    finding.endpoints = explained;
    finding.endpoint = finding.endpoints.first().cloned();
    out.push(finding);
    out.root = Some(Root::ResolverSuspect);
}

/// `dns.zone_failed`: the domain's own DNS fails (SERVFAIL, REFUSED, timeout) while the
/// resolver works otherwise: the domain's name servers are broken (lame delegation,
/// DNSSEC failure). The root finding, aimed at the domain's administrator.
fn zone_failed(f: &Facts, out: &mut Out, lang: Lang) {
    if out.root.is_some() {
        return;
    }
    let DomainState::Unknown(reason) = &f.d.domain else {
        return;
    };
    let explained = resolve_failed(f, |e, k| {
        f.under_domain(&e.host) && matches!(k, FailureKind::DnsFailed | FailureKind::DnsTimeout)
    });
    let works = f.direction_works(true) && f.direction_works(false);
    let text = words::zone_failed(&f.run.domain, reason, &f.run.resolver, lang);
    let mut finding = Finding::new(
        "dns.zone_failed",
        if works {
            Severity::Warning
        } else {
            Severity::Error
        },
        Actor::DomainAdmin,
        text,
    )
    .with(Params {
        name: Some(f.run.domain.clone()),
        resolver: f.run.resolver.clone(),
        detail: Some(reason.clone()),
        ..Params::default()
    });
    finding.endpoint = explained.first().cloned();
    finding.endpoints = explained;
    out.push(finding);
    if !works {
        out.root = Some(Root::ZoneFailed);
    }
}

/// `dns.domain_not_found` / `dns.null_mx`: the domain does not exist or accepts no mail.
/// Explains every lookup failure under the domain.
fn domain_gone(f: &Facts, out: &mut Out, lang: Lang) {
    if out.root.is_some() {
        return;
    }
    let code = match f.d.domain {
        DomainState::NotFound => "dns.domain_not_found",
        DomainState::NullMx => "dns.null_mx",
        _ => return,
    };
    let text = words::domain_gone(&f.run.domain, code == "dns.null_mx", lang);
    let mut finding = Finding::new(code, Severity::Error, Actor::User, text).with(Params {
        name: Some(f.run.domain.clone()),
        ..Params::default()
    });
    let explained = resolve_failed(f, |e, _| f.under_domain(&e.host));
    out.explained.extend(explained);
    finding.endpoint = None;
    out.push(finding);
    out.root = Some(Root::DomainGone);
}

/// `net.unreachable` for everything: no route to any server's address. This computer is
/// offline (or its network blocks everything); nothing about the servers was learned.
fn offline(f: &Facts, out: &mut Out, lang: Lang) {
    if out.root.is_some() || f.outcome.is_empty() {
        return;
    }
    let all_unreachable = f.outcome.values().all(
        |o| matches!(o, Outcome::Fails(Step::Connect, x) if x.kind == FailureKind::Unreachable),
    );
    if !all_unreachable {
        return;
    }
    let eps: Vec<&Endpoint> = f.outcome.keys().copied().collect();
    let text = words::offline(eps.len(), lang);
    let finding = Finding::new(
        "net.unreachable",
        Severity::Error,
        Actor::ThisComputer,
        text,
    )
    .at(eps[0], eps.iter().map(|e| (*e).clone()));
    out.push(finding);
    out.root = Some(Root::Offline);
}

/// The protocol and security a standard port belongs to (RFC 8314, RFC 6409, IANA).
pub(super) fn standard_port(port: u16) -> Option<(Protocol, Security)> {
    Some(match port {
        993 => (Protocol::Imap, Security::Tls),
        143 => (Protocol::Imap, Security::Starttls),
        995 => (Protocol::Pop3, Security::Tls),
        110 => (Protocol::Pop3, Security::Starttls),
        465 => (Protocol::Smtp, Security::Tls),
        587 | 25 => (Protocol::Smtp, Security::Starttls),
        _ => return None,
    })
}

/// What is wrong with one typed endpoint, as facts.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct TypedIssues {
    /// The port belongs to this other protocol (and security).
    pub port_of: Option<(Protocol, Security)>,
    /// SMTP on port 25.
    pub port_25: bool,
    /// The host is known (from real sources) only as this other protocol's server.
    pub host_of: Option<Protocol>,
    /// Another protocol answered there.
    pub answered: Option<Protocol>,
    /// The security mode is wrong for the port (TLS on a STARTTLS port or the reverse).
    pub mode_mismatch: bool,
}

impl TypedIssues {
    fn any(&self) -> bool {
        self.port_of.is_some()
            || self.port_25
            || self.host_of.is_some()
            || self.answered.is_some()
            || self.mode_mismatch
    }

    /// The code of the one finding: the most telling fact first.
    pub(super) fn code(&self) -> &'static str {
        if self.host_of.is_some() {
            "check.wrong_host"
        } else if self.answered.is_some() {
            "check.wrong_protocol"
        } else if self.port_of.is_some() {
            "check.wrong_port"
        } else if self.mode_mismatch {
            "tls.mode_mismatch"
        } else {
            "check.port_25"
        }
    }
}

/// `check.*`: protocol, host, port and security mistakes in what the user typed, in one
/// finding per typed endpoint (the probe's protocol mismatch included), with the setting
/// to use instead.
fn typed_endpoints(f: &Facts, out: &mut Out, lang: Lang) {
    let typed: Vec<&Endpoint> =
        f.d.candidates
            .iter()
            .filter(|c| c.origins.iter().any(|o| o.source == SourceKind::User))
            .map(|c| &c.endpoint)
            .collect();
    for e in typed {
        let known = |p: Protocol| {
            f.d.candidates.iter().any(|k| {
                k.endpoint.host == e.host && k.endpoint.protocol == p && f.published(&k.endpoint)
            })
        };
        let failure = match f.outcome.get(e) {
            Some(Outcome::Fails(_, fail)) => Some(*fail),
            _ => None,
        };
        let issues = TypedIssues {
            port_of: standard_port(e.port).filter(|(p, _)| *p != e.protocol),
            port_25: e.protocol == Protocol::Smtp && e.port == 25,
            host_of: if known(e.protocol) {
                None
            } else {
                [Protocol::Imap, Protocol::Pop3, Protocol::Smtp]
                    .into_iter()
                    .find(|&q| q != e.protocol && known(q))
            },
            answered: match failure.map(|x| &x.kind) {
                Some(FailureKind::WrongProtocol { actual }) => *actual,
                _ => None,
            },
            mode_mismatch: matches!(
                failure.map(|x| &x.kind),
                Some(FailureKind::PlaintextOnTlsPort | FailureKind::TlsOnPlaintextPort)
            ),
        };
        if !issues.any() {
            continue;
        }
        // The setting to use instead: the best working published endpoint of the protocol,
        // else the best published one.
        let suggestion = f.alternative(e).or_else(|| {
            f.d.candidates
                .iter()
                .filter(|k| k.endpoint.protocol == e.protocol && f.published(&k.endpoint))
                .filter(|k| !f.bad_hosts.contains(k.endpoint.host.as_str()))
                .min_by_key(|k| k.rank)
                .map(|k| &k.endpoint)
        });
        let severity = if failure.is_some() {
            Severity::Error
        } else {
            Severity::Warning
        };
        let text = words::typed(e, &issues, suggestion, lang);
        let finding = Finding::new(issues.code(), severity, Actor::User, text)
            .at(e, [])
            .with(Params {
                host: Some(e.host.clone()),
                ports: vec![e.port],
                actual_protocol: issues.answered.or(issues.host_of),
                suggested_host: suggestion.map(|s| s.host.clone()),
                suggested_port: suggestion.map(|s| s.port),
                suggested_security: suggestion.map(|s| s.security),
                server_reply: failure
                    .filter(|_| issues.answered.is_some())
                    .map(|x| x.message.clone()),
                ..Params::default()
            });
        out.push(finding);
    }
}

/// `security.no_encryption` (host-wide): a host that answers but offers no encryption on
/// any port probed (STARTTLS not offered, the SSL/TLS ports closed). One finding: the
/// operator must enable TLS; no real password should be used there meanwhile.
fn no_tls_on_host(f: &Facts, out: &mut Out, lang: Lang) {
    let mut hosts: BTreeMap<&str, Vec<&Endpoint>> = BTreeMap::new();
    for e in f.outcome.keys() {
        hosts.entry(e.host.as_str()).or_default().push(e);
    }
    for (host, eps) in hosts {
        if eps.iter().any(|e| out.explained.contains(*e)) {
            continue;
        }
        let encrypted_works = eps.iter().any(|e| {
            e.security != Security::None && matches!(f.outcome.get(*e), Some(Outcome::Works))
        });
        let plain_only: Vec<&Endpoint> = eps
            .iter()
            .copied()
            .filter(|e| match f.outcome.get(*e) {
                Some(Outcome::Fails(_, fail)) => fail.kind == FailureKind::StarttlsNotOffered,
                Some(Outcome::Works) => e.security == Security::None,
                _ => false,
            })
            .collect();
        // One port tells nothing about the host: the per-endpoint rule explains it.
        if encrypted_works || plain_only.is_empty() || eps.len() < 2 {
            continue;
        }
        if plain_only.iter().all(|e| f.guessed_only(e)) {
            continue;
        }
        let mut ports: Vec<u16> = eps.iter().map(|e| e.port).collect();
        ports.sort_unstable();
        ports.dedup();
        // Every encrypted endpoint of the host must be closed (nothing listens, or a
        // firewall): a TLS port that fails for a TLS reason means TLS exists but is broken,
        // which the certificate and handshake rules explain.
        let encrypted: Vec<&Endpoint> = eps
            .iter()
            .copied()
            .filter(|e| e.security != Security::None && !plain_only.contains(e))
            .collect();
        let closed = |e: &Endpoint| {
            matches!(
                f.outcome.get(e),
                Some(Outcome::Fails(Step::Connect, x))
                    if matches!(x.kind, FailureKind::Refused | FailureKind::Timeout)
            )
        };
        if !encrypted.iter().all(|e| closed(e)) {
            continue;
        }
        let plain_ports: Vec<u16> = plain_only.iter().map(|e| e.port).collect();
        let closed_tls: Vec<u16> = encrypted.iter().map(|e| e.port).collect();
        let severity = if eps
            .iter()
            .all(|e| f.protocol_works(e.protocol, None) && !f.typed(e))
        {
            Severity::Warning
        } else {
            Severity::Error
        };
        let text = words::no_tls_on_host(host, &plain_ports, &closed_tls, lang);
        let first = plain_only[0];
        let finding = Finding::new("security.no_encryption", severity, Actor::ServerAdmin, text)
            .at(first, eps.iter().map(|e| (*e).clone()))
            .with(Params {
                host: Some(host.to_owned()),
                ports,
                ..Params::default()
            });
        out.push(finding);
    }
}

fn is_cert(kind: &FailureKind) -> bool {
    matches!(
        kind,
        FailureKind::CertExpired { .. }
            | FailureKind::ChainIncomplete { .. }
            | FailureKind::CertNotYetValid { .. }
            | FailureKind::CertNameMismatch { .. }
            | FailureKind::CertSelfSigned
            | FailureKind::CertUntrusted
            | FailureKind::CertInvalid
    )
}

/// The certificate failure as it really is: a leaf sent alone whose issuer is not
/// self-issued and not trusted is a missing intermediate (`tls.chain_incomplete`, naming
/// the missing issuer), not an unknown authority.
pub(super) fn refine_cert(f: &Facts, e: &Endpoint, fail: &Failure) -> FailureKind {
    if fail.kind == FailureKind::CertUntrusted
        && f.chain_len(e) == 1
        && let Some(leaf) = f.leaf(e)
        && !leaf.self_signed
        && leaf.issuer != leaf.subject
    {
        return FailureKind::ChainIncomplete {
            missing_issuer: leaf.issuer.clone(),
        };
    }
    fail.kind.clone()
}

/// `tls.*` certificate findings: one per certificate (same leaf on several hosts and ports
/// is one finding), naming every endpoint it breaks.
fn certificates(f: &Facts, out: &mut Out, lang: Lang) {
    type Key = (String, String, String, &'static str);
    let mut groups: BTreeMap<Key, Vec<(&Endpoint, &Failure, FailureKind)>> = BTreeMap::new();
    for (e, _, fail) in f.failing() {
        if !is_cert(&fail.kind) || out.explained.contains(e) {
            continue;
        }
        let kind = refine_cert(f, e, fail);
        let code = text::code(&kind, Step::TlsHandshake);
        let key = match f.leaf(e) {
            Some(l) => (
                l.subject.clone(),
                l.issuer.clone(),
                l.not_after.clone(),
                code,
            ),
            None => (e.host.clone(), String::new(), String::new(), code),
        };
        groups.entry(key).or_default().push((e, fail, kind));
    }
    for ((_, _, _, code), items) in groups {
        let eps: Vec<&Endpoint> = items.iter().map(|(e, _, _)| *e).collect();
        let (first, fail, kind) = &items[0];
        let refined = Failure {
            kind: kind.clone(),
            message: fail.message.clone(),
        };
        let alt = eps.iter().find_map(|e| f.alternative(e));
        let severity = failure_severity(f, &eps);
        let hosts = hosts_ports(&eps, lang);
        let text = text::explain_cert(&first.host, &hosts, &refined, alt, lang);
        let leaf = f.leaf(first);
        let actor = if matches!(kind, FailureKind::CertNotYetValid { .. }) {
            Actor::ThisComputer
        } else {
            Actor::ServerAdmin
        };
        let mut ports: Vec<u16> = eps.iter().map(|e| e.port).collect();
        ports.sort_unstable();
        ports.dedup();
        let finding = Finding::new(code, severity, actor, text)
            .at(first, eps.iter().map(|e| (*e).clone()))
            .with(Params {
                host: Some(first.host.clone()),
                ports,
                cert_names: match kind {
                    FailureKind::CertNameMismatch { presented } => presented.clone(),
                    _ => leaf.map(|l| l.dns_names.clone()).unwrap_or_default(),
                },
                cert_subject: leaf.map(|l| l.subject.clone()),
                cert_issuer: match kind {
                    FailureKind::ChainIncomplete { missing_issuer } => Some(missing_issuer.clone()),
                    _ => leaf.map(|l| l.issuer.clone()),
                },
                not_before: leaf.map(|l| l.not_before.clone()),
                not_after: leaf.map(|l| l.not_after.clone()),
                days_left: leaf.map(|l| l.days_left),
                suggested_host: alt.map(|a| a.host.clone()),
                suggested_port: alt.map(|a| a.port),
                ..Params::default()
            });
        out.push(finding);
    }
}

/// "host (ports 993, 995), other (port 465)" for a list of endpoints.
fn hosts_ports(eps: &[&Endpoint], lang: Lang) -> String {
    let mut by: BTreeMap<&str, Vec<u16>> = BTreeMap::new();
    for e in eps {
        let v = by.entry(e.host.as_str()).or_default();
        if !v.contains(&e.port) {
            v.push(e.port);
        }
    }
    let parts: Vec<String> = by
        .into_iter()
        .map(|(h, mut ports)| {
            ports.sort_unstable();
            text::with_note(h, &lang.port_phrase(&ports), lang)
        })
        .collect();
    text::list(&parts, lang)
}

/// The domain's own records that named these endpoints (SRV names, autoconfig and
/// Autodiscover URLs), each once, in order.
fn records_of(f: &Facts, eps: &[&Endpoint]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for e in eps {
        let Some(c) = f.candidate(e) else { continue };
        for o in &c.origins {
            let r = match o.source {
                SourceKind::Srv => format!("{} SRV", o.detail),
                SourceKind::Autoconfig | SourceKind::AutoconfigHttp | SourceKind::Autodiscover => {
                    o.detail.clone()
                }
                _ => continue,
            };
            if !out.contains(&r) {
                out.push(r);
            }
        }
    }
    out
}

/// `dns.host_not_found` / `dns.no_address` / `dns.lookup_failed` per host name: a typo
/// in what the user typed (with the closest real name), or the domain's own record
/// pointing at a missing host (aimed at the domain's administrator, naming the record).
fn host_names(f: &Facts, out: &mut Out, lang: Lang) {
    let mut groups: BTreeMap<(&str, &'static str), Vec<(&Endpoint, &Failure)>> = BTreeMap::new();
    for (e, step, fail) in f.failing() {
        if step != Step::Resolve || out.explained.contains(e) {
            continue;
        }
        if f.guessed_only(e) && !f.typed(e) {
            continue; // an expected miss of a guess
        }
        groups
            .entry((e.host.as_str(), text::code(&fail.kind, step)))
            .or_default()
            .push((e, fail));
    }
    for ((host, code), items) in groups {
        let eps: Vec<&Endpoint> = items.iter().map(|(e, _)| *e).collect();
        let (first, fail) = items[0];
        let typed = eps.iter().any(|e| f.typed(e));
        let severity = failure_severity(f, &eps);
        let alt = eps.iter().find_map(|e| f.alternative(e));
        let lookup_failed = matches!(fail.kind, FailureKind::DnsFailed | FailureKind::DnsTimeout);
        let records = if typed {
            Vec::new()
        } else {
            records_of(f, &eps)
        };
        let record = (!records.is_empty()).then(|| records.join(", "));
        let from_provider = !typed
            && eps.iter().all(|e| {
                f.candidate(e).is_some_and(|c| {
                    c.origins
                        .iter()
                        .all(|o| matches!(o.source, SourceKind::Provider | SourceKind::Mx))
                })
            });
        let actor = if lookup_failed {
            Actor::ThisComputer
        } else if typed {
            Actor::User
        } else if from_provider {
            Actor::Provider
        } else {
            Actor::DomainAdmin
        };
        let suggestion = if typed {
            alt.or_else(|| known_host(f, first))
        } else {
            alt
        };
        let mut ports: Vec<u16> = eps.iter().map(|e| e.port).collect();
        ports.sort_unstable();
        ports.dedup();
        let text = match (&record, typed, lookup_failed) {
            (Some(r), false, false) => words::record_points_nowhere(host, r, &fail.kind, alt, lang),
            _ => text::explain_host(first, &ports, Step::Resolve, fail, suggestion, lang),
        };
        let finding = Finding::new(code, severity, actor, text)
            .at(first, eps.iter().map(|e| (*e).clone()))
            .with(Params {
                host: Some(host.to_owned()),
                ports,
                record,
                resolver: if lookup_failed {
                    f.run.resolver.clone()
                } else {
                    Vec::new()
                },
                suggested_host: suggestion.map(|s| s.host.clone()),
                suggested_port: suggestion.map(|s| s.port),
                detail: lookup_failed.then(|| fail.message.clone()),
                ..Params::default()
            });
        out.push(finding);
    }
}

/// The candidate of the same protocol on another host from a real source whose name
/// resolves, closest in spelling to the typed name (edit distance), then best ranked:
/// `pop3.example.com` → `pop.example.com`.
fn known_host<'a>(f: &Facts<'a>, e: &Endpoint) -> Option<&'a Endpoint> {
    f.d.candidates
        .iter()
        .filter(|c| c.endpoint.protocol == e.protocol && c.endpoint.host != e.host)
        .filter(|c| f.published(&c.endpoint))
        .filter(|c| !f.bad_hosts.contains(c.endpoint.host.as_str()))
        .min_by_key(|c| (strsim::levenshtein(&c.endpoint.host, &e.host), c.rank))
        .map(|c| &c.endpoint)
}

/// Connection failures that a whole host shares: several ports of one host failing the
/// same way are one finding (`net.refused` on every mail port: the service is stopped or
/// this is not the mail server; `net.timeout` everywhere: a firewall; `net.no_greeting`
/// everywhere: the mail software hangs).
fn host_ports(f: &Facts, out: &mut Out, lang: Lang) {
    let mut groups: BTreeMap<(&str, &'static str), Vec<&Endpoint>> = BTreeMap::new();
    for (e, step, fail) in f.failing() {
        if out.explained.contains(e) || f.typed(e) {
            continue;
        }
        let code = text::code(&fail.kind, step);
        if !matches!(
            code,
            "net.refused" | "net.timeout" | "net.no_greeting" | "net.no_reply" | "net.closed"
        ) {
            continue;
        }
        groups.entry((e.host.as_str(), code)).or_default().push(e);
    }
    for ((host, code), eps) in groups {
        if eps.len() < 2 || eps.iter().all(|e| f.guessed_only(e)) {
            continue;
        }
        let host_works = f
            .outcome
            .iter()
            .any(|(e, o)| e.host == host && matches!(o, Outcome::Works));
        let every_port =
            !host_works && f.outcome.keys().filter(|e| e.host == host).count() == eps.len();
        let mut ports: Vec<u16> = eps.iter().map(|e| e.port).collect();
        ports.sort_unstable();
        ports.dedup();
        let alt = eps.iter().find_map(|e| f.alternative(e));
        let severity = failure_severity(f, &eps);
        let addresses: Vec<String> = eps
            .iter()
            .filter_map(|e| f.by_endpoint.get(e))
            .flatten()
            .filter_map(|r| r.addr.map(|a| a.ip().to_string()))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let text = words::host_ports(host, &addresses, &ports, code, every_port, alt, lang);
        let actor = if code == "net.timeout" {
            Actor::Network
        } else {
            Actor::ServerAdmin
        };
        let finding = Finding::new(code, severity, actor, text)
            .at(eps[0], eps.iter().map(|e| (*e).clone()))
            .with(Params {
                host: Some(host.to_owned()),
                ports,
                addresses,
                suggested_host: alt.map(|a| a.host.clone()),
                suggested_port: alt.map(|a| a.port),
                suggested_security: alt.map(|a| a.security),
                ..Params::default()
            });
        out.push(finding);
    }
}

fn actor_for(kind: &FailureKind, typed: bool) -> Actor {
    match kind {
        FailureKind::Timeout | FailureKind::Unreachable => Actor::Network,
        FailureKind::WrongProtocol { .. }
        | FailureKind::PlaintextOnTlsPort
        | FailureKind::TlsOnPlaintextPort
        | FailureKind::Refused
            if typed =>
        {
            Actor::User
        }
        FailureKind::WrongProtocol { .. }
        | FailureKind::PlaintextOnTlsPort
        | FailureKind::TlsOnPlaintextPort => Actor::DomainAdmin,
        _ => Actor::ServerAdmin,
    }
}

/// Every other failing endpoint, one finding each (expected misses of guesses are not
/// findings).
fn endpoint_failures(f: &Facts, out: &mut Out, lang: Lang) {
    let items: Vec<(&Endpoint, Step, &Failure)> = f
        .failing()
        .filter(|(e, _, _)| !out.explained.contains(*e))
        .collect();
    for (e, step, fail) in items {
        let typed = f.typed(e);
        let before_server_spoke = matches!(step, Step::Resolve | Step::Connect);
        if f.guessed_only(e) && before_server_spoke && !typed {
            continue;
        }
        let code = text::code(&fail.kind, step);
        let alt = f.alternative(e);
        let severity = failure_severity(f, &[e]);
        let text = text::explain(e, step, fail, alt, lang);
        let reply = matches!(
            fail.kind,
            FailureKind::ProtocolError
                | FailureKind::StarttlsRejected
                | FailureKind::WrongProtocol { .. }
                | FailureKind::HandshakeFailed
        )
        .then(|| fail.message.clone());
        let finding = Finding::new(code, severity, actor_for(&fail.kind, typed), text)
            .at(e, [])
            .with(Params {
                host: Some(e.host.clone()),
                ports: vec![e.port],
                server_reply: reply,
                actual_protocol: match &fail.kind {
                    FailureKind::WrongProtocol { actual } => *actual,
                    _ => None,
                },
                suggested_host: alt.map(|a| a.host.clone()),
                suggested_port: alt.map(|a| a.port),
                suggested_security: alt.map(|a| a.security),
                ..Params::default()
            });
        out.push(finding);
    }
}

/// The account: one finding per cause across protocols. A refusal on one protocol while
/// the same user name and password logged in on another is that protocol being switched
/// off for the account, not a wrong password.
fn logins(f: &Facts, out: &mut Out, lang: Lang) {
    let ok: Vec<Protocol> = f
        .logins
        .iter()
        .filter(|(_, l)| l.info.is_some_and(|i| i.ok))
        .map(|(p, _)| *p)
        .collect();
    // (code, kind) → failed logins.
    let mut groups: BTreeMap<&'static str, Vec<(&Endpoint, &Failure, String)>> = BTreeMap::new();
    for (p, l) in &f.logins {
        let Some(fail) = l.failure else {
            if let Some(i) = l.info
                && i.ok
                && i.username != i.settings_username
            {
                let text =
                    text::username_format(l.endpoint, &i.settings_username, &i.username, lang);
                out.push(
                    Finding::new("auth.username_format", Severity::Warning, Actor::User, text)
                        .at(l.endpoint, [])
                        .with(Params {
                            username: Some(i.username.clone()),
                            ..Params::default()
                        }),
                );
            }
            continue;
        };
        let user = l.info.map_or_else(String::new, |i| i.username.clone());
        let same_password_worked = ok.iter().any(|q| q != p);
        let code = match &fail.kind {
            FailureKind::AuthFailed
            | FailureKind::AuthRejected
            | FailureKind::AuthProtocolDisabled
                if same_password_worked =>
            {
                "auth.protocol_disabled"
            }
            k => text::login_code(k),
        };
        groups
            .entry(code)
            .or_default()
            .push((l.endpoint, fail, user));
    }
    for (code, items) in groups {
        let eps: Vec<&Endpoint> = items.iter().map(|(e, _, _)| *e).collect();
        let (first, fail, user) = &items[0];
        // The account fails for a direction when no protocol of that direction logged in.
        let direction_ok = |e: &Endpoint| {
            ok.iter()
                .any(|q| q.is_incoming() == e.protocol.is_incoming())
        };
        let severity = if eps.iter().all(|e| direction_ok(e)) {
            Severity::Warning
        } else {
            Severity::Error
        };
        let protocols: Vec<Protocol> = eps.iter().map(|e| e.protocol).collect();
        let text = if code == "auth.protocol_disabled" && !ok.is_empty() {
            words::protocol_off(&protocols, &ok, &fail.message, lang)
        } else {
            let mut t = text::explain_login(first, fail, user, lang);
            // A generic refusal at a known provider: the provider's usual cause first.
            if let Some(pm) = &f.d.provider
                && let Some(likely) = crate::probe::auth::likely(&pm.id, first.protocol, &fail.kind)
            {
                let name = match (lang, &pm.name_zh) {
                    (Lang::ZhCn | Lang::ZhTw, Some(zh)) => zh.as_str(),
                    _ => pm.name.as_str(),
                };
                t = text::likely_login(first, fail, &likely, name, user, t, lang);
            }
            if eps.len() > 1 {
                let others: Vec<(Protocol, &str)> = items
                    .iter()
                    .skip(1)
                    .filter(|(_, x, _)| x.message != fail.message)
                    .map(|(e, x, _)| (e.protocol, x.message.as_str()))
                    .collect();
                t.0 = words::on_protocols(&protocols, &t.0, &others, lang);
            }
            t
        };
        // Nothing about the case changes who acts on an account's login: the same answer as
        // the help page and `maildoctor explain`.
        let actor = super::codes::usual_actor(code);
        let finding = Finding::new(code, severity, actor, text)
            .at(first, eps.iter().map(|e| (*e).clone()))
            .with(Params {
                server_reply: Some(fail.message.clone()),
                username: (!user.is_empty()).then(|| user.clone()),
                mechanisms: match &fail.kind {
                    FailureKind::AuthNoMechanism { offered } => offered.clone(),
                    _ => Vec::new(),
                },
                suggested_protocol: if code == "auth.protocol_disabled" {
                    ok.iter()
                        .find(|q| {
                            eps.iter()
                                .any(|e| e.protocol.is_incoming() == q.is_incoming())
                        })
                        .copied()
                } else {
                    None
                },
                ..Params::default()
            });
        out.push(finding);
    }
}

/// `auth.login_withheld`: a password was given but not sent where the settings point
/// (a host only guessed or outside the address's domain, plaintext, port 25): the account
/// was not tested there, and the report says why and which flag would allow it.
fn login_withheld(f: &Facts, out: &mut Out, lang: Lang) {
    if !f.run.password_given {
        return;
    }
    let items: Vec<(&Endpoint, &str)> = f
        .withheld
        .iter()
        .filter(|(p, _)| !f.logins.contains_key(*p))
        .map(|(_, (e, why))| (*e, *why))
        .collect();
    if items.is_empty() {
        return;
    }
    let eps: Vec<&Endpoint> = items.iter().map(|(e, _)| *e).collect();
    let needs_flag = items
        .iter()
        .any(|(_, why)| why.contains("--allow-untrusted-host"));
    let reasons: Vec<words::Withheld> = items
        .iter()
        .map(|(e, why)| words::Withheld::classify(e, why))
        .collect();
    let text = words::login_withheld(&eps, &reasons, &f.run.domain, lang);
    let finding = Finding::new("auth.login_withheld", Severity::Warning, Actor::User, text)
        .at(eps[0], eps.iter().map(|e| (*e).clone()))
        .with(Params {
            flag: needs_flag.then(|| "--allow-untrusted-host".to_owned()),
            detail: Some(reasons[0].as_str().to_owned()),
            ..Params::default()
        });
    out.push(finding);
}

/// Warnings about servers that work: an address of the host that fails, a certificate
/// about to expire, obsolete TLS, a plaintext-only setting from a source.
fn server_warnings(f: &Facts, out: &mut Out, lang: Lang) {
    let mut soon: BTreeMap<(String, String), (Vec<&Endpoint>, i64)> = BTreeMap::new();
    for (e, results) in &f.by_endpoint {
        let works = results.iter().any(|r| r.connection_ok());
        if works {
            let failing: Vec<(std::net::SocketAddr, Step, &Failure)> = results
                .iter()
                .filter_map(|r| {
                    let (step, fail) = r.connection_failure()?;
                    (!fail.kind.is_local()).then_some((r.addr?, step, fail))
                })
                .collect();
            if let Some(&(_, step, fail)) = failing.first() {
                let good: Vec<String> = results
                    .iter()
                    .filter(|r| r.connection_ok())
                    .filter_map(|r| r.addr.map(|a| a.ip().to_string()))
                    .collect();
                let bad: Vec<String> = failing.iter().map(|(a, _, _)| a.ip().to_string()).collect();
                let text = text::some_addresses_fail(e, &bad, &good, step, fail, lang);
                out.push(
                    Finding::new(
                        "net.some_addresses_fail",
                        Severity::Warning,
                        Actor::ServerAdmin,
                        text,
                    )
                    .at(e, [])
                    .with(Params {
                        host: Some(e.host.clone()),
                        ports: vec![e.port],
                        addresses: bad,
                        working_addresses: good,
                        ..Params::default()
                    }),
                );
            }
        }
        for r in results.iter().filter(|r| r.connection_ok()) {
            let Some(tls) = &r.tls else { continue };
            if let Some(leaf) = tls.chain.first()
                && tls.verified
                && leaf.days_left < 14
            {
                let entry = soon
                    .entry((leaf.subject.clone(), leaf.not_after.clone()))
                    .or_insert((Vec::new(), leaf.days_left));
                if !entry.0.contains(e) {
                    entry.0.push(e);
                }
            }
            if matches!(tls.version.as_str(), "TLSv1.0" | "TLSv1.1" | "SSLv3") {
                let text = text::old_tls_version(e, &tls.version, lang);
                out.push(
                    Finding::new(
                        "tls.old_version",
                        Severity::Warning,
                        Actor::ServerAdmin,
                        text,
                    )
                    .at(e, [])
                    .with(Params {
                        tls_version: Some(tls.version.clone()),
                        ..Params::default()
                    }),
                );
                break;
            }
        }
        if e.security == Security::None && works && !out.explained.contains(*e) {
            let encrypted = f
                .working()
                .any(|w| w.protocol == e.protocol && w.security != Security::None);
            let text = text::no_encryption(e, encrypted, lang);
            let severity = if encrypted && !f.typed(e) {
                Severity::Warning
            } else {
                Severity::Error
            };
            out.push(
                Finding::new("security.no_encryption", severity, Actor::ServerAdmin, text)
                    .at(e, []),
            );
        }
    }
    for ((_, not_after), (eps, days)) in soon {
        let hosts = hosts_ports(&eps, lang);
        let text = text::expires_soon(&hosts, days, &not_after, lang);
        let leaf = f.leaf(eps[0]);
        out.push(
            Finding::new(
                "tls.expires_soon",
                Severity::Warning,
                Actor::ServerAdmin,
                text,
            )
            .at(eps[0], eps.iter().map(|e| (*e).clone()))
            .with(Params {
                not_after: Some(not_after.clone()),
                days_left: Some(days),
                cert_names: leaf.map(|l| l.dns_names.clone()).unwrap_or_default(),
                ..Params::default()
            }),
        );
    }
}

// --- Providers without IMAP (provider database hint `no_imap`) ---

/// `settings.no_imap`: the provider database says the address's provider offers no IMAP
/// for mail programs (Tuta, HEY, I.UA) and no IMAP server answered. One finding, so the
/// report does not send people hunting for an IMAP server: an error when nothing incoming
/// works, a warning under `--offline` (nothing checked), information when POP3 works.
fn no_imap(f: &Facts, out: &mut Out, lang: Lang) {
    let Some(p) = f.d.provider.as_ref() else {
        return;
    };
    if !p.hints.iter().any(|h| h.code == "no_imap")
        || out.root == Some(Root::DomainGone)
        || f.working().any(|e| e.protocol == Protocol::Imap)
    {
        return;
    }
    let pop3_works = f.direction_works(true);
    let severity = if pop3_works {
        Severity::Info
    } else if f.run.offline {
        Severity::Warning
    } else {
        Severity::Error
    };
    let name = match lang {
        Lang::ZhCn | Lang::ZhTw => p.name_zh.as_deref().unwrap_or(&p.name),
        Lang::En => &p.name,
    };
    out.push(
        Finding::new(
            "settings.no_imap",
            severity,
            Actor::Provider,
            words::no_imap(name, pop3_works, lang),
        )
        .with(Params {
            detail: Some(p.id.clone()),
            ..Params::default()
        }),
    );
}

/// Whether a `settings.no_imap` finding already explains why nothing works for a direction:
/// always for incoming; for outgoing when the provider database lists no SMTP server either.
pub(super) fn no_imap_explains(
    d: &crate::discover::Discovery,
    findings: &[Finding],
    incoming: bool,
) -> bool {
    findings.iter().any(|x| x.code == "settings.no_imap")
        && (incoming
            || !d.candidates.iter().any(|c| {
                c.endpoint.protocol == Protocol::Smtp
                    && c.origins.iter().any(|o| o.source == SourceKind::Provider)
            }))
}
