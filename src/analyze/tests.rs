use super::*;
use crate::discover::{CandidateSet, Discovery, DomainState};
use crate::model::{
    Failure, FailureKind, Origin, SourceReport, SourceStatus, Step, StepResult, StepStatus,
};

pub(super) fn ep(p: Protocol, host: &str, port: u16, s: Security) -> Endpoint {
    Endpoint::new(p, host, port, s)
}

pub(super) fn discovery(cands: &[(Endpoint, SourceKind)], domain: DomainState) -> Discovery {
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
        domain,
        not_offered: vec![],
        canary_nxdomain: None,
    }
}

pub(super) fn ok(e: &Endpoint) -> ProbeResult {
    ProbeResult {
        endpoint: e.clone(),
        addr: Some("127.0.0.1:1".parse().unwrap()),
        steps: vec![StepResult {
            step: Step::Connect,
            status: StepStatus::Ok,
            elapsed_ms: 1,
        }],
        greeting: None,
        capabilities: vec![],
        capabilities_after_tls: vec![],
        tls: None,
        elapsed_ms: 1,
        auth_mechanisms: vec![],
        login: None,
        transcript: vec![],
    }
}

pub(super) fn failed(e: &Endpoint, step: Step, kind: FailureKind) -> ProbeResult {
    let mut r = ok(e);
    r.steps.push(StepResult {
        step,
        status: StepStatus::Failed(Failure {
            kind,
            message: "server text".into(),
        }),
        elapsed_ms: 1,
    });
    r
}

fn codes(a: &Analysis) -> Vec<(&'static str, Severity)> {
    a.findings.iter().map(|f| (f.code, f.severity)).collect()
}

#[test]
fn working_settings_are_listed_imap_first_and_status_ok() {
    let imap = ep(Protocol::Imap, "imap.example.com", 993, Security::Tls);
    let pop = ep(Protocol::Pop3, "pop.example.com", 995, Security::Tls);
    let smtp = ep(Protocol::Smtp, "smtp.example.com", 465, Security::Tls);
    let d = discovery(
        &[
            (pop.clone(), SourceKind::Provider),
            (imap.clone(), SourceKind::Srv),
            (smtp.clone(), SourceKind::Provider),
        ],
        DomainState::Exists,
    );
    let a = analyze(&d, &[ok(&imap), ok(&pop), ok(&smtp)]);
    assert_eq!(a.status, Status::Ok);
    assert!(a.findings.is_empty(), "{:?}", a.findings);
    assert_eq!(a.settings.incoming.len(), 2);
    assert_eq!(a.settings.incoming[0].protocol, Protocol::Imap);
    assert!(a.settings.incoming.iter().all(|s| s.verified));
    assert_eq!(a.settings.outgoing[0].host, "smtp.example.com");
}

#[test]
fn refused_alternative_is_info_but_refused_only_option_is_error() {
    let tls = ep(Protocol::Imap, "imap.example.com", 993, Security::Tls);
    let stls = ep(Protocol::Imap, "imap.example.com", 143, Security::Starttls);
    let smtp = ep(Protocol::Smtp, "smtp.example.com", 587, Security::Starttls);
    let d = discovery(
        &[
            (tls.clone(), SourceKind::Provider),
            (stls.clone(), SourceKind::Provider),
            (smtp.clone(), SourceKind::Provider),
        ],
        DomainState::Exists,
    );
    let a = analyze(
        &d,
        &[
            ok(&tls),
            failed(&stls, Step::Connect, FailureKind::Refused),
            failed(&smtp, Step::Connect, FailureKind::Refused),
        ],
    );
    assert_eq!(
        codes(&a),
        vec![
            ("net.refused", Severity::Error),
            ("net.refused", Severity::Info)
        ]
    );
    assert_eq!(a.status, Status::Error);
    let info = &a.findings[1];
    assert_eq!(info.endpoint.as_ref(), Some(&stls));
    assert!(info.fix.contains("993"), "{}", info.fix);
    // No duplicate "no outgoing" finding: the refused SMTP error is the root cause.
    assert!(!a.findings.iter().any(|f| f.code == "settings.no_outgoing"));
    // Nothing works outgoing, so the provider's setting is still shown, unverified.
    assert_eq!(a.settings.outgoing.len(), 1);
    assert!(!a.settings.outgoing[0].verified);
}

#[test]
fn expired_certificate_is_one_finding_naming_every_port() {
    let i = ep(Protocol::Imap, "mail.example.com", 993, Security::Tls);
    let p = ep(Protocol::Pop3, "mail.example.com", 995, Security::Tls);
    let kind = FailureKind::CertExpired {
        not_after: "2024-01-02T00:00:00Z".into(),
    };
    let d = discovery(
        &[(i.clone(), SourceKind::Srv), (p.clone(), SourceKind::Srv)],
        DomainState::Exists,
    );
    let a = analyze(
        &d,
        &[
            failed(&i, Step::TlsHandshake, kind.clone()),
            failed(&p, Step::TlsHandshake, kind),
        ],
    );
    let tls: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.code == "tls.expired")
        .collect();
    assert_eq!(tls.len(), 1);
    assert!(
        tls[0].cause.contains("ports 993 and 995"),
        "{}",
        tls[0].cause
    );
    assert!(tls[0].cause.contains("2024-01-02"), "{}", tls[0].cause);
    assert_eq!(tls[0].severity, Severity::Error);
}

#[test]
fn missing_domain_is_one_root_cause() {
    let user = ep(Protocol::Pop3, "pop3.nowhere.example", 995, Security::Tls);
    let d = discovery(&[(user.clone(), SourceKind::User)], DomainState::NotFound);
    let mut d = d;
    d.sources[0].target = "nowhere.example".into();
    let a = analyze(&d, &[failed(&user, Step::Resolve, FailureKind::NxDomain)]);
    assert_eq!(codes(&a), vec![("dns.domain_not_found", Severity::Error)]);
}

#[test]
fn typed_host_that_does_not_exist_suggests_the_real_one() {
    let typed = ep(Protocol::Pop3, "pop3.example.com", 995, Security::Tls);
    let real = ep(Protocol::Pop3, "pop.example.com", 995, Security::Tls);
    let d = discovery(
        &[
            (typed.clone(), SourceKind::User),
            (real.clone(), SourceKind::Provider),
        ],
        DomainState::Exists,
    );
    let a = analyze(
        &d,
        &[
            failed(&typed, Step::Resolve, FailureKind::NxDomain),
            ok(&real),
        ],
    );
    let f = a
        .findings
        .iter()
        .find(|f| f.code == "dns.host_not_found")
        .unwrap();
    assert_eq!(
        f.severity,
        Severity::Error,
        "user-typed endpoints are errors"
    );
    assert!(f.fix.contains("pop.example.com"), "{}", f.fix);
}

#[test]
fn guess_misses_are_silent_but_nothing_working_is_reported() {
    let g1 = ep(Protocol::Imap, "imap.example.com", 993, Security::Tls);
    let g2 = ep(Protocol::Smtp, "smtp.example.com", 465, Security::Tls);
    let d = discovery(
        &[
            (g1.clone(), SourceKind::Guess),
            (g2.clone(), SourceKind::Guess),
        ],
        DomainState::Exists,
    );
    let a = analyze(
        &d,
        &[
            failed(&g1, Step::Resolve, FailureKind::NxDomain),
            failed(&g2, Step::Connect, FailureKind::Refused),
        ],
    );
    assert_eq!(
        codes(&a),
        vec![
            ("settings.no_incoming", Severity::Error),
            ("settings.no_outgoing", Severity::Error)
        ]
    );
    assert!(
        a.settings.incoming.is_empty(),
        "guesses are never presented unverified"
    );
}

#[test]
fn starttls_not_offered_and_timeouts_have_their_own_codes() {
    let s = ep(Protocol::Imap, "imap.example.com", 143, Security::Starttls);
    let t = ep(Protocol::Smtp, "smtp.example.com", 587, Security::Starttls);
    let d = discovery(
        &[(s.clone(), SourceKind::Srv), (t.clone(), SourceKind::Srv)],
        DomainState::Exists,
    );
    let a = analyze(
        &d,
        &[
            failed(&s, Step::Starttls, FailureKind::StarttlsNotOffered),
            failed(&t, Step::Connect, FailureKind::Timeout),
        ],
    );
    assert_eq!(
        codes(&a),
        vec![
            ("net.timeout", Severity::Error),
            ("starttls.not_offered", Severity::Error)
        ]
    );
}

#[test]
fn typo_suggestion_and_unverified_settings_skip_names_that_do_not_exist() {
    let typed = ep(Protocol::Pop3, "pop3.example.com", 995, Security::Tls);
    let real = ep(Protocol::Pop3, "pop.example.com", 995, Security::Tls);
    let d = discovery(
        &[
            (typed.clone(), SourceKind::User),
            (real.clone(), SourceKind::Srv),
        ],
        DomainState::Exists,
    );
    let expired = FailureKind::CertExpired {
        not_after: "2001-01-01T00:00:00Z".into(),
    };
    let a = analyze(
        &d,
        &[
            failed(&typed, Step::Resolve, FailureKind::NxDomain),
            failed(&real, Step::TlsHandshake, expired),
        ],
    );
    let f = a
        .findings
        .iter()
        .find(|f| f.code == "dns.host_not_found")
        .unwrap();
    assert!(f.fix.contains("pop.example.com"), "{}", f.fix);
    assert_eq!(a.settings.incoming.len(), 1);
    assert_eq!(a.settings.incoming[0].host, "pop.example.com");
    assert!(!a.settings.incoming[0].verified);
}

#[test]
fn typed_endpoints_are_checked_against_standard_ports_and_known_hosts() {
    let wrong_port = ep(Protocol::Imap, "imap.example.com", 995, Security::Tls);
    let port25 = ep(Protocol::Smtp, "smtp.example.com", 25, Security::Starttls);
    let imap_as_pop = ep(Protocol::Pop3, "imap.example.com", 995, Security::Tls);
    let imap = ep(Protocol::Imap, "imap.example.com", 993, Security::Tls);
    let pop = ep(Protocol::Pop3, "pop.example.com", 995, Security::Tls);
    let d = discovery(
        &[
            (wrong_port.clone(), SourceKind::User),
            (port25.clone(), SourceKind::User),
            (imap_as_pop.clone(), SourceKind::User),
            (imap.clone(), SourceKind::Provider),
            (pop.clone(), SourceKind::Provider),
        ],
        DomainState::Exists,
    );
    let a = analyze(
        &d,
        &[
            ok(&wrong_port),
            ok(&port25),
            ok(&imap_as_pop),
            ok(&imap),
            ok(&pop),
        ],
    );
    let f = |code: &str, e: &Endpoint| {
        a.findings
            .iter()
            .find(|f| f.code == code && f.endpoint.as_ref() == Some(e))
            .unwrap_or_else(|| panic!("{code} for {e}: {:?}", a.findings))
    };
    let w = f("check.wrong_port", &wrong_port);
    assert!(w.cause.contains("POP3 over SSL/TLS"), "{}", w.cause);
    assert!(w.fix.contains("993"), "{}", w.fix);
    assert!(f("check.port_25", &port25).fix.contains("465"));
    let h = f("check.wrong_host", &imap_as_pop);
    assert!(h.cause.contains("IMAP server"), "{}", h.cause);
    assert!(h.fix.contains("pop.example.com"), "{}", h.fix);
    assert_eq!(a.status, Status::Warning);
    // A correctly typed endpoint gets none of these.
    let d = discovery(
        &[
            (pop.clone(), SourceKind::User),
            (pop.clone(), SourceKind::Provider),
        ],
        DomainState::Exists,
    );
    let a = analyze(&d, &[ok(&pop)]);
    assert!(
        !a.findings.iter().any(|f| f.code.starts_with("check.")),
        "{:?}",
        a.findings
    );
}

#[test]
fn typo_suggestion_picks_the_closest_known_name() {
    let typed = ep(Protocol::Pop3, "pop3.example.com", 995, Security::Tls);
    let far = ep(Protocol::Pop3, "mail.example.com", 995, Security::Tls);
    let near = ep(Protocol::Pop3, "pop.example.com", 110, Security::Starttls);
    let d = discovery(
        &[
            (typed.clone(), SourceKind::User),
            (far.clone(), SourceKind::Provider),
            (near.clone(), SourceKind::Srv),
        ],
        DomainState::Exists,
    );
    let expired = FailureKind::CertExpired {
        not_after: "2001-01-01T00:00:00Z".into(),
    };
    let a = analyze(
        &d,
        &[
            failed(&typed, Step::Resolve, FailureKind::NxDomain),
            failed(&far, Step::TlsHandshake, expired.clone()),
            failed(&near, Step::TlsHandshake, expired),
        ],
    );
    let f = a
        .findings
        .iter()
        .find(|f| f.code == "dns.host_not_found")
        .unwrap();
    assert!(f.fix.contains("pop.example.com"), "{}", f.fix);
}

#[test]
fn a_host_wide_certificate_error_explains_every_direction_it_covers() {
    let i = ep(Protocol::Imap, "mail.example.com", 993, Security::Tls);
    let s = ep(Protocol::Smtp, "mail.example.com", 465, Security::Tls);
    let kind = FailureKind::CertExpired {
        not_after: "2021-01-01T00:00:00Z".into(),
    };
    let d = discovery(
        &[(i.clone(), SourceKind::Srv), (s.clone(), SourceKind::Srv)],
        DomainState::Exists,
    );
    let a = analyze(
        &d,
        &[
            failed(&i, Step::TlsHandshake, kind.clone()),
            failed(&s, Step::TlsHandshake, kind),
        ],
    );
    assert_eq!(
        codes(&a),
        vec![("tls.expired", Severity::Error)],
        "no settings.no_* beside the root cause"
    );
}

#[test]
fn an_endpoint_failing_on_one_of_its_addresses_is_a_warning_naming_it() {
    let e = ep(Protocol::Imap, "imap.example.com", 993, Security::Tls);
    let s = ep(Protocol::Smtp, "smtp.example.com", 465, Security::Tls);
    let d = discovery(
        &[(e.clone(), SourceKind::Srv), (s.clone(), SourceKind::Srv)],
        DomainState::Exists,
    );
    let mut v6 = failed(
        &e,
        Step::TlsHandshake,
        FailureKind::CertExpired {
            not_after: "2001-01-01T00:00:00Z".into(),
        },
    );
    v6.addr = Some("[::1]:993".parse().unwrap());
    let a = analyze(&d, &[ok(&e), v6, ok(&s)]);
    assert_eq!(
        codes(&a),
        vec![("net.some_addresses_fail", Severity::Warning)]
    );
    let f = &a.findings[0];
    assert!(
        f.cause.contains("::1") && f.cause.contains("127.0.0.1") && f.cause.contains("tls.expired"),
        "{}",
        f.cause
    );
    assert_eq!(a.status, Status::Warning);
    assert!(a.settings.incoming[0].verified, "it works, on IPv4");
}
