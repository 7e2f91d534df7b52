//! Imap replies (greeting, capabilities, STARTTLS answer) as maildoctor's probe reads them.
#![no_main]

use libfuzzer_sys::fuzz_target;
use maildoctor::model::Protocol;

fuzz_target!(|data: &[u8]| maildoctor_fuzz::run(Protocol::Imap, data));
