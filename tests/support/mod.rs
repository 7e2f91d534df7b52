//! In-process integration-test harness: servers the tests start on 127.0.0.0/8.
//!
//! * [`dns`]: authoritative DNS server with zones built in code ([`dns::TestDns`]);
//! * [`http`]: HTTP and HTTPS servers with routes and a request log ([`http::HttpServer`]);
//! * [`pki`]: a test CA and leaf certificates, good and bad ([`pki::TestPki`]);
//! * [`mail`]: scripted IMAP / POP3 / SMTP servers ([`mail::MailServer`]);
//! * [`net`]: refused ports and black-holed ports;
//! * [`hostile`]: peers that misbehave on purpose (hostile-input suite);
//! * [`cli`]: running the `maildoctor` binary hermetically.
//!
//! Every server runs on its own thread with its own tokio runtime, so it works from
//! `#[test]` and `#[tokio::test]` alike, also while the test blocks on a child process, and
//! stops when dropped. Nothing here touches the internet or any non-loopback address.

// Each test module uses a different subset of the harness.
#![allow(dead_code)]

mod background;
pub mod cli;
pub mod dns;
pub mod hostile;
pub mod http;
pub mod labs;
pub mod mail;
pub mod net;
pub mod pki;
pub mod schema;
