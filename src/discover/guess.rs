//! Guessing: common host names × standard ports, used only when no better source gave a
//! candidate for a protocol. Pure expansion, no I/O. Order is the preference order.

use crate::model::{Endpoint, Protocol, Security};

/// Host prefixes tried for each protocol ("" is the bare domain), best first.
fn prefixes(protocol: Protocol) -> &'static [&'static str] {
    match protocol {
        Protocol::Imap => &["imap.", "mail.", ""],
        Protocol::Pop3 => &["pop.", "pop3.", "mail.", ""],
        Protocol::Smtp => &["smtp.", "mail.", ""],
    }
}

/// Standard ports with their security, secure-first (RFC 8314 §3.3, §5.1).
pub fn standard_ports(protocol: Protocol) -> [(u16, Security); 2] {
    match protocol {
        Protocol::Imap => [(993, Security::Tls), (143, Security::Starttls)],
        Protocol::Pop3 => [(995, Security::Tls), (110, Security::Starttls)],
        Protocol::Smtp => [(465, Security::Tls), (587, Security::Starttls)],
    }
}

/// Guessed endpoints for one protocol, best first.
pub fn expand(domain: &str, protocol: Protocol) -> Vec<Endpoint> {
    let mut out = Vec::new();
    for prefix in prefixes(protocol) {
        for (port, security) in standard_ports(protocol) {
            out.push(Endpoint::new(
                protocol,
                &format!("{prefix}{domain}"),
                port,
                security,
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_in_preference_order() {
        let e = expand("example.com", Protocol::Pop3);
        assert_eq!(e.len(), 8);
        assert_eq!(
            e[0],
            Endpoint::new(Protocol::Pop3, "pop.example.com", 995, Security::Tls)
        );
        assert_eq!(e[1].port, 110);
        assert_eq!(e[1].security, Security::Starttls);
        assert_eq!(e[2].host, "pop3.example.com");
        assert_eq!(e[7].host, "example.com");
        let s = expand("example.com", Protocol::Smtp);
        assert!(s.iter().all(|e| e.port == 465 || e.port == 587));
    }
}
