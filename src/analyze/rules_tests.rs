//! One test (or more) per root-cause rule and per verdict: the scenarios of the issue "A
//! verdict people can trust", as facts in, findings and verdict out.

use super::tests::{discovery, ep, failed, ok};
use super::*;
use crate::discover::{DomainState, ProviderMatch};
use crate::model::{
    CertInfo, FailureKind, LoginInfo, Origin, Step, StepResult, StepStatus, TlsInfo,
};
use Protocol::{Imap, Pop3, Smtp};
use Security::{Starttls, Tls};

fn with_password() -> RunFacts {
    RunFacts {
        domain: "example.com".into(),
        password_given: true,
        ..RunFacts::default()
    }
}

fn codes(a: &Analysis) -> Vec<&'static str> {
    a.findings.iter().map(|f| f.code).collect()
}

fn login(e: &Endpoint, kind: Option<FailureKind>) -> ProbeResult {
    let mut r = match &kind {
        Some(k) => failed(e, Step::Login, k.clone()),
        None => ok(e),
    };
    r.login = Some(LoginInfo {
        settings_username: "alice@example.com".into(),
        username: "alice@example.com".into(),
        mechanism: "AUTH PLAIN".into(),
        attempts: 1,
        ok: kind.is_none(),
        server_reply: "server text".into(),
    });
    r
}

fn provider(d: &mut Discovery, hints: &[&str]) {
    d.provider = Some(ProviderMatch {
        id: "example.com".into(),
        name: "Example Mail".into(),
        name_zh: None,
        detected_via: SourceKind::Provider,
        mx_host: None,
        hints: hints
            .iter()
            .map(|c| crate::model::Hint {
                code: (*c).into(),
                text: "t".into(),
                text_zh: None,
            })
            .collect(),
        documentation: vec![],
    });
}

/// Three standard endpoints of a healthy domain.
fn trio() -> (Endpoint, Endpoint, Endpoint) {
    (
        ep(Imap, "imap.example.com", 993, Tls),
        ep(Pop3, "pop.example.com", 995, Tls),
        ep(Smtp, "smtp.example.com", 465, Tls),
    )
}

fn srv(eps: &[&Endpoint]) -> Discovery {
    let c: Vec<(Endpoint, SourceKind)> = eps
        .iter()
        .map(|e| ((*e).clone(), SourceKind::Srv))
        .collect();
    discovery(&c, DomainState::Exists)
}

#[test]
fn resolver_lying_about_a_known_domain_is_unverified_with_the_provider_settings() {
    let (imap, pop, smtp) = trio();
    let mut d = discovery(
        &[
            (imap.clone(), SourceKind::Provider),
            (pop.clone(), SourceKind::Provider),
            (smtp.clone(), SourceKind::Provider),
        ],
        DomainState::NotFound,
    );
    provider(&mut d, &["authorization_code"]);
    let probes: Vec<ProbeResult> = [&imap, &pop, &smtp]
        .iter()
        .map(|e| {
            let mut r = failed(e, Step::Resolve, FailureKind::NxDomain);
            r.addr = None;
            r
        })
        .collect();
    let run = RunFacts {
        domain: "example.com".into(),
        resolver: vec!["10.0.0.1:53".into()],
        ..RunFacts::default()
    };
    let a = analyze_run(&d, &probes, &run, Lang::En);
    assert_eq!(codes(&a), vec!["dns.resolver_suspect"], "{:#?}", a.findings);
    assert_eq!(a.verdict, Verdict::Unverified);
    assert_eq!(a.status, Status::Error);
    let f = &a.findings[0];
    assert_eq!(f.actor, Actor::ThisComputer);
    assert_eq!(f.params.resolver, vec!["10.0.0.1:53".to_owned()]);
    assert!(f.cause.contains("10.0.0.1:53"), "{}", f.cause);
    assert!(f.cause.starts_with("The DNS resolver"), "{}", f.cause);
    assert_eq!(f.endpoints.len(), 3, "explains every lookup");
    // The provider's settings are shown, unverified; the password field is the code.
    assert_eq!(a.settings.incoming[0].host, "imap.example.com");
    assert!(!a.settings.incoming[0].verified);
    assert_eq!(a.settings.outgoing[0].host, "smtp.example.com");
    assert_eq!(
        a.settings.incoming[0].password,
        PasswordField::AuthorizationCode
    );
}

#[test]
fn an_unknown_domain_that_does_not_exist_is_not_blamed_on_the_resolver() {
    let guess = ep(Imap, "imap.example.com", 993, Tls);
    let d = discovery(&[(guess.clone(), SourceKind::Guess)], DomainState::NotFound);
    let a = analyze(&d, &[failed(&guess, Step::Resolve, FailureKind::NxDomain)]);
    assert_eq!(codes(&a), vec!["dns.domain_not_found"]);
    assert_eq!(a.verdict, Verdict::Broken);
}

#[test]
fn a_resolver_that_never_answers_is_unverified() {
    let guess = ep(Imap, "imap.example.com", 993, Tls);
    let d = discovery(
        &[(guess.clone(), SourceKind::Guess)],
        DomainState::Unknown("timeout".into()),
    );
    let mut r = failed(&guess, Step::Resolve, FailureKind::DnsTimeout);
    r.addr = None;
    let a = analyze(&d, &[r]);
    assert_eq!(codes(&a), vec!["dns.resolver_suspect"]);
    assert_eq!(a.findings[0].params.detail.as_deref(), Some("timeout"));
    assert_eq!(a.verdict, Verdict::Unverified);
}

#[test]
fn servfail_for_the_domain_is_the_root_finding_and_ranks_first() {
    let (imap, _, smtp) = trio();
    let d = discovery(
        &[
            (imap.clone(), SourceKind::Guess),
            (smtp.clone(), SourceKind::Provider),
        ],
        DomainState::Unknown("SERVFAIL".into()),
    );
    let mut a1 = failed(&imap, Step::Resolve, FailureKind::DnsFailed);
    a1.addr = None;
    let mut a2 = failed(&smtp, Step::Resolve, FailureKind::DnsFailed);
    a2.addr = None;
    let a = analyze(&d, &[a1, a2]);
    assert_eq!(a.findings[0].code, "dns.zone_failed", "{:#?}", a.findings);
    assert_eq!(a.findings[0].severity, Severity::Error);
    assert_eq!(a.findings[0].actor, Actor::DomainAdmin);
    assert_eq!(a.findings.len(), 1, "{:#?}", a.findings);
    assert_eq!(a.verdict, Verdict::Broken);
}

#[test]
fn a_host_refusing_every_port_is_one_finding_that_does_not_blame_the_port() {
    let eps: Vec<Endpoint> = [
        (Imap, 993, Tls),
        (Imap, 143, Starttls),
        (Pop3, 995, Tls),
        (Pop3, 110, Starttls),
        (Smtp, 465, Tls),
        (Smtp, 587, Starttls),
    ]
    .iter()
    .map(|(p, port, s)| ep(*p, "mail.example.com", *port, *s))
    .collect();
    let d = srv(&eps.iter().collect::<Vec<_>>());
    let probes: Vec<ProbeResult> = eps
        .iter()
        .map(|e| failed(e, Step::Connect, FailureKind::Refused))
        .collect();
    let a = analyze(&d, &probes);
    assert_eq!(codes(&a), vec!["net.refused"], "{:#?}", a.findings);
    let f = &a.findings[0];
    assert_eq!(f.endpoints.len(), 6);
    assert_eq!(f.params.ports, vec![110, 143, 465, 587, 993, 995]);
    assert_eq!(f.actor, Actor::ServerAdmin);
    assert!(f.cause.contains("every mail port"), "{}", f.cause);
    assert!(!f.fix.contains("port number"), "{}", f.fix);
    assert_eq!(a.verdict, Verdict::Broken);
}

#[test]
fn a_host_silent_on_every_port_is_hung_mail_software() {
    let a1 = ep(Imap, "mail.example.com", 993, Tls);
    let a2 = ep(Smtp, "mail.example.com", 465, Tls);
    let d = srv(&[&a1, &a2]);
    let a = analyze(
        &d,
        &[
            failed(&a1, Step::Greeting, FailureKind::NoGreeting),
            failed(&a2, Step::Greeting, FailureKind::NoGreeting),
        ],
    );
    assert_eq!(codes(&a), vec!["net.no_greeting"]);
    assert!(
        a.findings[0].cause.contains("hung"),
        "{}",
        a.findings[0].cause
    );
}

#[test]
fn no_encryption_on_any_port_asks_the_operator_for_tls_not_for_a_refused_port() {
    let plain = ep(Imap, "mail.example.com", 143, Starttls);
    let tls = ep(Imap, "mail.example.com", 993, Tls);
    let smtp = ep(Smtp, "smtp.example.com", 465, Tls);
    let d = srv(&[&plain, &tls, &smtp]);
    let a = analyze(
        &d,
        &[
            failed(&plain, Step::Starttls, FailureKind::StarttlsNotOffered),
            failed(&tls, Step::Connect, FailureKind::Refused),
            ok(&smtp),
        ],
    );
    assert_eq!(
        codes(&a),
        vec!["security.no_encryption"],
        "{:#?}",
        a.findings
    );
    let f = &a.findings[0];
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.endpoints.len(), 2);
    assert!(f.fix.contains("enable TLS"), "{}", f.fix);
    assert!(!f.fix.contains("use port 993"), "{}", f.fix);
    assert!(f.fix.contains("real password"), "{}", f.fix);
}

#[test]
fn the_domains_own_record_pointing_nowhere_is_the_domain_admins_not_a_typo() {
    let missing = ep(Imap, "imap.gone.example.com", 993, Tls);
    let smtp = ep(Smtp, "smtp.example.com", 465, Tls);
    let mut set = crate::discover::CandidateSet::default();
    set.add(
        missing.clone(),
        "alice@example.com".into(),
        Origin {
            source: SourceKind::Srv,
            detail: "_imaps._tcp.example.com".into(),
        },
        0,
    );
    let mut d = srv(&[&smtp]);
    for c in set.into_sorted() {
        d.candidates.push(c);
    }
    let a = analyze(
        &d,
        &[
            failed(&missing, Step::Resolve, FailureKind::NxDomain),
            ok(&smtp),
        ],
    );
    let f = a
        .findings
        .iter()
        .find(|f| f.code == "dns.host_not_found")
        .unwrap_or_else(|| panic!("{:#?}", a.findings));
    assert_eq!(f.actor, Actor::DomainAdmin);
    assert_eq!(
        f.params.record.as_deref(),
        Some("_imaps._tcp.example.com SRV")
    );
    assert!(f.cause.contains("_imaps._tcp.example.com"), "{}", f.cause);
    assert!(!f.fix.contains("spelling"), "{}", f.fix);
}

fn cert(subject: &str, issuer: &str) -> CertInfo {
    CertInfo {
        subject: subject.into(),
        issuer: issuer.into(),
        dns_names: vec!["mail.example.com".into()],
        not_before: "2020-01-01T00:00:00Z".into(),
        not_after: "2020-06-01T00:00:00Z".into(),
        days_left: -100,
        self_signed: subject == issuer,
    }
}

fn cert_failure(e: &Endpoint, kind: FailureKind, chain: Vec<CertInfo>) -> ProbeResult {
    let mut r = failed(e, Step::TlsHandshake, kind);
    r.tls = Some(TlsInfo {
        version: "TLSv1.3".into(),
        cipher: "x".into(),
        verified: false,
        chain,
    });
    r
}

#[test]
fn a_leaf_sent_alone_by_an_untrusted_issuer_is_a_missing_intermediate() {
    let e = ep(Imap, "mail.example.com", 993, Tls);
    let smtp = ep(Smtp, "mail.example.com", 465, Tls);
    let d = srv(&[&e, &smtp]);
    let leaf = cert("CN=mail.example.com", "CN=Example Intermediate R3");
    let a = analyze(
        &d,
        &[
            cert_failure(&e, FailureKind::CertUntrusted, vec![leaf.clone()]),
            cert_failure(&smtp, FailureKind::CertUntrusted, vec![leaf]),
        ],
    );
    assert_eq!(codes(&a), vec!["tls.chain_incomplete"], "{:#?}", a.findings);
    let f = &a.findings[0];
    assert_eq!(
        f.params.cert_issuer.as_deref(),
        Some("CN=Example Intermediate R3")
    );
    assert!(
        f.cause.contains("CN=Example Intermediate R3"),
        "{}",
        f.cause
    );
    assert!(!f.cause.contains(", or "), "no hedging: {}", f.cause);
    // A self-issued leaf is not a missing intermediate; a full chain from an unknown CA
    // is an untrusted authority.
    let root = cert("CN=Private CA", "CN=Private CA");
    let a = analyze(
        &srv(&[&e]),
        &[cert_failure(
            &e,
            FailureKind::CertUntrusted,
            vec![cert("CN=mail.example.com", "CN=Private CA"), root],
        )],
    );
    assert_eq!(codes(&a)[0], "tls.untrusted", "{:#?}", a.findings);
    assert!(!codes(&a).contains(&"tls.chain_incomplete"));
}

#[test]
fn one_certificate_on_several_ports_is_one_finding_naming_them_all() {
    let eps = [
        ep(Imap, "mail.example.com", 993, Tls),
        ep(Pop3, "mail.example.com", 995, Tls),
        ep(Smtp, "mail.example.com", 465, Tls),
    ];
    let d = srv(&eps.iter().collect::<Vec<_>>());
    let leaf = cert("CN=mail.example.com", "CN=Public CA");
    let kind = FailureKind::CertExpired {
        not_after: "2020-06-01T00:00:00Z".into(),
    };
    let probes: Vec<ProbeResult> = eps
        .iter()
        .map(|e| {
            cert_failure(
                e,
                kind.clone(),
                vec![leaf.clone(), cert("CN=Public CA", "CN=Root")],
            )
        })
        .collect();
    let a = analyze(&d, &probes);
    assert_eq!(codes(&a), vec!["tls.expired"], "{:#?}", a.findings);
    assert_eq!(a.findings[0].endpoints.len(), 3);
    assert_eq!(
        a.findings[0].params.not_after.as_deref(),
        Some("2020-06-01T00:00:00Z")
    );
    assert_eq!(a.findings[0].actor, Actor::ServerAdmin);
}

#[test]
fn a_wrong_password_is_one_finding_for_the_account_and_broken() {
    let (imap, pop, smtp) = trio();
    let d = srv(&[&imap, &pop, &smtp]);
    let a = analyze_run(
        &d,
        &[
            login(&imap, Some(FailureKind::AuthFailed)),
            login(&pop, Some(FailureKind::AuthFailed)),
            login(&smtp, Some(FailureKind::AuthFailed)),
        ],
        &with_password(),
        Lang::En,
    );
    assert_eq!(codes(&a), vec!["auth.failed"], "{:#?}", a.findings);
    assert_eq!(a.findings[0].endpoints.len(), 3);
    assert_eq!(a.findings[0].actor, Actor::User);
    assert_eq!(a.verdict, Verdict::Broken);
    assert_eq!(a.status, Status::Error);
    assert_eq!(a.settings.incoming[0].login, LoginState::Failed);
}

#[test]
fn pop3_off_while_imap_and_smtp_log_in_is_partial_and_says_use_imap() {
    let (imap, pop, smtp) = trio();
    let d = srv(&[&imap, &pop, &smtp]);
    let a = analyze_run(
        &d,
        &[
            login(&imap, None),
            login(&pop, Some(FailureKind::AuthFailed)),
            login(&smtp, None),
        ],
        &with_password(),
        Lang::En,
    );
    assert_eq!(
        codes(&a),
        vec!["auth.protocol_disabled"],
        "{:#?}",
        a.findings
    );
    let f = &a.findings[0];
    assert_eq!(f.severity, Severity::Warning);
    assert!(f.fix.starts_with("Use IMAP: it just worked"), "{}", f.fix);
    assert_eq!(f.params.suggested_protocol, Some(Imap));
    assert_eq!(a.verdict, Verdict::Partial);
    assert_eq!(a.status, Status::Warning, "not an error: IMAP works");
    assert_eq!(a.settings.incoming[0].protocol, Imap);
    assert_eq!(a.settings.incoming[0].login, LoginState::Ok);
    // The same without a password is only reachable: nothing about the account is known.
    let a = analyze(&d, &[ok(&imap), ok(&pop), ok(&smtp)]);
    assert_eq!(a.verdict, Verdict::Reachable);
    assert_eq!(a.status, Status::Ok);
    assert_eq!(a.settings.incoming[0].login, LoginState::NotTested);
}

#[test]
fn every_login_accepted_is_works() {
    let (imap, pop, smtp) = trio();
    let d = srv(&[&imap, &pop, &smtp]);
    let a = analyze_run(
        &d,
        &[login(&imap, None), login(&pop, None), login(&smtp, None)],
        &with_password(),
        Lang::En,
    );
    assert!(a.findings.is_empty(), "{:#?}", a.findings);
    assert_eq!(a.verdict, Verdict::Works);
}

#[test]
fn a_withheld_password_is_reachable_and_says_which_flag_allows_it() {
    let (imap, _, _) = trio();
    let smtp = ep(Smtp, "smtp.hoster.example", 465, Tls);
    let d = discovery(
        &[
            (imap.clone(), SourceKind::AutoconfigMx),
            (smtp.clone(), SourceKind::AutoconfigMx),
        ],
        DomainState::Exists,
    );
    let skipped = |e: &Endpoint| {
        let mut r = ok(e);
        r.steps.push(StepResult {
            step: Step::Login,
            status: StepStatus::Skipped {
                reason: format!(
                    "{} is outside example.com and is not the provider's server; pass --allow-untrusted-host to log in there anyway",
                    e.host
                ),
            },
            elapsed_ms: 0,
        });
        r
    };
    let a = analyze_run(
        &d,
        &[skipped(&imap), skipped(&smtp)],
        &with_password(),
        Lang::En,
    );
    let f = a
        .findings
        .iter()
        .find(|f| f.code == "auth.login_withheld")
        .unwrap_or_else(|| panic!("{:#?}", a.findings));
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.endpoints.len(), 2);
    assert_eq!(f.params.flag.as_deref(), Some("--allow-untrusted-host"));
    assert!(f.fix.contains("--allow-untrusted-host"), "{}", f.fix);
    assert_eq!(a.verdict, Verdict::Reachable);
    assert_eq!(a.settings.incoming[0].login, LoginState::Withheld);
    assert!(a.settings.incoming[0].login_detail.is_some());
    assert_ne!(a.status, Status::Ok, "a withheld login is never a clean OK");
}

#[test]
fn a_pop3_check_on_the_imap_server_is_one_finding() {
    let (imap, pop, smtp) = trio();
    let typed = ep(Pop3, "imap.example.com", 993, Tls);
    let d = discovery(
        &[
            (typed.clone(), SourceKind::User),
            (imap.clone(), SourceKind::Srv),
            (pop.clone(), SourceKind::Srv),
            (smtp.clone(), SourceKind::Srv),
        ],
        DomainState::Exists,
    );
    let a = analyze(
        &d,
        &[
            failed(
                &typed,
                Step::Greeting,
                FailureKind::WrongProtocol { actual: Some(Imap) },
            ),
            ok(&imap),
            ok(&pop),
            ok(&smtp),
        ],
    );
    assert_eq!(codes(&a), vec!["check.wrong_host"], "{:#?}", a.findings);
    let f = &a.findings[0];
    assert!(
        f.cause.contains("IMAP server, not a POP3 server"),
        "{}",
        f.cause
    );
    assert!(
        f.cause.contains("port 993 is the port for IMAP"),
        "{}",
        f.cause
    );
    assert!(f.fix.contains("pop.example.com port 995"), "{}", f.fix);
    assert_eq!(a.checks.len(), 1);
    assert_eq!(a.checks[0].findings, vec!["check.wrong_host"]);
    assert!(!a.checks[0].verified);
    assert_eq!(a.verdict, Verdict::Partial);
    // The typed endpoint never appears among the settings.
    assert!(
        a.settings
            .incoming
            .iter()
            .all(|s| s.port != 993 || s.protocol == Imap)
    );
    // Chinese wording a helpdesk would write.
    let zh = analyze_in(
        &d,
        &[
            failed(
                &typed,
                Step::Greeting,
                FailureKind::WrongProtocol { actual: Some(Imap) },
            ),
            ok(&imap),
            ok(&pop),
            ok(&smtp),
        ],
        Lang::ZhCn,
    );
    assert!(
        zh.findings[0].cause.contains("这是")
            || zh.findings[0]
                .cause
                .contains("是 IMAP 服务器，不是 POP3 服务器"),
        "{}",
        zh.findings[0].cause
    );
}

#[test]
fn port_25_typed_is_never_the_recommended_outgoing_setting() {
    let (imap, _, smtp) = trio();
    let typed = ep(Smtp, "smtp.example.com", 25, Starttls);
    let d = discovery(
        &[
            (typed.clone(), SourceKind::User),
            (imap.clone(), SourceKind::Srv),
            (smtp.clone(), SourceKind::Srv),
        ],
        DomainState::Exists,
    );
    let a = analyze(&d, &[ok(&typed), ok(&imap), ok(&smtp)]);
    assert_eq!(a.settings.outgoing[0].port, 465);
    assert!(a.settings.outgoing.iter().all(|s| s.port != 25));
    assert_eq!(a.checks[0].endpoint, typed);
    assert_eq!(a.checks[0].findings, vec!["check.port_25"]);
    assert_eq!(codes(&a), vec!["check.port_25"]);
}

#[test]
fn settings_from_sources_are_shown_even_when_nothing_answers() {
    let (imap, _, smtp) = trio();
    let d = discovery(
        &[
            (imap.clone(), SourceKind::Provider),
            (smtp.clone(), SourceKind::Provider),
        ],
        DomainState::Exists,
    );
    let a = analyze(
        &d,
        &[
            failed(&imap, Step::Connect, FailureKind::Timeout),
            failed(&smtp, Step::Connect, FailureKind::Timeout),
        ],
    );
    assert_eq!(a.settings.incoming[0].host, "imap.example.com");
    assert!(!a.settings.incoming[0].verified);
    assert_eq!(a.verdict, Verdict::Broken);
}

#[test]
fn no_route_to_any_server_is_this_computer_offline_and_unverified() {
    let (imap, _, smtp) = trio();
    let d = srv(&[&imap, &smtp]);
    let a = analyze(
        &d,
        &[
            failed(&imap, Step::Connect, FailureKind::Unreachable),
            failed(&smtp, Step::Connect, FailureKind::Unreachable),
        ],
    );
    assert_eq!(codes(&a), vec!["net.unreachable"], "{:#?}", a.findings);
    assert_eq!(a.findings[0].actor, Actor::ThisComputer);
    assert_eq!(a.findings[0].endpoints.len(), 2);
    assert_eq!(a.verdict, Verdict::Unverified);
    assert_eq!(a.settings.incoming[0].host, "imap.example.com");
}

#[test]
fn a_resolver_denying_the_canary_too_is_blamed_not_the_domain() {
    let guess = ep(Imap, "imap.example.com", 993, Tls);
    let mut d = discovery(&[(guess.clone(), SourceKind::Guess)], DomainState::NotFound);
    let probes = [failed(&guess, Step::Resolve, FailureKind::NxDomain)];
    d.canary_nxdomain = Some(true);
    let a = analyze(&d, &probes);
    assert_eq!(codes(&a), vec!["dns.resolver_suspect"]);
    assert!(a.findings[0].cause.contains(crate::discover::CANARY));
    assert_eq!(a.verdict, Verdict::Unverified);
    // The canary resolves: the domain really does not exist.
    d.canary_nxdomain = Some(false);
    assert_eq!(codes(&analyze(&d, &probes)), vec!["dns.domain_not_found"]);
}

#[test]
fn a_refused_password_stays_broken_even_with_untested_ports_of_the_same_protocol() {
    // 993/465 logged in and failed; 143/587 work but were not logged in (one login per
    // protocol): the same password would fail there too.
    let imaps = ep(Imap, "mail.example.com", 993, Tls);
    let imap = ep(Imap, "mail.example.com", 143, Starttls);
    let smtps = ep(Smtp, "mail.example.com", 465, Tls);
    let sub = ep(Smtp, "mail.example.com", 587, Starttls);
    let d = srv(&[&imaps, &imap, &smtps, &sub]);
    let a = analyze_run(
        &d,
        &[
            login(&imaps, Some(FailureKind::AuthFailed)),
            ok(&imap),
            login(&smtps, Some(FailureKind::AuthFailed)),
            ok(&sub),
        ],
        &with_password(),
        Lang::En,
    );
    assert_eq!(a.verdict, Verdict::Broken, "{:#?}", a.settings);
    assert_eq!(
        a.settings.incoming[0].port, 993,
        "the recommended port stays first"
    );
    assert_eq!(a.settings.incoming[0].login, LoginState::Failed);
    assert_eq!(a.settings.outgoing[0].port, 465);
}

#[test]
fn another_protocol_answering_on_a_host_that_serves_both_is_not_called_the_wrong_host() {
    let (imap, _, smtp) = trio();
    let pop = ep(Pop3, "imap.example.com", 995, Tls); // the same host serves POP3 too
    let typed = ep(Pop3, "imap.example.com", 993, Tls);
    let d = discovery(
        &[
            (typed.clone(), SourceKind::User),
            (imap.clone(), SourceKind::Srv),
            (pop.clone(), SourceKind::Srv),
            (smtp.clone(), SourceKind::Srv),
        ],
        DomainState::Exists,
    );
    let a = analyze(
        &d,
        &[
            failed(
                &typed,
                Step::Greeting,
                FailureKind::WrongProtocol { actual: Some(Imap) },
            ),
            ok(&imap),
            ok(&pop),
            ok(&smtp),
        ],
    );
    assert_eq!(codes(&a), vec!["check.wrong_protocol"], "{:#?}", a.findings);
    let f = &a.findings[0];
    assert!(!f.cause.contains("is the IMAP server"), "{}", f.cause);
    assert!(
        f.cause.contains("an IMAP server answered on port 993"),
        "{}",
        f.cause
    );
    assert!(f.fix.contains("imap.example.com port 995"), "{}", f.fix);
}

// --- Providers without IMAP ---

#[test]
fn provider_without_imap_is_one_finding_instead_of_a_hunt_for_servers() {
    // HEY-like: the database lists no server; guesses found nothing.
    let guess_imap = ep(Imap, "imap.example.com", 993, Tls);
    let guess_smtp = ep(Smtp, "smtp.example.com", 465, Tls);
    let mut d = discovery(
        &[
            (guess_imap.clone(), SourceKind::Guess),
            (guess_smtp.clone(), SourceKind::Guess),
        ],
        DomainState::Exists,
    );
    provider(&mut d, &["no_imap"]);
    let probes = vec![
        failed(&guess_imap, Step::Resolve, FailureKind::NxDomain),
        failed(&guess_smtp, Step::Resolve, FailureKind::NxDomain),
    ];
    let a = analyze_run(&d, &probes, &RunFacts::default(), Lang::En);
    assert_eq!(codes(&a), ["settings.no_imap"], "{:#?}", a.findings);
    let f = &a.findings[0];
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.actor, Actor::Provider);
    assert!(
        f.cause.contains("Example Mail offers no IMAP"),
        "{}",
        f.cause
    );
    assert_eq!(f.params.detail.as_deref(), Some("example.com"));
    assert_eq!(a.verdict, Verdict::Broken);

    // Offline: the database alone says so; a warning, the verdict stays unverified.
    let offline = RunFacts {
        offline: true,
        ..RunFacts::default()
    };
    let a = analyze_run(&d, &[], &offline, Lang::En);
    assert_eq!(
        codes(&a),
        ["settings.no_imap", "run.offline"],
        "{:#?}",
        a.findings
    );
    assert_eq!(a.findings[0].severity, Severity::Warning);
    assert_eq!(a.verdict, Verdict::Unverified);

    // POP3 works: information, pointing at POP3.
    let pop = ep(Pop3, "pop.example.com", 995, Tls);
    let mut d = discovery(
        &[
            (pop.clone(), SourceKind::Provider),
            (guess_smtp.clone(), SourceKind::Provider),
        ],
        DomainState::Exists,
    );
    provider(&mut d, &["no_imap"]);
    let a = analyze(&d, &[ok(&pop), ok(&guess_smtp)]);
    assert_eq!(codes(&a), ["settings.no_imap"]);
    assert_eq!(a.findings[0].severity, Severity::Info);
    assert!(a.findings[0].fix.contains("POP3"), "{}", a.findings[0].fix);

    // Without the hint, or when IMAP answers after all: no such finding.
    let mut d = discovery(
        &[(guess_imap.clone(), SourceKind::Guess)],
        DomainState::Exists,
    );
    provider(&mut d, &[]);
    let a = analyze(
        &d,
        &[failed(&guess_imap, Step::Resolve, FailureKind::NxDomain)],
    );
    assert!(!codes(&a).contains(&"settings.no_imap"), "{:?}", codes(&a));
    provider(&mut d, &["no_imap"]);
    let a = analyze(&d, &[ok(&guess_imap)]);
    assert!(!codes(&a).contains(&"settings.no_imap"), "{:?}", codes(&a));
}
