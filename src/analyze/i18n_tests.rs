//! Every finding code exists in every language: scenarios that together raise every code
//! listed in README.md ("Finding codes") are analysed in English, Simplified Chinese and
//! Traditional Chinese, and each Chinese cause and fix must be non-empty, Chinese, and not
//! the English text; the Traditional one must not be the Simplified one nor use Simplified
//! characters. Codes, severities and the order of findings must not depend on the language.

use std::collections::BTreeSet;

use super::tests::{discovery, ep, failed, ok};
use super::*;
use crate::discover::DomainState;
use crate::discover::NotOffered;
use crate::model::{CertInfo, Failure, FailureKind, LoginInfo, Step, TlsInfo};

fn login(e: &Endpoint, kind: Option<FailureKind>, user: &str) -> ProbeResult {
    let mut r = match &kind {
        Some(k) => failed(e, Step::Login, k.clone()),
        None => ok(e),
    };
    r.login = Some(LoginInfo {
        settings_username: "alice@example.com".into(),
        username: user.into(),
        mechanism: "AUTH PLAIN".into(),
        attempts: 1,
        ok: kind.is_none(),
        server_reply: "server text".into(),
    });
    r
}

fn tls(e: &Endpoint, version: &str, days_left: i64) -> ProbeResult {
    let mut r = ok(e);
    r.tls = Some(TlsInfo {
        version: version.into(),
        cipher: "TLS13_AES_128_GCM_SHA256".into(),
        verified: true,
        chain: vec![CertInfo {
            subject: "CN=x".into(),
            issuer: "CN=ca".into(),
            dns_names: vec![e.host.clone()],
            not_before: "2020-01-01T00:00:00Z".into(),
            not_after: "2030-01-01T00:00:00Z".into(),
            days_left,
            self_signed: false,
        }],
    });
    r
}

/// One example of every failure kind, with the step it happens at. The `match` makes a new
/// variant a compile error here until it has an example (and so a translation check).
fn every_failure() -> Vec<(FailureKind, Step)> {
    let kinds = vec![
        (FailureKind::NxDomain, Step::Resolve),
        (FailureKind::NoAddress, Step::Resolve),
        (FailureKind::DnsFailed, Step::Resolve),
        (FailureKind::DnsTimeout, Step::Resolve),
        (FailureKind::Refused, Step::Connect),
        (FailureKind::Timeout, Step::Connect),
        (FailureKind::Timeout, Step::Greeting),
        (FailureKind::Unreachable, Step::Connect),
        (FailureKind::ConnectionClosed, Step::Greeting),
        (FailureKind::ProtocolError, Step::Greeting),
        (
            FailureKind::WrongProtocol {
                actual: Some(Protocol::Pop3),
            },
            Step::Greeting,
        ),
        (FailureKind::WrongProtocol { actual: None }, Step::Greeting),
        (FailureKind::PlaintextOnTlsPort, Step::TlsHandshake),
        (FailureKind::TlsOnPlaintextPort, Step::Greeting),
        (
            FailureKind::CertExpired {
                not_after: "2001-01-01T00:00:00Z".into(),
            },
            Step::TlsHandshake,
        ),
        (
            FailureKind::CertNotYetValid {
                not_before: "2099-01-01T00:00:00Z".into(),
            },
            Step::TlsHandshake,
        ),
        (
            FailureKind::CertNameMismatch {
                presented: vec!["other.example.net".into()],
            },
            Step::TlsHandshake,
        ),
        (
            FailureKind::CertNameMismatch { presented: vec![] },
            Step::TlsHandshake,
        ),
        (FailureKind::CertSelfSigned, Step::TlsHandshake),
        (FailureKind::CertUntrusted, Step::TlsHandshake),
        (FailureKind::CertInvalid, Step::TlsHandshake),
        (FailureKind::HandshakeFailed, Step::TlsHandshake),
        (FailureKind::StarttlsNotOffered, Step::Starttls),
        (FailureKind::StarttlsRejected, Step::Starttls),
        (FailureKind::NoGreeting, Step::Greeting),
        (
            FailureKind::ChainIncomplete {
                missing_issuer: "CN=Intermediate R1".into(),
            },
            Step::TlsHandshake,
        ),
        (FailureKind::TlsVersionTooOld, Step::TlsHandshake),
        (FailureKind::AuthFailed, Step::Login),
        (FailureKind::AuthProtocolDisabled, Step::Login),
        (FailureKind::AuthAccountBlocked, Step::Login),
        (FailureKind::AuthAppPasswordRequired, Step::Login),
        (FailureKind::AuthOauthRequired, Step::Login),
        (FailureKind::AuthWebLoginRequired, Step::Login),
        (FailureKind::AuthTooManyAttempts, Step::Login),
        (FailureKind::AuthTemporary, Step::Login),
        (FailureKind::AuthRejected, Step::Login),
        (
            FailureKind::AuthNoMechanism {
                offered: vec!["XOAUTH2".into()],
            },
            Step::AuthMechs,
        ),
        (
            FailureKind::AuthNoMechanism { offered: vec![] },
            Step::AuthMechs,
        ),
        (FailureKind::ConnectionClosed, Step::Login),
    ];
    for (k, _) in &kinds {
        match k {
            FailureKind::NxDomain
            | FailureKind::NoAddress
            | FailureKind::DnsFailed
            | FailureKind::DnsTimeout
            | FailureKind::Refused
            | FailureKind::Timeout
            | FailureKind::Unreachable
            | FailureKind::ConnectionClosed
            | FailureKind::ProtocolError
            | FailureKind::WrongProtocol { .. }
            | FailureKind::PlaintextOnTlsPort
            | FailureKind::TlsOnPlaintextPort
            | FailureKind::CertExpired { .. }
            | FailureKind::CertNotYetValid { .. }
            | FailureKind::CertNameMismatch { .. }
            | FailureKind::CertSelfSigned
            | FailureKind::CertUntrusted
            | FailureKind::CertInvalid
            | FailureKind::HandshakeFailed
            | FailureKind::StarttlsNotOffered
            | FailureKind::StarttlsRejected
            | FailureKind::NoGreeting
            | FailureKind::ChainIncomplete { .. }
            | FailureKind::TlsVersionTooOld
            | FailureKind::AuthFailed
            | FailureKind::AuthProtocolDisabled
            | FailureKind::AuthAccountBlocked
            | FailureKind::AuthAppPasswordRequired
            | FailureKind::AuthOauthRequired
            | FailureKind::AuthWebLoginRequired
            | FailureKind::AuthTooManyAttempts
            | FailureKind::AuthTemporary
            | FailureKind::AuthRejected
            | FailureKind::AuthNoMechanism { .. } => {}
            // Never a per-endpoint finding: the run adds one run.interrupted (app.rs).
            FailureKind::Interrupted | FailureKind::LocalResources => {}
        }
    }
    kinds
}

/// Scenarios that together raise every finding code.
fn scenarios() -> Vec<(Discovery, Vec<ProbeResult>, RunFacts)> {
    let mut out: Vec<(Discovery, Vec<ProbeResult>, RunFacts)> = base_scenarios()
        .into_iter()
        .map(|(d, p)| (d, p, RunFacts::default()))
        .collect();
    use Protocol::{Imap, Pop3, Smtp};
    use Security::Tls;
    // The resolver says a provider-database domain does not exist.
    let imap = ep(Imap, "imap.example.com", 993, Tls);
    let mut d = discovery(
        &[(imap.clone(), SourceKind::Provider)],
        DomainState::NotFound,
    );
    d.provider = Some(crate::discover::ProviderMatch {
        id: "example.com".into(),
        name: "Example Mail".into(),
        name_zh: None,
        detected_via: SourceKind::Provider,
        mx_host: None,
        hints: vec![],
        documentation: vec![],
    });
    out.push((
        d,
        vec![failed(&imap, Step::Resolve, FailureKind::NxDomain)],
        RunFacts::default(),
    ));
    // A password given but withheld from a host outside the domain; POP3 refused while
    // IMAP logged in with the same password.
    let smtp = ep(Smtp, "smtp.hoster.example", 465, Tls);
    let pop = ep(Pop3, "pop.example.com", 995, Tls);
    let d = discovery(
        &[
            (imap.clone(), SourceKind::Srv),
            (pop.clone(), SourceKind::Srv),
            (smtp.clone(), SourceKind::AutoconfigMx),
        ],
        DomainState::Exists,
    );
    let mut withheld = ok(&smtp);
    withheld.steps.push(crate::model::StepResult {
        step: Step::Login,
        status: crate::model::StepStatus::Skipped {
            reason: "smtp.hoster.example is outside example.com and is not the provider's server; pass --allow-untrusted-host to log in there anyway".into(),
        },
        elapsed_ms: 0,
    });
    out.push((
        d,
        vec![
            login(&imap, None, "alice@example.com"),
            login(&pop, Some(FailureKind::AuthFailed), "alice@example.com"),
            withheld,
        ],
        RunFacts {
            password_given: true,
            ..RunFacts::default()
        },
    ));
    // --offline: nothing checked.
    out.push((
        discovery(&[(imap, SourceKind::Provider)], DomainState::Exists),
        vec![],
        RunFacts {
            offline: true,
            ..RunFacts::default()
        },
    ));
    // A provider without IMAP (the database's no_imap hint); nothing found.
    let mut d = discovery(&[], DomainState::Exists);
    d.provider = Some(crate::discover::ProviderMatch {
        id: "hey.example".into(),
        name: "HEY".into(),
        name_zh: Some("HEY 邮箱".into()),
        detected_via: SourceKind::Provider,
        mx_host: None,
        hints: vec![crate::model::Hint {
            code: "no_imap".into(),
            text: "No IMAP.".into(),
            text_zh: None,
        }],
        documentation: vec![],
    });
    out.push((d, vec![], RunFacts::default()));
    // Typed: another protocol answered on a host no source names.
    let typed = ep(Pop3, "mail.example.net", 995, Tls);
    let d = discovery(
        &[
            (typed.clone(), SourceKind::User),
            (pop.clone(), SourceKind::Srv),
        ],
        DomainState::Exists,
    );
    out.push((
        d,
        vec![
            failed(
                &typed,
                Step::Greeting,
                FailureKind::WrongProtocol { actual: Some(Imap) },
            ),
            ok(&pop),
        ],
        RunFacts::default(),
    ));
    out
}

/// Scenarios without a password.
fn base_scenarios() -> Vec<(Discovery, Vec<ProbeResult>)> {
    use Protocol::{Imap, Pop3, Smtp};
    use Security::{None as Plain, Starttls, Tls};
    let mut out = Vec::new();
    for state in [
        DomainState::NotFound,
        DomainState::NullMx,
        DomainState::Unknown("SERVFAIL".into()),
    ] {
        out.push((discovery(&[], state), vec![]));
    }
    // Every failure kind, each on its own host with no alternative (so it is an error).
    let mut cands = Vec::new();
    let mut probes = Vec::new();
    for (i, (kind, step)) in every_failure().into_iter().enumerate() {
        let e = ep(Imap, &format!("h{i}.example.com"), 993, Tls);
        if matches!(step, Step::Login | Step::AuthMechs) {
            // One login per protocol: each login outcome is its own run.
            let mut r = login(&e, Some(kind), "alice@example.com");
            if step == Step::AuthMechs {
                r.login = None;
                r.steps.last_mut().unwrap().step = Step::AuthMechs;
            }
            out.push((
                discovery(&[(e, SourceKind::Provider)], DomainState::Exists),
                vec![r],
            ));
            continue;
        }
        cands.push((e.clone(), SourceKind::Provider));
        probes.push(failed(&e, step, kind));
    }
    // A login that worked only with the local part; an expiring certificate; old TLS.
    let good = ep(Smtp, "smtp.example.com", 465, Tls);
    cands.push((good.clone(), SourceKind::Provider));
    let mut r = tls(&good, "TLSv1.0", 5);
    r.login = login(&good, None, "alice").login;
    probes.push(r);
    // Works on IPv4, fails on IPv6.
    let dual = ep(Imap, "dual.example.com", 993, Tls);
    cands.push((dual.clone(), SourceKind::Provider));
    probes.push(ok(&dual));
    let mut v6 = failed(&dual, Step::Connect, FailureKind::Refused);
    v6.addr = Some("[::1]:993".parse().unwrap());
    probes.push(v6);
    // Plaintext only: works, but no encryption.
    let plain = ep(Pop3, "pop.example.com", 110, Plain);
    cands.push((plain.clone(), SourceKind::Provider));
    probes.push(ok(&plain));
    let mut d = discovery(&cands, DomainState::Exists);
    d.not_offered.push(NotOffered {
        name: "_pop3s._tcp.example.com".into(),
        protocol: Pop3,
        security: Tls,
    });
    d.not_offered.push(NotOffered {
        name: "_submission._tcp.example.com".into(),
        protocol: Smtp,
        security: Starttls,
    });
    out.push((d, probes));

    // Nothing at all: no incoming, no outgoing.
    out.push((discovery(&[], DomainState::Exists), vec![]));

    // What the user typed: a POP3 port for IMAP, port 25, the IMAP server typed as POP3.
    let imap = ep(Imap, "imap.example.com", 993, Tls);
    let typed_port = ep(Imap, "imap.example.com", 995, Tls);
    let typed_25 = ep(Smtp, "smtp.example.com", 25, Starttls);
    let typed_host = ep(Pop3, "imap.example.com", 995, Tls);
    let d = discovery(
        &[
            (typed_port.clone(), SourceKind::User),
            (typed_25.clone(), SourceKind::User),
            (typed_host.clone(), SourceKind::User),
            (imap.clone(), SourceKind::Provider),
        ],
        DomainState::Exists,
    );
    out.push((
        d,
        vec![ok(&imap), ok(&typed_port), ok(&typed_25), ok(&typed_host)],
    ));

    // Sources: disagreement and plaintext advertised; plain HTTP only; another domain;
    // guesses only.
    let srv = ep(Imap, "mail.example.com", 993, Tls);
    let ac = ep(Imap, "imap.example.com", 143, Plain);
    let http = ep(Smtp, "smtp.example.com", 465, Tls);
    let d = discovery(
        &[
            (srv.clone(), SourceKind::Srv),
            (ac, SourceKind::Autoconfig),
            (http.clone(), SourceKind::AutoconfigHttp),
        ],
        DomainState::Exists,
    );
    out.push((d, vec![ok(&srv), ok(&http)]));
    let other = ep(Imap, "imap.hoster.example", 993, Tls);
    let guess = ep(Smtp, "smtp.example.com", 465, Tls);
    let d = discovery(
        &[
            (other.clone(), SourceKind::Autoconfig),
            (guess.clone(), SourceKind::Guess),
        ],
        DomainState::Exists,
    );
    out.push((d, vec![ok(&other), ok(&guess)]));
    out
}

/// Characters (and words) only Simplified Chinese writes this way, and mainland words a
/// Taiwan or Hong Kong helpdesk would not use. Provider names from the provider files
/// ("HEY 邮箱") are data and may contain Simplified characters; none of these.
const SIMPLIFIED: &[&str] = &[
    "这",
    "务",
    "发",
    "设",
    "录",
    "码",
    "络",
    "连",
    "证",
    "书",
    "请",
    "说",
    "没",
    "检",
    "网",
    "应",
    "问",
    "题",
    "试",
    "时",
    "还",
    "为",
    "过",
    "机",
    "账",
    "端口",
    "服务器",
    "账号",
    "本机",
];

fn assert_traditional(text: &str, what: &str) {
    for s in SIMPLIFIED {
        assert!(!text.contains(s), "{what}: {s:?} in zh-TW text {text:?}");
    }
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Every code of the README's "Finding codes" table.
fn documented_codes() -> BTreeSet<String> {
    let readme = include_str!("../../README.md");
    let section = readme
        .split("## Finding codes")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .unwrap_or_default();
    section
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split(" |").next())
        .flat_map(|first| {
            first
                .split('`')
                .filter(|t| t.contains('.') && !t.contains(' ') && !t.starts_with(','))
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn every_finding_code_has_its_own_chinese_cause_and_fix() {
    let mut seen = BTreeSet::new();
    let key = |a: &Analysis| -> Vec<_> {
        a.findings
            .iter()
            .map(|f| (f.code, f.severity, f.endpoint.clone()))
            .collect()
    };
    for (d, probes, run) in scenarios() {
        let en = analyze_run(&d, &probes, &run, Lang::En);
        let zh = analyze_run(&d, &probes, &run, Lang::ZhCn);
        let tw = analyze_run(&d, &probes, &run, Lang::ZhTw);
        assert_eq!(en.verdict, zh.verdict);
        assert_eq!(en.verdict, tw.verdict);
        assert_eq!(key(&en), key(&tw), "codes do not depend on the language");
        for (z, t) in zh.findings.iter().zip(&tw.findings) {
            for (what, zh_text, tw_text) in [("cause", &z.cause, &t.cause), ("fix", &z.fix, &t.fix)]
            {
                assert!(
                    has_cjk(tw_text) && tw_text != zh_text,
                    "{} {what} has no Traditional text: {tw_text:?}",
                    z.code
                );
                assert_traditional(tw_text, &format!("{} {what}", z.code));
            }
        }
        assert_eq!(en.status, zh.status);
        assert_eq!(key(&en), key(&zh), "codes do not depend on the language");
        for (e, z) in en.findings.iter().zip(&zh.findings) {
            for (what, en_text, zh_text) in [("cause", &e.cause, &z.cause), ("fix", &e.fix, &z.fix)]
            {
                assert!(!en_text.is_empty(), "{} {what}: empty English", e.code);
                assert!(
                    has_cjk(zh_text) && zh_text != en_text,
                    "{} {what} is not translated: {zh_text:?}",
                    e.code
                );
                assert!(
                    !has_cjk(en_text) || en_text.contains("授权码"),
                    "{} {what}: Chinese in English text: {en_text:?}",
                    e.code
                );
            }
            seen.insert(e.code.to_owned());
        }
    }
    // The run-level finding of an interrupted run.
    let (d, probes, _) = scenarios().remove(0);
    let mut en = analyze_in(&d, &probes, Lang::En);
    let mut zh = analyze_in(&d, &probes, Lang::ZhCn);
    super::mark_interrupted(&mut en, Lang::En);
    super::mark_interrupted(&mut zh, Lang::ZhCn);
    let mut tw = analyze_in(&d, &probes, Lang::ZhTw);
    super::mark_interrupted(&mut tw, Lang::ZhTw);
    assert_traditional(&tw.findings[0].cause, "run.interrupted");
    assert!(has_cjk(&tw.findings[0].fix) && tw.findings[0].fix != zh.findings[0].fix);
    assert_eq!(en.findings[0].code, "run.interrupted");
    assert!(has_cjk(&zh.findings[0].cause) && has_cjk(&zh.findings[0].fix));
    assert!(!has_cjk(&en.findings[0].cause) && !has_cjk(&en.findings[0].fix));
    seen.insert(en.findings[0].code.to_owned());
    // The run-level finding of a run that ran out of descriptors.
    let (d, probes, _) = scenarios().remove(0);
    let mut en = analyze_in(&d, &probes, Lang::En);
    let mut zh = analyze_in(&d, &probes, Lang::ZhCn);
    super::mark_local(
        &mut en,
        "run.local_resources",
        text::local_resources(Lang::En),
    );
    super::mark_local(
        &mut zh,
        "run.local_resources",
        text::local_resources(Lang::ZhCn),
    );
    assert!(text::local_resources(Lang::ZhTw).0.contains("這台電腦"));
    assert_eq!(en.findings[0].code, "run.local_resources");
    assert!(has_cjk(&zh.findings[0].cause) && has_cjk(&zh.findings[0].fix));
    assert!(!has_cjk(&en.findings[0].cause) && !has_cjk(&en.findings[0].fix));
    seen.insert(en.findings[0].code.to_owned());
    let documented = documented_codes();
    assert!(documented.len() >= 40, "README parse: {documented:?}");
    let missing: Vec<_> = documented.difference(&seen).collect();
    assert!(
        missing.is_empty(),
        "no translation check for documented codes {missing:?}"
    );
    let undocumented: Vec<_> = seen.difference(&documented).collect();
    assert!(
        undocumented.is_empty(),
        "codes missing in README: {undocumented:?}"
    );
}

#[test]
fn chinese_uses_helpdesk_words() {
    let e = ep(Protocol::Pop3, "pop3.example.com", 995, Security::Tls);
    let f = Failure {
        kind: FailureKind::AuthAppPasswordRequired,
        message: "Please use the authorization code".into(),
    };
    let (cause, fix) = text::explain_login(&e, &f, "alice@qq.com", Lang::ZhCn);
    assert!(cause.contains("授权码"), "{cause}");
    assert!(
        cause.contains("“Please use the authorization code”"),
        "server quote kept verbatim: {cause}"
    );
    assert!(fix.contains("授权码"), "{fix}");
    let f = Failure {
        kind: FailureKind::Timeout,
        message: String::new(),
    };
    let alt = ep(Protocol::Pop3, "pop.example.com", 995, Security::Tls);
    let (cause, fix) = text::explain(&e, Step::Connect, &f, Some(&alt), Lang::ZhCn);
    assert!(cause.contains("连接") && cause.contains("超时"), "{cause}");
    assert!(cause.contains("防火墙"), "{cause}");
    assert!(
        fix.contains("端口 995") && fix.contains("加密方式 SSL/TLS"),
        "{fix}"
    );
}

#[test]
fn traditional_chinese_uses_taiwan_helpdesk_words() {
    let e = ep(Protocol::Pop3, "pop3.example.com", 995, Security::Tls);
    let f = Failure {
        kind: FailureKind::AuthAppPasswordRequired,
        message: "Please use the authorization code".into(),
    };
    let (cause, fix) = text::explain_login(&e, &f, "alice@qq.com", Lang::ZhTw);
    // QQ's 授权码 stays 授權碼; the generic term is 應用程式密碼.
    assert!(
        cause.contains("授權碼") && cause.contains("應用程式密碼"),
        "{cause}"
    );
    assert!(
        cause.contains("「Please use the authorization code」"),
        "server quote kept verbatim: {cause}"
    );
    assert!(fix.contains("授權碼"), "{fix}");
    assert_traditional(&cause, "cause");
    let f = Failure {
        kind: FailureKind::Timeout,
        message: String::new(),
    };
    let alt = ep(Protocol::Pop3, "pop.example.com", 995, Security::Tls);
    let (cause, fix) = text::explain(&e, Step::Connect, &f, Some(&alt), Lang::ZhTw);
    assert!(cause.contains("連線") && cause.contains("逾時"), "{cause}");
    assert!(cause.contains("防火牆"), "{cause}");
    assert!(
        fix.contains("伺服器 pop.example.com")
            && fix.contains("連接埠 995")
            && fix.contains("加密方式 SSL/TLS"),
        "{fix}"
    );
    // A step named in a sentence uses the catalog's word for it.
    let f = Failure {
        kind: FailureKind::ConnectionClosed,
        message: String::new(),
    };
    let (cause, _) = text::explain(&e, Step::TlsHandshake, &f, None, Lang::ZhTw);
    assert!(cause.contains("「TLS 交握」"), "{cause}");
    let (cause, _) = text::explain(&e, Step::TlsHandshake, &f, None, Lang::En);
    assert!(cause.contains("at step tls_handshake"), "{cause}");
    // Certificates are 憑證, domains 網域.
    let f = Failure {
        kind: FailureKind::CertSelfSigned,
        message: String::new(),
    };
    let (cause, _) = text::explain(&e, Step::TlsHandshake, &f, None, Lang::ZhTw);
    assert!(cause.contains("憑證"), "{cause}");
    let (cause, _) = super::words::domain_gone("example.invalid", false, Lang::ZhTw);
    assert!(cause.contains("網域 example.invalid"), "{cause}");
}

#[test]
fn login_details_follow_the_language() {
    // Through the public settings card: a setting that was not logged in says why.
    let imap = ep(Protocol::Imap, "imap.example.com", 993, Security::Tls);
    let smtp = ep(Protocol::Smtp, "smtp.example.com", 465, Security::Tls);
    let d = discovery(
        &[
            (imap.clone(), SourceKind::Provider),
            (smtp.clone(), SourceKind::Provider),
        ],
        DomainState::Exists,
    );
    let probes = vec![ok(&imap), ok(&smtp)];
    for (lang, word) in [
        (Lang::En, "no password given"),
        (Lang::ZhCn, "没有提供密码"),
        (Lang::ZhTw, "沒有提供密碼"),
    ] {
        let a = analyze_in(&d, &probes, lang);
        let details: Vec<&str> = a
            .settings
            .incoming
            .iter()
            .chain(&a.settings.outgoing)
            .filter_map(|s| s.login_detail.as_deref())
            .collect();
        assert!(
            details.iter().any(|t| t.contains(word)),
            "{lang}: {details:?}"
        );
    }
}
