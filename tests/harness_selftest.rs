//! Self-tests of the harness in `support`: each server answers as documented, checked with
//! independent clients (hickory-resolver, tokio, tokio-rustls), never with maildoctor code.

mod cli;
mod client;
mod dns;
mod mail;
mod net;
mod pki;
