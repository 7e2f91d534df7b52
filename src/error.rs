//! Fatal errors only. Network problems are data (findings), never errors.

/// A fatal error: the run cannot start or cannot write its output.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad command-line input.
    #[error("{0}")]
    Usage(String),
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

impl Error {
    /// The message in `lang`. Technical details (file names, OS errors, the text of a
    /// command-line problem) are kept as they are after a translated lead.
    pub fn localized(&self, lang: crate::i18n::Lang) -> String {
        use crate::address::AddressError as A;
        use crate::i18n::Lang;
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            Self::Usage(m) => format!("命令行参数有误：{m}"),
            Self::Address(a) => match a {
                A::NoAt(s) => format!("“{s}”不是邮箱地址：缺少“@”"),
                A::EmptyLocal(s) => format!("“{s}”不是邮箱地址：“@”前面是空的"),
                A::EmptyDomain(s) => format!("“{s}”不是邮箱地址：“@”后面是空的"),
                A::BadLocal(s, c) => format!("“{s}”不是邮箱地址：“@”前面含有字符“{c}”"),
                A::BadDomain(s, d) => format!("“{s}”不是邮箱地址：“{d}”不是有效的域名"),
                A::LocalTooLong(s, n) => {
                    format!("“{s}”不是邮箱地址：“@”前面有 {n} 个字节，超过 64 个（RFC 5321）")
                }
                A::TooLong(s, n) => {
                    format!("“{s}”不是邮箱地址：长度为 {n} 个字节，超过 254 个（RFC 5321）")
                }
            },
            Self::Provider(e) => format!("服务商数据无法读取：{e}"),
            Self::Resolver(e) => format!("无法设置 DNS 解析：{e}"),
            Self::Tls(e) => format!("无法加载证书信任库（或 --ca-file）：{e}"),
            Self::Output(e) => format!("无法输出结果：{e}"),
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
        let e = Error::Usage("--jobs must be between 1 and 256".into());
        assert!(e.localized(Lang::ZhCn).starts_with("命令行参数有误"));
    }
}
