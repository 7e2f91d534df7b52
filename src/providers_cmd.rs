//! `maildoctor providers list|show|lint`: what the provider database knows, for a helpdesk
//! to read, in the run's language (`--lang`), as text or one JSON document (`--json`).
//! Reads the built-in database plus `--providers DIR` (whose warnings are part of the
//! output); never touches the network.

use std::fmt::Write as _;

use serde::Serialize;

use crate::address::EmailAddress;
use crate::cli::ProvidersAction;
use crate::config::Config;
use crate::error::Error;
use crate::exit;
use crate::i18n::Lang;
use crate::model::{Protocol, Security};
use crate::provider::lint::{LintLevel, LintReport};
use crate::provider::{CatalogEntry, EntryKind, ProviderDb, ProviderWarning};
use crate::tr;

/// Runs one `providers` action: the bytes to print on stdout and the exit status (1 when
/// `show` finds nothing or `lint` finds an error).
pub fn run(
    action: &ProvidersAction,
    json_flag: bool,
    config: &Config,
) -> Result<(Vec<u8>, u8), Error> {
    let lang = config.lang;
    let mut out = String::new();
    let code = match action {
        ProvidersAction::List { json } => {
            let db = ProviderDb::load(config.providers_dir.as_deref())?;
            list(&db, *json || json_flag, lang, &mut out)?
        }
        ProvidersAction::Show { domain, json } => {
            let db = ProviderDb::load(config.providers_dir.as_deref())?;
            show(&db, domain, *json || json_flag, lang, &mut out)?
        }
        ProvidersAction::Lint { dir, json } => {
            let dir = dir.as_deref().or(config.providers_dir.as_deref());
            let report = match dir {
                Some(d) => crate::provider::lint::lint_dir(d)?,
                None => crate::provider::lint::lint_builtin(),
            };
            lint(&report, *json || json_flag, lang, &mut out)?
        }
    };
    Ok((out.into_bytes(), code))
}

fn json_line(value: &impl Serialize, out: &mut String) -> Result<(), Error> {
    let text = serde_json::to_string_pretty(value).map_err(|e| Error::Output(e.into()))?;
    out.push_str(&text);
    out.push('\n');
    Ok(())
}

fn kind_text(kind: EntryKind, lang: Lang) -> String {
    match kind {
        EntryKind::Builtin => tr!(lang, "cli-providers-kind-builtin"),
        EntryKind::Imported => tr!(lang, "cli-providers-kind-imported"),
        EntryKind::Directory => "--providers".to_owned(),
    }
}

fn source_text(e: &CatalogEntry, lang: Lang) -> String {
    let mut s = format!("{} {}", kind_text(e.kind, lang), e.file);
    for o in &e.overridden_by {
        let _ = write!(s, " + {} {o}", tr!(lang, "cli-providers-override"));
    }
    s
}

fn name_text(e: &CatalogEntry) -> String {
    match &e.provider.display_name_zh {
        Some(zh) if *zh != e.provider.display_name => {
            format!("{} ({zh})", e.provider.display_name)
        }
        _ => e.provider.display_name.clone(),
    }
}

fn warning_lines(warnings: &[ProviderWarning], lang: Lang, out: &mut String) {
    for w in warnings {
        let _ = writeln!(
            out,
            "{}",
            tr!(
                lang,
                "cli-providers-warning-line",
                message = w.localized(lang)
            )
        );
    }
}

#[derive(Serialize)]
struct ListItem<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name_zh: Option<&'a str>,
    domains: usize,
    kind: EntryKind,
    file: &'a str,
    overridden_by: &'a [String],
}

#[derive(Serialize)]
struct ListDoc<'a> {
    providers: Vec<ListItem<'a>>,
    warnings: &'a [ProviderWarning],
}

fn list(db: &ProviderDb, json: bool, lang: Lang, out: &mut String) -> Result<u8, Error> {
    let catalog = db.catalog();
    if json {
        let doc = ListDoc {
            providers: catalog
                .iter()
                .map(|e| ListItem {
                    id: &e.provider.id,
                    name: &e.provider.display_name,
                    name_zh: e.provider.display_name_zh.as_deref(),
                    domains: e.provider.domains.len(),
                    kind: e.kind,
                    file: &e.file,
                    overridden_by: &e.overridden_by,
                })
                .collect(),
            warnings: db.warnings(),
        };
        json_line(&doc, out)?;
        return Ok(exit::OK);
    }
    let width = catalog
        .iter()
        .map(|e| e.provider.id.len())
        .max()
        .unwrap_or(2)
        .max(2);
    let _ = writeln!(
        out,
        "{:<width$}  {:>7}  {}  |  {}",
        tr!(lang, "cli-providers-col-id"),
        tr!(lang, "cli-providers-col-domains"),
        tr!(lang, "cli-providers-col-name"),
        tr!(lang, "cli-providers-col-source"),
    );
    for e in &catalog {
        let _ = writeln!(
            out,
            "{:<width$}  {:>7}  {}  |  {}",
            e.provider.id,
            e.provider.domains.len(),
            name_text(e),
            source_text(e, lang)
        );
    }
    let domains: usize = catalog.iter().map(|e| e.provider.domains.len()).sum();
    let _ = writeln!(
        out,
        "{}",
        tr!(
            lang,
            "cli-providers-total",
            providers = catalog.len(),
            domains = domains
        )
    );
    warning_lines(db.warnings(), lang, out);
    Ok(exit::OK)
}

#[derive(Serialize)]
struct ShowDoc<'a> {
    query: &'a str,
    matched_domain: &'a str,
    #[serde(flatten)]
    entry: &'a CatalogEntry,
    warnings: &'a [ProviderWarning],
}

/// The ASCII domain of `input` (a domain or an address; IDNA applied).
fn domain_of(input: &str) -> Option<String> {
    let input = input.trim();
    let addr = if input.contains('@') {
        input.to_owned()
    } else {
        format!("postmaster@{input}")
    };
    EmailAddress::parse(&addr).ok().map(|a| a.domain)
}

fn security_text(s: Security, lang: Lang) -> String {
    match s {
        Security::Tls => "SSL/TLS".to_owned(),
        Security::Starttls => "STARTTLS".to_owned(),
        Security::None => tr!(lang, "cli-providers-security-none"),
    }
}

fn show(
    db: &ProviderDb,
    input: &str,
    json: bool,
    lang: Lang,
    out: &mut String,
) -> Result<u8, Error> {
    let found = domain_of(input).and_then(|d| {
        let id = db.by_domain(&d)?.id.clone();
        let entry = db.catalog().into_iter().find(|e| e.provider.id == id)?;
        Some((d, entry))
    });
    let Some((domain, entry)) = found else {
        if json {
            json_line(
                &serde_json::json!({ "query": input, "found": false, "warnings": db.warnings() }),
                out,
            )?;
        } else {
            let _ = writeln!(
                out,
                "{}",
                tr!(lang, "cli-providers-not-found", input = input)
            );
            warning_lines(db.warnings(), lang, out);
        }
        return Ok(exit::PROBLEMS);
    };
    if json {
        let doc = ShowDoc {
            query: input,
            matched_domain: &domain,
            entry: &entry,
            warnings: db.warnings(),
        };
        json_line(&doc, out)?;
        return Ok(exit::OK);
    }
    let p = &entry.provider;
    let sep = tr!(lang, "cli-providers-colon");
    let _ = writeln!(out, "{}", name_text(&entry));
    let _ = writeln!(
        out,
        "  {}{sep}{}",
        tr!(lang, "cli-providers-field-id"),
        p.id
    );
    let _ = writeln!(
        out,
        "  {}{sep}{}",
        tr!(lang, "cli-providers-field-source"),
        source_text(&entry, lang)
    );
    let _ = writeln!(
        out,
        "  {} ({}){sep}{}",
        tr!(lang, "cli-providers-field-domains"),
        p.domains.len(),
        p.domains.join(", ")
    );
    if !p.mx_domains.is_empty() {
        let _ = writeln!(
            out,
            "  {}{sep}{}",
            tr!(lang, "cli-providers-field-mx"),
            p.mx_domains.join(", ")
        );
    }
    let _ = writeln!(out, "{}", tr!(lang, "cli-providers-servers"));
    if p.incoming.is_empty() && p.outgoing.is_empty() {
        let _ = writeln!(out, "  {}", tr!(lang, "cli-providers-none"));
    }
    for s in p.incoming.iter().chain(&p.outgoing) {
        let proto = match s.protocol {
            Protocol::Imap => "IMAP",
            Protocol::Pop3 => "POP3",
            Protocol::Smtp => "SMTP",
        };
        let _ = writeln!(
            out,
            "  {proto:<4}  {}:{}  {}  {}{sep}{}",
            s.host,
            s.port,
            security_text(s.security, lang),
            tr!(lang, "cli-providers-field-username"),
            s.username
        );
    }
    if !p.hints.is_empty() {
        let _ = writeln!(out, "{}", tr!(lang, "cli-providers-hints"));
        for h in &p.hints {
            // Provider files have Simplified Chinese only: Traditional Chinese shows it too.
            let text = if lang.is_zh() {
                h.text_zh.as_deref().unwrap_or(&h.text)
            } else {
                &h.text
            };
            let _ = writeln!(out, "  [{}] {text}", h.code);
        }
    }
    if !p.documentation.is_empty() {
        let _ = writeln!(out, "{}", tr!(lang, "cli-providers-documentation"));
        for d in &p.documentation {
            let _ = writeln!(out, "  {d}");
        }
    }
    let _ = writeln!(out, "{}", tr!(lang, "cli-providers-provenance"));
    for s in &p.sources {
        let mut line = format!("  {} ({})", s.name, s.status);
        for x in [&s.reference, &s.url, &s.note].into_iter().flatten() {
            let _ = write!(line, " {x}");
        }
        if !s.domains.is_empty() {
            let _ = write!(line, " [{}]", s.domains.join(" "));
        }
        let _ = writeln!(out, "{line}");
    }
    warning_lines(db.warnings(), lang, out);
    Ok(exit::OK)
}

fn lint(report: &LintReport, json: bool, lang: Lang, out: &mut String) -> Result<u8, Error> {
    let errors = report.errors();
    let code = if errors > 0 { exit::PROBLEMS } else { exit::OK };
    if json {
        json_line(report, out)?;
        return Ok(code);
    }
    for i in &report.issues {
        let level = match i.level {
            LintLevel::Error => tr!(lang, "cli-providers-lint-error"),
            LintLevel::Warning => tr!(lang, "cli-providers-lint-warning"),
        };
        let provider = match &i.provider {
            Some(p) => tr!(lang, "cli-providers-lint-provider", provider = p.as_str()),
            None => String::new(),
        };
        let sep = tr!(lang, "cli-providers-colon");
        let _ = writeln!(
            out,
            "{level}{sep}{}{sep}{provider}{}",
            i.location(),
            i.message(lang)
        );
    }
    let warnings = report.issues.len() - errors;
    let _ = writeln!(
        out,
        "{}",
        tr!(
            lang,
            "cli-providers-lint-summary",
            files = report.files,
            providers = report.providers,
            errors = errors,
            warnings = warnings
        )
    );
    Ok(code)
}
