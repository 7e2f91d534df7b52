//! `--providers DIR`: reading a directory of provider files without letting one bad file
//! break the run, and merging an override into the built-in provider it concerns.
//!
//! Every problem with a file of the directory is a [`ProviderWarning`] naming the file (its
//! name only, never the directory: reports hold no local path) and the line: an unreadable,
//! oversized or non-UTF-8 file, or one that is not clientConfig XML, is skipped; a bad
//! server entry or `<domain>` is dropped and the rest of the provider kept; a provider left
//! without a domain, or (when it overrides nothing) without an incoming or outgoing server,
//! is skipped; a domain already claimed by an earlier file of the directory stays with that
//! file. Only a directory that cannot be listed at all is fatal ([`ProviderError::ReadDir`]).
//!
//! Merge rule (see [`merge`]): a provider of the directory that has the id of a built-in
//! provider, or lists one of its domains, is merged into it; the built-in id is kept.

use std::collections::HashSet;
use std::io::Read;
use std::path::Path;

use serde::Serialize;

use super::clientconfig::{self, EmailProvider, ParseError, ServerProblem, SourceRef};
use super::{Provider, ProviderError, Sourced, embedded};
use crate::i18n::Lang;
use crate::model::{Protocol, SourceKind, SourceReport, SourceStatus};
use crate::tr;

/// Most `*.xml` files read from one `--providers` directory; the rest are skipped with a
/// warning.
pub const MAX_FILES: usize = 10_000;

/// A problem with a `--providers` file that the run survives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProviderWarning {
    /// The file's name inside the directory.
    pub file: String,
    /// 1-based line of the problem, when known.
    pub line: Option<usize>,
    /// The provider id concerned, when the problem is inside one `<emailProvider>`.
    pub provider: Option<String>,
    /// What is wrong and what was left out.
    pub kind: WarningKind,
}

/// What is wrong with a `--providers` file, and what was left out because of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WarningKind {
    /// The file could not be read (the I/O error); skipped.
    Unreadable {
        /// The operating system's message.
        error: String,
    },
    /// The file is larger than the parser's limit; skipped.
    TooLarge {
        /// The limit in bytes.
        max: usize,
    },
    /// The file is not UTF-8 (from the line given on); skipped.
    NotUtf8,
    /// The file is not valid clientConfig XML; skipped.
    Parse {
        /// The parser's diagnosis, without its position.
        reason: String,
    },
    /// One server entry is unusable; that entry is left out.
    InvalidServer {
        /// Its protocol.
        protocol: Protocol,
        /// What is wrong.
        problem: String,
    },
    /// A `<domain>` is not a domain name (or is `%EMAILDOMAIN%`); it is left out.
    InvalidDomain {
        /// The value as written.
        value: String,
    },
    /// A provider lacks something it needs; the provider is left out.
    Incomplete {
        /// What is missing.
        what: &'static str,
    },
    /// A domain is already claimed by an earlier file of the directory; left out here.
    DuplicateDomain {
        /// The domain.
        domain: String,
        /// The file that keeps it.
        other_file: String,
    },
    /// More than [`MAX_FILES`] files; the rest are skipped.
    TooManyFiles {
        /// The limit.
        max: usize,
    },
}

impl ProviderWarning {
    /// `file:line` (or just the file name).
    pub fn location(&self) -> String {
        match self.line {
            Some(l) => format!("{}:{l}", self.file),
            None => self.file.clone(),
        }
    }

    /// The warning for people, in `lang` (`locales/*/cli.ftl`). Technical details (parser
    /// diagnoses, OS errors) stay as they are.
    pub fn localized(&self, lang: Lang) -> String {
        let location = self.location();
        let at = location.as_str();
        let p = self.provider.as_deref().unwrap_or("");
        match &self.kind {
            WarningKind::Unreadable { error } => {
                tr!(
                    lang,
                    "cli-provider-file-unreadable",
                    at = at,
                    error = error.as_str()
                )
            }
            WarningKind::TooLarge { max } => {
                tr!(
                    lang,
                    "cli-provider-file-too-large",
                    at = at,
                    max = max.to_string()
                )
            }
            WarningKind::NotUtf8 => tr!(lang, "cli-provider-file-not-utf8", at = at),
            WarningKind::Parse { reason } => {
                tr!(
                    lang,
                    "cli-provider-file-parse",
                    at = at,
                    reason = reason.as_str()
                )
            }
            WarningKind::InvalidServer { protocol, problem } => tr!(
                lang,
                "cli-provider-invalid-server",
                at = at,
                provider = p,
                protocol = protocol.to_string(),
                problem = problem.as_str()
            ),
            WarningKind::InvalidDomain { value } => tr!(
                lang,
                "cli-provider-invalid-domain",
                at = at,
                provider = p,
                value = value.as_str()
            ),
            WarningKind::Incomplete { what } => tr!(
                lang,
                "cli-provider-incomplete",
                at = at,
                provider = p,
                what = *what
            ),
            WarningKind::DuplicateDomain { domain, other_file } => tr!(
                lang,
                "cli-provider-duplicate-domain",
                at = at,
                provider = p,
                domain = domain.as_str(),
                other = other_file.as_str()
            ),
            WarningKind::TooManyFiles { max } => {
                tr!(
                    lang,
                    "cli-provider-too-many-files",
                    at = at,
                    max = max.to_string()
                )
            }
        }
    }

    /// The warning as a source entry of the report: source `provider`, target `file:line`,
    /// status `invalid`, the text in `lang`.
    pub fn source_report(&self, lang: Lang) -> SourceReport {
        SourceReport {
            source: SourceKind::Provider,
            target: self.location(),
            status: SourceStatus::Invalid,
            detail: self.localized(lang),
            candidates: 0,
            elapsed_ms: 0,
            http_status: None,
            redirects: Vec::new(),
        }
    }
}

impl std::fmt::Display for ProviderWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.localized(Lang::En))
    }
}

/// A provider read from the directory, before it is merged.
pub(super) struct Extra {
    pub sourced: Sourced,
    /// Line of its `<emailProvider>`.
    pub line: usize,
    /// Whether the file states a `<displayName>`/`<displayShortName>` (else the id stands in).
    pub named: bool,
}

/// The parser's message without the position it starts with.
fn reason(e: &ParseError) -> String {
    let text = e.to_string();
    match position(e) {
        Some(pos) => text
            .strip_prefix(&format!("{pos}: "))
            .map_or_else(|| text.clone(), str::to_owned),
        None => text,
    }
}

pub(super) fn position(e: &ParseError) -> Option<clientconfig::Position> {
    match e {
        ParseError::Doctype { pos }
        | ParseError::TooDeep { pos, .. }
        | ParseError::Xml { pos, .. }
        | ParseError::UnknownEntity { pos, .. }
        | ParseError::UnexpectedEof { pos, .. }
        | ParseError::WrongRoot { pos, .. }
        | ParseError::MissingProviderId { pos }
        | ParseError::InvalidDomain { pos, .. }
        | ParseError::InvalidHint { pos, .. }
        | ParseError::InvalidSource { pos, .. } => Some(*pos),
        ParseError::TooLarge { .. } | ParseError::NoProvider => None,
    }
}

/// Reads every `*.xml` file of `dir` (sorted by name; other files and subdirectories are
/// ignored). Only an unlistable directory is an error; everything else is a warning.
pub(super) fn read_dir(
    dir: &Path,
    warnings: &mut Vec<ProviderWarning>,
) -> Result<Vec<Extra>, ProviderError> {
    let read_dir = |source| ProviderError::ReadDir {
        path: dir.to_owned(),
        source,
    };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(read_dir)? {
        let path = entry.map_err(read_dir)?.path();
        let is_xml = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xml"));
        if is_xml && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    let mut out = Vec::new();
    for (i, path) in files.iter().enumerate() {
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        if i == MAX_FILES {
            warnings.push(ProviderWarning {
                file: name,
                line: None,
                provider: None,
                kind: WarningKind::TooManyFiles { max: MAX_FILES },
            });
            break;
        }
        let warn = |line, kind| ProviderWarning {
            file: name.clone(),
            line,
            provider: None,
            kind,
        };
        let bytes = match read_capped(path) {
            Ok(Some(b)) => b,
            Ok(None) => {
                let max = clientconfig::MAX_INPUT_BYTES;
                warnings.push(warn(None, WarningKind::TooLarge { max }));
                continue;
            }
            Err(e) => {
                let error = e.to_string();
                warnings.push(warn(None, WarningKind::Unreadable { error }));
                continue;
            }
        };
        let xml = match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => {
                let good = e.utf8_error().valid_up_to();
                let line = e.as_bytes()[..good].iter().filter(|&&b| b == b'\n').count() + 1;
                warnings.push(warn(Some(line), WarningKind::NotUtf8));
                continue;
            }
        };
        match clientconfig::parse(&xml) {
            Ok(config) => {
                for p in config.providers {
                    if let Some(e) = check(&name, p, warnings) {
                        out.push(e);
                    }
                }
            }
            Err(e) => {
                let line = position(&e).map(|p| p.line);
                warnings.push(warn(line, WarningKind::Parse { reason: reason(&e) }));
            }
        }
    }
    Ok(out)
}

/// Reads a file of at most [`clientconfig::MAX_INPUT_BYTES`]; `None` when it is larger.
fn read_capped(path: &Path) -> std::io::Result<Option<Vec<u8>>> {
    let max = clientconfig::MAX_INPUT_BYTES;
    let mut buf = Vec::new();
    std::fs::File::open(path)?
        .take(u64::try_from(max).unwrap_or(u64::MAX) + 1)
        .read_to_end(&mut buf)?;
    Ok((buf.len() <= max).then_some(buf))
}

/// One provider of a directory file: bad entries become warnings and are left out; `None`
/// when nothing usable is left (no domain).
fn check(file: &str, p: EmailProvider, warnings: &mut Vec<ProviderWarning>) -> Option<Extra> {
    let warn = |line, kind| ProviderWarning {
        file: file.to_owned(),
        line: Some(line),
        provider: Some(p.id.clone()),
        kind,
    };
    for r in &p.rejected {
        warnings.push(warn(
            r.pos.line,
            WarningKind::InvalidServer {
                protocol: r.protocol,
                problem: problem_text(&r.problem),
            },
        ));
    }
    for r in &p.rejected_domains {
        let value = r.value.clone();
        warnings.push(warn(r.pos.line, WarningKind::InvalidDomain { value }));
    }
    if p.any_domain {
        let value = "%EMAILDOMAIN%".to_owned();
        warnings.push(warn(p.pos.line, WarningKind::InvalidDomain { value }));
    }
    if p.domains.is_empty() {
        let what = "no <domain> left";
        warnings.push(warn(p.pos.line, WarningKind::Incomplete { what }));
        return None;
    }
    let line = p.pos.line;
    let named = p.display_name.is_some() || p.display_short_name.is_some();
    Some(Extra {
        sourced: Sourced {
            file: file.to_owned(),
            provider: p.into(),
        },
        line,
        named,
    })
}

fn problem_text(p: &ServerProblem) -> String {
    p.to_string()
}

/// What is missing for a provider to be usable on its own, if anything (the rule of the
/// database files, see `providers/README.md`).
pub(super) fn incomplete(p: &Provider) -> Option<&'static str> {
    missing(
        p.domains.is_empty(),
        p.has_hint("no_imap"),
        &p.incoming.iter().map(|s| s.protocol).collect::<Vec<_>>(),
        p.outgoing.is_empty(),
    )
}

/// The completeness rule itself, for a parsed file's provider and a merged one alike: a
/// provider that offers no IMAP (Tuta, HEY) says so with a `no_imap` hint and may then list
/// no servers at all.
pub(super) fn missing(
    no_domain: bool,
    no_imap: bool,
    incoming: &[Protocol],
    no_outgoing: bool,
) -> Option<&'static str> {
    if no_domain {
        Some("no <domain>")
    } else if incoming.is_empty() && !no_imap {
        Some("no usable IMAP or POP3 server (and no no_imap hint)")
    } else if no_outgoing && !no_imap {
        Some("no usable SMTP server (and no no_imap hint)")
    } else if no_imap && incoming.contains(&Protocol::Imap) {
        Some("a no_imap hint but an IMAP server")
    } else {
        None
    }
}

/// Merges the override `over` (from `file`) into the built-in provider `base`:
///
/// * servers: for each protocol (IMAP, POP3, SMTP) the override lists, its servers replace
///   the built-in ones of that protocol and come first; protocols it does not list keep the
///   built-in servers;
/// * domains and MX suffixes: the built-in ones, then the override's new ones;
/// * hints: an override hint replaces the built-in hint of the same code, the others stay
///   (a `no_imap` hint goes when the override lists an IMAP server);
/// * names: the override's when it states them; documentation: the override's first;
/// * provenance: the built-in sources, the override's, and `override` naming the file;
/// * the id stays the built-in id.
pub(super) fn merge(base: &mut Provider, over: Provider, named: bool, file: &str) {
    let protocols: HashSet<Protocol> = over
        .incoming
        .iter()
        .chain(&over.outgoing)
        .map(|s| s.protocol)
        .collect();
    let keep = |s: &super::ServerEntry| !protocols.contains(&s.protocol);
    let incoming: Vec<_> = base.incoming.drain(..).filter(keep).collect();
    base.incoming = over.incoming.into_iter().chain(incoming).collect();
    let outgoing: Vec<_> = base.outgoing.drain(..).filter(keep).collect();
    base.outgoing = over.outgoing.into_iter().chain(outgoing).collect();
    for d in over.domains {
        if !base.domains.contains(&d) {
            base.domains.push(d);
        }
    }
    for d in over.mx_domains {
        if !base.mx_domains.contains(&d) {
            base.mx_domains.push(d);
        }
    }
    for h in over.hints {
        match base.hints.iter_mut().find(|x| x.code == h.code) {
            Some(x) => *x = h,
            None => base.hints.push(h),
        }
    }
    if base.incoming.iter().any(|s| s.protocol == Protocol::Imap) {
        base.hints.retain(|h| h.code != "no_imap");
    }
    if named {
        base.display_name = over.display_name;
    }
    if over.display_name_zh.is_some() {
        base.display_name_zh = over.display_name_zh;
    }
    let mut docs = over.documentation;
    for d in base.documentation.drain(..) {
        if !docs.contains(&d) {
            docs.push(d);
        }
    }
    base.documentation = docs;
    base.sources.extend(over.sources);
    base.sources.push(SourceRef {
        name: "override".to_owned(),
        reference: Some(file.to_owned()),
        url: None,
        status: "used".to_owned(),
        note: Some("--providers file merged into the built-in entry".to_owned()),
        domains: Vec::new(),
        servers: Vec::new(),
    });
}

/// The built-in provider an override concerns: a hand-written one with its id or sharing a
/// domain (index into `hand`), else an imported one with its id or sharing a domain (parsed
/// here; an imported companion of a hand-written provider gives that provider).
pub(super) enum Target {
    Hand(usize),
    Imported(Box<Provider>),
    None,
}

pub(super) fn target(hand: &[Sourced], over: &Provider) -> Target {
    if let Some(i) = hand.iter().position(|s| s.provider.id == over.id) {
        return Target::Hand(i);
    }
    for d in &over.domains {
        if let Some(i) = hand.iter().position(|s| s.provider.domains.contains(d)) {
            return Target::Hand(i);
        }
    }
    let imported_file = |id: &str| {
        let name = format!("{}{id}.xml", super::IMPORTED_PREFIX);
        embedded::PROVIDER_FILES
            .iter()
            .position(|(n, _)| *n == name)
    };
    let by_domain = over.domains.iter().find_map(|d| {
        let j = embedded::IMPORTED_DOMAINS
            .binary_search_by(|(k, _)| (*k).cmp(d.as_str()))
            .ok()?;
        embedded::IMPORTED_DOMAINS.get(j).map(|&(_, f)| f)
    });
    let Some(file) = imported_file(&over.id).or(by_domain) else {
        return Target::None;
    };
    let Some((name, xml)) = embedded::PROVIDER_FILES.get(file) else {
        return Target::None;
    };
    let Some(p) = super::parse_file(name, xml)
        .ok()
        .and_then(|v| v.into_iter().next())
        .map(|s| s.provider)
    else {
        return Target::None;
    };
    match hand.iter().position(|s| s.provider.id == p.id) {
        Some(i) => Target::Hand(i),
        None => Target::Imported(Box::new(p)),
    }
}

/// The built-in providers with the directory's providers merged in or added, and the ids
/// of hand-written providers left without a domain (hidden, so their imported alias domains
/// do not resurface).
pub(super) fn apply(
    mut hand: Vec<Sourced>,
    extra: Vec<Extra>,
    warnings: &mut Vec<ProviderWarning>,
) -> (Vec<Sourced>, HashSet<String>) {
    // A domain belongs to the first file of the directory that lists it.
    let mut claimed: std::collections::HashMap<String, String> = Default::default();
    let mut hidden = HashSet::new();
    for Extra {
        sourced,
        line,
        named,
    } in extra
    {
        let Sourced { file, mut provider } = sourced;
        provider.domains.retain(|d| match claimed.get(d) {
            Some(other) => {
                warnings.push(ProviderWarning {
                    file: file.clone(),
                    line: Some(line),
                    provider: Some(provider.id.clone()),
                    kind: WarningKind::DuplicateDomain {
                        domain: d.clone(),
                        other_file: other.clone(),
                    },
                });
                false
            }
            None => true,
        });
        let incomplete_warning = |what| ProviderWarning {
            file: file.clone(),
            line: Some(line),
            provider: Some(provider.id.clone()),
            kind: WarningKind::Incomplete { what },
        };
        if provider.domains.is_empty() {
            warnings.push(incomplete_warning("no <domain> left"));
            continue;
        }
        let index = match target(&hand, &provider) {
            Target::Hand(i) => {
                let mut merged = hand[i].provider.clone();
                merge(&mut merged, provider.clone(), named, &file);
                if let Some(what) = incomplete(&merged) {
                    warnings.push(incomplete_warning(what));
                    continue;
                }
                hand[i].provider = merged;
                i
            }
            Target::Imported(base) => {
                let mut base = *base;
                // Domains a hand-written file lists are not the imported provider's to
                // bring (unless the override claims them itself).
                base.domains.retain(|d| {
                    provider.domains.contains(d)
                        || !hand.iter().any(|s| s.provider.domains.contains(d))
                });
                merge(&mut base, provider.clone(), named, &file);
                if let Some(what) = incomplete(&base) {
                    warnings.push(incomplete_warning(what));
                    continue;
                }
                let imported = format!("{}{}.xml", super::IMPORTED_PREFIX, base.id);
                hand.push(Sourced {
                    file: imported,
                    provider: base,
                });
                hand.len() - 1
            }
            Target::None => {
                if let Some(what) = incomplete(&provider) {
                    warnings.push(incomplete_warning(what));
                    continue;
                }
                hand.push(Sourced {
                    file: file.clone(),
                    provider: provider.clone(),
                });
                hand.len() - 1
            }
        };
        for d in &provider.domains {
            claimed.insert(d.clone(), file.clone());
        }
        // The override's domains leave any other built-in provider listing them.
        let mine: Vec<String> = hand[index].provider.domains.clone();
        for (j, s) in hand.iter_mut().enumerate() {
            if j != index {
                s.provider.domains.retain(|d| !mine.contains(d));
            }
        }
        hand.retain(|s| {
            let empty = s.provider.domains.is_empty();
            if empty {
                hidden.insert(s.provider.id.clone());
            }
            !empty
        });
    }
    (hand, hidden)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warning(kind: WarningKind) -> ProviderWarning {
        ProviderWarning {
            file: "corp.xml".into(),
            line: Some(7),
            provider: Some("corp".into()),
            kind,
        }
    }

    #[test]
    fn warnings_are_in_the_users_language() {
        let kinds = [
            WarningKind::NotUtf8,
            WarningKind::TooLarge { max: 1024 },
            WarningKind::InvalidServer {
                protocol: Protocol::Imap,
                problem: "port 0".into(),
            },
            WarningKind::DuplicateDomain {
                domain: "example.com".into(),
                other_file: "a.xml".into(),
            },
            WarningKind::TooManyFiles { max: 64 },
        ];
        for kind in kinds {
            let w = warning(kind);
            let en = w.localized(Lang::En);
            assert!(en.contains("corp.xml:7"), "{en}");
            let cn = w.localized(Lang::ZhCn);
            assert!(
                cn.contains("服务商文件") && cn.contains("corp.xml:7"),
                "{cn}"
            );
            let tw = w.localized(Lang::ZhTw);
            assert!(
                tw.contains("服務商檔案") && tw.contains("corp.xml:7"),
                "{tw}"
            );
        }
        let w = warning(WarningKind::InvalidServer {
            protocol: Protocol::Smtp,
            problem: "port 0".into(),
        });
        assert_eq!(
            w.to_string(),
            "provider file corp.xml:7, provider 'corp': smtp server: port 0; this server is left out"
        );
    }
}
