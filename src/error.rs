//! Fatal errors only. Network problems are data (findings), never errors.

/// A fatal error: the run cannot start or cannot write its output.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad command-line input: a catalog message (`usage-…` in `locales/*/cli.ftl`).
    #[error("{0}")]
    Usage(Usage),
    /// A malformed address.
    #[error(transparent)]
    Address(#[from] crate::address::AddressError),
    /// Provider data could not be read or parsed.
    #[error("provider data: {0}")]
    Provider(#[from] crate::provider::ProviderError),
    /// The resolver could not be set up.
    #[error(transparent)]
    Resolver(#[from] crate::dns::DnsInitError),
    /// The TLS trust store or `--ca-file` could not be loaded.
    #[error(transparent)]
    Tls(#[from] crate::net::tls::TlsInitError),
    /// Writing the report failed.
    #[error("cannot write output: {0}")]
    Output(#[from] std::io::Error),
}

/// A command-line problem: the id of its message in the CLI catalog (`usage-…` in
/// `locales/*/cli.ftl`) and the values it names. `Display` gives the English text; build one
/// with [`usage!`](crate::usage), which the catalog test checks like `tr!`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Usage {
    /// The message id.
    pub id: &'static str,
    /// The message's variables and their values.
    pub args: Vec<(&'static str, String)>,
}

impl Usage {
    /// The message in `lang`.
    pub fn localized(&self, lang: crate::i18n::Lang) -> String {
        let mut args = crate::i18n::FluentArgs::new();
        for (name, value) in &self.args {
            args.set(*name, crate::i18n::FluentValue::from(value.clone()));
        }
        lang.message(self.id, Some(&args))
    }
}

impl std::fmt::Display for Usage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.localized(crate::i18n::Lang::En))
    }
}

/// A command-line problem as an [`Error::Usage`]: `usage!("usage-timeout", value = t)`.
/// Values are anything with `to_string()`.
#[macro_export]
macro_rules! usage {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::error::Error::Usage($crate::error::Usage {
            id: $id,
            args: vec![$((stringify!($name), ($value).to_string())),*],
        })
    };
}

impl Error {
    /// The message in `lang`, from the CLI catalog (`locales/*/cli.ftl`); in English the
    /// same text as `Display`. Technical details (file names, OS errors, the text of a
    /// command-line problem) are kept as they are after a translated lead.
    pub fn localized(&self, lang: crate::i18n::Lang) -> String {
        use crate::address::AddressError as A;
        use crate::tr;
        match self {
            Self::Usage(u) => tr!(lang, "cli-error-usage", detail = u.localized(lang)),
            Self::Address(a) => match a {
                A::NoAt(s) => tr!(lang, "cli-error-address-no-at", input = s.as_str()),
                A::EmptyLocal(s) => tr!(lang, "cli-error-address-empty-local", input = s.as_str()),
                A::EmptyDomain(s) => {
                    tr!(lang, "cli-error-address-empty-domain", input = s.as_str())
                }
                A::BadLocal(s, c) => tr!(
                    lang,
                    "cli-error-address-bad-local",
                    input = s.as_str(),
                    character = c.to_string()
                ),
                A::BadDomain(s, d) => tr!(
                    lang,
                    "cli-error-address-bad-domain",
                    input = s.as_str(),
                    domain = d.as_str()
                ),
                A::LocalTooLong(s, n) => tr!(
                    lang,
                    "cli-error-address-local-too-long",
                    input = s.as_str(),
                    octets = n.to_string()
                ),
                A::TooLong(s, n) => tr!(
                    lang,
                    "cli-error-address-too-long",
                    input = s.as_str(),
                    octets = n.to_string()
                ),
            },
            Self::Provider(e) => tr!(lang, "cli-error-provider", detail = e.to_string()),
            Self::Resolver(e) => tr!(lang, "cli-error-resolver", detail = e.to_string()),
            Self::Tls(e) => tr!(lang, "cli-error-tls", detail = e.to_string()),
            Self::Output(e) => tr!(lang, "cli-error-output", detail = e.to_string()),
        }
    }

    /// The process exit code for this error.
    pub fn exit_code(&self) -> u8 {
        crate::exit::USAGE
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn fatal_errors_are_in_the_users_language() {
        let e = Error::Address(crate::address::AddressError::NoAt("nope".into()));
        assert_eq!(e.localized(Lang::En), e.to_string());
        let zh = e.localized(Lang::ZhCn);
        assert!(zh.contains("不是邮箱地址") && zh.contains("nope"), "{zh}");
        assert!(!zh.contains("is not"), "{zh}");
        let e = crate::usage!("usage-timeout", value = 900);
        let zh = e.localized(Lang::ZhCn);
        assert!(
            zh.starts_with("命令行参数有误") && zh.contains("900"),
            "{zh}"
        );
        assert!(!zh.contains("must be"), "{zh}");
        let tw = Error::Address(crate::address::AddressError::NoAt("nope".into()));
        let tw = tw.localized(Lang::ZhTw);
        assert!(
            tw.contains("不是電子郵件地址") && tw.contains("nope"),
            "{tw}"
        );
        assert!(e.localized(Lang::ZhTw).starts_with("命令列參數有誤"));
    }

    /// In English the catalog says what `Display` says, for every kind of error.
    #[test]
    fn english_messages_are_the_display_texts() {
        use crate::address::AddressError as A;
        let errors = [
            crate::usage!("usage-timeout", value = 900),
            crate::usage!("usage-check-no-host", value = "imaps://"),
            Error::Address(A::NoAt("a".into())),
            Error::Address(A::EmptyLocal("@b".into())),
            Error::Address(A::EmptyDomain("a@".into())),
            Error::Address(A::BadLocal("a b@c".into(), ' ')),
            Error::Address(A::BadDomain("a@b..c".into(), "b..c".into())),
            Error::Address(A::LocalTooLong("aaa".into(), 70)),
            Error::Address(A::TooLong("aaa".into(), 300)),
            Error::Tls(crate::net::tls::TlsInitError(
                "ca.pem: no certificate".into(),
            )),
            Error::Output(std::io::Error::other("disk full")),
        ];
        for e in errors {
            assert_eq!(e.localized(Lang::En), e.to_string());
            for lang in [Lang::ZhCn, Lang::ZhTw] {
                assert_ne!(e.localized(lang), e.to_string(), "{lang}: {e}");
            }
        }
    }
}
