//! Every finding code maildoctor can emit: the closed list behind the JSON Schema's `code`
//! enum and the README's table. A test checks that each code the rules use is listed here.

use crate::model::Actor;

/// Every finding code, grouped by layer (resolver and DNS, network, TLS, protocol, account,
/// what the user typed, sources, settings, run).
pub const ALL: &[&str] = &[
    "dns.resolver_suspect",
    "dns.zone_failed",
    "dns.domain_not_found",
    "dns.null_mx",
    "dns.host_not_found",
    "dns.no_address",
    "dns.lookup_failed",
    "net.refused",
    "net.timeout",
    "net.no_reply",
    "net.no_greeting",
    "net.some_addresses_fail",
    "net.unreachable",
    "net.closed",
    "protocol.mismatch",
    "protocol.error",
    "tls.mode_mismatch",
    "tls.expired",
    "tls.not_yet_valid",
    "tls.name_mismatch",
    "tls.self_signed",
    "tls.untrusted",
    "tls.invalid_certificate",
    "tls.chain_incomplete",
    "tls.expires_soon",
    "tls.old_version",
    "tls.handshake_failed",
    "security.no_encryption",
    "starttls.not_offered",
    "starttls.rejected",
    "auth.failed",
    "auth.protocol_disabled",
    "auth.account_blocked",
    "auth.app_password_required",
    "auth.oauth_required",
    "auth.web_login_required",
    "auth.too_many_attempts",
    "auth.temporary",
    "auth.rejected",
    "auth.no_mechanism",
    "auth.username_format",
    "auth.incomplete",
    "auth.login_withheld",
    "srv.not_offered",
    "check.wrong_port",
    "check.port_25",
    "check.wrong_host",
    "check.wrong_protocol",
    "settings.no_incoming",
    "settings.no_outgoing",
    // Providers without IMAP (provider database).
    "settings.no_imap",
    "source.disagreement",
    "source.plaintext_advertised",
    "source.plain_http",
    "source.other_domain",
    "source.guess_only",
    "run.interrupted",
    "run.local_resources",
    "run.offline",
];

/// JSON Schema of a finding code: a string from [`ALL`].
pub fn schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": "string",
        "enum": ALL,
    })
}

/// Who usually must act for each finding code (one entry per code of [`ALL`]). The rules
/// decide from the case where it matters (a typed setting is the user's, a server's is its
/// administrator's); this is the default and the help pages' answer.
pub const USUAL_ACTORS: &[(&str, Actor)] = &[
    ("dns.resolver_suspect", Actor::ThisComputer),
    ("dns.zone_failed", Actor::DomainAdmin),
    ("dns.domain_not_found", Actor::User),
    ("dns.null_mx", Actor::DomainAdmin),
    ("dns.host_not_found", Actor::User),
    ("dns.no_address", Actor::DomainAdmin),
    ("dns.lookup_failed", Actor::Network),
    ("net.refused", Actor::ServerAdmin),
    ("net.timeout", Actor::Network),
    ("net.no_reply", Actor::ServerAdmin),
    ("net.no_greeting", Actor::ServerAdmin),
    ("net.some_addresses_fail", Actor::ServerAdmin),
    ("net.unreachable", Actor::Network),
    ("net.closed", Actor::ServerAdmin),
    ("protocol.mismatch", Actor::User),
    ("protocol.error", Actor::ServerAdmin),
    ("tls.mode_mismatch", Actor::User),
    ("tls.expired", Actor::ServerAdmin),
    ("tls.not_yet_valid", Actor::ThisComputer),
    ("tls.name_mismatch", Actor::User),
    ("tls.self_signed", Actor::ServerAdmin),
    ("tls.untrusted", Actor::ServerAdmin),
    ("tls.invalid_certificate", Actor::ServerAdmin),
    ("tls.chain_incomplete", Actor::ServerAdmin),
    ("tls.expires_soon", Actor::ServerAdmin),
    ("tls.old_version", Actor::ServerAdmin),
    ("tls.handshake_failed", Actor::ServerAdmin),
    ("security.no_encryption", Actor::ServerAdmin),
    ("starttls.not_offered", Actor::ServerAdmin),
    ("starttls.rejected", Actor::ServerAdmin),
    ("auth.failed", Actor::User),
    ("auth.protocol_disabled", Actor::User),
    ("auth.account_blocked", Actor::Provider),
    ("auth.app_password_required", Actor::User),
    ("auth.oauth_required", Actor::User),
    ("auth.web_login_required", Actor::User),
    ("auth.too_many_attempts", Actor::User),
    ("auth.temporary", Actor::Provider),
    ("auth.rejected", Actor::User),
    ("auth.no_mechanism", Actor::Provider),
    ("auth.username_format", Actor::User),
    ("auth.incomplete", Actor::Network),
    ("auth.login_withheld", Actor::Helpdesk),
    ("srv.not_offered", Actor::DomainAdmin),
    ("check.wrong_port", Actor::User),
    ("check.port_25", Actor::User),
    ("check.wrong_host", Actor::User),
    ("check.wrong_protocol", Actor::User),
    ("settings.no_incoming", Actor::Helpdesk),
    ("settings.no_outgoing", Actor::Helpdesk),
    ("settings.no_imap", Actor::Provider),
    ("source.disagreement", Actor::DomainAdmin),
    ("source.plaintext_advertised", Actor::DomainAdmin),
    ("source.plain_http", Actor::DomainAdmin),
    ("source.other_domain", Actor::Helpdesk),
    ("source.guess_only", Actor::Helpdesk),
    ("run.interrupted", Actor::Helpdesk),
    ("run.local_resources", Actor::ThisComputer),
    ("run.offline", Actor::Helpdesk),
];

/// Who usually must act on a finding code: the help pages, `maildoctor explain`, and the
/// analysis where nothing about the case changes it (the account's login findings).
pub fn usual_actor(code: &str) -> Actor {
    USUAL_ACTORS
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(Actor::User, |(_, a)| *a)
}

#[cfg(test)]
mod tests {
    use super::{ALL, USUAL_ACTORS};

    #[test]
    fn codes_are_unique_and_dotted() {
        let mut seen = std::collections::BTreeSet::new();
        for c in ALL {
            assert!(seen.insert(*c), "{c} listed twice");
            let (layer, name) = c.split_once('.').unwrap_or_default();
            assert!(!layer.is_empty() && !name.is_empty(), "{c}");
        }
    }

    #[test]
    fn every_code_in_the_source_is_listed() {
        // Scan the analysis sources for string literals that look like finding codes.
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/analyze");
        let layers = [
            "dns", "net", "tls", "protocol", "security", "auth", "starttls", "srv", "check",
            "settings", "run", "source",
        ];
        let mut missing = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "rs") || path.ends_with("codes.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for piece in text.split('"').skip(1).step_by(2) {
                let Some((layer, name)) = piece.split_once('.') else {
                    continue;
                };
                if layers.contains(&layer)
                    && !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit())
                    && !ALL.contains(&piece)
                {
                    missing.push(format!("{piece} ({})", path.display()));
                }
            }
        }
        assert!(missing.is_empty(), "codes not in codes::ALL: {missing:?}");
    }

    #[test]
    fn every_code_has_a_usual_actor() {
        for code in ALL {
            assert!(
                USUAL_ACTORS.iter().any(|(c, _)| c == code),
                "{code} has no actor"
            );
        }
        assert_eq!(USUAL_ACTORS.len(), ALL.len());
    }
}
