//! Diagnosis: discovery + probe observations → facts (`facts`) → one finding per root cause
//! (`rules`: resolver, domain, typed endpoints, hosts, certificates, account) → the settings
//! card, the typed checks and the verdict (`card`). Pure: no I/O, fully unit-tested.
//!
//! Rules of thumb:
//! - one finding per root cause, naming every endpoint it affects: a missing domain is one
//!   finding, not twenty refused probes; one certificate is one finding naming every port;
//! - a failure is an error when the user typed that endpoint or nothing works for its
//!   direction, a warning when the direction works but not this protocol, information when
//!   the same protocol works elsewhere;
//! - guessed endpoints that do not exist or do not answer are expected misses, not findings;
//! - never claim more than was proven: without a login the best verdict is `reachable`.

mod card;
pub mod codes;
mod facts;
mod rules;
mod sources;
mod text;
mod words;

use serde::Serialize;

pub use facts::RunFacts;
pub(crate) use text::login_code;

use crate::discover::Discovery;
use crate::i18n::Lang;
use crate::model::{
    Actor, Endpoint, FailureKind, Finding, Params, ProbeResult, Protocol, Security, Severity,
    SourceKind,
};
use facts::Facts;

/// Whether a login was made on a setting, and how it went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LoginState {
    /// The password was accepted here.
    Ok,
    /// The password was refused here (the findings say why).
    Failed,
    /// No login was tried here: no password was given, or another endpoint of the same
    /// protocol was used for the one login per protocol.
    NotTested,
    /// A password was given but deliberately not sent here (plaintext, port 25, a guessed
    /// host or a host outside the address's domain; `login_detail` says why and which flag
    /// allows it).
    Withheld,
}

/// What goes in the mail client's password field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PasswordField {
    /// The account's own password (nothing known says otherwise).
    AccountPassword,
    /// An app password generated in the account's security settings (Gmail, Yahoo, iCloud…).
    AppPassword,
    /// The authorization code (授权码) generated when the service is turned on (QQ, 163…).
    AuthorizationCode,
    /// No password: the provider only accepts OAuth2 sign-in (a client that supports it).
    Oauth2,
}

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
    /// True when a probe connected and completed the TLS/STARTTLS chain (the server
    /// answered; says nothing about the account).
    pub verified: bool,
    /// Which sources proposed it.
    pub sources: Vec<SourceKind>,
    /// Whether logging in with the given password worked here (only when one was tried).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub login_ok: Option<bool>,
    /// The login on this setting: `ok`, `failed`, `not_tested` or `withheld`.
    pub login: LoginState,
    /// Why the login was withheld or not tested here, in the run's language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub login_detail: Option<String>,
    /// Whether the client must log in on this server (always for IMAP/POP3; for SMTP the
    /// "my outgoing server requires authentication" box).
    pub auth_required: bool,
    /// What goes in the password field.
    pub password: PasswordField,
}

/// Incoming and outgoing settings: the recommended pair first (`incoming[0]`,
/// `outgoing[0]`), then alternatives.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Settings {
    /// IMAP/POP3.
    pub incoming: Vec<Setting>,
    /// SMTP submission.
    pub outgoing: Vec<Setting>,
}

/// An endpoint the user typed (`--check`) and what became of it. Typed endpoints never
/// outrank discovered settings; they are reported here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Check {
    /// The endpoint as typed (scheme defaults filled in).
    pub endpoint: Endpoint,
    /// True when the connection and TLS chain worked.
    pub verified: bool,
    /// The login on it.
    pub login: LoginState,
    /// Codes of the findings that concern it (see `findings[]`).
    pub findings: Vec<&'static str>,
}

/// Overall verdict on the account: what was proven, and no more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The recommended incoming and outgoing settings were verified and the logins
    /// succeeded with the password given.
    Works,
    /// The servers of the recommended settings answered and their TLS checked out, but the
    /// account was not tested (no password given, or the password withheld).
    Reachable,
    /// A working incoming and outgoing setting exist, but something else fails (e.g. POP3
    /// is switched off while IMAP works, or what the user typed fails).
    Partial,
    /// Mail cannot work with what was found: no working server for a direction, the
    /// password refused, the domain gone.
    Broken,
    /// Nothing could be checked from here (the resolver lies or fails, no network): the
    /// settings shown come from the database or other sources, unverified.
    Unverified,
}

/// Overall severity (the most severe finding), kept beside [`Verdict`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Nothing wrong was found.
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
    /// What the user typed, checked.
    pub checks: Vec<Check>,
    /// Findings, one per root cause, root causes and most severe first.
    pub findings: Vec<Finding>,
    /// Overall severity.
    pub status: Status,
    /// Overall verdict.
    pub verdict: Verdict,
}

/// Adjusts an analysis of an interrupted run (Ctrl-C): one `run.interrupted` warning
/// first, and no "nothing works" findings that would blame the servers for checks that
/// simply did not finish. Unfinished probes themselves never become findings. A run cut
/// short before anything was proven is `unverified`, not `broken`.
pub fn mark_interrupted(analysis: &mut Analysis, lang: Lang) {
    mark_local(analysis, "run.interrupted", text::interrupted(lang));
}

/// A run some of whose checks could not finish for a reason on this computer (Ctrl-C, out
/// of descriptors): one warning for the person running the tool first, no "nothing works"
/// findings, and `unverified` rather than `broken` when nothing else is an error.
fn mark_local(analysis: &mut Analysis, code: &'static str, text: (String, String)) {
    analysis
        .findings
        .retain(|f| !matches!(f.code, "settings.no_incoming" | "settings.no_outgoing"));
    let finding = Finding::new(code, Severity::Warning, Actor::User, text);
    analysis.findings.insert(0, finding);
    if analysis.verdict == Verdict::Broken
        && !analysis
            .findings
            .iter()
            .any(|f| f.severity == Severity::Error)
    {
        analysis.verdict = Verdict::Unverified;
    }
    analysis.status = status_of(&analysis.findings, analysis.verdict);
}

/// Runs every rule, with causes and fixes in English (see [`analyze_run`]).
pub fn analyze(discovery: &Discovery, probes: &[ProbeResult]) -> Analysis {
    analyze_in(discovery, probes, Lang::En)
}

/// Runs every rule, writing causes and fixes in `lang`, for a run without a password and
/// with an unknown resolver (see [`analyze_run`]).
pub fn analyze_in(discovery: &Discovery, probes: &[ProbeResult], lang: Lang) -> Analysis {
    analyze_run(discovery, probes, &RunFacts::default(), lang)
}

/// Observations → facts → one finding per root cause → settings, checks and verdict.
/// Codes, severities, the verdict and the order of findings do not depend on the language.
pub fn analyze_run(
    discovery: &Discovery,
    probes: &[ProbeResult],
    run: &RunFacts,
    lang: Lang,
) -> Analysis {
    let mut run = run.clone();
    if run.domain.is_empty() {
        run.domain = discovery_domain(discovery);
    }
    let f = Facts::new(discovery, probes, &run);
    let mut out = rules::Out::default();
    rules::run(&f, &mut out, lang);
    let settings = card::settings(&f, out.root, lang);
    let mut findings = out.findings;
    if out.root != Some(rules::Root::DomainGone) {
        sources::rules(discovery, &settings, &mut findings, lang);
    }
    if !discovery.not_offered.is_empty() {
        // One finding for every "not offered" SRV record: one decision of the domain's.
        let records: Vec<String> = discovery
            .not_offered
            .iter()
            .map(|n| format!("{} SRV", n.name))
            .collect();
        findings.push(
            Finding::new(
                "srv.not_offered",
                Severity::Info,
                Actor::DomainAdmin,
                text::not_offered(&discovery.not_offered, lang),
            )
            .with(Params {
                record: records.first().cloned(),
                detail: Some(records.join(", ")),
                ..Params::default()
            }),
        );
    }
    if out.root.is_none() {
        nothing_works(&f, &settings, &mut findings, lang);
    }
    findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| layer(a.code).cmp(&layer(b.code)))
            .then_with(|| a.endpoint.cmp(&b.endpoint))
            .then_with(|| a.code.cmp(b.code))
    });
    let checks = card::checks(&f, &findings, lang);
    let verdict = card::verdict(&f, out.root, &settings, &checks, &findings);
    let status = if out.root == Some(rules::Root::NotChecked) {
        // Asked for: unverified by request is not an error.
        status_of(&findings, Verdict::Reachable).max(Status::Warning)
    } else {
        status_of(&findings, verdict)
    };
    let mut analysis = Analysis {
        settings,
        checks,
        findings,
        status,
        verdict,
    };
    let local = probes.iter().any(|p| {
        p.connection_failure()
            .is_some_and(|(_, f)| f.kind == FailureKind::LocalResources)
    });
    if local {
        mark_local(
            &mut analysis,
            "run.local_resources",
            text::local_resources(lang),
        );
    }
    analysis
}

/// `settings.no_incoming` / `settings.no_outgoing`: nothing works for a direction and no
/// error finding already explains why.
fn nothing_works(f: &Facts, settings: &Settings, findings: &mut Vec<Finding>, lang: Lang) {
    for incoming in [true, false] {
        let list = if incoming {
            &settings.incoming
        } else {
            &settings.outgoing
        };
        let explained = findings.iter().any(|x| {
            x.severity == Severity::Error
                && x.endpoints
                    .iter()
                    .any(|e| e.protocol.is_incoming() == incoming)
        });
        let explained = explained || rules::no_imap_explains(f.d, findings, incoming);
        if list.iter().any(|s| s.verified) || explained || f.direction_works(incoming) {
            continue;
        }
        let tried = f
            .by_endpoint
            .keys()
            .filter(|e| e.protocol.is_incoming() == incoming)
            .count();
        let (code, cause, fix) = text::nothing_works(incoming, tried, lang);
        findings.push(Finding::new(
            code,
            Severity::Error,
            Actor::Helpdesk,
            (cause, fix),
        ));
    }
}

/// Sort layer of a code: shared root causes first, then what the user typed, then hosts,
/// certificates and protocols, the account, settings, sources.
fn layer(code: &str) -> u8 {
    match code {
        "run.interrupted" | "run.local_resources" => 0,
        "dns.resolver_suspect" | "dns.zone_failed" | "dns.domain_not_found" | "dns.null_mx" => 1,
        c if c.starts_with("check.") => 2,
        c if c.starts_with("dns.") => 3,
        c if c.starts_with("net.") => 4,
        c if c.starts_with("tls.")
            || c.starts_with("security.")
            || c.starts_with("starttls.")
            || c.starts_with("protocol.") =>
        {
            5
        }
        c if c.starts_with("auth.") => 6,
        c if c.starts_with("settings.") => 7,
        c if c.starts_with("source.") => 8,
        _ => 9,
    }
}

/// The overall severity: the most severe finding, and never milder than the verdict
/// implies (`partial` is at least a warning; `broken` and `unverified` are errors).
fn status_of(findings: &[Finding], verdict: Verdict) -> Status {
    let from_findings = match findings.iter().map(|f| f.severity).max() {
        Some(Severity::Error) => Status::Error,
        Some(Severity::Warning) => Status::Warning,
        _ => Status::Ok,
    };
    let floor = match verdict {
        Verdict::Works | Verdict::Reachable => Status::Ok,
        Verdict::Partial => Status::Warning,
        Verdict::Broken | Verdict::Unverified => Status::Error,
    };
    from_findings.max(floor)
}

fn discovery_domain(d: &Discovery) -> String {
    // The provider-database source's target is the address's domain.
    d.sources
        .iter()
        .find(|s| s.source == SourceKind::Provider)
        .map(|s| s.target.clone())
        .unwrap_or_default()
}

#[cfg(test)]
mod i18n_tests;
#[cfg(test)]
mod rules_tests;
#[cfg(test)]
mod tests;
