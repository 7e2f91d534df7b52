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
    /// UTS #46 (IDNA) processing and must be a host name with at least two labels.
    pub fn parse(input: &str) -> Result<Self, AddressError> {
        let s = input.trim();
        let Some((local, domain)) = s.rsplit_once('@') else {
            return Err(AddressError::NoAt(s.to_owned()));
        };
        if local.is_empty() {
            return Err(AddressError::EmptyLocal(s.to_owned()));
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

    #[test]
    fn trailing_dot_is_dropped() {
        assert_eq!(
            EmailAddress::parse("a@example.com.").unwrap().domain,
            "example.com"
        );
    }
}
