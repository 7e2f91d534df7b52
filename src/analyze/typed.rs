//! "What you typed" rules: compare each `--check` endpoint with the standard ports and with
//! what discovery found, and say what is wrong before the probes say how it fails.

use crate::discover::Discovery;
use crate::model::{Endpoint, Finding, Protocol, Security, Severity, SourceKind};

/// The protocol and security a standard port belongs to (RFC 8314, RFC 6409, IANA).
fn standard_port(port: u16) -> Option<(Protocol, Security)> {
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

fn port_name(protocol: Protocol, security: Security) -> String {
    match security {
        Security::Tls => format!("{} over SSL/TLS", protocol.display_name()),
        _ => format!("{} with STARTTLS", protocol.display_name()),
    }
}

fn std_port(protocol: Protocol, security: Security) -> u16 {
    match (protocol, security) {
        (Protocol::Imap, Security::Tls) => 993,
        (Protocol::Imap, _) => 143,
        (Protocol::Pop3, Security::Tls) => 995,
        (Protocol::Pop3, _) => 110,
        (Protocol::Smtp, Security::Tls) => 465,
        (Protocol::Smtp, _) => 587,
    }
}

fn finding(code: &'static str, e: &Endpoint, cause: String, fix: String) -> Finding {
    Finding {
        code,
        severity: Severity::Warning,
        endpoint: Some(e.clone()),
        cause,
        fix,
    }
}

/// Adds findings about typed endpoints.
pub(super) fn rules(discovery: &Discovery, findings: &mut Vec<Finding>) {
    let typed = discovery
        .candidates
        .iter()
        .filter(|c| c.origins.iter().any(|o| o.source == SourceKind::User));
    for c in typed {
        let e = &c.endpoint;
        let p = e.protocol.display_name();
        if let Some((port_protocol, port_security)) = standard_port(e.port) {
            if port_protocol != e.protocol {
                findings.push(finding(
                    "check.wrong_port",
                    e,
                    format!(
                        "Port {} is the port for {}, not for {p}.",
                        e.port,
                        port_name(port_protocol, port_security)
                    ),
                    format!(
                        "For {p} use port {} ({}).",
                        std_port(e.protocol, e.security),
                        e.security.display_name()
                    ),
                ));
            } else if e.protocol == Protocol::Smtp && e.port == 25 {
                findings.push(finding(
                    "check.port_25",
                    e,
                    "Port 25 is for mail servers talking to each other; many networks block it and many providers refuse logins there.".to_owned(),
                    "For sending from a mail app use port 465 with SSL/TLS or 587 with STARTTLS.".to_owned(),
                ));
            }
        }
        // A host that discovery knows only for another protocol: e.g. the IMAP server typed
        // as the POP3 server.
        let known = |protocol: Protocol| {
            discovery.candidates.iter().any(|k| {
                k.endpoint.host == e.host
                    && k.endpoint.protocol == protocol
                    && k.origins
                        .iter()
                        .any(|o| !matches!(o.source, SourceKind::User | SourceKind::Guess))
            })
        };
        if !known(e.protocol) {
            let other = [Protocol::Imap, Protocol::Pop3, Protocol::Smtp]
                .into_iter()
                .find(|&q| q != e.protocol && known(q));
            if let Some(other) = other {
                let right = discovery
                    .candidates
                    .iter()
                    .filter(|k| k.endpoint.protocol == e.protocol)
                    .filter(|k| {
                        k.origins
                            .iter()
                            .any(|o| !matches!(o.source, SourceKind::User | SourceKind::Guess))
                    })
                    .min_by_key(|k| k.rank)
                    .map(|k| {
                        format!(
                            "The {p} server is {} (port {}).",
                            k.endpoint.host, k.endpoint.port
                        )
                    })
                    .unwrap_or_else(|| format!("Ask your provider for the {p} server name."));
                findings.push(finding(
                    "check.wrong_host",
                    e,
                    format!(
                        "{} is the {} server, but it was entered as the {p} server.",
                        e.host,
                        other.display_name()
                    ),
                    right,
                ));
            }
        }
    }
}
