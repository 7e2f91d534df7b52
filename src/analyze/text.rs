//! Finding codes and their plain-language cause and fix. The wording is in the message
//! catalogs (`locales/*/analysis.ftl`); this file only chooses the message and fills in its
//! variables, so the rules never see a sentence.
//!
//! Codes, host names, ports and whatever a server said stay as they are in every language.

use crate::discover::NotOffered;
use crate::discover::guess::standard_ports;
use crate::i18n::Lang;
use crate::model::{Endpoint, Failure, FailureKind, Protocol, Step};
use crate::tr;

/// The stable finding code for a failure at a step.
pub(super) fn code(kind: &FailureKind, step: Step) -> &'static str {
    match kind {
        FailureKind::NxDomain => "dns.host_not_found",
        FailureKind::NoAddress => "dns.no_address",
        FailureKind::DnsFailed | FailureKind::DnsTimeout => "dns.lookup_failed",
        FailureKind::Refused => "net.refused",
        FailureKind::Timeout if step == Step::Connect => "net.timeout",
        FailureKind::Timeout => "net.no_reply",
        FailureKind::Unreachable => "net.unreachable",
        FailureKind::ConnectionClosed => "net.closed",
        FailureKind::ProtocolError => "protocol.error",
        FailureKind::WrongProtocol { .. } => "protocol.mismatch",
        FailureKind::PlaintextOnTlsPort | FailureKind::TlsOnPlaintextPort => "tls.mode_mismatch",
        FailureKind::CertExpired { .. } => "tls.expired",
        FailureKind::CertNotYetValid { .. } => "tls.not_yet_valid",
        FailureKind::CertNameMismatch { .. } => "tls.name_mismatch",
        FailureKind::CertSelfSigned => "tls.self_signed",
        FailureKind::CertUntrusted => "tls.untrusted",
        FailureKind::CertInvalid => "tls.invalid_certificate",
        FailureKind::HandshakeFailed => "tls.handshake_failed",
        FailureKind::StarttlsNotOffered => "starttls.not_offered",
        FailureKind::StarttlsRejected => "starttls.rejected",
        FailureKind::Interrupted => "run.interrupted",
        FailureKind::LocalResources => "run.local_resources",
        FailureKind::NoGreeting => "net.no_greeting",
        FailureKind::ChainIncomplete { .. } => "tls.chain_incomplete",
        FailureKind::TlsVersionTooOld => "tls.old_version",
        FailureKind::AuthFailed => "auth.failed",
        FailureKind::AuthProtocolDisabled => "auth.protocol_disabled",
        FailureKind::AuthAccountBlocked => "auth.account_blocked",
        FailureKind::AuthAppPasswordRequired => "auth.app_password_required",
        FailureKind::AuthOauthRequired => "auth.oauth_required",
        FailureKind::AuthWebLoginRequired => "auth.web_login_required",
        FailureKind::AuthTooManyAttempts => "auth.too_many_attempts",
        FailureKind::AuthTemporary => "auth.temporary",
        FailureKind::AuthRejected => "auth.rejected",
        FailureKind::AuthNoMechanism { .. } => "auth.no_mechanism",
    }
}

/// The code of a failed login step: the account's problem, or the login that could not be
/// completed (the connection broke). Also `maildoctor explain`'s code for a pasted refusal.
pub(crate) fn login_code(kind: &FailureKind) -> &'static str {
    match kind {
        FailureKind::AuthFailed
        | FailureKind::AuthProtocolDisabled
        | FailureKind::AuthAccountBlocked
        | FailureKind::AuthAppPasswordRequired
        | FailureKind::AuthOauthRequired
        | FailureKind::AuthWebLoginRequired
        | FailureKind::AuthTooManyAttempts
        | FailureKind::AuthTemporary
        | FailureKind::AuthRejected
        | FailureKind::AuthNoMechanism { .. } => code(kind, Step::Login),
        _ => "auth.incomplete",
    }
}

/// Cause and fix for a refused login. The server's own text is quoted verbatim.
pub(super) fn explain_login(e: &Endpoint, f: &Failure, user: &str, lang: Lang) -> (String, String) {
    let protocol = e.protocol.display_name();
    let hp = hp(e);
    let msg = f.message.as_str();
    let said = tr!(lang, "analysis-server-said", msg = msg);
    match &f.kind {
        FailureKind::AuthFailed => (
            tr!(lang, "cause-auth-failed", hp = hp, user = user, said = said),
            tr!(lang, "fix-auth-failed"),
        ),
        FailureKind::AuthProtocolDisabled => (
            tr!(
                lang,
                "cause-auth-protocol-disabled",
                protocol = protocol,
                hp = hp,
                said = said
            ),
            tr!(lang, "fix-auth-protocol-disabled", protocol = protocol),
        ),
        FailureKind::AuthAccountBlocked => (
            tr!(lang, "cause-auth-account-blocked", hp = hp, said = said),
            tr!(lang, "fix-auth-account-blocked"),
        ),
        FailureKind::AuthWebLoginRequired => (
            tr!(lang, "cause-auth-web-login-required", hp = hp, said = said),
            tr!(lang, "fix-auth-web-login-required"),
        ),
        FailureKind::AuthOauthRequired => (
            tr!(
                lang,
                "cause-auth-oauth-required",
                hp = hp,
                protocol = protocol,
                said = said
            ),
            tr!(lang, "fix-auth-oauth-required"),
        ),
        FailureKind::AuthTooManyAttempts => (
            tr!(lang, "cause-auth-too-many-attempts", hp = hp, said = said),
            tr!(lang, "fix-auth-too-many-attempts"),
        ),
        FailureKind::AuthTemporary => (
            tr!(lang, "cause-auth-temporary", hp = hp, said = said),
            tr!(lang, "fix-auth-temporary"),
        ),
        FailureKind::AuthAppPasswordRequired => (
            tr!(
                lang,
                "cause-auth-app-password-required",
                hp = hp,
                protocol = protocol,
                said = said
            ),
            tr!(lang, "fix-auth-app-password-required"),
        ),
        FailureKind::AuthNoMechanism { offered } => (
            if offered.is_empty() {
                tr!(lang, "cause-auth-no-mechanism-none", hp = hp)
            } else {
                tr!(
                    lang,
                    "cause-auth-no-mechanism",
                    hp = hp,
                    offered = list(offered, lang)
                )
            },
            if offered.iter().any(|m| m.contains("OAUTH")) {
                tr!(lang, "fix-auth-no-mechanism-oauth")
            } else {
                tr!(lang, "fix-auth-no-mechanism", protocol = protocol)
            },
        ),
        FailureKind::AuthRejected => (
            tr!(lang, "cause-auth-rejected", hp = hp, said = said),
            tr!(lang, "fix-auth-rejected"),
        ),
        _ => (
            tr!(lang, "cause-auth-incomplete", hp = hp, msg = msg),
            tr!(lang, "fix-auth-incomplete"),
        ),
    }
}

/// Items joined with the language's list separator (`a, b` / `a、b`).
pub(super) fn list(items: &[String], lang: Lang) -> String {
    items.join(&tr!(lang, "list-separator"))
}

/// What a cause is called in a "most likely" sentence.
fn cause_name(kind: &FailureKind, lang: Lang) -> String {
    match kind {
        FailureKind::AuthAppPasswordRequired => tr!(lang, "likely-name-app-password-required"),
        FailureKind::AuthProtocolDisabled => tr!(lang, "likely-name-protocol-disabled"),
        FailureKind::AuthOauthRequired => tr!(lang, "likely-name-oauth-required"),
        FailureKind::AuthWebLoginRequired => tr!(lang, "likely-name-web-login-required"),
        FailureKind::AuthFailed => tr!(lang, "likely-name-failed"),
        _ => tr!(lang, "likely-name-other"),
    }
}

/// A generic refusal at a known provider: the provider's usual cause (`likely`) first,
/// what the text alone supports (`plain`, from [`explain_login`]) second.
pub(super) fn likely_login(
    e: &Endpoint,
    f: &Failure,
    likely: &FailureKind,
    provider: &str,
    user: &str,
    plain: (String, String),
    lang: Lang,
) -> (String, String) {
    let as_likely = Failure {
        kind: likely.clone(),
        message: f.message.clone(),
    };
    let (_, likely_fix) = explain_login(e, &as_likely, user, lang);
    (
        tr!(
            lang,
            "cause-auth-likely",
            plain = plain.0,
            provider = provider,
            likely = cause_name(likely, lang),
            other = cause_name(&f.kind, lang)
        ),
        tr!(
            lang,
            "fix-auth-likely",
            likely = likely_fix,
            plain = plain.1
        ),
    )
}

/// The server accepted only the local part as the user name.
pub(super) fn username_format(
    e: &Endpoint,
    settings_user: &str,
    user: &str,
    lang: Lang,
) -> (String, String) {
    (
        tr!(
            lang,
            "cause-auth-username-format",
            hp = hp(e),
            settings_user = settings_user,
            user = user
        ),
        tr!(
            lang,
            "fix-auth-username-format",
            user = user,
            protocol = e.protocol.display_name()
        ),
    )
}

/// A certificate that expires within days, on `on` (hosts and ports).
pub(super) fn expires_soon(on: &str, days: i64, not_after: &str, lang: Lang) -> (String, String) {
    (
        tr!(
            lang,
            "cause-tls-expires-soon",
            on = on,
            date = date(not_after),
            days = days
        ),
        tr!(lang, "fix-tls-expires-soon"),
    )
}

/// A TLS version older than 1.2 negotiated.
pub(super) fn old_tls_version(e: &Endpoint, version: &str, lang: Lang) -> (String, String) {
    (
        tr!(
            lang,
            "cause-tls-old-version-used",
            hp = hp(e),
            version = version
        ),
        tr!(lang, "fix-tls-old-version-used"),
    )
}

/// Only a plaintext connection works.
pub(super) fn no_encryption(
    e: &Endpoint,
    has_encrypted_alternative: bool,
    lang: Lang,
) -> (String, String) {
    (
        tr!(lang, "cause-security-no-encryption", hp = hp(e)),
        if has_encrypted_alternative {
            tr!(
                lang,
                "fix-security-no-encryption-alternative",
                protocol = e.protocol.display_name()
            )
        } else {
            tr!(
                lang,
                "fix-security-no-encryption",
                port = standard_ports(e.protocol)[0].0
            )
        },
    )
}

fn hp(e: &Endpoint) -> String {
    format!("{}:{}", e.host, e.port)
}

/// One setting in a sentence: "IMAP server imap.example.com port 993 with SSL/TLS".
pub(super) fn setting(e: &Endpoint, lang: Lang) -> String {
    tr!(
        lang,
        "analysis-setting",
        protocol = e.protocol.display_name(),
        host = e.host.as_str(),
        port = e.port,
        sec = lang.security(e.security)
    )
}

/// "Meanwhile, this works: …" after a fix, or nothing.
pub(super) fn use_alt(alt: Option<&Endpoint>, lang: Lang) -> String {
    alt.map(|a| tr!(lang, "analysis-meanwhile", setting = setting(a, lang)))
        .unwrap_or_default()
}

/// A text with a note in parentheses: `host (port 993)` / `host（端口 993）`.
pub(super) fn with_note(text: &str, note: &str, lang: Lang) -> String {
    tr!(lang, "analysis-with-note", text = text, note = note)
}

fn date(rfc3339: &str) -> &str {
    rfc3339.get(..10).unwrap_or(rfc3339)
}

/// Cause and fix for a failure on one endpoint.
pub(super) fn explain(
    e: &Endpoint,
    step: Step,
    f: &Failure,
    alt: Option<&Endpoint>,
    lang: Lang,
) -> (String, String) {
    let protocol = e.protocol.display_name();
    let hp = hp(e);
    let msg = f.message.as_str();
    let (host, port) = (e.host.as_str(), e.port);
    let alt_text = use_alt(alt, lang);
    let step_name = tr!(lang, "analysis-step", step = step.as_str());
    let tls_port = standard_ports(e.protocol)[0].0;
    match &f.kind {
        FailureKind::Refused => (
            tr!(lang, "cause-net-refused", hp = hp, protocol = protocol),
            match alt {
                Some(a) => tr!(lang, "fix-net-refused-use", setting = setting(a, lang)),
                None => tr!(lang, "fix-net-refused", protocol = protocol),
            },
        ),
        FailureKind::Timeout if step == Step::Connect => (
            tr!(lang, "cause-net-timeout", hp = hp),
            tr!(lang, "fix-net-timeout", port = port, alt = alt_text),
        ),
        FailureKind::Timeout => (
            tr!(lang, "cause-net-no-reply", hp = hp, step = step_name),
            tr!(lang, "fix-net-no-reply", alt = alt_text),
        ),
        FailureKind::Unreachable => (
            tr!(lang, "cause-net-unreachable", hp = hp),
            tr!(lang, "fix-net-unreachable", alt = alt_text),
        ),
        FailureKind::ConnectionClosed => (
            tr!(lang, "cause-net-closed", hp = hp, step = step_name),
            tr!(lang, "fix-net-closed", alt = alt_text),
        ),
        FailureKind::ProtocolError => (
            tr!(
                lang,
                "cause-protocol-error",
                hp = hp,
                protocol = protocol,
                msg = msg
            ),
            tr!(
                lang,
                "fix-protocol-error",
                protocol = protocol,
                alt = alt_text
            ),
        ),
        FailureKind::WrongProtocol { actual: Some(a) } => {
            let actual = a.display_name();
            (
                tr!(
                    lang,
                    "cause-protocol-mismatch",
                    hp = hp,
                    protocol = protocol,
                    actual = actual
                ),
                match alt {
                    Some(x) => tr!(
                        lang,
                        "fix-protocol-mismatch-alt",
                        actual = actual,
                        protocol = protocol,
                        setting = setting(x, lang)
                    ),
                    None => tr!(
                        lang,
                        "fix-protocol-mismatch",
                        actual = actual,
                        protocol = protocol
                    ),
                },
            )
        }
        FailureKind::WrongProtocol { actual: None } => (
            tr!(
                lang,
                "cause-protocol-mismatch-unknown",
                hp = hp,
                protocol = protocol
            ),
            tr!(
                lang,
                "fix-protocol-mismatch-unknown",
                protocol = protocol,
                alt = alt_text
            ),
        ),
        FailureKind::PlaintextOnTlsPort => (
            tr!(
                lang,
                "cause-tls-plaintext-on-tls-port",
                port = port,
                host = host
            ),
            tr!(
                lang,
                "fix-tls-plaintext-on-tls-port",
                port = port,
                tls_port = tls_port
            ),
        ),
        FailureKind::TlsOnPlaintextPort => (
            tr!(
                lang,
                "cause-tls-tls-on-plaintext-port",
                port = port,
                host = host,
                security = e.security.as_str()
            ),
            tr!(lang, "fix-tls-tls-on-plaintext-port", port = port),
        ),
        FailureKind::HandshakeFailed => (
            tr!(lang, "cause-tls-handshake-failed", hp = hp, msg = msg),
            tr!(lang, "fix-tls-handshake-failed", alt = alt_text),
        ),
        FailureKind::StarttlsNotOffered => (
            tr!(lang, "cause-starttls-not-offered", hp = hp),
            match alt {
                Some(a) => tr!(
                    lang,
                    "fix-starttls-not-offered-use",
                    setting = setting(a, lang)
                ),
                None => tr!(lang, "fix-starttls-not-offered", tls_port = tls_port),
            },
        ),
        FailureKind::NoGreeting => (
            tr!(lang, "cause-net-no-greeting", hp = hp, protocol = protocol),
            tr!(
                lang,
                "fix-net-no-greeting",
                protocol = protocol,
                alt = alt_text
            ),
        ),
        FailureKind::TlsVersionTooOld => (
            tr!(lang, "cause-tls-old-version", hp = hp, msg = msg),
            tr!(lang, "fix-tls-old-version", alt = alt_text),
        ),
        FailureKind::StarttlsRejected => (
            tr!(lang, "cause-starttls-rejected", hp = hp, msg = msg),
            tr!(lang, "fix-starttls-rejected", alt = alt_text),
        ),
        // DNS and certificate kinds are explained per host.
        _ => explain_host(e, &[e.port], step, f, alt, lang),
    }
}

/// Cause and fix for a failure shared by several ports of one host (DNS, certificates).
pub(super) fn explain_host(
    e: &Endpoint,
    ports: &[u16],
    _step: Step,
    f: &Failure,
    alt: Option<&Endpoint>,
    lang: Lang,
) -> (String, String) {
    let on = with_note(&e.host, &lang.port_phrase(ports), lang);
    host_failure(&e.host, e.protocol, &on, f, alt, lang)
}

/// Cause and fix for one certificate problem, shown on `on` (hosts and ports).
pub(super) fn explain_cert(
    host: &str,
    on: &str,
    f: &Failure,
    alt: Option<&Endpoint>,
    lang: Lang,
) -> (String, String) {
    host_failure(host, Protocol::Imap, on, f, alt, lang)
}

fn host_failure(
    host: &str,
    protocol: Protocol,
    on: &str,
    f: &Failure,
    alt: Option<&Endpoint>,
    lang: Lang,
) -> (String, String) {
    let alt_text = use_alt(alt, lang);
    let msg = f.message.as_str();
    match &f.kind {
        FailureKind::NxDomain => (
            tr!(lang, "cause-dns-host-not-found", host = host),
            match alt {
                Some(a) => tr!(
                    lang,
                    "fix-dns-host-not-found-alt",
                    protocol = protocol.display_name(),
                    server = a.host.as_str()
                ),
                None => tr!(lang, "fix-dns-host-not-found"),
            },
        ),
        FailureKind::NoAddress => (
            tr!(lang, "cause-dns-no-address", host = host),
            tr!(lang, "fix-dns-no-address", alt = alt_text),
        ),
        FailureKind::DnsFailed | FailureKind::DnsTimeout => (
            tr!(lang, "cause-dns-lookup-failed", host = host, msg = msg),
            tr!(lang, "fix-dns-lookup-failed"),
        ),
        FailureKind::CertExpired { not_after } => (
            tr!(lang, "cause-tls-expired", on = on, date = date(not_after)),
            tr!(lang, "fix-tls-expired", alt = alt_text),
        ),
        FailureKind::CertNotYetValid { not_before } => (
            tr!(
                lang,
                "cause-tls-not-yet-valid",
                on = on,
                date = date(not_before)
            ),
            tr!(lang, "fix-tls-not-yet-valid"),
        ),
        FailureKind::CertNameMismatch { presented } => (
            if presented.is_empty() {
                tr!(
                    lang,
                    "cause-tls-name-mismatch-no-names",
                    on = on,
                    host = host
                )
            } else {
                tr!(
                    lang,
                    "cause-tls-name-mismatch",
                    on = on,
                    names = list(presented, lang),
                    host = host
                )
            },
            match presented.iter().find(|n| !n.starts_with('*')) {
                Some(n) => tr!(lang, "fix-tls-name-mismatch-use", name = n.as_str()),
                None => tr!(lang, "fix-tls-name-mismatch"),
            },
        ),
        FailureKind::CertSelfSigned => (
            tr!(lang, "cause-tls-self-signed", on = on),
            tr!(lang, "fix-tls-self-signed", alt = alt_text),
        ),
        FailureKind::ChainIncomplete { missing_issuer } => (
            tr!(
                lang,
                "cause-tls-chain-incomplete",
                on = on,
                missing = missing_issuer.as_str()
            ),
            tr!(lang, "fix-tls-chain-incomplete", alt = alt_text),
        ),
        FailureKind::CertUntrusted => (
            tr!(lang, "cause-tls-untrusted", on = on),
            tr!(lang, "fix-tls-untrusted", alt = alt_text),
        ),
        _ => (
            tr!(lang, "cause-tls-invalid-certificate", on = on, msg = msg),
            tr!(lang, "fix-tls-invalid-certificate", alt = alt_text),
        ),
    }
}

/// SRV records that say "not offered" (RFC 6186 §3.4: target "."), in one sentence.
pub(super) fn not_offered(list: &[NotOffered], lang: Lang) -> (String, String) {
    let services: Vec<String> = list
        .iter()
        .map(|n| {
            tr!(
                lang,
                "not-offered-service",
                security = n.security.as_str(),
                protocol = n.protocol.display_name(),
                name = n.name.as_str()
            )
        })
        .collect();
    let incoming = list.iter().any(|n| n.protocol.is_incoming());
    let outgoing = list.iter().any(|n| !n.protocol.is_incoming());
    (
        tr!(
            lang,
            "cause-srv-not-offered",
            services = services.join(&tr!(lang, "analysis-clause-separator"))
        ),
        match (incoming, outgoing) {
            (true, true) => tr!(lang, "fix-srv-not-offered-both"),
            (true, false) => tr!(lang, "fix-srv-not-offered-incoming"),
            _ => tr!(lang, "fix-srv-not-offered-outgoing"),
        },
    )
}

/// Nothing works for one direction.
pub(super) fn nothing_works(
    incoming: bool,
    tried: usize,
    lang: Lang,
) -> (&'static str, String, String) {
    if incoming {
        (
            "settings.no_incoming",
            tr!(lang, "cause-settings-no-incoming", tried = tried),
            tr!(lang, "fix-settings-no-incoming"),
        )
    } else {
        (
            "settings.no_outgoing",
            tr!(lang, "cause-settings-no-outgoing", tried = tried),
            tr!(lang, "fix-settings-no-outgoing"),
        )
    }
}

/// This computer ran out of file descriptors or sockets: cause and fix.
pub(super) fn local_resources(lang: Lang) -> (String, String) {
    (
        tr!(lang, "cause-run-local-resources"),
        tr!(lang, "fix-run-local-resources"),
    )
}

/// The run was interrupted (Ctrl-C): cause and fix.
pub(super) fn interrupted(lang: Lang) -> (String, String) {
    (
        tr!(lang, "cause-run-interrupted"),
        tr!(lang, "fix-run-interrupted"),
    )
}

/// An endpoint works on some addresses of its host and fails on others.
pub(super) fn some_addresses_fail(
    e: &Endpoint,
    bad: &[String],
    good: &[String],
    step: Step,
    f: &Failure,
    lang: Lang,
) -> (String, String) {
    let bad = bad.join(", ");
    (
        tr!(
            lang,
            "cause-net-some-addresses-fail",
            hp = hp(e),
            good = good.join(", "),
            bad = bad.as_str(),
            code = code(&f.kind, step),
            msg = f.message.as_str()
        ),
        tr!(lang, "fix-net-some-addresses-fail", bad = bad.as_str()),
    )
}
