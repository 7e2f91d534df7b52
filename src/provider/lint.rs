//! `maildoctor providers lint`: checks provider files the way the database tests do, and a
//! little more, reporting each problem with its file and line.
//!
//! A provider of a directory that overrides a built-in one (same id or a shared domain) is
//! merged into it at run time, so it is not required to be complete on its own.
//!
//! Errors (exit 1): a file that does not parse, a server entry or `<domain>` the parser
//! rejects, a provider without domains or servers (and no `no_imap` hint), a domain claimed
//! by two providers, an implicit-TLS port (993, 995, 465) marked STARTTLS or plain (a
//! warning in the generated `imported/` files, which keep what the public sources publish).
//! Warnings: a STARTTLS port (143, 110, 587) marked SSL, a plaintext server, a provider of a
//! domain known to need an app password / authorization code / OAuth2 without such a hint,
//! a hint without Chinese text, an entry without `<md:source>` provenance.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;

use super::clientconfig::{self, Position};
use super::overrides::{ProviderWarning, read_dir};
use super::{Provider, ProviderError};
use crate::i18n::Lang;
use crate::model::{Protocol, Security};
use crate::tr;

/// How bad a lint finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LintLevel {
    /// Worth fixing; the file still works.
    Warning,
    /// The file (or entry) is wrong; `lint` exits 1.
    Error,
}

/// One problem found by `lint`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LintIssue {
    /// Error or warning.
    pub level: LintLevel,
    /// File name (`qq.com.xml`, `imported/….xml`, or the name inside the linted directory).
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// Provider id, when the problem is inside one provider.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// What is wrong, in English.
    pub message: String,
    /// What is wrong, in Simplified Chinese.
    pub message_zh: String,
    /// What is wrong, in Traditional Chinese (not in the JSON, which keeps its two fields).
    #[serde(skip)]
    pub message_zh_tw: String,
}

impl LintIssue {
    /// `file:line` (or the file name).
    pub fn location(&self) -> String {
        match self.line {
            Some(l) => format!("{}:{l}", self.file),
            None => self.file.clone(),
        }
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.message,
            Lang::ZhCn => &self.message_zh,
            Lang::ZhTw => &self.message_zh_tw,
        }
    }
}

/// Domains whose provider requires something other than the account password in mail
/// programs, and the hint codes that say so (any one of them will do).
const NEEDS_HINT: &[(&str, &[&str])] = &[
    ("gmail.com", &["app_password", "oauth2_only"]),
    ("yahoo.com", &["app_password", "oauth2_only"]),
    ("icloud.com", &["app_password"]),
    ("aol.com", &["app_password", "oauth2_only"]),
    ("outlook.com", &["oauth2_only", "app_password"]),
    ("qq.com", &["authorization_code"]),
    ("163.com", &["authorization_code"]),
    ("126.com", &["authorization_code"]),
    ("yeah.net", &["authorization_code"]),
    ("sina.com", &["authorization_code"]),
    ("139.com", &["authorization_code"]),
];

/// What `lint` found in a set of files.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LintReport {
    /// Files checked.
    pub files: usize,
    /// Providers checked.
    pub providers: usize,
    /// Problems, errors first, then by file and line.
    pub issues: Vec<LintIssue>,
}

impl LintReport {
    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.issues
            .iter()
            .filter(|i| i.level == LintLevel::Error)
            .count()
    }
}

/// Lints the built-in database (every embedded file). Domains shared between a hand-written
/// and an imported file are by design (hand-written wins) and not reported.
pub fn lint_builtin() -> LintReport {
    let files = super::builtin_files();
    let hand = super::hand_written_count();
    let mut report = LintReport::default();
    let mut seen: [HashMap<String, (String, String)>; 2] = [HashMap::new(), HashMap::new()];
    let hand_ids: Vec<String> = super::hand_written_sourced()
        .map(|v| v.into_iter().map(|s| s.provider.id).collect())
        .unwrap_or_default();
    for (i, (name, xml)) in files.iter().enumerate() {
        let imported = i >= hand;
        let seen = &mut seen[usize::from(imported)];
        // An imported companion of a hand-written provider only adds alias domains to it.
        let companion = |p: &Provider| imported && hand_ids.contains(&p.id);
        lint_text(name, xml, seen, &companion, imported, &mut report);
    }
    report.files = files.len();
    finish(report)
}

/// Lints every `*.xml` file of `dir`, as `--providers DIR` would read it.
pub fn lint_dir(dir: &Path) -> Result<LintReport, ProviderError> {
    let mut report = LintReport::default();
    // Unreadable, oversized, non-UTF-8 and unparsable files: the loader's warnings.
    let mut warnings = Vec::new();
    read_dir(dir, &mut warnings)?;
    let unreadable: Vec<&ProviderWarning> =
        warnings.iter().filter(|w| w.provider.is_none()).collect();
    for w in &unreadable {
        report.issues.push(LintIssue {
            level: LintLevel::Error,
            file: w.file.clone(),
            line: w.line,
            provider: None,
            message: w.localized(Lang::En),
            message_zh: w.localized(Lang::ZhCn),
            message_zh_tw: w.localized(Lang::ZhTw),
        });
    }
    let mut seen = HashMap::new();
    // An override of a built-in provider only needs what it changes.
    let hand = super::hand_written_sourced()?;
    let overrides = |p: &Provider| {
        !matches!(
            super::overrides::target(&hand, p),
            super::overrides::Target::None
        )
    };
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .map_err(|source| ProviderError::ReadDir {
            path: dir.to_owned(),
            source,
        })?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("xml")))
        .collect();
    names.sort();
    for path in names.iter().take(super::overrides::MAX_FILES) {
        report.files += 1;
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        if unreadable.iter().any(|w| w.file == name) {
            continue;
        }
        // read_dir already read it within the size cap; read it again the same way.
        let Ok(xml) = std::fs::read_to_string(path) else {
            continue;
        };
        lint_text(&name, &xml, &mut seen, &overrides, false, &mut report);
    }
    Ok(finish(report))
}

fn finish(mut report: LintReport) -> LintReport {
    report.issues.sort_by(|a, b| {
        b.level
            .cmp(&a.level)
            .then_with(|| a.file.cmp(&b.file))
            .then_with(|| a.line.cmp(&b.line))
    });
    report
}

/// Line of the first occurrence of `needle` at or after byte `from` (else `fallback`).
fn line_of(xml: &str, from: usize, needle: &str, fallback: usize) -> usize {
    xml.get(from..)
        .and_then(|rest| rest.find(needle))
        .map_or(fallback, |i| Position::of_offset(xml, from + i).line)
}

/// The clientConfig name of a security mode.
fn label(s: Security) -> &'static str {
    match s {
        Security::Tls => "SSL/TLS",
        Security::Starttls => "STARTTLS",
        Security::None => "plain",
    }
}

fn lint_text(
    file: &str,
    xml: &str,
    seen: &mut HashMap<String, (String, String)>,
    is_override: &dyn Fn(&Provider) -> bool,
    generated: bool,
    report: &mut LintReport,
) {
    // `text` gives the message in a language (locales/*/cli.ftl).
    let mut push =
        |level, line: Option<usize>, provider: Option<&str>, text: &dyn Fn(Lang) -> String| {
            report.issues.push(LintIssue {
                level,
                file: file.to_owned(),
                line,
                provider: provider.map(str::to_owned),
                message: text(Lang::En),
                message_zh: text(Lang::ZhCn),
                message_zh_tw: text(Lang::ZhTw),
            });
        };
    let config = match clientconfig::parse(xml) {
        Ok(c) => c,
        Err(e) => {
            let pos = super::overrides::position(&e).map(|p| p.line);
            push(LintLevel::Error, pos, None, &|l| {
                tr!(l, "cli-lint-does-not-parse", error = e.to_string())
            });
            return;
        }
    };
    for ep in config.providers {
        report.providers += 1;
        let id = ep.id.clone();
        let start_line = ep.pos.line;
        let start = xml
            .lines()
            .take(start_line.saturating_sub(1))
            .map(|l| l.len() + 1)
            .sum::<usize>();
        for r in &ep.rejected {
            push(LintLevel::Error, Some(r.pos.line), Some(&id), &|l| {
                tr!(
                    l,
                    "cli-lint-invalid-server",
                    protocol = r.protocol.to_string(),
                    problem = r.problem.to_string()
                )
            });
        }
        for r in &ep.rejected_domains {
            push(LintLevel::Error, Some(r.pos.line), Some(&id), &|l| {
                tr!(l, "cli-lint-invalid-domain", value = r.value.as_str())
            });
        }
        if ep.any_domain {
            push(LintLevel::Error, Some(start_line), Some(&id), &|l| {
                tr!(l, "cli-lint-any-domain")
            });
        }
        let has_source = !ep.sources.is_empty();
        let p: Provider = ep.into();
        let is_override = is_override(&p);
        if let Some(what) = super::overrides::incomplete(&p).filter(|_| !is_override) {
            push(LintLevel::Error, Some(start_line), Some(&id), &|l| {
                tr!(l, "cli-lint-incomplete", what = what)
            });
        }
        for d in &p.domains {
            let line = line_of(xml, start, &format!(">{d}<"), start_line);
            match seen.get(d) {
                Some((other_file, other)) if other_file != file || *other != id => {
                    push(LintLevel::Error, Some(line), Some(&id), &|l| {
                        tr!(
                            l,
                            "cli-lint-duplicate-domain",
                            domain = d.as_str(),
                            other = other.as_str(),
                            file = other_file.as_str()
                        )
                    })
                }
                Some(_) => {}
                None => {
                    seen.insert(d.clone(), (file.to_owned(), id.clone()));
                }
            }
        }
        for s in p.incoming.iter().chain(&p.outgoing) {
            let line = Some(line_of(xml, start, &s.host, start_line));
            let implicit = matches!(
                (s.protocol, s.port),
                (Protocol::Imap, 993) | (Protocol::Pop3, 995) | (Protocol::Smtp, 465)
            );
            let starttls_port = matches!(
                (s.protocol, s.port),
                (Protocol::Imap, 143) | (Protocol::Pop3, 110) | (Protocol::Smtp, 587 | 25)
            );
            let at = format!("{} {}:{}", s.protocol, s.host, s.port);
            if implicit && s.security != Security::Tls {
                // Generated files keep what the public sources publish: a warning there.
                push(
                    if generated {
                        LintLevel::Warning
                    } else {
                        LintLevel::Error
                    },
                    line,
                    Some(&id),
                    &|l| {
                        tr!(
                            l,
                            "cli-lint-port-needs-tls",
                            at = at.as_str(),
                            security = label(s.security),
                            port = s.port.to_string()
                        )
                    },
                );
            } else if starttls_port && s.security == Security::Tls {
                push(LintLevel::Warning, line, Some(&id), &|l| {
                    tr!(
                        l,
                        "cli-lint-port-is-starttls",
                        at = at.as_str(),
                        port = s.port.to_string()
                    )
                });
            }
            if s.security == Security::None {
                push(LintLevel::Warning, line, Some(&id), &|l| {
                    tr!(l, "cli-lint-plaintext", at = at.as_str())
                });
            }
        }
        for (domain, codes) in NEEDS_HINT {
            if !is_override
                && p.domains.iter().any(|d| d == domain)
                && !codes.iter().any(|c| p.has_hint(c))
            {
                push(LintLevel::Warning, Some(start_line), Some(&id), &|l| {
                    tr!(
                        l,
                        "cli-lint-needs-hint",
                        domain = *domain,
                        codes = codes.join(&tr!(l, "cli-lint-or"))
                    )
                });
            }
        }
        for h in &p.hints {
            if h.text_zh.is_none() {
                push(
                    LintLevel::Warning,
                    Some(line_of(xml, start, &format!("\"{}\"", h.code), start_line)),
                    Some(&id),
                    &|l| tr!(l, "cli-lint-hint-without-zh", code = h.code.as_str()),
                );
            }
        }
        if !has_source {
            push(LintLevel::Warning, Some(start_line), Some(&id), &|l| {
                tr!(l, "cli-lint-no-source")
            });
        }
    }
}
