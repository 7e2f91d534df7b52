//! The report: one serialisable document ([`Report`], `schema_version` 1) and the only place
//! that formats output — a comfy-table view for people ([`table`]) and JSON for helpdesk
//! systems ([`json`]). Renderers write to `&mut impl Write`, so tests render to a `Vec<u8>`.

pub mod json;
pub mod table;

use std::io::Write;

use serde::Serialize;

use crate::analyze::{Settings, Status};
use crate::discover::{DomainState, ProviderMatch};
use crate::model::{Finding, ProbeResult, SourceReport};

/// Version of the JSON document. Bumped only on incompatible changes; fields may be added.
pub const SCHEMA_VERSION: u32 = 1;

/// The address as reported.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct AddressInfo {
    /// The address as typed (Unicode domain).
    pub input: String,
    /// Local part.
    pub local: String,
    /// Domain, ASCII (punycode) form.
    pub domain: String,
    /// Domain, Unicode form.
    pub domain_unicode: String,
}

/// Everything a run found, ready to render.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Report {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The address diagnosed.
    pub address: AddressInfo,
    /// Overall verdict: `ok`, `warning` or `error`.
    pub status: Status,
    /// Settings to type.
    pub settings: Settings,
    /// The recognised provider, if any.
    pub provider: Option<ProviderMatch>,
    /// Whether the domain exists.
    pub domain: DomainState,
    /// Findings, most severe first.
    pub findings: Vec<Finding>,
    /// What every discovery source did.
    pub sources: Vec<SourceReport>,
    /// Every probe, per endpoint and address.
    pub probes: Vec<ProbeResult>,
    /// True when the run was interrupted (Ctrl-C) and the report is partial.
    pub interrupted: bool,
    /// Wall time of the whole run, in milliseconds.
    pub elapsed_ms: u64,
}

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Tables for people.
    #[default]
    Table,
    /// One JSON document.
    Json,
}

/// Renders the report.
pub fn render(report: &Report, format: Format, out: &mut impl Write) -> std::io::Result<()> {
    match format {
        Format::Table => table::render(report, out),
        Format::Json => json::render(report, out),
    }
}

/// Escapes control characters (including ESC, so no terminal escape sequence from a server
/// ever reaches the terminal) as `\xNN`/`\u{..}`; everything else is kept.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() {
            if (c as u32) < 0x100 {
                out.push_str(&format!("\\x{:02x}", c as u32));
            } else {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_neutralises_terminal_sequences() {
        assert_eq!(escape("ok\x1b[31mred\r\n"), "ok\\x1b[31mred\\x0d\\x0a");
        assert_eq!(escape("授权码"), "授权码");
        assert_eq!(escape("a\u{85}b"), "a\\x85b");
    }
}
