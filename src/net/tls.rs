//! TLS client (stub, replaced by the probe-engine work).

use std::path::Path;

/// The trust store or CA file could not be loaded.
#[derive(Debug, thiserror::Error)]
#[error("cannot load trusted certificates: {0}")]
pub struct TlsInitError(pub String);

/// TLS client configuration: system trust store plus `--ca-file`.
#[derive(Debug, Clone)]
pub struct TlsClient {}

impl TlsClient {
    /// Loads the system trust store and the optional extra CA file.
    pub fn new(_ca_file: Option<&Path>) -> Result<Self, TlsInitError> {
        Ok(Self {})
    }
}
