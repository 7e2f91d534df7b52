//! maildoctor: find the right POP3/IMAP/SMTP settings for an email address and explain,
//! step by step, why an account does not connect.
//!
//! Data flows one way: [`address`] → [`discover`] (sources → candidates) → [`probe`]
//! (candidates → observations) → [`analyze`] (observations → findings) → [`report`]
//! (table, JSON). [`app::run`] wires the stages together.

pub mod address;
pub mod analyze;
pub mod app;
pub mod batch;
pub mod cli;
pub mod config;
pub mod discover;
pub mod dns;
pub mod error;
pub mod exit;
pub mod explain;
pub mod http;
pub mod i18n;
pub mod model;
pub mod net;
pub mod probe;
pub mod provider;
pub mod providers_cmd;
pub mod report;
pub mod share;
