//! Finding codes and their plain-language cause and fix (English). One place for all the
//! wording, so translations (zh-CN) can replace it without touching the rules.

use crate::discover::NotOffered;
use crate::discover::guess::standard_ports;
use crate::model::{Endpoint, Failure, FailureKind, Protocol, Security, Step};

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
        FailureKind::NoGreeting => "net.no_greeting",
        FailureKind::ChainIncomplete { .. } => "tls.chain_incomplete",
        FailureKind::TlsVersionTooOld => "tls.old_version",
        FailureKind::AuthFailed => "auth.failed",
        FailureKind::AuthProtocolDisabled => "auth.protocol_disabled",
        FailureKind::AuthAccountBlocked => "auth.account_blocked",
        FailureKind::AuthAppPasswordRequired => "auth.app_password_required",
        FailureKind::AuthRejected => "auth.rejected",
        FailureKind::AuthNoMechanism { .. } => "auth.no_mechanism",
    }
}

/// The code of a failed login step: the account's problem, or the login that could not be
/// completed (the connection broke).
pub(super) fn login_code(kind: &FailureKind) -> &'static str {
    match kind {
        FailureKind::AuthFailed
        | FailureKind::AuthProtocolDisabled
        | FailureKind::AuthAccountBlocked
        | FailureKind::AuthAppPasswordRequired
        | FailureKind::AuthRejected
        | FailureKind::AuthNoMechanism { .. } => code(kind, Step::Login),
        _ => "auth.incomplete",
    }
}

/// Cause and fix for a refused login. `reply` is the server's own text, quoted verbatim.
pub(super) fn explain_login(e: &Endpoint, f: &Failure, user: &str) -> (String, String) {
    let p = e.protocol.display_name();
    let said = format!("The server said: \"{}\"", f.message);
    match &f.kind {
        FailureKind::AuthFailed => (
            format!("{} refused the user name {user} or the password. {said}", hp(e)),
            "Check the password (and the user name); if the provider uses app passwords or authorization codes, use one instead of the account password.".to_owned(),
        ),
        FailureKind::AuthProtocolDisabled => (
            format!("{p} is switched off for this account on {}. {said}", hp(e)),
            format!("Enable {p} (e.g. \"POP3/IMAP/SMTP service\") in the account's web settings, or use IMAP instead."),
        ),
        FailureKind::AuthAccountBlocked => (
            format!("{} blocks the login to this account until someone logs in on the web. {said}", hp(e)),
            "Log in once in a web browser, follow the provider's security prompt, then try again.".to_owned(),
        ),
        FailureKind::AuthAppPasswordRequired => (
            format!("{} does not accept the account password for {p}: it wants an app password or authorization code (or OAuth2 sign-in). {said}", hp(e)),
            "Create an app password / authorization code (授权码) in the account's web security settings and use it as the password; for Microsoft accounts use a mail client that signs in with OAuth2.".to_owned(),
        ),
        FailureKind::AuthNoMechanism { offered } => (
            if offered.is_empty() {
                format!("{} offers no password login on this port.", hp(e))
            } else {
                format!("{} offers no password login, only: {}.", hp(e), offered.join(", "))
            },
            if offered.iter().any(|m| m.contains("OAUTH")) {
                "Use a mail client that signs in with OAuth2 (the provider does not accept passwords here).".to_owned()
            } else {
                format!("Use the {p} port the provider documents for logging in.")
            },
        ),
        FailureKind::AuthRejected => (
            format!("{} refused the login, without saying the password is wrong. {said}", hp(e)),
            "Read the server's message above; if it is not clear, ask the provider what it means for this account.".to_owned(),
        ),
        _ => (
            format!("The login on {} could not be completed: {}", hp(e), f.message),
            "Try again later; the server or the network interrupted the login.".to_owned(),
        ),
    }
}

/// The server accepted only the local part as the user name.
pub(super) fn username_format(e: &Endpoint, settings_user: &str, user: &str) -> (String, String) {
    (
        format!(
            "{} refused the user name {settings_user} but accepted {user} with the same password.",
            hp(e)
        ),
        format!(
            "Use {user} as the user name for {}.",
            e.protocol.display_name()
        ),
    )
}

/// A certificate that expires within days.
pub(super) fn expires_soon(
    host: &str,
    ports: &[u16],
    days: i64,
    not_after: &str,
) -> (String, String) {
    let ports_text = ports
        .iter()
        .map(u16::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    (
        format!(
            "The certificate of {host} (port {ports_text}) expires on {} ({days} day(s) left).",
            date(not_after)
        ),
        "The server operator must renew it soon; after that date mail clients will refuse to connect.".to_owned(),
    )
}

/// A TLS version older than 1.2 negotiated.
pub(super) fn old_tls_version(e: &Endpoint, version: &str) -> (String, String) {
    (
        format!("{} uses {version}, which is obsolete and insecure (RFC 8996).", hp(e)),
        "The server operator should enable TLS 1.2 or 1.3; many mail clients refuse older versions.".to_owned(),
    )
}

/// Only a plaintext connection works.
pub(super) fn no_encryption(e: &Endpoint, has_encrypted_alternative: bool) -> (String, String) {
    (
        format!(
            "{} works only without encryption: the password and all mail would cross the network readable by anyone on the way. maildoctor never sends a password there.",
            hp(e)
        ),
        if has_encrypted_alternative {
            format!(
                "Use the encrypted {} setting listed above instead.",
                e.protocol.display_name()
            )
        } else {
            format!(
                "Ask the provider for SSL/TLS (port {}) or STARTTLS; do not use this setting with your real password.",
                standard_ports(e.protocol)[0].0
            )
        },
    )
}

fn hp(e: &Endpoint) -> String {
    format!("{}:{}", e.host, e.port)
}

fn setting(e: &Endpoint) -> String {
    format!(
        "{} server {} port {} with {}",
        e.protocol.display_name(),
        e.host,
        e.port,
        e.security.display_name()
    )
}

fn use_alt(alt: Option<&Endpoint>) -> String {
    alt.map(|a| format!(" Meanwhile, this works: {}.", setting(a)))
        .unwrap_or_default()
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
) -> (String, String) {
    let p = e.protocol.display_name();
    let alt_text = use_alt(alt);
    match &f.kind {
        FailureKind::Refused => (
            format!(
                "Nothing accepts connections on {}: {p} is switched off there or runs on another port.",
                hp(e)
            ),
            match alt {
                Some(a) => format!("Use {} instead.", setting(a)),
                None => format!(
                    "Check the port number; ask the provider whether {p} is offered and on which port."
                ),
            },
        ),
        FailureKind::Timeout if step == Step::Connect => (
            format!(
                "No answer from {} in time: a firewall drops the connection (often an ISP, hotel or company network blocking mail ports), or the server is down.",
                hp(e)
            ),
            format!(
                "Try from another network (e.g. a mobile hotspot) or ask the network administrator to allow port {}.{alt_text}",
                e.port
            ),
        ),
        FailureKind::Timeout => (
            format!(
                "{} accepted the connection but did not answer in time (at step: {}).",
                hp(e),
                step.as_str()
            ),
            format!(
                "The server is overloaded or misconfigured; try again later or ask the provider.{alt_text}"
            ),
        ),
        FailureKind::Unreachable => (
            format!("{} cannot be reached: no network route to it.", hp(e)),
            format!("Check this computer's network connection.{alt_text}"),
        ),
        FailureKind::ConnectionClosed => (
            format!(
                "{} closed the connection at step {} without an explanation.",
                hp(e),
                step.as_str()
            ),
            format!(
                "The server may limit connections or block this network; try again later.{alt_text}"
            ),
        ),
        FailureKind::ProtocolError => (
            format!(
                "{} answered, but not as a {p} server should: {}",
                hp(e),
                f.message
            ),
            format!("Check that this host and port are really for {p}.{alt_text}"),
        ),
        FailureKind::WrongProtocol { actual } => {
            let actual_name = actual.map_or("another service", Protocol::display_name);
            (
                format!(
                    "{} is not a {p} server: a {actual_name} server answered there.",
                    hp(e)
                ),
                match actual {
                    Some(a) => format!(
                        "This host and port are for {}; for {p} use the {p} settings{}.",
                        a.display_name(),
                        alt.map(|x| format!(" ({})", setting(x)))
                            .unwrap_or_default()
                    ),
                    None => format!("Check the port number for {p}.{alt_text}"),
                },
            )
        }
        FailureKind::PlaintextOnTlsPort => {
            let tls_port = standard_ports(e.protocol)[0].0;
            (
                format!(
                    "Port {} on {} expects a plain connection upgraded with STARTTLS, but SSL/TLS was used.",
                    e.port, e.host
                ),
                format!(
                    "Set the encryption to STARTTLS on port {}, or use port {tls_port} with SSL/TLS.",
                    e.port
                ),
            )
        }
        FailureKind::TlsOnPlaintextPort => (
            format!(
                "Port {} on {} starts with SSL/TLS right away, but {} was used.",
                e.port,
                e.host,
                e.security.display_name()
            ),
            format!("Set the encryption to SSL/TLS for port {}.", e.port),
        ),
        FailureKind::HandshakeFailed => (
            format!("The TLS handshake with {} failed: {}", hp(e), f.message),
            format!(
                "The server's TLS setup is broken or too old for modern clients; ask the provider.{alt_text}"
            ),
        ),
        FailureKind::StarttlsNotOffered => (
            format!(
                "{} does not offer STARTTLS: the connection, and your password, would not be encrypted.",
                hp(e)
            ),
            match alt {
                Some(a) => format!(
                    "Use {} instead; never choose \"no encryption\".",
                    setting(a)
                ),
                None => format!(
                    "Use port {} with SSL/TLS if the provider offers it; never choose \"no encryption\".",
                    standard_ports(e.protocol)[0].0
                ),
            },
        ),
        FailureKind::NoGreeting => (
            format!(
                "{} accepted the connection but never said a word: no {p} greeting arrived.",
                hp(e)
            ),
            format!(
                "Something else holds this port, or a firewall/antivirus intercepts it; check the port number for {p}.{alt_text}"
            ),
        ),
        FailureKind::TlsVersionTooOld => (
            format!(
                "{} only speaks an obsolete TLS version (older than 1.2): {}",
                hp(e),
                f.message
            ),
            format!("The server operator must enable TLS 1.2 or 1.3.{alt_text}"),
        ),
        FailureKind::StarttlsRejected => (
            format!(
                "{} advertises STARTTLS but refused it: {}",
                hp(e),
                f.message
            ),
            format!("The server is misconfigured; ask the provider.{alt_text}"),
        ),
        // DNS and certificate kinds are explained per host.
        _ => explain_host(e, &[e.port], step, f, alt),
    }
}

/// Cause and fix for a failure shared by several ports of one host (DNS, certificates).
pub(super) fn explain_host(
    e: &Endpoint,
    ports: &[u16],
    _step: Step,
    f: &Failure,
    alt: Option<&Endpoint>,
) -> (String, String) {
    let ports_text = ports
        .iter()
        .map(u16::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let on = format!("{} (port {ports_text})", e.host);
    let alt_text = use_alt(alt);
    match &f.kind {
        FailureKind::NxDomain => (
            format!("The server name {} does not exist in DNS.", e.host),
            match alt {
                Some(a) => format!("Check the spelling of the server name; the {} server is {}.", e.protocol.display_name(), a.host),
                None => "Check the spelling of the server name against your provider's instructions.".to_owned(),
            },
        ),
        FailureKind::NoAddress => (
            format!("The server name {} exists but has no IP address (no A/AAAA record).", e.host),
            format!("Use the server name from your provider's instructions.{alt_text}"),
        ),
        FailureKind::DnsFailed | FailureKind::DnsTimeout => (
            format!("The DNS lookup for {} failed ({}); this does not prove the name is wrong.", e.host, f.message),
            "Check this computer's DNS settings or try again later; --resolver picks another DNS server.".to_owned(),
        ),
        FailureKind::CertExpired { not_after } => (
            format!("The security certificate of {on} expired on {}.", date(not_after)),
            format!("The server operator must renew the certificate; until then mail clients will refuse or warn.{alt_text}"),
        ),
        FailureKind::CertNotYetValid { not_before } => (
            format!("The security certificate of {on} is only valid from {}.", date(not_before)),
            "Check that this computer's date and time are correct; otherwise the operator must fix the certificate.".to_owned(),
        ),
        FailureKind::CertNameMismatch { presented } => {
            let names = if presented.is_empty() { "(no names)".to_owned() } else { presented.join(", ") };
            (
                format!("The certificate of {on} is for {names}, not for {}.", e.host),
                match presented.iter().find(|n| !n.starts_with('*')) {
                    Some(n) => format!("Use the name on the certificate ({n}) as the server name if your provider confirms it is the same server; otherwise the operator must fix the certificate."),
                    None => "Use the server name from your provider's instructions; otherwise the operator must fix the certificate.".to_owned(),
                },
            )
        }
        FailureKind::CertSelfSigned => (
            format!("The certificate of {on} is self-signed: nobody vouches that the server is who it claims to be."),
            format!("Ask the operator to install a certificate from a public authority (e.g. Let's Encrypt); do not accept it permanently in your mail client unless you can verify it.{alt_text}"),
        ),
        FailureKind::ChainIncomplete { missing_issuer } => (
            format!("The server {on} sends its certificate without the intermediate certificate that links it to a trusted authority (missing: {missing_issuer}). Some mail clients cope, many refuse."),
            format!("A server-side fix: the operator must configure the full chain (certificate + intermediate, e.g. fullchain.pem); if the server uses a private CA, pass it with --ca-file.{alt_text}"),
        ),
        FailureKind::CertUntrusted => (
            format!("The certificate of {on} is not issued by an authority this computer trusts (unknown authority, or the server does not send its intermediate certificate)."),
            format!("The operator should send the full certificate chain from a public authority; for a private CA pass it with --ca-file.{alt_text}"),
        ),
        _ => (
            format!("The certificate of {on} is invalid: {}", f.message),
            format!("Ask the server operator to fix the certificate.{alt_text}"),
        ),
    }
}

/// An SRV record that says "not offered".
pub(super) fn not_offered_cause(n: &NotOffered) -> String {
    let mode = match n.security {
        Security::Tls => " over SSL/TLS",
        _ => " with STARTTLS",
    };
    format!(
        "The domain says in DNS ({}) that it does not offer {}{mode}.",
        n.name,
        n.protocol.display_name()
    )
}

/// Fix for [`not_offered_cause`].
pub(super) fn not_offered_fix(n: &NotOffered) -> String {
    format!(
        "Use another protocol or port for {}.",
        if n.protocol.is_incoming() {
            "incoming mail"
        } else {
            "sending"
        }
    )
}

/// Nothing works for one direction.
pub(super) fn nothing_works(incoming: bool, tried: usize) -> (&'static str, String, String) {
    if incoming {
        (
            "settings.no_incoming",
            format!("No working incoming (IMAP or POP3) server was found ({tried} tried)."),
            "Ask your provider for the IMAP or POP3 server name and port, then check them with --check imaps://HOST:993.".to_owned(),
        )
    } else {
        (
            "settings.no_outgoing",
            format!("No working outgoing (SMTP) server was found ({tried} tried)."),
            "Ask your provider for the SMTP server name and port, then check them with --check submission://HOST:587.".to_owned(),
        )
    }
}
