//! Integration tests: the real `maildoctor` binary and library against in-process servers on
//! loopback addresses (see `support`).

// Test code: a panic with a message is how the harness reports a broken setup.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod browser;
mod conformance;
mod e2e;
mod e2e_batch;
mod e2e_discovery;
mod e2e_explain;
mod e2e_output;
mod e2e_probe;
mod e2e_providers;
mod e2e_scale;
mod e2e_share;
mod harness_selftest;
mod hostile;
mod login_corpus;
mod readme;
mod real_servers;
mod schema;
mod support;
