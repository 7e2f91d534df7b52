//! Provider database (temporary stub with the agreed interface; replaced by the provider work).

use std::path::Path;

use serde::Serialize;

use crate::address::EmailAddress;
use crate::model::{Endpoint, Hint, Protocol, Security};

/// Provider data could not be loaded.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ProviderError(pub String);

/// A provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Provider {
    /// Id.
    pub id: String,
    /// Name.
    pub display_name: String,
    /// Domains.
    pub domains: Vec<String>,
    /// MX domains.
    pub mx_domains: Vec<String>,
    /// Incoming.
    pub incoming: Vec<ServerEntry>,
    /// Outgoing.
    pub outgoing: Vec<ServerEntry>,
    /// Hints.
    pub hints: Vec<Hint>,
    /// Docs.
    pub documentation: Vec<String>,
}

/// A server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServerEntry {
    /// Protocol.
    pub protocol: Protocol,
    /// Host.
    pub host: String,
    /// Port.
    pub port: u16,
    /// Security.
    pub security: Security,
    /// Username template.
    pub username: String,
    /// Auth.
    pub auth: Vec<String>,
}

impl ServerEntry {
    /// Endpoint.
    pub fn endpoint(&self) -> Endpoint {
        Endpoint::new(self.protocol, &self.host, self.port, self.security)
    }
    /// Username.
    pub fn username_for(&self, addr: &EmailAddress) -> String {
        self.username
            .replace("%EMAILADDRESS%", &addr.ascii())
            .replace("%EMAILLOCALPART%", &addr.local)
            .replace("%EMAILDOMAIN%", &addr.domain)
    }
}

/// The database.
#[derive(Debug, Clone, Default)]
pub struct ProviderDb {
    providers: Vec<Provider>,
}

impl ProviderDb {
    /// Builtin.
    pub fn builtin() -> Result<Self, ProviderError> {
        Ok(Self::default())
    }
    /// Load.
    pub fn load(_extra_dir: Option<&Path>) -> Result<Self, ProviderError> {
        Ok(Self::default())
    }
    /// By domain.
    pub fn by_domain(&self, domain: &str) -> Option<&Provider> {
        self.providers
            .iter()
            .find(|p| p.domains.iter().any(|d| d == domain))
    }
    /// By MX.
    pub fn by_mx_host(&self, mx_host: &str) -> Option<&Provider> {
        self.providers
            .iter()
            .find(|p| p.mx_domains.iter().any(|d| mx_host.ends_with(d.as_str())))
    }
    /// All.
    pub fn providers(&self) -> &[Provider] {
        &self.providers
    }
}
