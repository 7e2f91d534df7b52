//! The provider database: known mail providers, their IMAP/POP3/SMTP servers, the MX
//! domains that reveal them, and the hints a person needs (authorization codes, app
//! passwords, OAuth2-only, …).
//!
//! Data lives in `providers/*.xml`, one Thunderbird clientConfig v1.1 file per provider with
//! our extensions in the `md:` namespace (see `providers/README.md` and [`clientconfig`]).
//! `build.rs` embeds those files; [`ProviderDb::builtin`] parses them and
//! [`ProviderDb::load`] adds the `*.xml` files of a `--providers` directory.
//!
//! Rules enforced on every database file (builtin or from a directory): it parses, every
//! provider has at least one domain, one incoming and one outgoing server, and no server
//! entry was rejected by the parser; no domain belongs to two providers.
//!
//! Overrides: a provider from the directory that shares a domain (or its id) with a builtin
//! provider replaces that builtin provider **entirely** (the builtin's other domains and MX
//! domains go with it); otherwise it is added. Two files of the same directory claiming the
//! same domain are an error.

pub mod clientconfig;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::address::EmailAddress;
use crate::model::{Endpoint, Hint, Protocol, Security};

use self::clientconfig::{EmailProvider, ParseError, ServerProblem};

mod embedded {
    //! The `providers/*.xml` files, embedded by `build.rs`.
    include!(concat!(env!("OUT_DIR"), "/providers.rs"));
}

/// Provider data could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ProviderError {
    /// A directory given with `--providers` could not be listed.
    #[error("cannot read provider directory {}: {source}", path.display())]
    ReadDir {
        /// The directory.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A provider file could not be read (or is not UTF-8).
    #[error("cannot read provider file {}: {source}", path.display())]
    ReadFile {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A provider file is not valid clientConfig XML.
    #[error("provider file {file}: {source}")]
    Parse {
        /// File name (builtin) or path (directory).
        file: String,
        /// The parser's diagnosis.
        source: ParseError,
    },
    /// A server entry in a provider file is unusable.
    #[error("provider file {file}, provider '{provider}': {protocol} server at {pos}: {problem}")]
    InvalidServer {
        /// File name or path.
        file: String,
        /// Provider id.
        provider: String,
        /// Protocol of the entry.
        protocol: Protocol,
        /// Where the entry starts.
        pos: clientconfig::Position,
        /// What is wrong.
        problem: ServerProblem,
    },
    /// A provider lacks domains, incoming or outgoing servers.
    #[error("provider file {file}, provider '{provider}': {what}")]
    Incomplete {
        /// File name or path.
        file: String,
        /// Provider id.
        provider: String,
        /// What is missing, e.g. `no <domain>`.
        what: &'static str,
    },
    /// Two providers claim the same domain.
    #[error(
        "domain '{domain}' is claimed by provider '{first}' ({first_file}) and by provider '{second}' ({second_file})"
    )]
    DuplicateDomain {
        /// The domain.
        domain: String,
        /// Provider id of the first claim.
        first: String,
        /// Its file.
        first_file: String,
        /// Provider id of the second claim.
        second: String,
        /// Its file.
        second_file: String,
    },
}

/// A known mail provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Provider {
    /// Stable id, e.g. `qq.com`, `exmail.qq.com`, `office365.com`.
    pub id: String,
    /// Name for people, e.g. `QQ Mail`.
    pub display_name: String,
    /// Name in Simplified Chinese (`<md:name lang="zh-CN">`), e.g. `QQ邮箱`.
    pub display_name_zh: Option<String>,
    /// Address domains served (lowercase ASCII), exact match.
    pub domains: Vec<String>,
    /// MX host suffixes meaning "hosted by this provider", matched on label boundaries.
    pub mx_domains: Vec<String>,
    /// IMAP and POP3 servers, best first.
    pub incoming: Vec<ServerEntry>,
    /// SMTP servers, best first.
    pub outgoing: Vec<ServerEntry>,
    /// What a person must know to make the account work.
    pub hints: Vec<Hint>,
    /// Documentation URLs.
    pub documentation: Vec<String>,
}

/// One server of a provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServerEntry {
    /// Protocol.
    pub protocol: Protocol,
    /// Host name, lowercase, no trailing dot; may contain `%EMAILDOMAIN%`.
    pub host: String,
    /// TCP port.
    pub port: u16,
    /// Security mode.
    pub security: Security,
    /// User name template, e.g. `%EMAILADDRESS%` or `%EMAILLOCALPART%`.
    pub username: String,
    /// Authentication methods as written in clientConfig (`password-cleartext`, `OAuth2`, …).
    pub auth: Vec<String>,
}

impl ServerEntry {
    /// The endpoint, with the host name as stored (already normalised; placeholders such as
    /// `%EMAILDOMAIN%` are kept, see [`ServerEntry::endpoint_for`]).
    pub fn endpoint(&self) -> Endpoint {
        Endpoint {
            protocol: self.protocol,
            host: self.host.clone(),
            port: self.port,
            security: self.security,
        }
    }

    /// The endpoint with `%EMAILDOMAIN%`-style placeholders in the host name expanded.
    pub fn endpoint_for(&self, addr: &EmailAddress) -> Endpoint {
        Endpoint::new(
            self.protocol,
            &expand(&self.host, addr),
            self.port,
            self.security,
        )
    }

    /// The user name to log in with: the template with `%EMAILADDRESS%`, `%EMAILLOCALPART%`
    /// and `%EMAILDOMAIN%` substituted (the domain in ASCII form).
    pub fn username_for(&self, addr: &EmailAddress) -> String {
        expand(&self.username, addr)
    }
}

fn expand(template: &str, addr: &EmailAddress) -> String {
    template
        .replace("%EMAILADDRESS%", &addr.ascii())
        .replace("%EMAILLOCALPART%", &addr.local)
        .replace("%EMAILDOMAIN%", &addr.domain)
}

impl From<EmailProvider> for Provider {
    /// Converts a parsed `<emailProvider>`. An `<enable>` element becomes an
    /// `enable_imap_pop` hint unless the file already has one.
    fn from(p: EmailProvider) -> Self {
        let mut hints = p.hints;
        if let Some(enable) = &p.enable
            && !hints.iter().any(|h| h.code == "enable_imap_pop")
        {
            hints.push(enable_hint(enable));
        }
        let display_name = p
            .display_name
            .or(p.display_short_name)
            .unwrap_or_else(|| p.id.clone());
        let display_name_zh = p
            .names
            .iter()
            .find(|n| {
                n.lang.as_deref().is_some_and(|l| {
                    l.eq_ignore_ascii_case("zh-CN") || l.eq_ignore_ascii_case("zh")
                })
            })
            .map(|n| n.text.clone());
        Self {
            id: p.id,
            display_name,
            display_name_zh,
            domains: p.domains,
            mx_domains: p.mx_domains,
            incoming: p.incoming,
            outgoing: p.outgoing,
            hints,
            documentation: p.documentation.into_iter().map(|d| d.url).collect(),
        }
    }
}

fn enable_hint(enable: &clientconfig::Enable) -> Hint {
    let pick = |zh: bool| {
        enable.instructions.iter().find(|t| {
            let lang = t.lang.as_deref().unwrap_or("en").to_ascii_lowercase();
            if zh {
                lang.starts_with("zh")
            } else {
                lang == "en" || lang.starts_with("en-")
            }
        })
    };
    let see = enable
        .visit_url
        .as_deref()
        .map(|u| format!(" ({u})"))
        .unwrap_or_default();
    let text = match pick(false) {
        Some(t) => format!("{}{see}", t.text),
        None => format!("IMAP/POP access must first be enabled in the web settings{see}."),
    };
    Hint {
        code: "enable_imap_pop".to_owned(),
        text,
        text_zh: pick(true).map(|t| format!("{}{see}", t.text)),
    }
}

/// Providers, indexed by domain and searchable by MX host.
#[derive(Debug, Clone)]
pub struct ProviderDb {
    providers: Vec<Provider>,
    by_domain: HashMap<String, usize>,
}

/// A provider with the file it came from, while the database is assembled.
struct Sourced {
    file: String,
    provider: Provider,
}

impl ProviderDb {
    /// The providers embedded at build time from `providers/*.xml`.
    pub fn builtin() -> Result<Self, ProviderError> {
        Self::from_sourced(builtin_sourced()?)
    }

    /// The builtin providers plus every `*.xml` file of `extra_dir` (sorted by name; other
    /// files and subdirectories are ignored). See the module documentation for overrides.
    pub fn load(extra_dir: Option<&Path>) -> Result<Self, ProviderError> {
        let mut all = builtin_sourced()?;
        let Some(dir) = extra_dir else {
            return Self::from_sourced(all);
        };
        let extra = dir_sourced(dir)?;
        check_unique(&extra)?;
        all.retain(|b| {
            !extra.iter().any(|e| {
                e.provider.id == b.provider.id
                    || e.provider
                        .domains
                        .iter()
                        .any(|d| b.provider.domains.contains(d))
            })
        });
        all.extend(extra);
        Self::from_sourced(all)
    }

    fn from_sourced(all: Vec<Sourced>) -> Result<Self, ProviderError> {
        check_unique(&all)?;
        let providers: Vec<Provider> = all.into_iter().map(|s| s.provider).collect();
        let mut by_domain = HashMap::new();
        for (i, p) in providers.iter().enumerate() {
            for d in &p.domains {
                by_domain.insert(d.clone(), i);
            }
        }
        Ok(Self {
            providers,
            by_domain,
        })
    }

    /// The provider serving addresses at `domain` (ASCII; case and one trailing dot are
    /// ignored), by exact match on its `<domain>` list.
    pub fn by_domain(&self, domain: &str) -> Option<&Provider> {
        let d = crate::model::normalize_host(domain);
        self.by_domain.get(&d).and_then(|&i| self.providers.get(i))
    }

    /// The provider hosting a domain whose MX host is `mx_host`: the provider with the
    /// longest `mx_domains` entry equal to `mx_host` or a suffix of it on a label boundary
    /// (`mxbiz1.qq.com` matches `qq.com` and, better, `mxbiz1.qq.com`; `evilqq.com` matches
    /// neither). Ties go to the provider listed first.
    pub fn by_mx_host(&self, mx_host: &str) -> Option<&Provider> {
        let host = crate::model::normalize_host(mx_host);
        let mut best: Option<(usize, &Provider)> = None;
        for p in &self.providers {
            for d in &p.mx_domains {
                let matches = host == *d
                    || (host.len() > d.len()
                        && host.ends_with(d.as_str())
                        && host.as_bytes()[host.len() - d.len() - 1] == b'.');
                if matches && best.is_none_or(|(len, _)| d.len() > len) {
                    best = Some((d.len(), p));
                }
            }
        }
        best.map(|(_, p)| p)
    }

    /// Every provider, builtin ones first (by file name), then those of the directory.
    pub fn providers(&self) -> &[Provider] {
        &self.providers
    }
}

/// Parses one database file into checked providers.
fn parse_file(file: &str, xml: &str) -> Result<Vec<Sourced>, ProviderError> {
    let config = clientconfig::parse(xml).map_err(|source| ProviderError::Parse {
        file: file.to_owned(),
        source,
    })?;
    let mut out = Vec::with_capacity(config.providers.len());
    for p in config.providers {
        if let Some(r) = p.rejected.first() {
            return Err(ProviderError::InvalidServer {
                file: file.to_owned(),
                provider: p.id,
                protocol: r.protocol,
                pos: r.pos,
                problem: r.problem.clone(),
            });
        }
        let missing = if p.domains.is_empty() {
            Some("no <domain>")
        } else if p.incoming.is_empty() {
            Some("no usable IMAP or POP3 server")
        } else if p.outgoing.is_empty() {
            Some("no usable SMTP server")
        } else {
            None
        };
        if let Some(what) = missing {
            return Err(ProviderError::Incomplete {
                file: file.to_owned(),
                provider: p.id,
                what,
            });
        }
        out.push(Sourced {
            file: file.to_owned(),
            provider: p.into(),
        });
    }
    Ok(out)
}

fn builtin_sourced() -> Result<Vec<Sourced>, ProviderError> {
    let mut all = Vec::new();
    for (name, xml) in embedded::PROVIDER_FILES {
        all.extend(parse_file(name, xml)?);
    }
    Ok(all)
}

fn dir_sourced(dir: &Path) -> Result<Vec<Sourced>, ProviderError> {
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
    let mut all = Vec::new();
    for path in files {
        let xml = std::fs::read_to_string(&path).map_err(|source| ProviderError::ReadFile {
            path: path.clone(),
            source,
        })?;
        all.extend(parse_file(&path.display().to_string(), &xml)?);
    }
    Ok(all)
}

fn check_unique(all: &[Sourced]) -> Result<(), ProviderError> {
    let mut seen: HashMap<&str, &Sourced> = HashMap::new();
    for s in all {
        for d in &s.provider.domains {
            if let Some(first) = seen.insert(d, s) {
                return Err(ProviderError::DuplicateDomain {
                    domain: d.clone(),
                    first: first.provider.id.clone(),
                    first_file: first.file.clone(),
                    second: s.provider.id.clone(),
                    second_file: s.file.clone(),
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// Hint codes the provider files may use (see the brief and `providers/README.md`).
    const HINT_CODES: &[&str] = &[
        "authorization_code",
        "app_password",
        "enable_imap_pop",
        "full_address_username",
        "oauth2_only",
        "bridge_only",
    ];

    fn db() -> ProviderDb {
        ProviderDb::builtin().unwrap()
    }

    /// The test-only providers (`tests/fixtures/providers`, never embedded): the fictional
    /// `bigprovider.example`, loaded the way the integration tests load it (`--providers`).
    fn fixture_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/providers")
    }

    fn fixture_db() -> ProviderDb {
        ProviderDb::load(Some(&fixture_dir())).unwrap()
    }

    #[test]
    fn every_embedded_file_parses_and_is_complete() {
        assert!(embedded::PROVIDER_FILES.len() >= 30);
        let names: Vec<&str> = embedded::PROVIDER_FILES.iter().map(|(n, _)| *n).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted, "build.rs sorts the table");
        for (name, xml) in embedded::PROVIDER_FILES {
            let config = clientconfig::parse(xml).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(config.providers.len(), 1, "{name}: one provider per file");
            let p = &config.providers[0];
            assert_eq!(format!("{}.xml", p.id), *name, "file is named after the id");
            assert!(p.rejected.is_empty(), "{name}: {:?}", p.rejected);
            assert!(p.skipped.is_empty(), "{name}: {:?}", p.skipped);
            assert!(!p.incoming.is_empty(), "{name}: no incoming server");
            assert!(!p.outgoing.is_empty(), "{name}: no outgoing server");
            assert!(p.display_name.is_some(), "{name}: no displayName");
            for h in &p.hints {
                assert!(HINT_CODES.contains(&h.code.as_str()), "{name}: {}", h.code);
                assert!(h.text_zh.is_some(), "{name}: hint {} lacks zh-CN", h.code);
            }
            let incoming: Vec<&ServerEntry> = p.incoming.iter().chain(&p.outgoing).collect();
            for s in incoming {
                assert_ne!(s.security, Security::None, "{name}: plaintext {s:?}");
                assert!(!s.auth.is_empty(), "{name}: no <authentication> in {s:?}");
            }
        }
    }

    #[test]
    fn no_duplicate_domains_and_required_domains_resolve() {
        let db = db();
        let mut seen = BTreeSet::new();
        for p in db.providers() {
            for d in &p.domains {
                assert!(seen.insert(d.clone()), "duplicate domain {d}");
            }
        }
        let required = [
            ("qq.com", "qq.com"),
            ("foxmail.com", "qq.com"),
            ("vip.qq.com", "qq.com"),
            ("exmail.qq.com", "exmail.qq.com"),
            ("163.com", "163.com"),
            ("126.com", "126.com"),
            ("yeah.net", "yeah.net"),
            ("vip.163.com", "vip.163.com"),
            ("188.com", "188.com"),
            ("sina.com", "sina.com"),
            ("sina.cn", "sina.cn"),
            ("vip.sina.com", "vip.sina.com"),
            ("sohu.com", "sohu.com"),
            ("139.com", "139.com"),
            ("aliyun.com", "aliyun.com"),
            ("qiye.aliyun.com", "qiye.aliyun.com"),
            ("tom.com", "tom.com"),
            ("21cn.com", "21cn.com"),
            ("gmail.com", "gmail.com"),
            ("googlemail.com", "gmail.com"),
            ("outlook.com", "outlook.com"),
            ("hotmail.com", "outlook.com"),
            ("live.com", "outlook.com"),
            ("msn.com", "outlook.com"),
            ("office365.com", "office365.com"),
            ("yahoo.com", "yahoo.com"),
            ("ymail.com", "yahoo.com"),
            ("rocketmail.com", "yahoo.com"),
            ("icloud.com", "icloud.com"),
            ("me.com", "icloud.com"),
            ("mac.com", "icloud.com"),
            ("aol.com", "aol.com"),
            ("gmx.net", "gmx.net"),
            ("gmx.de", "gmx.net"),
            ("gmx.com", "gmx.com"),
            ("web.de", "web.de"),
            ("yandex.ru", "yandex.ru"),
            ("yandex.com", "yandex.ru"),
            ("ya.ru", "yandex.ru"),
            ("mail.ru", "mail.ru"),
            ("inbox.ru", "mail.ru"),
            ("list.ru", "mail.ru"),
            ("bk.ru", "mail.ru"),
            ("zoho.com", "zoho.com"),
            ("zohomail.com", "zoho.com"),
            ("fastmail.com", "fastmail.com"),
            ("fastmail.fm", "fastmail.com"),
            ("proton.me", "proton.me"),
            ("protonmail.com", "proton.me"),
            ("pm.me", "proton.me"),
        ];
        for (domain, id) in required {
            let p = db
                .by_domain(domain)
                .unwrap_or_else(|| panic!("{domain} not found"));
            assert_eq!(p.id, id, "{domain}");
        }
        assert_eq!(
            db.by_domain("QQ.COM.").map(|p| p.id.as_str()),
            Some("qq.com")
        );
        assert!(db.by_domain("mail.qq.com").is_none(), "exact match only");
        assert!(db.by_domain("example.org").is_none());
        assert!(db.by_domain("bigprovider.example").is_none(), "test-only provider");
        assert_eq!(
            fixture_db()
                .by_domain("bigprovider.example")
                .map(|p| p.id.as_str()),
            Some("bigprovider.example")
        );
    }

    #[test]
    fn mx_host_matching() {
        let db = fixture_db();
        let id = |mx: &str| db.by_mx_host(mx).map(|p| p.id.clone());
        assert_eq!(id("mxbiz1.qq.com").as_deref(), Some("exmail.qq.com"));
        assert_eq!(id("mxbiz2.qq.com.").as_deref(), Some("exmail.qq.com"));
        assert_eq!(id("mx1.qq.com").as_deref(), Some("qq.com"));
        assert_eq!(id("MX3.QQ.COM").as_deref(), Some("qq.com"));
        assert_eq!(id("aspmx.l.google.com").as_deref(), Some("gmail.com"));
        assert_eq!(id("alt1.aspmx.l.google.com").as_deref(), Some("gmail.com"));
        assert_eq!(
            id("contoso-com.mail.protection.outlook.com").as_deref(),
            Some("office365.com")
        );
        assert_eq!(
            id("x.mail.protection.outlook.com").as_deref(),
            Some("office365.com")
        );
        assert_eq!(
            id("hotmail-com.olc.protection.outlook.com").as_deref(),
            Some("outlook.com")
        );
        assert_eq!(id("mxw.mxhichina.com").as_deref(), Some("qiye.aliyun.com"));
        assert_eq!(id("mxn.mxhichina.com").as_deref(), Some("qiye.aliyun.com"));
        assert_eq!(
            id("in1-smtp.messagingengine.com").as_deref(),
            Some("fastmail.com")
        );
        assert_eq!(id("mta5.am0.yahoodns.net").as_deref(), Some("yahoo.com"));
        assert_eq!(
            id("mx-aol.mail.gm0.yahoodns.net").as_deref(),
            Some("aol.com")
        );
        assert_eq!(
            id("mx.bigprovider.example").as_deref(),
            Some("bigprovider.example")
        );
        assert_eq!(
            id("bigprovider.example").as_deref(),
            Some("bigprovider.example")
        );
        assert_eq!(id("evilqq.com"), None);
        assert_eq!(id("mx.evilqq.com"), None);
        assert_eq!(id("qq.com.evil.example"), None);
        assert_eq!(id("notbigprovider.example"), None);
        assert_eq!(id("protection.outlook.com"), None);
        assert_eq!(id(""), None);
    }

    #[test]
    fn server_details_and_username_templates() {
        let db = fixture_db();
        let qq = db.by_domain("qq.com").unwrap();
        assert_eq!(qq.display_name, "QQ Mail");
        assert_eq!(qq.display_name_zh.as_deref(), Some("QQ邮箱"));
        assert_eq!(
            qq.incoming[0].endpoint(),
            Endpoint::new(Protocol::Imap, "imap.qq.com", 993, Security::Tls)
        );
        assert!(qq.hints.iter().any(|h| h.code == "authorization_code"
            && h.text_zh.as_deref().is_some_and(|t| t.contains("授权码"))));
        let addr = EmailAddress::parse("12345@qq.com").unwrap();
        assert_eq!(qq.incoming[0].username_for(&addr), "12345@qq.com");

        let exmail = db.by_domain("exmail.qq.com").unwrap();
        let ports: Vec<(Protocol, &str, u16)> = exmail
            .incoming
            .iter()
            .chain(&exmail.outgoing)
            .map(|s| (s.protocol, s.host.as_str(), s.port))
            .collect();
        assert_eq!(
            ports,
            [
                (Protocol::Imap, "imap.exmail.qq.com", 993),
                (Protocol::Pop3, "pop.exmail.qq.com", 995),
                (Protocol::Smtp, "smtp.exmail.qq.com", 465),
            ]
        );

        let o365 = db.by_domain("office365.com").unwrap();
        assert_eq!(
            o365.outgoing[0].endpoint(),
            Endpoint::new(
                Protocol::Smtp,
                "smtp.office365.com",
                587,
                Security::Starttls
            )
        );
        assert!(o365.hints.iter().any(|h| h.code == "oauth2_only"));

        let proton = db.by_domain("pm.me").unwrap();
        assert!(proton.hints.iter().any(|h| h.code == "bridge_only"));
        assert_eq!(
            proton.incoming[0].endpoint(),
            Endpoint::new(Protocol::Imap, "127.0.0.1", 1143, Security::Starttls)
        );
        assert_eq!(
            proton.outgoing[0].endpoint(),
            Endpoint::new(Protocol::Smtp, "127.0.0.1", 1025, Security::Starttls)
        );

        let big = db.by_domain("bigprovider.example").unwrap();
        let eps: Vec<Endpoint> = big
            .incoming
            .iter()
            .chain(&big.outgoing)
            .map(ServerEntry::endpoint)
            .collect();
        assert_eq!(
            eps,
            [
                Endpoint::new(
                    Protocol::Imap,
                    "imap.bigprovider.example",
                    993,
                    Security::Tls
                ),
                Endpoint::new(
                    Protocol::Pop3,
                    "pop.bigprovider.example",
                    995,
                    Security::Tls
                ),
                Endpoint::new(
                    Protocol::Smtp,
                    "smtp.bigprovider.example",
                    465,
                    Security::Tls
                ),
                Endpoint::new(
                    Protocol::Smtp,
                    "smtp.bigprovider.example",
                    587,
                    Security::Starttls
                ),
            ]
        );

        let icloud = db.by_domain("me.com").unwrap();
        let addr = EmailAddress::parse("john.appleseed@me.com").unwrap();
        assert_eq!(icloud.incoming[0].username_for(&addr), "john.appleseed");
        assert_eq!(
            icloud.outgoing[0].username_for(&addr),
            "john.appleseed@me.com"
        );

        let templ = ServerEntry {
            protocol: Protocol::Imap,
            host: "mail.%EMAILDOMAIN%".into(),
            port: 993,
            security: Security::Tls,
            username: "%EMAILLOCALPART%.%EMAILDOMAIN%/%EMAILADDRESS%".into(),
            auth: vec![],
        };
        let addr = EmailAddress::parse("bob@bücher.example").unwrap();
        assert_eq!(
            templ.username_for(&addr),
            "bob.xn--bcher-kva.example/bob@xn--bcher-kva.example"
        );
        assert_eq!(templ.endpoint().host, "mail.%EMAILDOMAIN%");
        assert_eq!(templ.endpoint_for(&addr).host, "mail.xn--bcher-kva.example");
    }

    fn write(dir: &Path, name: &str, body: &str) {
        std::fs::write(dir.join(name), body).unwrap();
    }

    fn provider_xml(id: &str, domains: &[&str], imap_host: &str) -> String {
        let domains: String = domains
            .iter()
            .map(|d| format!("<domain>{d}</domain>"))
            .collect();
        format!(
            r#"<clientConfig version="1.1"><emailProvider id="{id}">{domains}
              <incomingServer type="imap"><hostname>{imap_host}</hostname><port>993</port>
                <socketType>SSL</socketType><username>%EMAILADDRESS%</username></incomingServer>
              <outgoingServer type="smtp"><hostname>smtp.{id}</hostname><port>465</port>
                <socketType>SSL</socketType></outgoingServer>
              <enable visiturl="https://{id}/settings"><instruction>Turn IMAP on.</instruction>
                <instruction lang="zh-CN">请开启 IMAP。</instruction></enable>
            </emailProvider></clientConfig>"#
        )
    }

    #[test]
    fn load_with_directory_overrides_and_adds() {
        let dir = tempfile::tempdir().unwrap();
        // Overrides the builtin QQ provider (shares qq.com).
        write(
            dir.path(),
            "myqq.xml",
            &provider_xml("my-qq", &["qq.com"], "imap.override.example"),
        );
        // A new provider.
        write(
            dir.path(),
            "new.XML",
            &provider_xml("new.example", &["new.example"], "imap.new.example"),
        );
        // Ignored: not *.xml, and a subdirectory.
        write(dir.path(), "notes.txt", "not xml");
        std::fs::create_dir(dir.path().join("sub.xml")).unwrap();

        let builtin = db();
        let db = ProviderDb::load(Some(dir.path())).unwrap();
        let qq = db.by_domain("qq.com").unwrap();
        assert_eq!(qq.id, "my-qq");
        assert_eq!(qq.incoming[0].host, "imap.override.example");
        assert_eq!(
            qq.hints,
            [Hint {
                code: "enable_imap_pop".into(),
                text: "Turn IMAP on. (https://my-qq/settings)".into(),
                text_zh: Some("请开启 IMAP。 (https://my-qq/settings)".into()),
            }],
            "<enable> becomes an enable_imap_pop hint"
        );
        assert!(
            db.by_domain("foxmail.com").is_none(),
            "the whole builtin provider is replaced"
        );
        assert_eq!(
            db.by_mx_host("mx1.qq.com").map(|p| p.id.as_str()),
            None,
            "its MX domains go too"
        );
        assert_eq!(
            db.by_domain("new.example").map(|p| p.id.as_str()),
            Some("new.example")
        );
        assert_eq!(db.providers().len(), builtin.providers().len() + 1);
        assert_eq!(
            db.by_domain("163.com").map(|p| p.id.as_str()),
            Some("163.com")
        );
        assert_eq!(
            ProviderDb::load(None).unwrap().providers(),
            builtin.providers()
        );
    }

    #[test]
    fn load_errors_name_the_file() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "a.xml",
            &provider_xml("a.example", &["dup.example"], "imap.a"),
        );
        write(
            dir.path(),
            "b.xml",
            &provider_xml("b.example", &["dup.example"], "imap.b"),
        );
        let err = ProviderDb::load(Some(dir.path())).unwrap_err();
        assert!(
            matches!(&err, ProviderError::DuplicateDomain { domain, .. } if domain == "dup.example"),
            "{err}"
        );
        let msg = err.to_string();
        assert!(msg.contains("a.xml") && msg.contains("b.xml"), "{msg}");

        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "broken.xml", "<clientConfig><emailProvider>");
        let err = ProviderDb::load(Some(dir.path())).unwrap_err();
        assert!(matches!(err, ProviderError::Parse { .. }), "{err}");
        assert!(err.to_string().contains("broken.xml"), "{err}");

        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "badport.xml",
            &provider_xml("p.example", &["p.example"], "imap.p").replace("993", "99999"),
        );
        let err = ProviderDb::load(Some(dir.path())).unwrap_err();
        assert!(
            matches!(&err, ProviderError::InvalidServer { provider, problem: ServerProblem::InvalidPort(p), .. }
                if provider == "p.example" && p == "99999"),
            "{err}"
        );
        assert!(err.to_string().contains("badport.xml"), "{err}");

        let dir = tempfile::tempdir().unwrap();
        let no_smtp = provider_xml("n.example", &["n.example"], "imap.n")
            .replace("type=\"smtp\"", "type=\"jmap\"");
        write(dir.path(), "nosmtp.xml", &no_smtp);
        let err = ProviderDb::load(Some(dir.path())).unwrap_err();
        assert!(matches!(err, ProviderError::Incomplete { .. }), "{err}");

        let missing = Path::new("/nonexistent/maildoctor-providers");
        let err = ProviderDb::load(Some(missing)).unwrap_err();
        assert!(matches!(err, ProviderError::ReadDir { .. }), "{err}");
        assert!(
            err.to_string()
                .contains("/nonexistent/maildoctor-providers")
        );
    }

    /// Parses the public Thunderbird ISPDB (MPL-2.0, never copied into this repository):
    /// `$MAILDOCTOR_ISPDB_DIR`, else `../shared/ispdb` next to the crate. When it is absent
    /// the test says so and passes, unless `MAILDOCTOR_REQUIRE_ISPDB=1` (set in CI).
    #[test]
    fn ispdb_corpus_parses() {
        let dir = std::env::var_os("MAILDOCTOR_ISPDB_DIR").map_or_else(
            || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/ispdb"),
            PathBuf::from,
        );
        let required = std::env::var("MAILDOCTOR_REQUIRE_ISPDB").is_ok_and(|v| v == "1");
        if !dir.is_dir() {
            assert!(
                !required,
                "MAILDOCTOR_REQUIRE_ISPDB=1 but the ISPDB corpus is not at {} \
                 (set MAILDOCTOR_ISPDB_DIR)",
                dir.display()
            );
            eprintln!(
                "ISPDB corpus not found at {}: corpus test SKIPPED \
                 (set MAILDOCTOR_ISPDB_DIR to thunderbird/autoconfig's ispdb/; \
                 MAILDOCTOR_REQUIRE_ISPDB=1 makes this a failure)",
                dir.display()
            );
            return;
        }
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "xml"))
            .collect();
        files.sort();
        assert!(!files.is_empty(), "no *.xml in {}", dir.display());
        let (mut servers, mut rejected) = (0, 0);
        for path in &files {
            let xml = std::fs::read_to_string(path).unwrap();
            let config =
                clientconfig::parse(&xml).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert!(!config.providers.is_empty(), "{}", path.display());
            for p in &config.providers {
                let n = p.incoming.len() + p.outgoing.len();
                assert!(
                    n >= 1,
                    "{}: provider {} has no server",
                    path.display(),
                    p.id
                );
                assert!(!p.domains.is_empty(), "{}: no domain", path.display());
                servers += n;
                rejected += p.rejected.len();
            }
        }
        eprintln!(
            "ISPDB: {} files, {servers} servers, {rejected} rejected, from {}",
            files.len(),
            dir.display()
        );
    }
}
