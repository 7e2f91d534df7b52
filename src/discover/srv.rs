//! DNS SRV discovery per RFC 6186 (`_imap`, `_imaps`, `_pop3`, `_pop3s`, `_submission`) and
//! RFC 8314 §5.1 (`_submissions`), ordered per RFC 2782.
//!
//! RFC 6186 §4: a target of "." means the service is decidedly not available at this
//! domain; we report that and never connect to it.

use crate::model::{Protocol, Security};

/// The SRV services we query, with the protocol and security mode each implies.
/// RFC 6186 §3.1/§3.2, RFC 8314 §5.1: `_imap`/`_pop3`/`_submission` are the STARTTLS ports.
pub const SERVICES: [(&str, Protocol, Security); 6] = [
    ("_submissions._tcp", Protocol::Smtp, Security::Tls),
    ("_submission._tcp", Protocol::Smtp, Security::Starttls),
    ("_imaps._tcp", Protocol::Imap, Security::Tls),
    ("_imap._tcp", Protocol::Imap, Security::Starttls),
    ("_pop3s._tcp", Protocol::Pop3, Security::Tls),
    ("_pop3._tcp", Protocol::Pop3, Security::Starttls),
];

/// Orders SRV records per RFC 2782: ascending priority, and within one priority the
/// heavier weight first (a deterministic stand-in for the weighted random pick, so
/// reports are reproducible). Ties keep answer order.
pub fn order(records: &mut [crate::dns::Srv]) {
    records.sort_by(|a, b| a.priority.cmp(&b.priority).then(b.weight.cmp(&a.weight)));
}

/// RFC 2782/6186: a single record whose target is "." means "service not offered".
pub fn is_not_offered(records: &[crate::dns::Srv]) -> bool {
    records.len() == 1 && records[0].target.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dns::Srv;

    fn srv(priority: u16, weight: u16, target: &str) -> Srv {
        Srv {
            priority,
            weight,
            port: 993,
            target: target.into(),
        }
    }

    #[test]
    fn orders_by_priority_then_weight() {
        let mut r = vec![srv(20, 0, "c"), srv(10, 1, "b"), srv(10, 5, "a")];
        order(&mut r);
        let names: Vec<_> = r.iter().map(|s| s.target.as_str()).collect();
        assert_eq!(names, ["a", "b", "c"]);
    }

    #[test]
    fn dot_target_is_not_offered() {
        assert!(is_not_offered(&[srv(0, 0, "")]));
        assert!(!is_not_offered(&[srv(0, 0, "imap.example.com")]));
    }
}
