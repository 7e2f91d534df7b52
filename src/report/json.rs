//! JSON rendering: one pretty-printed document per run, `schema_version` first.
//!
//! Every JSON document maildoctor writes (`--json`, fatal errors, `--batch` NDJSON) goes
//! through [`to_writer`]: strings keep their value, but DEL, C1 controls and the invisible
//! formatting characters of [`super::is_invisible_format`] (bidi overrides and isolates,
//! zero-width characters, U+2028/U+2029) are written as `\uXXXX` escapes, like serde_json
//! already writes C0 controls. So no raw control or bidi character from a server reaches a
//! terminal or log viewer through the JSON text, and a parser still gets the exact string.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

use super::Report;

/// Writes the report as one JSON document followed by a newline.
pub fn render(report: &Report, out: &mut impl Write) -> std::io::Result<()> {
    to_writer(&mut *out, report, true)?;
    out.write_all(b"\n")
}

/// Writes `value` as JSON (pretty or compact) with the escapes described in the module
/// documentation.
pub fn to_writer<W: Write, T: Serialize + ?Sized>(
    out: W,
    value: &T,
    pretty: bool,
) -> io::Result<()> {
    let result = if pretty {
        let mut ser = serde_json::Serializer::with_formatter(out, SafeText(PrettyFormatter::new()));
        value.serialize(&mut ser)
    } else {
        let mut ser = serde_json::Serializer::with_formatter(out, SafeText(CompactFormatter));
        value.serialize(&mut ser)
    };
    result.map_err(io::Error::other)
}

/// Characters written as `\uXXXX` on top of what serde_json escapes.
fn needs_escape(c: char) -> bool {
    c == '\u{7f}' || ('\u{80}'..='\u{9f}').contains(&c) || super::is_invisible_format(c)
}

/// A formatter that escapes [`needs_escape`] characters inside strings and otherwise does
/// what the wrapped formatter does.
struct SafeText<F>(F);

impl<F: Formatter> Formatter for SafeText<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // Nearly every string is plain ASCII without DEL: nothing to look for, character
        // by character.
        if fragment.bytes().all(|b| b < 0x7f) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut rest = fragment;
        while let Some((at, c)) = rest.char_indices().find(|(_, c)| needs_escape(*c)) {
            writer.write_all(&rest.as_bytes()[..at])?;
            // Every such character is in the Basic Multilingual Plane: one \u escape.
            write!(writer, "\\u{:04x}", u32::from(c))?;
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
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
    to_writer(&mut *out, &doc, true)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Raw C0/C1 controls, DEL and bidi/zero-width characters never appear in the JSON text,
    /// pretty or compact, and the document parses back to the same strings.
    #[test]
    fn controls_and_bidi_characters_are_escaped_in_the_json_text() {
        let tricky = "a\u{0}\u{1b}[31m\u{7f}\u{85}\u{9b}\u{202e}gnp.exe\u{2066}\u{200b}\u{feff}\u{2028}\u{2029}\"\\ 授权码 z";
        let value = serde_json::json!({ "greeting": tricky, tricky: [tricky] });
        for pretty in [true, false] {
            let mut out = Vec::new();
            to_writer(&mut out, &value, pretty).unwrap();
            let text = String::from_utf8(out).unwrap();
            for c in text.chars() {
                let raw = (c.is_control() && c != '\n') || crate::report::is_invisible_format(c);
                assert!(!raw, "raw {c:?} in {text}");
            }
            assert!(
                text.contains("\\u202e") && text.contains("\\u0085"),
                "{text}"
            );
            assert!(text.contains("授权码"), "{text}");
            let back: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(back, value);
        }
        let mut pretty = Vec::new();
        to_writer(&mut pretty, &serde_json::json!({"a": [1]}), true).unwrap();
        assert_eq!(
            String::from_utf8(pretty).unwrap(),
            "{\n  \"a\": [\n    1\n  ]\n}"
        );
    }
}
