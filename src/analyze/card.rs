//! The settings card (what to type, best first, whether each was verified and logged in),
//! the typed checks, and the verdict: what was proven, and no more.

use std::collections::BTreeSet;

use super::facts::{Facts, Outcome};
use super::rules::Root;
use super::{Check, LoginState, PasswordField, Setting, Settings, Verdict};
use crate::i18n::Lang;
use crate::model::{Endpoint, Finding, Protocol, Security, Severity, SourceKind, Step, StepStatus};
use crate::tr;

/// What goes in the password field, from the provider's hints.
pub(super) fn password_field(f: &Facts) -> PasswordField {
    let Some(p) = &f.d.provider else {
        return PasswordField::AccountPassword;
    };
    let has = |code: &str| p.hints.iter().any(|h| h.code == code);
    if has("oauth2_only") {
        PasswordField::Oauth2
    } else if has("authorization_code") {
        PasswordField::AuthorizationCode
    } else if has("app_password") {
        PasswordField::AppPassword
    } else {
        PasswordField::AccountPassword
    }
}

/// The login state of an endpoint, and why when it was withheld or not tested.
pub(super) fn login_state(f: &Facts, e: &Endpoint, lang: Lang) -> (LoginState, Option<String>) {
    let results = f.by_endpoint.get(e);
    if let Some(l) = results.and_then(|rs| rs.iter().find_map(|r| r.login.as_ref())) {
        return (
            if l.ok {
                LoginState::Ok
            } else {
                LoginState::Failed
            },
            None,
        );
    }
    if results.is_some_and(|rs| rs.iter().any(|r| r.login_failure().is_some())) {
        return (LoginState::Failed, None);
    }
    if !f.run.password_given {
        return (
            LoginState::NotTested,
            Some(tr!(lang, "login-detail-no-password")),
        );
    }
    let withheld = results.and_then(|rs| {
        rs.iter().find_map(|r| {
            r.steps.iter().find_map(|s| match (&s.step, &s.status) {
                (Step::Login, StepStatus::Skipped { reason }) => Some(reason.clone()),
                _ => None,
            })
        })
    });
    if let Some(reason) = withheld {
        let why = super::words::Withheld::classify(e, &reason);
        let detail = match why {
            super::words::Withheld::Plaintext => tr!(lang, "login-detail-plaintext"),
            super::words::Withheld::Port25 => tr!(lang, "login-detail-port-25"),
            _ => tr!(lang, "login-detail-untrusted"),
        };
        return (LoginState::Withheld, Some(detail));
    }
    if e.security == Security::None {
        return (
            LoginState::Withheld,
            Some(tr!(lang, "login-detail-plaintext")),
        );
    }
    (
        LoginState::NotTested,
        Some(tr!(lang, "login-detail-elsewhere")),
    )
}

/// Order of settings: typed-only last, a protocol whose login failed last (the same password
/// would fail on its other ports too), unverified last, IMAP before POP3 (unless the user
/// asked for POP3), port 25 and plaintext last, then discovery's rank.
type SortKey = (bool, bool, bool, u8, bool, u32);

/// The settings to type: the recommended pair first (IMAP before POP3 unless the user
/// asked for POP3; a working login before a failed one; verified before unverified; port
/// 25 last for sending), then alternatives, one per protocol and security mode. Whatever
/// any real source names is shown, verified or not; guesses only when they work; what the
/// user typed only when a real source names it too (it goes to `checks`); never a name
/// that does not exist (unless the resolver is the suspect).
pub(super) fn settings(f: &Facts, root: Option<Root>, lang: Lang) -> Settings {
    let typed_protocols: BTreeSet<Protocol> =
        f.d.candidates
            .iter()
            .filter(|c| f.typed(&c.endpoint))
            .map(|c| c.endpoint.protocol)
            .collect();
    let pop_first =
        typed_protocols.contains(&Protocol::Pop3) && !typed_protocols.contains(&Protocol::Imap);
    let protocol_order = |p: Protocol| match (p, pop_first) {
        (Protocol::Imap, false) | (Protocol::Pop3, true) => 0,
        _ => 1,
    };
    let resolver_suspect = root == Some(Root::ResolverSuspect);
    let password = password_field(f);
    let failed = failed_protocols(f);
    let mut out = Settings::default();
    for incoming in [true, false] {
        let mut all: Vec<(SortKey, Setting)> = Vec::new();
        for c in
            f.d.candidates
                .iter()
                .filter(|c| c.endpoint.protocol.is_incoming() == incoming)
        {
            let e = &c.endpoint;
            let verified = matches!(f.outcome.get(e), Some(Outcome::Works));
            let published = f.published(e);
            let typed_only = f.typed_only(e);
            if !published && !verified {
                continue; // a guess or a typed endpoint that did not work
            }
            if f.bad_hosts.contains(e.host.as_str()) && !resolver_suspect {
                continue;
            }
            if f.domain_gone() && !verified && !resolver_suspect {
                continue;
            }
            let (login, login_detail) = login_state(f, e, lang);
            let mut sources: Vec<SourceKind> = c
                .origins
                .iter()
                .map(|o| o.source)
                .filter(|s| *s != SourceKind::User)
                .collect();
            sources.dedup();
            let setting = Setting {
                protocol: e.protocol,
                host: e.host.clone(),
                port: e.port,
                security: e.security,
                username: c.username.clone(),
                verified,
                sources,
                login_ok: match login {
                    LoginState::Ok => Some(true),
                    LoginState::Failed => Some(false),
                    _ => None,
                },
                login,
                login_detail,
                auth_required: true,
                password,
            };
            let key = (
                typed_only,
                failed.contains(&e.protocol),
                !verified,
                protocol_order(e.protocol),
                e.protocol == Protocol::Smtp && e.port == 25 || e.security == Security::None,
                c.rank,
            );
            all.push((key, setting));
        }
        // What the user typed is shown only when no source found anything for the
        // direction (it is in `checks` anyway).
        if all.iter().any(|(k, _)| !k.0) {
            all.retain(|(k, _)| !k.0);
        }
        // A protocol with a verified setting shows only verified ones.
        let verified_protocols: BTreeSet<Protocol> = all
            .iter()
            .filter(|(_, s)| s.verified)
            .map(|(_, s)| s.protocol)
            .collect();
        all.retain(|(_, s)| s.verified || !verified_protocols.contains(&s.protocol));
        all.sort_by_key(|a| a.0);
        let mut seen = BTreeSet::new();
        all.retain(|(_, s)| seen.insert((s.protocol, s.security)));
        let list: Vec<Setting> = all.into_iter().map(|(_, s)| s).collect();
        if incoming {
            out.incoming = list;
        } else {
            out.outgoing = list;
        }
    }
    out
}

/// What the user typed, each with its outcome and the codes of the findings about it.
pub(super) fn checks(f: &Facts, findings: &[Finding], lang: Lang) -> Vec<Check> {
    f.d.candidates
        .iter()
        .filter(|c| f.typed(&c.endpoint))
        .map(|c| {
            let e = &c.endpoint;
            let mut codes: Vec<&'static str> = findings
                .iter()
                .filter(|x| x.endpoints.contains(e))
                .map(|x| x.code)
                .collect();
            codes.dedup();
            Check {
                endpoint: e.clone(),
                verified: matches!(f.outcome.get(e), Some(Outcome::Works)),
                login: login_state(f, e, lang).0,
                findings: codes,
            }
        })
        .collect()
}

/// Protocols whose one login was refused.
pub(super) fn failed_protocols(f: &Facts) -> BTreeSet<Protocol> {
    f.logins
        .iter()
        .filter(|(_, l)| l.failure.is_some() || l.info.is_some_and(|i| !i.ok))
        .map(|(p, _)| *p)
        .collect()
}

/// The verdict, from the recommended pair, the logins, the root cause and the checks.
pub(super) fn verdict(
    f: &Facts,
    root: Option<Root>,
    settings: &Settings,
    checks: &[Check],
    findings: &[Finding],
) -> Verdict {
    match root {
        Some(Root::ResolverSuspect | Root::Offline | Root::NotChecked) => {
            return Verdict::Unverified;
        }
        Some(Root::DomainGone) => return Verdict::Broken,
        _ => {}
    }
    let (Some(inc), Some(out)) = (settings.incoming.first(), settings.outgoing.first()) else {
        return Verdict::Broken;
    };
    if !inc.verified || !out.verified {
        // Nothing answered at all and nothing blames the servers: offline.
        if !f.any_name_resolved()
            && root.is_none()
            && f.failing().all(|(_, s, _)| s == Step::Resolve)
        {
            return Verdict::Unverified;
        }
        return Verdict::Broken;
    }
    // The account fails for the recommended protocol (on whichever of its ports the one
    // login was made): broken, whatever the other ports would say.
    let failed = failed_protocols(f);
    if failed.contains(&inc.protocol) || failed.contains(&out.protocol) {
        return Verdict::Broken;
    }
    let login_failed_elsewhere = settings
        .incoming
        .iter()
        .chain(&settings.outgoing)
        .any(|s| s.login == LoginState::Failed)
        || f.logins.values().any(|l| l.failure.is_some());
    let check_failed = checks
        .iter()
        .any(|c| !c.verified || c.login == LoginState::Failed);
    // A protocol some real source offers that does not work anywhere.
    let protocol_down = findings.iter().any(|x| {
        x.severity >= Severity::Warning
            && x.endpoints
                .iter()
                .any(|e| !f.protocol_works(e.protocol, None))
            && !x.code.starts_with("source.")
    });
    if login_failed_elsewhere || check_failed || protocol_down {
        return Verdict::Partial;
    }
    if inc.login == LoginState::Ok && out.login == LoginState::Ok {
        Verdict::Works
    } else {
        Verdict::Reachable
    }
}
