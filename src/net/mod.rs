//! Network handles shared by the probes: DNS, TCP connector (with curl-style `--connect-to`
//! overrides so tests can map any host:port to a local server) and the TLS client.

pub mod budget;
pub mod cert;
pub mod connect;
pub mod tls;
pub mod window;

use crate::config::Limits;
use crate::dns::Dns;

/// Everything a probe needs to reach the network. Built once per run by `app`.
#[derive(Debug, Clone)]
pub struct Net {
    /// DNS resolver.
    pub dns: Dns,
    /// TCP connector.
    pub connector: connect::Connector,
    /// TLS client.
    pub tls: tls::TlsClient,
    /// Timeouts and caps.
    pub limits: Limits,
}
