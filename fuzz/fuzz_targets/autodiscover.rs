//! Microsoft Autodiscover (POX) response parser: any input must give `Ok` or a typed `Err`,
//! never a panic (DOCTYPE/entities rejected, nesting capped).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(xml) = std::str::from_utf8(data) {
        let _ = maildoctor::discover::autodiscover::parse(xml);
    }
});
