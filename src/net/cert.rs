//! Certificate inspection with x509-parser: pure functions from DER bytes to [`CertInfo`].
//!
//! Dates are printed as RFC 3339 (`2025-03-01T12:00:00Z`, RFC 3339 §5.6) in UTC, computed from
//! the certificate's Unix timestamps (RFC 5280 §4.1.2.5 `Validity`), so no calendar crate is
//! needed. Names come from the subjectAltName extension (RFC 5280 §4.2.1.6); the subject CN is
//! only a fallback for the "presented names" of a mismatch, as RFC 6125 §6.4.4 allows.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::time::{SystemTime, UNIX_EPOCH};

use x509_parser::extensions::GeneralName;
use x509_parser::prelude::{FromDer, X509Certificate};

use crate::model::CertInfo;

const SECS_PER_DAY: i64 = 86_400;

/// Parses one DER certificate; `None` when it is not a parsable X.509 certificate.
pub fn cert_info(der: &[u8], now: SystemTime) -> Option<CertInfo> {
    let (_, cert) = X509Certificate::from_der(der).ok()?;
    let validity = cert.validity();
    let not_before = validity.not_before.timestamp();
    let not_after = validity.not_after.timestamp();
    let now = unix_seconds(now);
    Some(CertInfo {
        subject: cert.subject().to_string(),
        issuer: cert.issuer().to_string(),
        dns_names: san_names(&cert, false),
        not_before: rfc3339(not_before),
        not_after: rfc3339(not_after),
        days_left: (not_after - now).div_euclid(SECS_PER_DAY),
        self_signed: cert.subject().as_raw() == cert.issuer().as_raw(),
    })
}

/// The names a certificate is valid for: SAN DNS names and IP addresses, or the subject
/// common name(s) when it has no SAN at all. Empty when the DER does not parse.
pub fn presented_names(der: &[u8]) -> Vec<String> {
    let Ok((_, cert)) = X509Certificate::from_der(der) else {
        return Vec::new();
    };
    let names = san_names(&cert, true);
    if !names.is_empty() {
        return names;
    }
    cert.subject()
        .iter_common_name()
        .filter_map(|cn| cn.as_str().ok().map(str::to_owned))
        .collect()
}

/// True when the certificate's subject and issuer names are byte-identical.
pub fn is_self_issued(der: &[u8]) -> bool {
    X509Certificate::from_der(der)
        .map(|(_, c)| c.subject().as_raw() == c.issuer().as_raw())
        .unwrap_or(false)
}

/// True when the certificate names where to download its issuer (Authority Information
/// Access `caIssuers`, RFC 5280 §4.2.2.1), as certificates from public CAs do: an
/// unverifiable chain of such a certificate is missing its intermediate.
pub fn has_ca_issuers_url(der: &[u8]) -> bool {
    let Ok((_, cert)) = X509Certificate::from_der(der) else {
        return false;
    };
    cert.extensions()
        .iter()
        .any(|ext| match ext.parsed_extension() {
            x509_parser::extensions::ParsedExtension::AuthorityInfoAccess(aia) => {
                aia.accessdescs.iter().any(|d| {
                    d.access_method
                        == x509_parser::oid_registry::OID_PKIX_ACCESS_DESCRIPTOR_CA_ISSUERS
                })
            }
            _ => false,
        })
}

/// The issuer name of a certificate, as text; empty when the DER does not parse.
pub fn issuer_name(der: &[u8]) -> String {
    X509Certificate::from_der(der)
        .map(|(_, c)| c.issuer().to_string())
        .unwrap_or_default()
}

fn san_names(cert: &X509Certificate<'_>, with_ips: bool) -> Vec<String> {
    let Ok(Some(san)) = cert.subject_alternative_name() else {
        return Vec::new();
    };
    san.value
        .general_names
        .iter()
        .filter_map(|name| match name {
            GeneralName::DNSName(dns) => Some((*dns).to_owned()),
            GeneralName::IPAddress(bytes) if with_ips => {
                ip_from_bytes(bytes).map(|ip| ip.to_string())
            }
            _ => None,
        })
        .collect()
}

fn ip_from_bytes(bytes: &[u8]) -> Option<IpAddr> {
    if let Ok(b) = <[u8; 4]>::try_from(bytes) {
        return Some(IpAddr::V4(Ipv4Addr::from(b)));
    }
    <[u8; 16]>::try_from(bytes)
        .ok()
        .map(|b| IpAddr::V6(Ipv6Addr::from(b)))
}

/// Seconds since the Unix epoch (negative before 1970).
pub fn unix_seconds(t: SystemTime) -> i64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => i64::try_from(e.duration().as_secs()).map_or(i64::MIN, |s| -s),
    }
}

/// Formats a Unix timestamp as an RFC 3339 UTC date-time, e.g. `2025-03-01T12:00:00Z`.
pub fn rfc3339(unix: i64) -> String {
    let days = unix.div_euclid(SECS_PER_DAY);
    let secs = unix.rem_euclid(SECS_PER_DAY);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// Days since 1970-01-01 to a proleptic Gregorian (year, month, day); H. Hinnant's algorithm.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11]
    let d = doy - (153 * mp + 2) / 5 + 1; // [1, 31]
    let m = if mp < 10 { mp + 3 } else { mp - 9 }; // [1, 12]
    let y = if m <= 2 { y + 1 } else { y };
    // d and m are in small ranges, the casts cannot truncate.
    (
        y,
        u32::try_from(m).unwrap_or(1),
        u32::try_from(d).unwrap_or(1),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn rfc3339_known_dates() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_709_294_645), "2024-03-01T12:04:05Z");
        assert_eq!(rfc3339(-1), "1969-12-31T23:59:59Z");
        assert_eq!(rfc3339(4_102_444_800), "2100-01-01T00:00:00Z");
    }

    fn make(names: &[&str], self_signed_only: bool) -> Vec<u8> {
        let key = rcgen::KeyPair::generate().unwrap();
        let mut params = rcgen::CertificateParams::new(
            names.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>(),
        )
        .unwrap();
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "cn.example");
        params.not_before = rcgen::date_time_ymd(2024, 1, 1);
        params.not_after = rcgen::date_time_ymd(2030, 1, 1);
        if self_signed_only {
            return params.self_signed(&key).unwrap().der().to_vec();
        }
        let ca_key = rcgen::KeyPair::generate().unwrap();
        let mut ca = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        ca.distinguished_name
            .push(rcgen::DnType::CommonName, "Test CA");
        ca.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        let issuer = rcgen::Issuer::new(ca, ca_key);
        params.signed_by(&key, &issuer).unwrap().der().to_vec()
    }

    #[test]
    fn parses_names_dates_and_issuer() {
        let der = make(&["mail.example.com", "imap.example.com"], false);
        let now = UNIX_EPOCH + Duration::from_secs(1_893_456_000 - 10 * 86_400 - 5); // 2030-01-01 minus 10 days, 5 s
        let info = cert_info(&der, now).unwrap();
        assert_eq!(info.dns_names, vec!["mail.example.com", "imap.example.com"]);
        assert_eq!(info.not_before, "2024-01-01T00:00:00Z");
        assert_eq!(info.not_after, "2030-01-01T00:00:00Z");
        assert_eq!(info.days_left, 10);
        assert!(info.subject.contains("cn.example"), "{}", info.subject);
        assert!(info.issuer.contains("Test CA"), "{}", info.issuer);
        assert!(!info.self_signed);
        assert!(!is_self_issued(&der));
    }

    #[test]
    fn expired_has_negative_days_and_self_signed_is_seen() {
        let der = make(&["a.example"], true);
        let now = UNIX_EPOCH + Duration::from_secs(1_893_456_000 + 3600);
        let info = cert_info(&der, now).unwrap();
        assert_eq!(info.days_left, -1);
        assert!(info.self_signed);
        assert!(is_self_issued(&der));
    }

    #[test]
    fn presented_names_include_ips_and_fall_back_to_cn() {
        let der = make(&["a.example", "127.0.0.1"], false);
        assert_eq!(presented_names(&der), vec!["a.example", "127.0.0.1"]);
        let der = make(&[], true);
        assert_eq!(presented_names(&der), vec!["cn.example"]);
    }

    #[test]
    fn garbage_is_none() {
        assert!(cert_info(b"not a certificate", SystemTime::now()).is_none());
        assert!(presented_names(b"").is_empty());
    }
}
