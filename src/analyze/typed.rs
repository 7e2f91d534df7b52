//! "What you typed" rules: compare each `--check` endpoint with the standard ports and with
//! what discovery found, and say what is wrong before the probes say how it fails.

use crate::discover::Discovery;
use crate::i18n::Lang;
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

fn port_name(protocol: Protocol, security: Security, lang: Lang) -> String {
    let p = protocol.display_name();
    match (security, lang) {
        (Security::Tls, Lang::En) => format!("{p} over SSL/TLS"),
        (_, Lang::En) => format!("{p} with STARTTLS"),
        (Security::Tls, Lang::ZhCn) => format!("SSL/TLS 方式的 {p}"),
        (_, Lang::ZhCn) => format!("STARTTLS 方式的 {p}"),
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
pub(super) fn rules(discovery: &Discovery, findings: &mut Vec<Finding>, lang: Lang) {
    let typed = discovery
        .candidates
        .iter()
        .filter(|c| c.origins.iter().any(|o| o.source == SourceKind::User));
    for c in typed {
        let e = &c.endpoint;
        let p = e.protocol.display_name();
        if let Some((port_protocol, port_security)) = standard_port(e.port) {
            if port_protocol != e.protocol {
                let port = e.port;
                let belongs = port_name(port_protocol, port_security, lang);
                let right = std_port(e.protocol, e.security);
                let sec = lang.security(e.security);
                let (cause, fix) = match lang {
                    Lang::En => (
                        format!("Port {port} is the port for {belongs}, not for {p}."),
                        format!("For {p} use port {right} ({sec})."),
                    ),
                    Lang::ZhCn => (
                        format!("{port} 端口是 {belongs} 的端口，不是 {p} 的。"),
                        format!("{p} 请使用 {right} 端口（{sec}）。"),
                    ),
                };
                findings.push(finding("check.wrong_port", e, cause, fix));
            } else if e.protocol == Protocol::Smtp && e.port == 25 {
                let (cause, fix) = match lang {
                    Lang::En => (
                        "Port 25 is for mail servers talking to each other; many networks block it and many providers refuse logins there.",
                        "For sending from a mail app use port 465 with SSL/TLS or 587 with STARTTLS.",
                    ),
                    Lang::ZhCn => (
                        "25 端口是邮件服务器之间互相投递用的；很多网络会封锁这个端口，很多服务商也不允许在这里登录。",
                        "在邮件客户端里发信，请使用 465 端口（SSL/TLS）或 587 端口（STARTTLS）。",
                    ),
                };
                findings.push(finding(
                    "check.port_25",
                    e,
                    cause.to_owned(),
                    fix.to_owned(),
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
                        let (host, port) = (&k.endpoint.host, k.endpoint.port);
                        match lang {
                            Lang::En => format!("The {p} server is {host} (port {port})."),
                            Lang::ZhCn => format!("{p} 服务器是 {host}（端口 {port}）。"),
                        }
                    })
                    .unwrap_or_else(|| match lang {
                        Lang::En => format!("Ask your provider for the {p} server name."),
                        Lang::ZhCn => format!("请向邮箱服务商询问 {p} 服务器地址。"),
                    });
                let (host, o) = (&e.host, other.display_name());
                let cause = match lang {
                    Lang::En => {
                        format!("{host} is the {o} server, but it was entered as the {p} server.")
                    }
                    Lang::ZhCn => format!("{host} 是 {o} 服务器，却被填成了 {p} 服务器。"),
                };
                findings.push(finding("check.wrong_host", e, cause, right));
            }
        }
    }
}
