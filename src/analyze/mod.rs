//! Diagnosis: discovery + probe observations → the settings to type and findings, each with
//! a stable code, a severity, one plain cause and one fix. Pure: no I/O, fully unit-tested.
//!
//! Rules of thumb:
//! - one finding per root cause: a missing domain is one finding, not twenty refused
//!   probes; a bad certificate is one finding per host naming every port;
//! - a failure is an error when the user typed that endpoint or when nothing else works
//!   for the same protocol; otherwise it is information about an alternative;
//! - guessed endpoints that do not exist or do not answer are expected misses, not findings.

mod sources;
mod text;
mod typed;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::discover::{Discovery, DomainState};
use crate::i18n::Lang;
use crate::model::{
    Candidate, Endpoint, Failure, FailureKind, Finding, ProbeResult, Protocol, Security, Severity,
    SourceKind, Step,
};

/// One setting to type into a mail client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Setting {
    /// Protocol.
    pub protocol: Protocol,
    /// Server host name.
    pub host: String,
    /// Port.
    pub port: u16,
    /// Security mode.
    pub security: Security,
    /// User name.
    pub username: String,
    /// True when a probe connected and completed the TLS/STARTTLS chain.
    pub verified: bool,
    /// Which sources proposed it.
    pub sources: Vec<SourceKind>,
    /// Whether logging in with the given password worked here (only when one was tried).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub login_ok: Option<bool>,
}

/// Incoming and outgoing settings, best first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Settings {
    /// IMAP/POP3.
    pub incoming: Vec<Setting>,
    /// SMTP submission.
    pub outgoing: Vec<Setting>,
}

/// Overall verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Everything needed works.
    Ok,
    /// Works, with warnings.
    Warning,
    /// Something does not work.
    Error,
}

/// The diagnosis.
#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    /// Settings to type.
    pub settings: Settings,
    /// Findings, most severe first.
    pub findings: Vec<Finding>,
    /// Overall verdict.
    pub status: Status,
}

/// Adjusts an analysis of an interrupted run (Ctrl-C): one `run.interrupted` warning
/// first, and no "nothing works" findings that would blame the servers for checks that
/// simply did not finish. Unfinished probes themselves never become findings.
pub fn mark_interrupted(analysis: &mut Analysis, lang: Lang) {
    analysis
        .findings
        .retain(|f| !matches!(f.code, "settings.no_incoming" | "settings.no_outgoing"));
    let (cause, fix) = text::interrupted(lang);
    analysis.findings.insert(
        0,
        Finding {
            code: "run.interrupted",
            severity: Severity::Warning,
            endpoint: None,
            cause,
            fix,
        },
    );
    if analysis.status == Status::Ok {
        analysis.status = Status::Warning;
    }
}

/// Runs every rule, with causes and fixes in English (see [`analyze_in`]).
pub fn analyze(discovery: &Discovery, probes: &[ProbeResult]) -> Analysis {
    analyze_in(discovery, probes, Lang::En)
}

/// Runs every rule, writing causes and fixes in `lang`. Codes, severities and the order of
/// findings do not depend on the language.
pub fn analyze_in(discovery: &Discovery, probes: &[ProbeResult], lang: Lang) -> Analysis {
    let by_endpoint = group(probes);
    let working: Vec<&Endpoint> = by_endpoint
        .iter()
        .filter(|(_, rs)| rs.iter().any(|r| r.connection_ok()))
        .map(|(e, _)| *e)
        .collect();
    let bad_hosts = unresolvable_hosts(probes);
    let settings = settings(discovery, &by_endpoint, &bad_hosts);
    let mut findings = Vec::new();

    domain_rules(discovery, &mut findings, lang);
    typed::rules(discovery, &mut findings, lang);
    sources::rules(discovery, &settings, &mut findings, lang);
    let domain_gone = matches!(
        discovery.domain,
        DomainState::NotFound | DomainState::NullMx
    );
    let mut host_failures: BTreeMap<(&'static str, String), Vec<(&Endpoint, &Failure)>> =
        BTreeMap::new();

    for (endpoint, results) in &by_endpoint {
        if results.iter().any(|r| r.connection_ok()) {
            // Works on some of the host's addresses but not on others (often IPv6 vs IPv4):
            // clients that pick the failing address fail, so say which and why.
            let failing: Vec<(std::net::SocketAddr, Step, &Failure)> = results
                .iter()
                .filter_map(|r| {
                    let (step, f) = r.connection_failure()?;
                    (f.kind != FailureKind::Interrupted).then_some((r.addr?, step, f))
                })
                .collect();
            if let Some(&(_, step, f)) = failing.first() {
                let good: Vec<String> = results
                    .iter()
                    .filter(|r| r.connection_ok())
                    .filter_map(|r| r.addr.map(|a| a.ip().to_string()))
                    .collect();
                let bad: Vec<String> = failing.iter().map(|(a, _, _)| a.ip().to_string()).collect();
                let (cause, fix) = text::some_addresses_fail(endpoint, &bad, &good, step, f, lang);
                findings.push(Finding {
                    code: "net.some_addresses_fail",
                    severity: Severity::Warning,
                    endpoint: Some((*endpoint).clone()),
                    cause,
                    fix,
                });
            }
            continue;
        }
        let Some((step, failure)) = results.iter().find_map(|r| r.connection_failure()) else {
            continue;
        };
        if failure.kind == FailureKind::Interrupted {
            continue; // not the server's fault; the run says it was interrupted
        }
        let candidate = discovery.candidate(endpoint);
        let user_typed = is_user(candidate);
        let guessed_only =
            candidate.is_none_or(|c| c.origins.iter().all(|o| o.source == SourceKind::Guess));
        let before_server_spoke = matches!(step, Step::Resolve | Step::Connect);
        if guessed_only && before_server_spoke && !user_typed {
            continue; // an expected miss of a guess
        }
        if domain_gone
            && step == Step::Resolve
            && under(&endpoint.host, &discovery_domain(discovery))
        {
            continue; // covered by dns.domain_not_found / dns.null_mx
        }
        let code = text::code(&failure.kind, step);
        // DNS and certificate problems are per host: group them.
        if matches!(step, Step::Resolve) || code.starts_with("tls.") && is_cert(&failure.kind) {
            host_failures
                .entry((code, endpoint.host.clone()))
                .or_default()
                .push((endpoint, failure));
            continue;
        }
        let alt = alternative(endpoint, &working, discovery);
        let severity = severity(user_typed, alt.is_some(), &failure.kind);
        let (cause, fix) = text::explain(endpoint, step, failure, alt, lang);
        findings.push(Finding {
            code,
            severity,
            endpoint: Some((*endpoint).clone()),
            cause,
            fix,
        });
    }

    // Directions (incoming = true) that a grouped error finding already explains.
    let mut explained: BTreeSet<bool> = BTreeSet::new();
    for ((code, _host), items) in host_failures {
        let (first, failure) = items[0];
        let ports: Vec<u16> = items.iter().map(|(e, _)| e.port).collect();
        let user_typed = items.iter().any(|(e, _)| is_user(discovery.candidate(e)));
        let alt = items
            .iter()
            .find_map(|(e, _)| alternative(e, &working, discovery));
        let severity = severity(user_typed, alt.is_some(), &failure.kind);
        let step = if code.starts_with("dns.") {
            Step::Resolve
        } else {
            Step::TlsHandshake
        };
        // For a name that does not resolve, point at the name the real sources give, even
        // when that server has problems of its own (they are separate findings).
        let suggestion = match step {
            Step::Resolve => alt.or_else(|| known_host(first, discovery, &bad_hosts)),
            _ => alt,
        };
        let (cause, fix) = text::explain_host(first, &ports, step, failure, suggestion, lang);
        if severity == Severity::Error {
            // One finding names every port of the host: it explains each of their directions.
            explained.extend(items.iter().map(|(e, _)| e.protocol.is_incoming()));
        }
        findings.push(Finding {
            code,
            severity,
            endpoint: Some(first.clone()),
            cause,
            fix,
        });
    }

    probe_rules(discovery, &by_endpoint, &working, &mut findings, lang);

    for n in &discovery.not_offered {
        findings.push(Finding {
            code: "srv.not_offered",
            severity: Severity::Info,
            endpoint: None,
            cause: text::not_offered_cause(n, lang),
            fix: text::not_offered_fix(n, lang),
        });
    }

    if !domain_gone {
        for incoming in [true, false] {
            let list = if incoming {
                &settings.incoming
            } else {
                &settings.outgoing
            };
            let has_error = findings.iter().any(|f| {
                f.severity == Severity::Error
                    && f.endpoint
                        .as_ref()
                        .is_some_and(|e| e.protocol.is_incoming() == incoming)
            });
            if !list.iter().any(|s| s.verified) && !has_error && !explained.contains(&incoming) {
                let tried = by_endpoint
                    .keys()
                    .filter(|e| e.protocol.is_incoming() == incoming)
                    .count();
                let (code, cause, fix) = text::nothing_works(incoming, tried, lang);
                findings.push(Finding {
                    code,
                    severity: Severity::Error,
                    endpoint: None,
                    cause,
                    fix,
                });
            }
        }
    }

    findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.endpoint.cmp(&b.endpoint))
            .then_with(|| a.code.cmp(b.code))
    });
    let status = match findings.iter().map(|f| f.severity).max() {
        Some(Severity::Error) => Status::Error,
        Some(Severity::Warning) => Status::Warning,
        _ => Status::Ok,
    };
    Analysis {
        settings,
        findings,
        status,
    }
}

/// Findings from working connections and logins: login verdicts, the user name format,
/// certificates about to expire, obsolete TLS, plaintext-only endpoints.
fn probe_rules(
    discovery: &Discovery,
    by_endpoint: &BTreeMap<&Endpoint, Vec<&ProbeResult>>,
    working: &[&Endpoint],
    findings: &mut Vec<Finding>,
    lang: Lang,
) {
    // Certificates expiring within 14 days: one warning per host and certificate end date.
    let mut soon: BTreeMap<(String, String), (Vec<u16>, i64, &Endpoint)> = BTreeMap::new();
    for (endpoint, results) in by_endpoint {
        for r in results {
            if let Some((_, f)) = r.login_failure() {
                let user = r
                    .login
                    .as_ref()
                    .map_or_else(String::new, |l| l.username.clone());
                let (cause, fix) = text::explain_login(endpoint, f, &user, lang);
                findings.push(Finding {
                    code: text::login_code(&f.kind),
                    severity: Severity::Error,
                    endpoint: Some((*endpoint).clone()),
                    cause,
                    fix,
                });
            }
            if let Some(l) = &r.login
                && l.ok
                && l.username != l.settings_username
            {
                let (cause, fix) =
                    text::username_format(endpoint, &l.settings_username, &l.username, lang);
                findings.push(Finding {
                    code: "auth.username_format",
                    severity: Severity::Warning,
                    endpoint: Some((*endpoint).clone()),
                    cause,
                    fix,
                });
            }
            if !r.connection_ok() {
                continue;
            }
            if let Some(tls) = &r.tls {
                if let Some(leaf) = tls.chain.first()
                    && tls.verified
                    && leaf.days_left < 14
                {
                    let e = soon
                        .entry((endpoint.host.clone(), leaf.not_after.clone()))
                        .or_insert((Vec::new(), leaf.days_left, endpoint));
                    if !e.0.contains(&endpoint.port) {
                        e.0.push(endpoint.port);
                    }
                }
                if matches!(tls.version.as_str(), "TLSv1.0" | "TLSv1.1" | "SSLv3") {
                    let (cause, fix) = text::old_tls_version(endpoint, &tls.version, lang);
                    findings.push(Finding {
                        code: "tls.old_version",
                        severity: Severity::Warning,
                        endpoint: Some((*endpoint).clone()),
                        cause,
                        fix,
                    });
                }
            }
        }
        if endpoint.security == Security::None && results.iter().any(|r| r.connection_ok()) {
            let encrypted = working
                .iter()
                .any(|w| w.protocol == endpoint.protocol && w.security != Security::None);
            let user_typed = is_user(discovery.candidate(endpoint));
            let (cause, fix) = text::no_encryption(endpoint, encrypted, lang);
            findings.push(Finding {
                code: "security.no_encryption",
                severity: if encrypted && !user_typed {
                    Severity::Warning
                } else {
                    Severity::Error
                },
                endpoint: Some((*endpoint).clone()),
                cause,
                fix,
            });
        }
    }
    for ((host, not_after), (ports, days, endpoint)) in soon {
        let (cause, fix) = text::expires_soon(&host, &ports, days, &not_after, lang);
        findings.push(Finding {
            code: "tls.expires_soon",
            severity: Severity::Warning,
            endpoint: Some(endpoint.clone()),
            cause,
            fix,
        });
    }
}

fn discovery_domain(d: &Discovery) -> String {
    // The provider-database source's target is the address's domain.
    d.sources
        .iter()
        .find(|s| s.source == SourceKind::Provider)
        .map(|s| s.target.clone())
        .unwrap_or_default()
}

fn under(host: &str, domain: &str) -> bool {
    !domain.is_empty() && (host == domain || host.ends_with(&format!(".{domain}")))
}

fn is_user(c: Option<&Candidate>) -> bool {
    c.is_some_and(|c| c.origins.iter().any(|o| o.source == SourceKind::User))
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

fn severity(user_typed: bool, has_alternative: bool, _kind: &FailureKind) -> Severity {
    if user_typed || !has_alternative {
        Severity::Error
    } else {
        Severity::Info
    }
}

/// The best working endpoint of the same protocol, to suggest instead.
fn alternative<'a>(
    endpoint: &Endpoint,
    working: &[&'a Endpoint],
    discovery: &Discovery,
) -> Option<&'a Endpoint> {
    working
        .iter()
        .filter(|w| w.protocol == endpoint.protocol && **w != endpoint)
        .min_by_key(|w| discovery.candidate(w).map_or(u32::MAX, |c| c.rank))
        .copied()
}

/// The candidate of the same protocol on another host from a real source (not a guess, not
/// what the user typed) whose name resolves, closest in spelling to the typed name (edit
/// distance), then best ranked: `pop3.example.com` → `pop.example.com`.
fn known_host<'a>(
    endpoint: &Endpoint,
    discovery: &'a Discovery,
    bad_hosts: &BTreeSet<&str>,
) -> Option<&'a Endpoint> {
    discovery
        .candidates
        .iter()
        .filter(|c| c.endpoint.protocol == endpoint.protocol && c.endpoint.host != endpoint.host)
        .filter(|c| {
            c.origins
                .iter()
                .any(|o| !matches!(o.source, SourceKind::Guess | SourceKind::User))
        })
        .filter(|c| !bad_hosts.contains(c.endpoint.host.as_str()))
        .min_by_key(|c| {
            (
                strsim::levenshtein(&c.endpoint.host, &endpoint.host),
                c.rank,
            )
        })
        .map(|c| &c.endpoint)
}

/// Host names whose resolution said they do not exist or have no address.
fn unresolvable_hosts(probes: &[ProbeResult]) -> BTreeSet<&str> {
    probes
        .iter()
        .filter(|p| {
            matches!(
                p.failure(),
                Some((
                    Step::Resolve,
                    Failure {
                        kind: FailureKind::NxDomain | FailureKind::NoAddress,
                        ..
                    }
                ))
            )
        })
        .map(|p| p.endpoint.host.as_str())
        .collect()
}

fn group(probes: &[ProbeResult]) -> BTreeMap<&Endpoint, Vec<&ProbeResult>> {
    let mut m: BTreeMap<&Endpoint, Vec<&ProbeResult>> = BTreeMap::new();
    for p in probes {
        m.entry(&p.endpoint).or_default().push(p);
    }
    m
}

fn settings(
    discovery: &Discovery,
    by_endpoint: &BTreeMap<&Endpoint, Vec<&ProbeResult>>,
    bad_hosts: &BTreeSet<&str>,
) -> Settings {
    let user_protocols: Vec<Protocol> = discovery
        .candidates
        .iter()
        .filter(|c| is_user(Some(c)))
        .map(|c| c.endpoint.protocol)
        .collect();
    let pop_first =
        user_protocols.contains(&Protocol::Pop3) && !user_protocols.contains(&Protocol::Imap);
    let protocol_order = |p: Protocol| match (p, pop_first) {
        (Protocol::Imap, false) | (Protocol::Pop3, true) => 0,
        _ => 1,
    };
    let mut out = Settings::default();
    for incoming in [true, false] {
        // (protocol order, rank, setting) for every candidate of this direction.
        let mut all: Vec<(u8, u32, Setting)> = discovery
            .candidates
            .iter()
            .filter(|c| c.endpoint.protocol.is_incoming() == incoming)
            .map(|c| {
                let verified = by_endpoint
                    .get(&c.endpoint)
                    .is_some_and(|rs| rs.iter().any(|r| r.connection_ok()));
                let login_ok = by_endpoint
                    .get(&c.endpoint)
                    .and_then(|rs| rs.iter().find_map(|r| r.login.as_ref()))
                    .map(|l| l.ok);
                let mut sources: Vec<SourceKind> = c.origins.iter().map(|o| o.source).collect();
                sources.dedup();
                let setting = Setting {
                    protocol: c.endpoint.protocol,
                    host: c.endpoint.host.clone(),
                    port: c.endpoint.port,
                    security: c.endpoint.security,
                    username: c.username.clone(),
                    verified,
                    sources,
                    login_ok,
                };
                (protocol_order(c.endpoint.protocol), c.rank, setting)
            })
            .collect();
        if all.iter().any(|(_, _, s)| s.verified) {
            all.retain(|(_, _, s)| s.verified);
        } else {
            // Nothing works: still say what the settings should be, from real sources only
            // (not guesses, not what the user typed), and never a name that does not exist.
            all.retain(|(_, _, s)| {
                s.sources
                    .iter()
                    .any(|k| !matches!(k, SourceKind::Guess | SourceKind::User))
                    && !bad_hosts.contains(s.host.as_str())
            });
        }
        // Best first; then keep one setting per (protocol, security).
        all.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
        let mut seen = BTreeSet::new();
        all.retain(|(_, _, s)| seen.insert((s.protocol, s.security)));
        let list = all;
        let settings: Vec<Setting> = list.into_iter().map(|(_, _, s)| s).collect();
        if incoming {
            out.incoming = settings;
        } else {
            out.outgoing = settings;
        }
    }
    out
}

fn domain_rules(discovery: &Discovery, findings: &mut Vec<Finding>, lang: Lang) {
    let domain = discovery_domain(discovery);
    let (code, severity, cause, fix) = match (&discovery.domain, lang) {
        (DomainState::Exists, _) => return,
        (DomainState::NotFound, Lang::En) => (
            "dns.domain_not_found",
            Severity::Error,
            format!("The domain {domain} does not exist in DNS (NXDOMAIN), so no mail server can be found for it."),
            "Check the part of the address after the @ for typos; if it is correct, the domain has expired or was never registered.".to_owned(),
        ),
        (DomainState::NotFound, Lang::ZhCn) => (
            "dns.domain_not_found",
            Severity::Error,
            format!("域名 {domain} 不存在（DNS 返回 NXDOMAIN），所以找不到它的邮件服务器。"),
            "请检查邮箱地址 @ 后面的部分有没有拼错；如果没有拼错，说明这个域名已过期或从未注册。".to_owned(),
        ),
        (DomainState::NullMx, Lang::En) => (
            "dns.null_mx",
            Severity::Error,
            format!("The domain {domain} publishes a \"null MX\" record: it states that it accepts no email (RFC 7505)."),
            "This address cannot receive mail; check the address, or ask the domain owner which address to use.".to_owned(),
        ),
        (DomainState::NullMx, Lang::ZhCn) => (
            "dns.null_mx",
            Severity::Error,
            format!("域名 {domain} 发布了“空 MX”记录，声明不接收任何邮件（RFC 7505）。"),
            "这个地址收不到邮件；请核对邮箱地址，或向域名所有者确认应该用哪个地址。".to_owned(),
        ),
        (DomainState::Unknown(reason), Lang::En) => (
            "dns.lookup_failed",
            Severity::Warning,
            format!("The DNS lookup for {domain} failed ({reason}); this does not mean the domain does not exist."),
            "Check this computer's DNS settings or try another resolver with --resolver; the results below may be incomplete.".to_owned(),
        ),
        (DomainState::Unknown(reason), Lang::ZhCn) => (
            "dns.lookup_failed",
            Severity::Warning,
            format!("查询 {domain} 的域名解析失败（{reason}）；这不代表域名不存在。"),
            "请检查本机的 DNS 设置，或用 --resolver 换一个 DNS 服务器；下面的结果可能不完整。".to_owned(),
        ),
    };
    findings.push(Finding {
        code,
        severity,
        endpoint: None,
        cause,
        fix,
    });
}

#[cfg(test)]
mod i18n_tests;
#[cfg(test)]
mod tests;
