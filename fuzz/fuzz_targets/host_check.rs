//! The SSRF guard's checks on network-supplied names and redirects (`maildoctor::http`):
//! input `base URL 0xFF Location 0xFF host name 0xFF 16 address bytes`. Nothing panics; a
//! name accepted as a plain host name is pure LDH; a name from an untrusted source that
//! passes the screen is neither an IP literal nor localhost; a plain-HTTP redirect that is
//! allowed names a host (no IP literal) on the standard port within the same registrable
//! domain.
#![no_main]

use std::net::IpAddr;

use libfuzzer_sys::fuzz_target;
use maildoctor::http::{
    NetKind, check_plain_redirect, is_ldh_host, redirect_target, registrable_domain,
    untrusted_host_problem,
};

fuzz_target!(|data: &[u8]| {
    let mut parts = data.split(|&b| b == 0xff);
    let base = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let location = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let host = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let addr = parts.next().unwrap_or_default();

    if is_ldh_host(&host) {
        let h = host.strip_suffix('.').unwrap_or(&host);
        assert!(
            h.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.'),
            "not LDH: {host:?}"
        );
        assert!(h.len() <= 253);
    }
    if untrusted_host_problem(&host).is_none() {
        assert!(is_ldh_host(&host), "{host:?}");
        assert!(
            host.trim_end_matches('.').parse::<IpAddr>().is_err(),
            "{host:?}"
        );
        let h = host.strip_suffix('.').unwrap_or(&host).to_ascii_lowercase();
        assert!(h != "localhost" && !h.ends_with(".localhost"), "{host:?}");
    }
    if let Ok(a) = <[u8; 16]>::try_from(addr) {
        let _ = NetKind::of(IpAddr::from(a));
        let v4 = [a[0], a[1], a[2], a[3]];
        let _ = NetKind::of(IpAddr::from(v4));
    }

    let Ok(from) = url::Url::parse(&format!("http://{base}/")) else {
        return;
    };
    let Ok(to) = redirect_target(&from, &location) else {
        return;
    };
    if check_plain_redirect(&from, &to).is_ok() {
        let to_host = to.host_str().unwrap_or_default();
        assert!(
            to_host
                .trim_start_matches('[')
                .trim_end_matches(']')
                .parse::<IpAddr>()
                .is_err(),
            "IP literal allowed: {to}"
        );
        assert!(to.port().is_none(), "non-standard port allowed: {to}");
        assert_eq!(
            registrable_domain(from.host_str().unwrap_or_default()),
            registrable_domain(to_host),
            "{from} → {to}"
        );
    }
});
