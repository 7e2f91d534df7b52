//! Table rendering for people: the verdict first, then the settings to type, provider notes,
//! the troubleshooting table (what failed, cause, fix), the servers checked and the sources
//! tried. Everything that came from a server or DNS is escaped.

use std::io::Write;

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};

use super::{Report, escape};
use crate::analyze::{Setting, Status};
use crate::model::{Severity, SourceKind, SourceStatus, StepStatus};

fn new_table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header.iter().copied());
    // Width-aware when stdout is a terminal; a fixed width otherwise keeps pipes readable.
    if t.width().is_none() {
        t.set_width(120);
    }
    t
}

fn source_name(k: SourceKind) -> &'static str {
    match k {
        SourceKind::User => "you (--check)",
        SourceKind::Provider => "provider database",
        SourceKind::Srv => "DNS SRV",
        SourceKind::Mx => "DNS MX",
        SourceKind::Guess => "guess",
        SourceKind::Autoconfig => "autoconfig",
        SourceKind::AutoconfigHttp => "autoconfig (plain HTTP)",
        SourceKind::AutoconfigMx => "autoconfig via MX",
        SourceKind::Autodiscover => "Autodiscover",
    }
}

fn settings_rows(t: &mut Table, direction: &str, list: &[Setting]) {
    for s in list {
        let mut from: Vec<&str> = s.sources.iter().map(|k| source_name(*k)).collect();
        from.dedup();
        t.add_row(vec![
            direction.to_owned(),
            s.protocol.display_name().to_owned(),
            escape(&s.host),
            s.port.to_string(),
            s.security.display_name().to_owned(),
            escape(&s.username),
            if s.verified {
                match s.login_ok {
                    Some(true) => "yes, login ok".to_owned(),
                    Some(false) => "yes, login FAILED".to_owned(),
                    None => "yes".to_owned(),
                }
            } else {
                "NOT VERIFIED".to_owned()
            },
            from.join(", "),
        ]);
    }
}

/// Writes the human-readable report.
pub fn render(r: &Report, out: &mut impl Write) -> std::io::Result<()> {
    let errors = r
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = r
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Warning)
        .count();
    let verdict = match r.status {
        Status::Ok => "OK: these settings work".to_owned(),
        Status::Warning => format!("WORKS WITH WARNINGS ({warnings} warning(s))"),
        Status::Error => format!("BROKEN ({errors} problem(s) found)"),
    };
    writeln!(out, "maildoctor {}: {verdict}", escape(&r.address.input))?;
    if let Some(p) = &r.provider {
        let how = match (&p.detected_via, &p.mx_host) {
            (SourceKind::Mx, Some(mx)) => format!(
                "hosted by {}, detected from MX {}",
                escape(&p.name),
                escape(mx)
            ),
            _ => format!("{} (from the provider database)", escape(&p.name)),
        };
        writeln!(out, "Provider: {how}")?;
    }
    writeln!(out)?;

    writeln!(out, "Settings to use")?;
    if r.settings.incoming.is_empty() && r.settings.outgoing.is_empty() {
        writeln!(out, "  (none found)")?;
    } else {
        let mut t = new_table(&[
            "", "Protocol", "Server", "Port", "Security", "Username", "Checked", "Found by",
        ]);
        settings_rows(&mut t, "incoming", &r.settings.incoming);
        settings_rows(&mut t, "outgoing", &r.settings.outgoing);
        writeln!(out, "{t}")?;
    }
    if let Some(p) = &r.provider {
        for h in &p.hints {
            writeln!(out, "  Note: {}", escape(&h.text))?;
        }
    }
    writeln!(out)?;

    writeln!(out, "Troubleshooting")?;
    if r.findings.is_empty() {
        writeln!(out, "  No problems found.")?;
    } else {
        let mut t = new_table(&["Severity", "What", "Cause", "Fix"]);
        for f in &r.findings {
            let what = match &f.endpoint {
                Some(e) => format!("{}\n{}", f.code, escape(&e.to_string())),
                None => f.code.to_owned(),
            };
            t.add_row(vec![
                f.severity.as_str().to_owned(),
                what,
                escape(&f.cause),
                escape(&f.fix),
            ]);
        }
        writeln!(out, "{t}")?;
    }
    writeln!(out)?;

    if !r.probes.is_empty() {
        writeln!(out, "Servers checked")?;
        let mut t = new_table(&["Server", "Address", "Result", "TLS", "Certificate", "Login"]);
        for p in &r.probes {
            let result = match p.connection_failure() {
                None => "ok".to_owned(),
                Some((step, f)) => format!("failed at {}: {}", step.as_str(), escape(&f.message)),
            };
            let skipped = p.steps.iter().any(|s| {
                matches!(s.status, StepStatus::Skipped { .. })
                    && s.step != crate::model::Step::Login
            });
            let tls = p
                .tls
                .as_ref()
                .map(|t| format!("{} {}", t.version, t.cipher))
                .unwrap_or_default();
            let cert = p
                .tls
                .as_ref()
                .and_then(|t| t.chain.first())
                .map(|c| match c.days_left {
                    d if d < 0 => format!("expired {} day(s) ago", -d),
                    d => format!("{d} day(s) left"),
                })
                .unwrap_or_default();
            t.add_row(vec![
                escape(&p.endpoint.to_string()),
                p.addr
                    .map(|a| a.ip().to_string())
                    .unwrap_or_else(|| "-".to_owned()),
                if skipped && p.connection_ok() {
                    format!("{result} (partial)")
                } else {
                    result
                },
                escape(&tls),
                cert,
                login_cell(p),
            ]);
        }
        writeln!(out, "{t}")?;
        writeln!(out)?;
        // Transcripts exist only with --verbose; credentials were masked when recorded.
        for p in r.probes.iter().filter(|p| !p.transcript.is_empty()) {
            let addr = p.addr.map(|a| a.to_string()).unwrap_or_default();
            writeln!(
                out,
                "Transcript: {} at {addr}",
                escape(&p.endpoint.to_string())
            )?;
            for line in &p.transcript {
                writeln!(out, "  {}", escape(line))?;
            }
            writeln!(out)?;
        }
    }

    writeln!(out, "Sources tried")?;
    let mut t = new_table(&["Source", "Query", "Outcome", "Candidates", "Time"]);
    for s in &r.sources {
        let outcome = match s.status {
            SourceStatus::Found => s.detail.clone(),
            _ => format!("{}: {}", status_name(s.status), s.detail),
        };
        t.add_row(vec![
            source_name(s.source).to_owned(),
            escape(&s.target),
            escape(&outcome),
            s.candidates.to_string(),
            format!("{} ms", s.elapsed_ms),
        ]);
    }
    writeln!(out, "{t}")?;
    writeln!(out, "Finished in {} ms.", r.elapsed_ms)
}

/// The login column: the verdict with the user name and mechanism, or why it was skipped.
fn login_cell(p: &crate::model::ProbeResult) -> String {
    if let Some(l) = &p.login {
        let verdict = if l.ok {
            "ok".to_owned()
        } else {
            match p.login_failure() {
                Some((_, f)) => format!("refused: {}", escape(&f.message)),
                None => "refused".to_owned(),
            }
        };
        return format!(
            "{verdict}\n({} as {})",
            escape(&l.mechanism),
            escape(&l.username)
        );
    }
    match p.login_failure() {
        Some((_, f)) => format!("not possible: {}", escape(&f.message)),
        None => p
            .steps
            .iter()
            .find_map(|s| match &s.status {
                StepStatus::Skipped { reason } if s.step == crate::model::Step::Login => {
                    Some(format!("not tried: {}", escape(reason)))
                }
                _ => None,
            })
            .unwrap_or_default(),
    }
}

fn status_name(s: SourceStatus) -> &'static str {
    match s {
        SourceStatus::Found => "found",
        SourceStatus::NotFound => "nothing",
        SourceStatus::NxDomain => "does not exist",
        SourceStatus::Failed => "failed",
        SourceStatus::Timeout => "timed out",
        SourceStatus::Skipped => "skipped",
        SourceStatus::Invalid => "unusable answer",
    }
}
