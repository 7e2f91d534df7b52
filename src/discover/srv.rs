//! DNS SRV discovery per RFC 6186 (`_imap`, `_imaps`, `_pop3`, `_pop3s`, `_submission`) and
//! RFC 8314 §5.1 (`_submissions`), ordered per RFC 2782.
//!
//! RFC 6186 §4: a target of "." means the service is decidedly not available at this
//! domain; we report that and never connect to it.

use crate::dns::Srv;
use crate::model::{Protocol, Security};

/// Most SRV records used from one answer (a hostile zone may publish a thousand: each would
/// be a probe and a table row). The best [`MAX_RECORDS`] by RFC 2782 order are kept.
pub const MAX_RECORDS: usize = 8;

/// The records worth probing, best first, and notes on what was dropped: RFC 2782 order,
/// targets that are not plain host names (escaped bytes such as `\033` or `\.`, which
/// must never reach a URL or a connection) removed, at most [`MAX_RECORDS`] kept.
pub fn usable(mut records: Vec<Srv>) -> (Vec<Srv>, Vec<String>) {
    order(&mut records);
    let mut notes = Vec::new();
    let before = records.len();
    records.retain(|r| r.target.is_empty() || crate::http::is_ldh_host(&r.target));
    let invalid = before - records.len();
    if invalid > 0 {
        notes.push(format!(
            "{invalid} record(s) ignored: the target is not a valid host name"
        ));
    }
    if records.len() > MAX_RECORDS {
        notes.push(format!(
            "{} more record(s) ignored (at most {MAX_RECORDS} per name)",
            records.len() - MAX_RECORDS
        ));
        records.truncate(MAX_RECORDS);
    }
    (records, notes)
}

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
pub fn order(records: &mut [Srv]) {
    records.sort_by(|a, b| a.priority.cmp(&b.priority).then(b.weight.cmp(&a.weight)));
}

/// RFC 2782/6186: a single record whose target is "." means "service not offered".
pub fn is_not_offered(records: &[Srv]) -> bool {
    records.len() == 1 && records[0].target.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn usable_drops_escaped_names_and_caps_the_count() {
        let mut r: Vec<Srv> = (0..1000u16)
            .map(|i| srv(i, 0, &format!("imap{i}.example.com")))
            .collect();
        r.push(srv(0, 9, "evil\\033[31m.example.com"));
        r.push(srv(0, 9, "a\\.b.example.com"));
        let (kept, notes) = usable(r);
        assert_eq!(kept.len(), MAX_RECORDS);
        assert_eq!(kept[0].target, "imap0.example.com");
        assert!(notes[0].starts_with("2 record(s) ignored"), "{notes:?}");
        assert!(notes[1].starts_with("992 more"), "{notes:?}");
    }

    #[test]
    fn dot_target_is_not_offered() {
        assert!(is_not_offered(&[srv(0, 0, "")]));
        assert!(!is_not_offered(&[srv(0, 0, "imap.example.com")]));
    }
}
