//! The language of everything maildoctor writes for people: causes, fixes, headings,
//! verdicts and table labels. Finding codes, JSON keys and whatever a server or DNS said
//! stay as they are in every language.
//!
//! The language is chosen where the text is produced (`analyze::analyze_in(…, lang)`,
//! `report::RenderOptions::lang`); [`Lang::from_env`] gives the default from the locale
//! (`--lang` overrides it).

use crate::model::{Security, Severity, Step};

/// A language maildoctor writes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, clap::ValueEnum)]
pub enum Lang {
    /// English.
    #[default]
    #[value(name = "en")]
    En,
    /// Simplified Chinese (mainland China, Singapore).
    #[value(name = "zh-CN", alias = "zh_CN", alias = "zh")]
    ZhCn,
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
    /// `zh-Hans`, `zh`: Simplified Chinese. Traditional Chinese locales (`zh_TW`, `zh_HK`,
    /// `zh_MO`, `zh-Hant`) get English until a zh-TW translation exists; everything else
    /// (`C`, `POSIX`, `en_US.UTF-8`, `de_DE`…) gets English.
    pub fn from_locale(locale: &str) -> Self {
        // language[_territory][.codeset][@modifier]; BCP 47 tags use '-'.
        let base = locale.split(['.', '@']).next().unwrap_or_default();
        let mut parts = base.split(['_', '-']);
        if !parts.next().is_some_and(|l| l.eq_ignore_ascii_case("zh")) {
            return Self::En;
        }
        match parts.next().map(str::to_ascii_lowercase).as_deref() {
            None | Some("" | "cn" | "sg" | "hans" | "my") => Self::ZhCn,
            _ => Self::En,
        }
    }

    /// The name used by `--lang`: `en` or `zh-CN`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::ZhCn => "zh-CN",
        }
    }

    /// True for Simplified Chinese.
    pub fn is_zh(self) -> bool {
        self == Self::ZhCn
    }

    /// `en` or `zh` by language.
    pub fn pick<T>(self, en: T, zh: T) -> T {
        match self {
            Self::En => en,
            Self::ZhCn => zh,
        }
    }
}

/// Words shared by the analysis and the report, in one language.
impl Lang {
    /// A step as people say it, e.g. `TLS handshake` / `TLS 握手`.
    pub fn step(self, step: Step) -> &'static str {
        match (step, self) {
            (Step::Resolve, Self::En) => "DNS lookup",
            (Step::Resolve, Self::ZhCn) => "域名解析",
            (Step::Connect, Self::En) => "connect",
            (Step::Connect, Self::ZhCn) => "建立连接",
            (Step::TlsHandshake, Self::En) => "TLS handshake",
            (Step::TlsHandshake, Self::ZhCn) => "TLS 握手",
            (Step::Greeting, Self::En) => "greeting",
            (Step::Greeting, Self::ZhCn) => "欢迎信息",
            (Step::Capabilities, Self::En) => "capabilities",
            (Step::Capabilities, Self::ZhCn) => "查询功能",
            (Step::Starttls, Self::En) => "STARTTLS",
            (Step::Starttls, Self::ZhCn) => "STARTTLS",
            (Step::CapabilitiesAfterTls, Self::En) => "capabilities after TLS",
            (Step::CapabilitiesAfterTls, Self::ZhCn) => "加密后查询功能",
            (Step::AuthMechs, Self::En) => "login methods",
            (Step::AuthMechs, Self::ZhCn) => "登录方式",
            (Step::Login, Self::En) => "login",
            (Step::Login, Self::ZhCn) => "登录",
        }
    }

    /// The encryption setting as mail clients label it (`SSL/TLS`, `STARTTLS`, none).
    pub fn security(self, s: Security) -> &'static str {
        match (s, self) {
            (Security::None, Self::ZhCn) => "不加密",
            (s, _) => s.display_name(),
        }
    }

    /// A severity label.
    pub fn severity(self, s: Severity) -> &'static str {
        match (s, self) {
            (Severity::Error, Self::En) => "error",
            (Severity::Error, Self::ZhCn) => "错误",
            (Severity::Warning, Self::En) => "warning",
            (Severity::Warning, Self::ZhCn) => "警告",
            (Severity::Info, Self::En) => "info",
            (Severity::Info, Self::ZhCn) => "提示",
        }
    }

    /// `incoming` / `outgoing` (收件 / 发件).
    pub fn direction(self, incoming: bool) -> &'static str {
        match (incoming, self) {
            (true, Self::En) => "incoming",
            (true, Self::ZhCn) => "收件",
            (false, Self::En) => "outgoing",
            (false, Self::ZhCn) => "发件",
        }
    }

    /// A list of ports: `993, 995`, or `993、995` in Chinese.
    pub fn ports(self, ports: &[u16]) -> String {
        let v: Vec<String> = ports.iter().map(u16::to_string).collect();
        v.join(self.pick(", ", "、"))
    }

    /// Ports with their noun: `port 993`, `ports 465, 993 and 995`; `端口 993、995`.
    pub fn port_phrase(self, ports: &[u16]) -> String {
        match self {
            Self::ZhCn => format!("端口 {}", self.ports(ports)),
            Self::En => match ports {
                [one] => format!("port {one}"),
                [rest @ .., last] => {
                    let v: Vec<String> = rest.iter().map(u16::to_string).collect();
                    format!("ports {} and {last}", v.join(", "))
                }
                [] => "no port".to_owned(),
            },
        }
    }

    /// Items joined with "and" (和).
    pub fn and_list(self, items: &[&str]) -> String {
        items.join(self.pick(" and ", "和"))
    }
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
        for en in [
            "zh_TW.UTF-8",
            "zh_HK",
            "zh-Hant",
            "zh_MO",
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
        assert_eq!(env(&[("LANG", "zh_TW.UTF-8")]), Lang::En);
    }

    #[test]
    fn cli_names() {
        use clap::ValueEnum;
        assert_eq!(Lang::from_str("zh-CN", true), Ok(Lang::ZhCn));
        assert_eq!(Lang::from_str("zh_CN", true), Ok(Lang::ZhCn));
        assert_eq!(Lang::from_str("en", true), Ok(Lang::En));
        assert!(Lang::from_str("fr", true).is_err());
        assert_eq!(Lang::ZhCn.to_string(), "zh-CN");
    }
}
