//! Fatal errors only. Network problems are data (findings), never errors.

/// A fatal error: the run cannot start or cannot write its output.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad command-line input.
    #[error("{0}")]
    Usage(String),
    /// A malformed address.
    #[error(transparent)]
    Address(#[from] crate::address::AddressError),
    /// Provider data could not be read or parsed.
    #[error("provider data: {0}")]
    Provider(#[from] crate::provider::ProviderError),
    /// The resolver could not be set up.
    #[error(transparent)]
    Resolver(#[from] crate::dns::DnsInitError),
    /// The TLS trust store or `--ca-file` could not be loaded.
    #[error(transparent)]
    Tls(#[from] crate::net::tls::TlsInitError),
    /// Writing the report failed.
    #[error("cannot write output: {0}")]
    Output(#[from] std::io::Error),
}

impl Error {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> u8 {
        crate::exit::USAGE
    }
}
