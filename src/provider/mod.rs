//! Provider database (stub, replaced by the provider work).

/// Provider data could not be loaded.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ProviderError(pub String);
