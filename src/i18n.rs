//! The language of everything maildoctor writes for people: causes, fixes, headings,
//! verdicts and table labels. Finding codes, JSON keys and whatever a server or DNS said
//! stay as they are in every language.
//!
//! The language is chosen where the text is produced (`analyze::analyze_in(…, lang)`,
//! `report::RenderOptions::lang`); [`Lang::from_env`] gives the default from the locale
//! (`--lang` overrides it).

use crate::model::{Security, Severity, Step};
use crate::tr;

/// A language maildoctor writes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, clap::ValueEnum)]
pub enum Lang {
    /// English.
    #[default]
    #[value(name = "en")]
    En,
    /// Simplified Chinese (mainland China, Singapore).
    #[value(name = "zh-CN", alias = "zh_CN", alias = "zh", alias = "zh-Hans")]
    ZhCn,
    /// Traditional Chinese with Taiwan and Hong Kong helpdesk wording (伺服器, 連接埠).
    #[value(
        name = "zh-TW",
        alias = "zh_TW",
        alias = "zh-HK",
        alias = "zh_HK",
        alias = "zh-Hant"
    )]
    ZhTw,
}

impl Lang {
    /// The language of the POSIX locale: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is
    /// set and not empty decides (like `setlocale` for `LC_MESSAGES`). See [`Lang::from_locale`].
    pub fn from_env() -> Self {
        Self::from_vars(|k| std::env::var(k).ok())
    }

    /// [`Lang::from_env`] with the variables looked up by `get` (for tests).
    pub fn from_vars(get: impl Fn(&str) -> Option<String>) -> Self {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|k| get(k).filter(|v| !v.is_empty()))
            .map_or(Self::En, |v| Self::from_locale(&v))
    }

    /// The language of a locale name such as `zh_CN.UTF-8`, `zh_CN`, `zh-CN`, `zh_SG`,
    /// `zh-Hans`, `zh`: Simplified Chinese. `zh_TW`, `zh_HK`, `zh_MO`, `zh-Hant` (also
    /// `zh-Hant-HK`, `zh_TW.Big5`): Traditional Chinese. Everything else (`C`, `POSIX`,
    /// `en_US.UTF-8`, `de_DE`…) gets English.
    pub fn from_locale(locale: &str) -> Self {
        // language[_territory][.codeset][@modifier]; BCP 47 tags use '-'.
        let base = locale.split(['.', '@']).next().unwrap_or_default();
        let mut parts = base.split(['_', '-']);
        if !parts.next().is_some_and(|l| l.eq_ignore_ascii_case("zh")) {
            return Self::En;
        }
        match parts.next().map(str::to_ascii_lowercase).as_deref() {
            None | Some("" | "cn" | "sg" | "hans" | "my") => Self::ZhCn,
            Some("tw" | "hk" | "mo" | "hant") => Self::ZhTw,
            _ => Self::En,
        }
    }

    /// Every language, in the order of `--lang`'s help.
    pub const ALL: [Self; 3] = [Self::En, Self::ZhCn, Self::ZhTw];

    /// The name used by `--lang` (a BCP 47 tag): `en`, `zh-CN` or `zh-TW`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::ZhCn => "zh-CN",
            Self::ZhTw => "zh-TW",
        }
    }

    /// True for Chinese, simplified or traditional (full-width punctuation, no spaces
    /// between words).
    pub fn is_zh(self) -> bool {
        matches!(self, Self::ZhCn | Self::ZhTw)
    }
}

/// Words shared by the analysis and the report, in one language.
impl Lang {
    /// A step as people say it, e.g. `TLS handshake` / `TLS 握手`.
    pub fn step(self, step: Step) -> String {
        let id = match step {
            Step::Resolve => "step-resolve",
            Step::Connect => "step-connect",
            Step::TlsHandshake => "step-tls-handshake",
            Step::Greeting => "step-greeting",
            Step::Capabilities => "step-capabilities",
            Step::Starttls => "step-starttls",
            Step::CapabilitiesAfterTls => "step-capabilities-after-tls",
            Step::AuthMechs => "step-auth-mechs",
            Step::Login => "step-login",
        };
        self.message(id, None)
    }

    /// The encryption setting as mail clients label it (`SSL/TLS`, `STARTTLS`, none).
    pub fn security(self, s: Security) -> String {
        match s {
            Security::None => self.message("security-none", None),
            s => s.display_name().to_owned(),
        }
    }

    /// A severity label.
    pub fn severity(self, s: Severity) -> String {
        self.message(
            match s {
                Severity::Error => "severity-error",
                Severity::Warning => "severity-warning",
                Severity::Info => "severity-info",
            },
            None,
        )
    }

    /// `incoming` / `outgoing` (收件 / 发件).
    pub fn direction(self, incoming: bool) -> String {
        self.message(
            if incoming {
                "direction-incoming"
            } else {
                "direction-outgoing"
            },
            None,
        )
    }

    /// A list of ports: `993, 995`, or `993、995` in Chinese.
    pub fn ports(self, ports: &[u16]) -> String {
        let v: Vec<String> = ports.iter().map(u16::to_string).collect();
        v.join(&self.message("list-separator", None))
    }

    /// Ports with their noun: `port 993`, `ports 465, 993 and 995`; `端口 993、995`.
    pub fn port_phrase(self, ports: &[u16]) -> String {
        match ports {
            [] => self.message("ports-none", None),
            [one] => tr!(self, "ports-phrase", count = 1, list = one.to_string()),
            [rest @ .., last] => {
                let list = format!(
                    "{}{}{last}",
                    self.ports(rest),
                    self.message("list-last-separator", None)
                );
                tr!(self, "ports-phrase", count = ports.len(), list = list)
            }
        }
    }

    /// Items joined with "and" (和).
    pub fn and_list(self, items: &[&str]) -> String {
        items.join(&self.message("and-separator", None))
    }
}

// ---------------------------------------------------------------------------------------
// Message catalogs
// ---------------------------------------------------------------------------------------

/// Re-exported for [`tr!`](crate::tr).
pub use fluent_bundle::{FluentArgs, FluentValue};

use fluent_bundle::FluentResource;
use fluent_bundle::concurrent::FluentBundle;
use std::sync::LazyLock;

/// The catalog files of one language: `(file name, text)`, embedded in the binary. Every
/// language has the same files; a message lives in the file of the part that uses it.
macro_rules! catalog {
    ($dir:literal) => {
        [
            (
                "words.ftl",
                include_str!(concat!("../locales/", $dir, "/words.ftl")),
            ),
            (
                "analysis.ftl",
                include_str!(concat!("../locales/", $dir, "/analysis.ftl")),
            ),
            (
                "report.ftl",
                include_str!(concat!("../locales/", $dir, "/report.ftl")),
            ),
            (
                "cli.ftl",
                include_str!(concat!("../locales/", $dir, "/cli.ftl")),
            ),
            (
                "explain.ftl",
                include_str!(concat!("../locales/", $dir, "/explain.ftl")),
            ),
            (
                "help.ftl",
                include_str!(concat!("../locales/", $dir, "/help.ftl")),
            ),
        ]
    };
}

/// The catalog files of every language, in [`Lang::ALL`] order.
pub const CATALOGS: [(Lang, [(&str, &str); 6]); 3] = [
    (Lang::En, catalog!("en")),
    (Lang::ZhCn, catalog!("zh-CN")),
    (Lang::ZhTw, catalog!("zh-TW")),
];

type Bundle = FluentBundle<FluentResource>;

/// One bundle per language, parsed on first use. A file that does not parse, or a message
/// defined twice, keeps what did parse; `catalogs_are_complete_and_consistent` (a test)
/// makes sure neither ships.
static BUNDLES: LazyLock<Vec<Bundle>> = LazyLock::new(|| {
    CATALOGS
        .iter()
        .map(|(lang, files)| {
            let tag = lang
                .as_str()
                .parse::<unic_langid::LanguageIdentifier>()
                .unwrap_or_default();
            let mut bundle = Bundle::new_concurrent(vec![tag]);
            // Terminal, JSON and CSV output: no Unicode bidi isolation marks around values.
            bundle.set_use_isolating(false);
            for (_, text) in files {
                let res = FluentResource::try_new((*text).to_owned()).unwrap_or_else(|(r, _)| r);
                bundle.add_resource_overriding(res);
            }
            bundle
        })
        .collect()
});

impl Lang {
    fn index(self) -> usize {
        match self {
            Self::En => 0,
            Self::ZhCn => 1,
            Self::ZhTw => 2,
        }
    }

    /// The message `id` of this language's catalog with `args` filled in. A message missing
    /// in this language falls back to English, and a message missing everywhere gives its
    /// id (a test keeps both from shipping). Use [`tr!`](crate::tr) to build the arguments.
    pub fn message(self, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        for lang in [self, Self::En] {
            let Some(bundle) = BUNDLES.get(lang.index()) else {
                continue;
            };
            let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
                continue;
            };
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, args, &mut errors);
            debug_assert!(errors.is_empty(), "message {id} in {lang}: {errors:?}");
            return text.into_owned();
        }
        id.to_owned()
    }

    /// True when this language's catalog has the message `id` (for texts chosen by a code,
    /// e.g. a finding code's help).
    pub fn has_message(self, id: &str) -> bool {
        BUNDLES
            .get(self.index())
            .is_some_and(|b| b.get_message(id).is_some_and(|m| m.value().is_some()))
    }
}

/// A catalog message in a language: `tr!(lang, "id")` or
/// `tr!(lang, "id", host = e.host.as_str(), port = e.port)`. Argument names are the
/// message's variables (`{ $host }`); values are anything [`FluentValue`] converts from
/// (strings, `&str`, integers — integers select plural forms).
#[macro_export]
macro_rules! tr {
    ($lang:expr, $id:expr $(,)?) => {
        $crate::i18n::Lang::message($lang, $id, None)
    };
    ($lang:expr, $id:expr, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = $crate::i18n::FluentArgs::new();
        $( args.set(stringify!($name), $crate::i18n::FluentValue::from($value)); )+
        $crate::i18n::Lang::message($lang, $id, Some(&args))
    }};
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &[(&str, &str)]) -> Lang {
        Lang::from_vars(|k| {
            vars.iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| (*v).to_owned())
        })
    }

    #[test]
    fn locale_names() {
        for zh in [
            "zh_CN.UTF-8",
            "zh_CN.utf8",
            "zh_CN",
            "zh-CN",
            "zh_SG",
            "zh",
            "zh_CN.GB18030",
            "zh_CN.UTF-8@pinyin",
            "zh-Hans",
            "ZH_cn",
        ] {
            assert_eq!(Lang::from_locale(zh), Lang::ZhCn, "{zh}");
        }
        for tw in [
            "zh_TW.UTF-8",
            "zh_TW.Big5",
            "zh_HK",
            "zh-Hant",
            "zh-Hant-HK",
            "zh_MO",
            "zh-tw",
        ] {
            assert_eq!(Lang::from_locale(tw), Lang::ZhTw, "{tw}");
        }
        for en in [
            "C",
            "POSIX",
            "C.UTF-8",
            "en_US.UTF-8",
            "de_DE@euro",
            "",
            "zhx",
        ] {
            assert_eq!(Lang::from_locale(en), Lang::En, "{en}");
        }
    }

    #[test]
    fn posix_precedence_lc_all_then_lc_messages_then_lang() {
        assert_eq!(env(&[]), Lang::En);
        assert_eq!(env(&[("LANG", "zh_CN.UTF-8")]), Lang::ZhCn);
        assert_eq!(
            env(&[("LANG", "zh_CN.UTF-8"), ("LC_MESSAGES", "en_US.UTF-8")]),
            Lang::En
        );
        assert_eq!(
            env(&[("LANG", "en_US"), ("LC_MESSAGES", "zh_CN")]),
            Lang::ZhCn
        );
        assert_eq!(
            env(&[
                ("LANG", "en_US"),
                ("LC_MESSAGES", "en_US"),
                ("LC_ALL", "zh_SG.UTF-8")
            ]),
            Lang::ZhCn
        );
        assert_eq!(
            env(&[("LANG", "zh_CN"), ("LC_ALL", "C")]),
            Lang::En,
            "LC_ALL=C wins"
        );
        // Empty variables count as unset.
        assert_eq!(
            env(&[("LANG", "zh_CN"), ("LC_ALL", ""), ("LC_MESSAGES", "")]),
            Lang::ZhCn
        );
        assert_eq!(env(&[("LANG", "zh_TW.UTF-8")]), Lang::ZhTw);
    }

    #[test]
    fn cli_names() {
        use clap::ValueEnum;
        assert_eq!(Lang::from_str("zh-CN", true), Ok(Lang::ZhCn));
        assert_eq!(Lang::from_str("zh_CN", true), Ok(Lang::ZhCn));
        assert_eq!(Lang::from_str("en", true), Ok(Lang::En));
        assert!(Lang::from_str("fr", true).is_err());
        assert_eq!(Lang::ZhCn.to_string(), "zh-CN");
        assert_eq!(Lang::from_str("zh-TW", true), Ok(Lang::ZhTw));
        assert_eq!(Lang::from_str("zh_HK", true), Ok(Lang::ZhTw));
        assert_eq!(Lang::from_str("zh-Hant", true), Ok(Lang::ZhTw));
        assert_eq!(Lang::ZhTw.to_string(), "zh-TW");
    }

    #[test]
    fn words_come_from_the_catalogs() {
        assert_eq!(Lang::En.step(Step::TlsHandshake), "TLS handshake");
        assert_eq!(Lang::ZhCn.step(Step::TlsHandshake), "TLS 握手");
        assert_eq!(Lang::ZhTw.step(Step::TlsHandshake), "TLS 交握");
        assert_eq!(Lang::En.port_phrase(&[993]), "port 993");
        assert_eq!(
            Lang::En.port_phrase(&[465, 993, 995]),
            "ports 465, 993 and 995"
        );
        assert_eq!(Lang::ZhCn.port_phrase(&[993, 995]), "端口 993、995");
        assert_eq!(Lang::ZhTw.port_phrase(&[993, 995]), "連接埠 993、995");
        assert_eq!(Lang::En.ports(&[993, 995]), "993, 995");
        assert_eq!(Lang::En.and_list(&["a", "b"]), "a and b");
        assert_eq!(Lang::ZhTw.security(Security::None), "不加密");
        // No bidi isolation marks around values (terminal, JSON, CSV).
        assert!(!Lang::En.port_phrase(&[993]).contains('\u{2068}'));
    }

    #[test]
    fn a_message_missing_everywhere_gives_its_id() {
        assert_eq!(
            Lang::ZhTw.message("no-such-message", None),
            "no-such-message"
        );
        assert!(!Lang::En.has_message("no-such-message"));
        assert!(Lang::ZhTw.has_message("step-login"));
    }
}

/// The catalogs' own checks: every file parses, every message exists in every language with
/// the same variables, and every message the code asks for exists with the variables the
/// code passes.
#[cfg(test)]
mod catalog_tests {
    use super::*;
    use fluent_syntax::ast;
    use std::collections::{BTreeMap, BTreeSet};

    /// A message's variables: those shown in the text, and those only used to choose a
    /// variant (plural or other selectors). A language may leave out a selector-only
    /// variable (Chinese has no plural forms), never a shown one.
    #[derive(Debug, Default, Clone, PartialEq)]
    struct Vars {
        shown: BTreeSet<String>,
        selectors: BTreeSet<String>,
        refs: BTreeSet<String>,
    }

    fn inline(e: &ast::InlineExpression<&str>, v: &mut Vars, selector: bool) {
        match e {
            ast::InlineExpression::VariableReference { id } => {
                if selector {
                    v.selectors.insert(id.name.to_owned());
                } else {
                    v.shown.insert(id.name.to_owned());
                }
            }
            ast::InlineExpression::MessageReference { id, .. } => {
                v.refs.insert(id.name.to_owned());
            }
            ast::InlineExpression::FunctionReference { arguments, .. }
            | ast::InlineExpression::TermReference {
                arguments: Some(arguments),
                ..
            } => {
                for a in &arguments.positional {
                    inline(a, v, selector);
                }
                for a in &arguments.named {
                    inline(&a.value, v, selector);
                }
            }
            ast::InlineExpression::Placeable { expression } => expr(expression, v),
            _ => {}
        }
    }

    fn expr(e: &ast::Expression<&str>, v: &mut Vars) {
        match e {
            ast::Expression::Inline(i) => inline(i, v, false),
            ast::Expression::Select { selector, variants } => {
                inline(selector, v, true);
                for variant in variants {
                    pattern(&variant.value, v);
                }
            }
        }
    }

    fn pattern(p: &ast::Pattern<&str>, v: &mut Vars) {
        for el in &p.elements {
            if let ast::PatternElement::Placeable { expression } = el {
                expr(expression, v);
            }
        }
    }

    /// Every message of a language: id → (file, variables).
    fn messages(lang: Lang) -> BTreeMap<String, (String, Vars)> {
        let (_, files) = CATALOGS.iter().find(|(l, _)| *l == lang).unwrap();
        let mut out = BTreeMap::new();
        for (file, text) in files {
            let res = fluent_syntax::parser::parse(*text)
                .unwrap_or_else(|(_, e)| panic!("locales/{lang}/{file} does not parse: {e:?}"));
            for entry in res.body {
                match entry {
                    ast::Entry::Message(m) => {
                        let mut v = Vars::default();
                        let value = m
                            .value
                            .as_ref()
                            .unwrap_or_else(|| panic!("{lang}/{file}: {} has no value", m.id.name));
                        pattern(value, &mut v);
                        for a in &m.attributes {
                            pattern(&a.value, &mut v);
                        }
                        let before = out.insert(m.id.name.to_owned(), (file.to_string(), v));
                        assert!(
                            before.is_none(),
                            "{lang}: message {} is defined twice ({file} and {})",
                            m.id.name,
                            before.map(|b| b.0).unwrap_or_default()
                        );
                    }
                    ast::Entry::Junk { content } => {
                        panic!("locales/{lang}/{file}: junk {content:?}")
                    }
                    _ => {}
                }
            }
        }
        out
    }

    #[test]
    fn catalogs_are_complete_and_consistent() {
        let en = messages(Lang::En);
        assert!(en.len() >= 20, "the English catalog is nearly empty");
        for lang in [Lang::ZhCn, Lang::ZhTw] {
            let other = messages(lang);
            let missing: Vec<_> = en.keys().filter(|k| !other.contains_key(*k)).collect();
            let extra: Vec<_> = other.keys().filter(|k| !en.contains_key(*k)).collect();
            assert!(missing.is_empty(), "{lang} lacks {missing:?}");
            assert!(
                extra.is_empty(),
                "{lang} has messages English lacks: {extra:?}"
            );
            for (id, (file, v)) in &other {
                let (en_file, en_v) = &en[id];
                assert_eq!(
                    file, en_file,
                    "{id} is in {en_file} in English, {file} in {lang}"
                );
                assert_eq!(
                    v.shown, en_v.shown,
                    "{lang} {id}: shows other variables than English"
                );
                assert!(
                    v.selectors
                        .is_subset(&en_v.selectors.union(&en_v.shown).cloned().collect()),
                    "{lang} {id}: selects on a variable English does not have"
                );
            }
        }
        for lang in Lang::ALL {
            let all = messages(lang);
            for (id, (_, v)) in &all {
                for r in &v.refs {
                    assert!(
                        all.contains_key(r),
                        "{lang} {id} refers to missing message {r}"
                    );
                }
            }
        }
    }

    /// Every Rust source file under `src/`.
    fn sources(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                sources(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push((
                    p.display().to_string(),
                    std::fs::read_to_string(&p).unwrap(),
                ));
            }
        }
    }

    /// The calls `tr!(lang, "id", a = …, b = …)` of a source text: (id, argument names).
    fn tr_calls(text: &str) -> Vec<(String, BTreeSet<String>)> {
        let mut out = Vec::new();
        let mut rest = text;
        loop {
            // `tr!(lang, "id", …)` and `usage!("id", …)` (src/error.rs).
            let next = ["tr!(", "usage!("]
                .iter()
                .filter_map(|m| rest.find(m).map(|i| (i, m.len())))
                .min();
            let Some((i, len)) = next else { break };
            rest = &rest[i + len..];
            // The macro's body up to its closing parenthesis.
            let mut depth = 1;
            let mut end = rest.len();
            for (j, c) in rest.char_indices() {
                match c {
                    '(' | '[' | '{' => depth += 1,
                    ')' | ']' | '}' => {
                        depth -= 1;
                        if depth == 0 {
                            end = j;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let body = &rest[..end];
            let Some(q) = body.find('"') else { continue };
            let Some(q2) = body[q + 1..].find('"') else {
                continue;
            };
            let id = &body[q + 1..q + 1 + q2];
            if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                continue;
            }
            // Top-level `name = value` pairs after the id.
            let mut names = BTreeSet::new();
            let mut depth = 0;
            let mut start = q + 2 + q2;
            let args = body;
            let mut pieces = Vec::new();
            for (j, c) in args.char_indices().skip(start) {
                match c {
                    '(' | '[' | '{' => depth += 1,
                    ')' | ']' | '}' => depth -= 1,
                    ',' if depth == 0 => {
                        pieces.push(&args[start..j]);
                        start = j + 1;
                    }
                    _ => {}
                }
            }
            pieces.push(&args[start..]);
            for p in pieces {
                if let Some((name, _)) = p.split_once('=') {
                    let name = name.trim();
                    if !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_') {
                        names.insert(name.to_owned());
                    }
                }
            }
            out.push((id.to_owned(), names));
        }
        out
    }

    #[test]
    fn every_message_the_code_asks_for_exists_with_its_variables() {
        let en = messages(Lang::En);
        let mut files = Vec::new();
        sources(
            std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")),
            &mut files,
        );
        let mut checked = 0;
        for (path, text) in &files {
            if path.ends_with("i18n.rs") {
                // Its own tests name missing messages on purpose; its calls are checked by
                // `words_come_from_the_catalogs`.
                continue;
            }
            for (id, names) in tr_calls(text) {
                let (_, v) = en
                    .get(&id)
                    .unwrap_or_else(|| panic!("{path}: tr! asks for {id}, which no catalog has"));
                let wanted: BTreeSet<String> = v.shown.union(&v.selectors).cloned().collect();
                assert_eq!(
                    names, wanted,
                    "{path}: tr!(…, \"{id}\") passes other variables than the message uses"
                );
                checked += 1;
            }
        }
        let _ = checked;
    }

    /// Every text for people comes from a catalog: no Chinese in the code outside tests,
    /// comments and the login classifier's phrase tables (data matched against what servers
    /// say, never shown).
    #[test]
    fn no_display_text_outside_the_catalogs() {
        const DATA: &[&str] = &["src/probe/auth.rs"];
        let mut files = Vec::new();
        sources(
            std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")),
            &mut files,
        );
        let mut found = Vec::new();
        for (path, text) in &files {
            let rel = &path[path.find("/src/").map_or(0, |i| i + 1)..];
            if DATA.contains(&rel) || rel.ends_with("tests.rs") || rel.ends_with("testkit.rs") {
                continue;
            }
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            for (n, line) in code.lines().enumerate() {
                let t = line.trim_start();
                if t.starts_with("//") {
                    continue;
                }
                if t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
                    found.push(format!("{rel}:{}: {}", n + 1, t));
                }
            }
        }
        assert!(
            found.is_empty(),
            "Chinese text outside the catalogs:\n{}",
            found.join("\n")
        );
    }

    /// Messages the code names by a computed id, with the variables it passes.
    #[test]
    fn messages_named_at_run_time_exist_with_their_variables() {
        let en = messages(Lang::En);
        let path_line: BTreeSet<String> = ["line", "path"].iter().map(|s| s.to_string()).collect();
        // src/batch.rs PasswordBook::parse.
        for id in [
            "usage-password-file-not-utf8",
            "usage-password-file-no-tab",
            "usage-password-file-address",
            "usage-password-file-empty-password",
        ] {
            let (_, v) = en.get(id).unwrap_or_else(|| panic!("{id} is missing"));
            assert_eq!(v.shown, path_line, "{id}");
        }
    }

    #[test]
    fn the_call_scanner_reads_names_and_ids() {
        let calls = tr_calls(
            "x tr!(lang, \"a-b\") y tr!(\n self,\n \"c\",\n host = f(a, b),\n port = 1\n);",
        );
        assert_eq!(calls.len(), 2);
        assert_eq!(calls[0].0, "a-b");
        assert!(calls[0].1.is_empty());
        assert_eq!(calls[1].0, "c");
        assert_eq!(
            calls[1].1,
            ["host", "port"].iter().map(|s| s.to_string()).collect()
        );
    }
}
