//! The password scrubber (`maildoctor::probe::scrub`): input is `password 0xFF user 0xFF
//! text` (0xFF never occurs in UTF-8). Property: after scrubbing, no encoding of the
//! password is left — clear, percent-encoded, IMAP-escaped, base64 alone or as the SASL
//! PLAIN message — and scrubbing never panics. Sizes are capped like a protocol line.
#![no_main]

use base64::Engine;
use base64::engine::general_purpose::{STANDARD as B64, STANDARD_NO_PAD as B64_NO_PAD};
use libfuzzer_sys::fuzz_target;
use maildoctor::probe::scrub::Scrubber;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |b| *b == 0xFF);
    let (Some(pw), Some(user), Some(text)) = (parts.next(), parts.next(), parts.next()) else {
        return;
    };
    let (Ok(pw), Ok(user), Ok(text)) = (
        std::str::from_utf8(pw),
        std::str::from_utf8(user),
        std::str::from_utf8(text),
    ) else {
        return;
    };
    if pw.len() > 256 || text.len() > 8192 {
        return;
    }
    let s = Scrubber::new(pw, &[user]);
    let out = s.scrub(text);
    if pw.is_empty() {
        assert_eq!(out, text);
        return;
    }
    assert!(!s.reveals(&out), "a form of the password survived");
    let mut plain = vec![0u8];
    plain.extend_from_slice(user.as_bytes());
    plain.push(0);
    plain.extend_from_slice(pw.as_bytes());
    let pct: String = pw.bytes().map(|b| format!("%{b:02X}")).collect();
    let forms = [
        pw.to_owned(),
        pw.replace('\\', "\\\\").replace('"', "\\\""),
        pct.clone(),
        pct.to_lowercase(),
        B64.encode(pw),
        B64_NO_PAD.encode(pw),
        B64.encode(&plain),
        B64_NO_PAD.encode(&plain),
    ];
    for f in forms {
        assert!(!out.contains(&f), "{f:?} survived");
    }
});
