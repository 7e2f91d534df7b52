//! Probing: candidates → observations (stub, replaced by the probe-engine work).

use crate::model::{Endpoint, ProbeResult};
use crate::net::Net;

/// Probes every endpoint concurrently (bounded) and returns one result per endpoint and
/// resolved address, sorted by endpoint then address.
pub async fn run(_net: &Net, _endpoints: Vec<Endpoint>) -> Vec<ProbeResult> {
    Vec::new()
}
