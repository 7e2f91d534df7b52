//! The shareable report as Markdown (`--format md`), to paste into a ticket: the verdict,
//! the settings card, one block per finding with who must act and the fix, then per endpoint
//! the step tree, the certificates and (with `--verbose`) the transcripts.
//!
//! Everything that came from the report is escaped with [`md`]: control and bidi characters
//! shown as `\xNN`/`\u{..}`, and every character that could change the rendering (backslash,
//! backticks, `*`, `_`, `[`, `]`, `<`, `>`, `|`, `#`, `&`, `!`, `~`, braces, parentheses)
//! backslash-escaped, `://` broken so server text never becomes a link. Transcripts sit in a
//! fenced block whose fence is longer than any run of backticks inside, so server text never
//! closes or opens a fence.

use std::io::Write;

use super::card::Client;
use super::share::{Shared, gather};
use super::{RenderOptions, Report, escape_text};

/// Escapes `s` for Markdown inline text (see the module documentation).
pub fn md(s: &str) -> String {
    let t = escape_text(s);
    let mut out = String::with_capacity(t.len() + 8);
    for c in t.chars() {
        if "\\`*_[]<>|#&!~{}()".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out.replace("://", ":\\/\\/")
}

/// A code fence longer than any run of backticks in `lines` (at least three).
pub fn fence_for(lines: &[String]) -> String {
    let longest = lines
        .iter()
        .flat_map(|l| l.split(|c| c != '`').map(str::len))
        .max()
        .unwrap_or(0);
    "`".repeat((longest + 1).max(3))
}

/// Writes the Markdown report.
pub fn render(
    r: &Report,
    o: &RenderOptions,
    client: Client,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let s = gather(r, o.lang, client, o.verbose);
    write_doc(&s, out)
}

fn write_doc(s: &Shared, out: &mut impl Write) -> std::io::Result<()> {
    let colon = s.colon.as_str();
    writeln!(out, "# {}\n", md(&s.title))?;
    writeln!(out, "**{}**\n", md(&s.verdict_line))?;
    writeln!(out, "- **{}**{colon}{}", s.account.0, md(&s.account.1))?;
    if let Some((label, name)) = &s.provider {
        writeln!(out, "- **{label}**{colon}{}", md(name))?;
    }
    writeln!(out)?;

    // The settings card, then every setting.
    writeln!(out, "## {}\n", s.card_heading)?;
    writeln!(out, "**{}**\n", md(&s.card.title))?;
    for line in &s.card.lines {
        writeln!(out, "- {}", md(line))?;
    }
    writeln!(out)?;
    if !s.settings.is_empty() {
        writeln!(out, "### {}\n", s.settings_heading)?;
        writeln!(out, "| {} |", s.settings_header.join(" | "))?;
        writeln!(out, "|{}", "---|".repeat(s.settings_header.len()))?;
        for x in &s.settings {
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} | {} / {} |",
                if x.recommended { "★" } else { "" },
                x.direction,
                x.protocol,
                md(&x.server),
                x.port,
                md(&x.security),
                md(&x.username),
                md(&x.checked),
                md(&x.login),
            )?;
        }
        writeln!(out)?;
        for n in &s.login_notes {
            writeln!(out, "- {}", md(n))?;
        }
        if let Some(p) = &s.password_note {
            writeln!(out, "- {}", md(p))?;
        }
        for n in &s.notes {
            writeln!(out, "- **{}**{colon}{}", s.note_label, md(n))?;
        }
        writeln!(out)?;
    }

    if !s.checks.is_empty() {
        writeln!(out, "## {}\n", s.checks_heading)?;
        writeln!(out, "| {} |", s.checks_header.join(" | "))?;
        writeln!(out, "|{}", "---|".repeat(s.checks_header.len()))?;
        for c in &s.checks {
            writeln!(
                out,
                "| {} | {} | {} | {} |",
                md(&c.setting),
                c.works_text,
                md(&c.login),
                c.findings
                    .iter()
                    .map(|f| format!("`{f}`"))
                    .collect::<Vec<_>>()
                    .join(" ")
            )?;
        }
        writeln!(out)?;
    }

    writeln!(out, "## {}\n", s.findings_heading)?;
    if s.findings.is_empty() {
        writeln!(out, "{}\n", s.no_findings)?;
    }
    for (i, f) in s.findings.iter().enumerate() {
        writeln!(out, "### {}. {} `{}`\n", i + 1, f.severity_text, f.code)?;
        let l = &s.labels;
        writeln!(out, "- **{}**{colon}{}", l.actor, f.actor)?;
        if !f.wheres.is_empty() {
            let wheres: Vec<String> = f.wheres.iter().map(|w| md(w)).collect();
            writeln!(out, "- **{}**{colon}{}", l.wheres, wheres.join(", "))?;
        }
        writeln!(out, "- **{}**{colon}{}", l.cause, md(&f.cause))?;
        writeln!(out, "- **{}**{colon}{}", l.fix, md(&f.fix))?;
        if let Some(reply) = &f.server_reply {
            writeln!(out, "- **{}**{colon}{}", l.server_reply, md(reply))?;
        }
        writeln!(out, "{}", crate::explain::help_md_line(f.code, s.lang))?;
        writeln!(out)?;
    }

    if !s.endpoints.is_empty() {
        writeln!(out, "## {}\n", s.endpoints_heading)?;
    }
    for e in &s.endpoints {
        writeln!(out, "### {} — {}\n", md(&e.title), md(&e.outcome))?;
        for a in &e.addresses {
            writeln!(out, "- **{}**{colon}{}", md(&a.addr), md(&a.outcome))?;
            for st in &a.steps {
                if st.detail.is_empty() {
                    writeln!(out, "  - {} {}", st.mark, st.name)?;
                } else {
                    writeln!(out, "  - {} {}{colon}{}", st.mark, st.name, md(&st.detail))?;
                }
            }
            if let Some(g) = &a.greeting {
                writeln!(out, "  - {}{colon}{}", s.greeting_label, md(g))?;
            }
            for (k, v) in &a.tls {
                writeln!(out, "  - {k}{colon}{}", md(v))?;
            }
            for (n, cert) in a.certs.iter().enumerate() {
                writeln!(out, "  - {} {}", s.certificate_label, n + 1)?;
                for (k, v) in cert {
                    writeln!(out, "    - {k}{colon}{}", md(v))?;
                }
            }
            if !a.transcript.is_empty() {
                let lines: Vec<String> = a.transcript.iter().map(|l| escape_text(l)).collect();
                let fence = fence_for(&lines);
                writeln!(out, "\n  {}{colon}\n", s.transcript_label)?;
                writeln!(out, "  {fence}text")?;
                for line in &lines {
                    writeln!(out, "  {line}")?;
                }
                writeln!(out, "  {fence}")?;
            }
        }
        writeln!(out)?;
    }
    writeln!(out, "---\n\n{}", md(&s.footer))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escapes_what_would_change_the_rendering() {
        assert_eq!(
            md("# *x* _y_ `z` [a](b) <b>|&amp;"),
            "\\# \\*x\\* \\_y\\_ \\`z\\` \\[a\\]\\(b\\) \\<b\\>\\|\\&amp;"
        );
        assert_eq!(
            md("see https://evil.example"),
            "see https:\\/\\/evil.example"
        );
        assert_eq!(md("a\u{202e}b\nc"), "a\\\\u\\{202e\\}b\\\\x0ac");
    }

    #[test]
    fn fences_are_longer_than_any_backtick_run() {
        assert_eq!(fence_for(&["no ticks".to_owned()]), "```");
        assert_eq!(fence_for(&["a ```` b".to_owned(), "`".to_owned()]), "`````");
    }
}
