//! The report: one serialisable document ([`Report`], `schema_version` 1) and the only place
//! that formats output — a comfy-table view for people ([`table`]), JSON for helpdesk
//! systems ([`json`]), shareable Markdown and HTML reports ([`markdown`], [`html`]), the
//! settings card in a mail client's words ([`card`]) and client configuration files
//! ([`export`]). Renderers read only the [`Report`] and write to `&mut impl Write`, so tests
//! render to a `Vec<u8>`.

pub mod card;
pub mod export;
pub mod html;
pub mod json;
pub mod markdown;
mod share;
pub mod table;

use std::io::Write;

use serde::Serialize;

use crate::analyze::{Check, Settings, Status, Verdict};
use crate::discover::{DomainState, ProviderMatch};
use crate::i18n::Lang;
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
    /// Overall severity: `ok`, `warning` or `error` (the most severe finding; never milder
    /// than the verdict implies).
    pub status: Status,
    /// What was proven: `works`, `reachable`, `partial`, `broken` or `unverified`.
    pub verdict: Verdict,
    /// Settings to type: `incoming[0]` and `outgoing[0]` are the recommended pair.
    pub settings: Settings,
    /// What the user typed (`--check`), each with its outcome and findings.
    pub checks: Vec<Check>,
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
    /// Language of causes, fixes and details: `en` or `zh-CN`.
    pub lang: String,
    /// maildoctor's version.
    pub tool_version: String,
    /// When the run started, RFC 3339 (UTC).
    pub generated_at: String,
    /// The DNS resolver asked: `ip:port` of each name server (`--resolver`, or the system
    /// configuration); empty when unknown.
    pub resolver: Vec<String>,
}

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Tables for people.
    #[default]
    Table,
    /// One JSON document.
    Json,
    /// A Markdown report for tickets, its settings card in the words of this client.
    Markdown(card::Client),
    /// One self-contained HTML page (no script, nothing fetched), its card for this client.
    Html(card::Client),
    /// Only the settings card, plain text for a chat message (`--card`).
    Card(card::Client),
    /// A client configuration file for the domain (`--export`).
    Export(export::ExportKind),
}

/// `--color`: when the table view may use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// Only when stdout is a terminal and `NO_COLOR` is unset or empty (<https://no-color.org>).
    #[default]
    Auto,
    /// Always, even into a pipe and even with `NO_COLOR` set (an explicit request wins).
    Always,
    /// Never.
    Never,
}

impl ColorChoice {
    /// Whether to colour: `stdout_is_terminal` and the value of `NO_COLOR` decide `auto`.
    pub fn enabled(self, stdout_is_terminal: bool, no_color: Option<&std::ffi::OsStr>) -> bool {
        match self {
            Self::Always => true,
            Self::Never => false,
            Self::Auto => stdout_is_terminal && no_color.is_none_or(|v| v.is_empty()),
        }
    }

    /// [`ColorChoice::enabled`] for this process's stdout and environment.
    pub fn enabled_for_stdout(self) -> bool {
        use std::io::IsTerminal;
        self.enabled(
            std::io::stdout().is_terminal(),
            std::env::var_os("NO_COLOR").as_deref(),
        )
    }
}

/// How the table view is rendered (JSON ignores these; its `cause`/`fix` were written in
/// the analysis language already).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RenderOptions {
    /// Language of headings, labels and verdicts.
    pub lang: Lang,
    /// Colour the verdict, severity and check cells (ANSI); see [`ColorChoice`].
    pub color: bool,
    /// Also show the probe matrix, the transcripts and the source trace.
    pub verbose: bool,
    /// Output width in columns; `None`: `COLUMNS`, else the terminal's width when stdout is a
    /// terminal, else 120 (see [`table::detect_width`]).
    pub width: Option<u16>,
}

/// Renders the report.
pub fn render(
    report: &Report,
    format: Format,
    options: &RenderOptions,
    out: &mut impl Write,
) -> std::io::Result<()> {
    match format {
        Format::Table => table::render(report, options, out),
        Format::Json => json::render(report, out),
        Format::Markdown(client) => markdown::render(report, options, client, out),
        Format::Html(client) => html::render(report, options, client, out),
        Format::Card(client) => card::render(report, options.lang, client, out),
        Format::Export(kind) => export::render(report, kind, out),
    }
}

/// Characters that change how text around them is displayed without being visible:
/// bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069, the
/// "Trojan Source" characters), zero-width characters and marks (U+200B–U+200F, U+2060,
/// U+FEFF) and the line and paragraph separators (U+2028, U+2029).
pub fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200b}'..='\u{200f}'
            | '\u{2060}'
            | '\u{feff}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// Escapes control characters (including ESC, so no terminal escape sequence from a server
/// ever reaches the terminal) as `\xNN`/`\u{..}`, and the invisible formatting characters
/// of [`is_invisible_format`] as `\u{..}`; everything else is kept.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() || is_invisible_format(c) {
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

/// [`escape`], and also the invisible characters that reorder or hide text (bidi controls
/// and isolates, zero-width and other format characters, `U+2028`/`U+2029`), shown as
/// `\u{..}`: what a server said is shown as it is, never rearranged on the screen.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in escape(s).chars() {
        let hidden = matches!(c,
            '\u{00ad}' | '\u{061c}' | '\u{180e}' | '\u{200b}'..='\u{200f}'
            | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}');
        if hidden {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
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
    fn colour_follows_no_color_unless_always_is_explicit() {
        use std::ffi::OsStr;
        let set = Some(OsStr::new("1"));
        let empty = Some(OsStr::new(""));
        assert!(ColorChoice::Auto.enabled(true, None));
        assert!(
            ColorChoice::Auto.enabled(true, empty),
            "empty NO_COLOR is unset"
        );
        assert!(
            !ColorChoice::Auto.enabled(true, set),
            "NO_COLOR disables auto"
        );
        assert!(!ColorChoice::Auto.enabled(false, None), "not a terminal");
        assert!(
            ColorChoice::Always.enabled(false, set),
            "--color always wins"
        );
        assert!(!ColorChoice::Never.enabled(true, None));
    }

    #[test]
    fn escape_neutralises_terminal_sequences() {
        assert_eq!(escape("ok\x1b[31mred\r\n"), "ok\\x1b[31mred\\x0d\\x0a");
        assert_eq!(escape("授权码"), "授权码");
        assert_eq!(escape("a\u{85}b"), "a\\x85b");
    }

    #[test]
    fn escape_shows_bidi_and_zero_width_characters() {
        assert_eq!(
            escape("x\u{202e}gnp.exe\u{2066}\u{2069}"),
            "x\\u{202e}gnp.exe\\u{2066}\\u{2069}"
        );
        assert_eq!(
            escape("a\u{200b}\u{200f}\u{2060}\u{feff}\u{2028}\u{2029}b"),
            "a\\u{200b}\\u{200f}\\u{2060}\\u{feff}\\u{2028}\\u{2029}b"
        );
        for c in [
            '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{2067}', '\u{2068}',
        ] {
            assert_eq!(escape(&c.to_string()), format!("\\u{{{:x}}}", c as u32));
        }
        // Ordinary right-to-left text is kept.
        assert_eq!(escape("שלום مرحبا"), "שלום مرحبا");
    }

    #[test]
    fn escape_text_shows_bidi_and_invisible_characters() {
        assert_eq!(
            escape_text("abc\u{202e}fed\u{2066}x\u{200b}\x07"),
            "abc\\u{202e}fed\\u{2066}x\\u{200b}\\x07"
        );
        assert_eq!(escape_text("授权码 ok"), "授权码 ok");
    }
}
