//! Thunderbird clientConfig parser (providers/, autoconfig responses, ISPDB): any input must
//! give `Ok` or a typed `Err`, never a panic, and within linear-ish time.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(xml) = std::str::from_utf8(data) {
        let _ = maildoctor::provider::clientconfig::parse(xml);
    }
});
