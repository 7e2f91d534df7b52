//! JSON rendering: one pretty-printed document per run, `schema_version` first.

use std::io::Write;

use super::Report;

/// Writes the report as one JSON document followed by a newline.
pub fn render(report: &Report, out: &mut impl Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report).map_err(std::io::Error::other)?;
    out.write_all(b"\n")
}

/// Body of a fatal-error document.
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct ErrorBody {
    /// `usage` (bad arguments or address) or `fatal` (files, resolver, output).
    pub kind: String,
    /// The message, as printed on stderr.
    pub message: String,
}

/// The document printed under `--json` when the run cannot start.
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct ErrorDoc {
    /// Always [`super::SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Always `fatal`.
    pub status: String,
    /// What went wrong.
    pub error: ErrorBody,
}

/// Writes a fatal error as JSON (`{"schema_version":1,"status":"fatal","error":{"kind":…,
/// "message":…}}`), so helpdesk systems parsing `--json` always get a document.
pub fn render_error(kind: &str, message: &str, out: &mut impl Write) -> std::io::Result<()> {
    let doc = ErrorDoc {
        schema_version: super::SCHEMA_VERSION,
        status: "fatal".to_owned(),
        error: ErrorBody {
            kind: kind.to_owned(),
            message: message.to_owned(),
        },
    };
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(std::io::Error::other)?;
    out.write_all(b"\n")
}
