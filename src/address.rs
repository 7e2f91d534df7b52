//! Email address parsing: a local part and a domain, the domain converted to its ASCII
//! (IDNA/punycode) form with the `idna` crate for DNS and kept in Unicode for display.

use std::fmt;

use serde::Serialize;

/// Why an address was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    /// No `@`.
    #[error("'{0}' is not an email address: it has no '@'")]
    NoAt(String),
    /// Empty local part.
    #[error("'{0}' is not an email address: nothing before the '@'")]
    EmptyLocal(String),
    /// Empty domain.
    #[error("'{0}' is not an email address: nothing after the '@'")]
    EmptyDomain(String),
    /// Local part has characters mail clients do not accept unquoted.
    #[error("'{0}' is not an email address: the part before the '@' contains '{1}'")]
    BadLocal(String, char),
    /// Domain is not a valid (internationalised) host name.
    #[error("'{0}' is not an email address: '{1}' is not a valid domain name")]
    BadDomain(String, String),
    /// Local part longer than [`MAX_LOCAL_OCTETS`] (RFC 5321 §4.5.3.1.1). Carries the
    /// beginning of the input only.
    #[error(
        "'{0}' is not an email address: the part before the '@' is {1} octets long, more than 64 (RFC 5321)"
    )]
    LocalTooLong(String, usize),
    /// Address longer than [`MAX_ADDRESS_OCTETS`] (RFC 5321 §4.5.3.1.3 path limit, minus
    /// the angle brackets). Carries the beginning of the input only.
    #[error("'{0}' is not an email address: it is {1} octets long, more than 254 (RFC 5321)")]
    TooLong(String, usize),
}

/// Longest local part, in octets (RFC 5321 §4.5.3.1.1).
pub const MAX_LOCAL_OCTETS: usize = 64;
/// Longest address, in octets: the 256-octet path of RFC 5321 §4.5.3.1.3 without `<>`.
pub const MAX_ADDRESS_OCTETS: usize = 254;
/// How much of an overlong input an error quotes, in characters.
const QUOTED_CHARS: usize = 40;

/// The beginning of `s` for an error message about its length.
fn beginning(s: &str) -> String {
    let mut out: String = s.chars().take(QUOTED_CHARS).collect();
    out.push('…');
    out
}

/// A parsed email address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EmailAddress {
    /// Local part, as typed.
    pub local: String,
    /// Domain in ASCII (punycode) form, lowercase.
    pub domain: String,
    /// Domain in Unicode, for display.
    pub domain_unicode: String,
}

impl EmailAddress {
    /// Parses `local@domain`. The last `@` separates the parts; the domain goes through
    /// UTS #46 (IDNA) processing and must be a host name with at least two labels. The
    /// RFC 5321 length limits (local part 64 octets, address 254) are checked first, before
    /// anything is copied or converted.
    pub fn parse(input: &str) -> Result<Self, AddressError> {
        let s = input.trim();
        if s.len() > MAX_ADDRESS_OCTETS {
            return Err(AddressError::TooLong(beginning(s), s.len()));
        }
        let Some((local, domain)) = s.rsplit_once('@') else {
            return Err(AddressError::NoAt(s.to_owned()));
        };
        if local.is_empty() {
            return Err(AddressError::EmptyLocal(s.to_owned()));
        }
        if local.len() > MAX_LOCAL_OCTETS {
            return Err(AddressError::LocalTooLong(beginning(s), local.len()));
        }
        let domain = domain.trim_end_matches('.');
        if domain.is_empty() {
            return Err(AddressError::EmptyDomain(s.to_owned()));
        }
        if let Some(c) = local.chars().find(|c| {
            c.is_whitespace()
                || c.is_control()
                || matches!(
                    c,
                    '@' | '<' | '>' | ',' | ';' | ':' | '(' | ')' | '[' | ']' | '\\' | '"'
                )
        }) {
            return Err(AddressError::BadLocal(s.to_owned(), c));
        }
        let bad = || AddressError::BadDomain(s.to_owned(), domain.to_owned());
        let ascii = idna::domain_to_ascii_strict(domain).map_err(|_| bad())?;
        let labels: Vec<&str> = ascii.split('.').collect();
        if labels.len() < 2
            || labels.iter().any(|l| {
                l.is_empty()
                    || l.len() > 63
                    || l.starts_with('-')
                    || l.ends_with('-')
                    || !l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            })
            || ascii.len() > 253
        {
            return Err(bad());
        }
        // The ASCII (punycode) form is what servers see; it may be longer than the input.
        let octets = local.len() + 1 + ascii.len();
        if octets > MAX_ADDRESS_OCTETS {
            return Err(AddressError::TooLong(beginning(s), octets));
        }
        let (unicode, res) = idna::domain_to_unicode(&ascii);
        let domain_unicode = if res.is_ok() { unicode } else { ascii.clone() };
        Ok(Self {
            local: local.to_owned(),
            domain: ascii,
            domain_unicode,
        })
    }

    /// The address with the ASCII domain, as sent to servers.
    pub fn ascii(&self) -> String {
        format!("{}@{}", self.local, self.domain)
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}", self.local, self.domain_unicode)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_plain_address() {
        let a = EmailAddress::parse("Alice@Example.COM").unwrap();
        assert_eq!(a.local, "Alice");
        assert_eq!(a.domain, "example.com");
        assert_eq!(a.ascii(), "Alice@example.com");
    }

    #[test]
    fn converts_idna_domain() {
        let a = EmailAddress::parse("user@bücher.example").unwrap();
        assert_eq!(a.domain, "xn--bcher-kva.example");
        assert_eq!(a.domain_unicode, "bücher.example");
        let b = EmailAddress::parse("用户@例子.中国").unwrap();
        assert_eq!(b.domain, "xn--fsqu00a.xn--fiqs8s");
        assert_eq!(b.to_string(), "用户@例子.中国");
    }

    #[test]
    fn rejects_malformed() {
        assert!(matches!(
            EmailAddress::parse("alice"),
            Err(AddressError::NoAt(_))
        ));
        assert!(matches!(
            EmailAddress::parse("@example.com"),
            Err(AddressError::EmptyLocal(_))
        ));
        assert!(matches!(
            EmailAddress::parse("alice@"),
            Err(AddressError::EmptyDomain(_))
        ));
        assert!(matches!(
            EmailAddress::parse("al ice@example.com"),
            Err(AddressError::BadLocal(_, ' '))
        ));
        assert!(matches!(
            EmailAddress::parse("alice@localhost"),
            Err(AddressError::BadDomain(..))
        ));
        assert!(matches!(
            EmailAddress::parse("alice@exa mple.com"),
            Err(AddressError::BadDomain(..))
        ));
        assert!(matches!(
            EmailAddress::parse("alice@-bad.com"),
            Err(AddressError::BadDomain(..))
        ));
        assert!(matches!(
            EmailAddress::parse("alice@a..com"),
            Err(AddressError::BadDomain(..))
        ));
    }

    /// Issue 13.6c: RFC 5321 limits; the error quotes only the beginning of the input.
    #[test]
    fn rfc5321_length_limits() {
        let local64 = "a".repeat(64);
        assert!(EmailAddress::parse(&format!("{local64}@example.com")).is_ok());
        let e = EmailAddress::parse(&format!("{local64}b@example.com")).unwrap_err();
        assert!(matches!(e, AddressError::LocalTooLong(_, 65)), "{e:?}");
        assert!(e.to_string().contains("64"), "{e}");
        // 254 octets in all is fine, 255 is not (labels of 63, domain under 253).
        let domain = |n: usize| {
            format!(
                "{}.{}.{}.com",
                "b".repeat(63),
                "c".repeat(63),
                "d".repeat(n)
            )
        };
        let ok = format!("{local64}@{}", domain(57));
        assert_eq!(ok.len(), 254);
        assert!(EmailAddress::parse(&ok).is_ok(), "{ok}");
        let long = format!("{local64}@{}", domain(58));
        let e = EmailAddress::parse(&long).unwrap_err();
        assert!(matches!(e, AddressError::TooLong(_, 255)), "{e:?}");
        assert!(e.to_string().contains("254"), "{e}");
        // A huge input is refused at once, quoting only its beginning.
        let huge = "x".repeat(10 * 1024 * 1024) + "@example.com";
        let e = EmailAddress::parse(&huge).unwrap_err();
        assert!(e.to_string().len() < 300, "{}", e.to_string().len());
    }

    #[test]
    fn trailing_dot_is_dropped() {
        assert_eq!(
            EmailAddress::parse("a@example.com.").unwrap().domain,
            "example.com"
        );
    }
}
