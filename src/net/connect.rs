//! Resolve and connect (stub, replaced by the probe-engine work).

use std::time::Duration;

use crate::config::ConnectTo;
use crate::dns::Dns;

/// TCP connector with `--connect-to` overrides.
#[derive(Debug, Clone)]
pub struct Connector {
    dns: Dns,
    overrides: Vec<ConnectTo>,
    connect_timeout: Duration,
}

impl Connector {
    /// Builds a connector.
    pub fn new(dns: Dns, overrides: Vec<ConnectTo>, connect_timeout: Duration) -> Self {
        Self {
            dns,
            overrides,
            connect_timeout,
        }
    }
}
