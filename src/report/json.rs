//! JSON rendering: one pretty-printed document per run, `schema_version` first.

use std::io::Write;

use super::Report;

/// Writes the report as one JSON document followed by a newline.
pub fn render(report: &Report, out: &mut impl Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report).map_err(std::io::Error::other)?;
    out.write_all(b"\n")
}

/// Writes a fatal error as JSON (`{"schema_version":1,"error":{"kind":…,"message":…}}`), so
/// helpdesk systems parsing `--json` always get a document.
pub fn render_error(kind: &str, message: &str, out: &mut impl Write) -> std::io::Result<()> {
    #[derive(serde::Serialize)]
    struct ErrorBody<'a> {
        kind: &'a str,
        message: &'a str,
    }
    #[derive(serde::Serialize)]
    struct ErrorDoc<'a> {
        schema_version: u32,
        status: &'a str,
        error: ErrorBody<'a>,
    }
    let doc = ErrorDoc {
        schema_version: super::SCHEMA_VERSION,
        status: "fatal",
        error: ErrorBody { kind, message },
    };
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(std::io::Error::other)?;
    out.write_all(b"\n")
}
