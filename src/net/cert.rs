//! Certificate inspection with x509-parser (stub, replaced by the probe-engine work).
