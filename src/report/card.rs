//! The settings card: what to type, in the words of the mail client the person uses
//! (`--client`), short enough to paste into a chat message — the recommended incoming and
//! outgoing server (`settings.incoming[0]`, `settings.outgoing[0]`), "not verified" where no
//! probe proved one, SMTP authentication, the user name, what goes in the password field, and
//! the verdict in one short phrase. `--card` prints it alone; the Markdown and HTML reports
//! start with it.
//!
//! [`card`] gives the lines as raw text (what the report holds); each renderer escapes them
//! for its format ([`render`]: control and bidi characters, [`super::escape_text`]).

use std::io::Write;

use super::{Report, escape_text};
use crate::analyze::{PasswordField, Setting, Verdict};
use crate::i18n::Lang;
use crate::model::{Protocol, Security};
use crate::tr;

/// The mail client whose field names the card uses (`--client`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, clap::ValueEnum)]
pub enum Client {
    /// Microsoft Outlook (classic and new): "Incoming mail server", "Encrypted connection".
    Outlook,
    /// Foxmail: 接收邮件服务器, 发送邮件服务器, SSL.
    Foxmail,
    /// Mozilla Thunderbird: "Server", "Port", "Connection security", "Authentication method".
    Thunderbird,
    /// Apple Mail on macOS, iPhone and iPad: "Host Name", "Use TLS/SSL".
    #[value(name = "apple-mail")]
    AppleMail,
    /// The Android mail apps' manual setup: "Security type", "Require sign-in".
    Android,
    /// Any mail client: protocol, server, port, encryption.
    #[default]
    Generic,
}

impl Client {
    /// The client's name as people say it (`None` for [`Client::Generic`]).
    pub fn name(self, lang: Lang) -> Option<String> {
        match self {
            Self::Outlook => Some("Outlook".to_owned()),
            Self::Foxmail => Some("Foxmail".to_owned()),
            Self::Thunderbird => Some("Thunderbird".to_owned()),
            Self::AppleMail => Some(tr!(lang, "card-client-apple-mail")),
            Self::Android => Some(tr!(lang, "card-client-android")),
            Self::Generic => None,
        }
    }

    /// The `--client` value, which the catalogs' messages select on (`outlook`, `generic`…).
    fn kind(self) -> &'static str {
        match self {
            Self::Outlook => "outlook",
            Self::Foxmail => "foxmail",
            Self::Thunderbird => "thunderbird",
            Self::AppleMail => "apple-mail",
            Self::Android => "android",
            Self::Generic => "generic",
        }
    }
}

/// The card as raw text: a title line and a few lines of settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    /// Whose settings, for which client, and the verdict in one phrase.
    pub title: String,
    /// One line each: incoming server, outgoing server (and authentication), user name,
    /// password field.
    pub lines: Vec<String>,
}

/// The verdict in one short phrase.
pub fn verdict_phrase(v: Verdict, lang: Lang) -> String {
    match v {
        Verdict::Works => tr!(lang, "card-verdict-works"),
        Verdict::Reachable => tr!(lang, "card-verdict-reachable"),
        Verdict::Partial => tr!(lang, "card-verdict-partial"),
        Verdict::Broken => tr!(lang, "card-verdict-broken"),
        Verdict::Unverified => tr!(lang, "card-verdict-unverified"),
    }
}

/// The card for `client` in `lang`, from the report's recommended settings.
pub fn card(r: &Report, client: Client, lang: Lang) -> Card {
    let address = display_address(r);
    let verdict = verdict_phrase(r.verdict, lang);
    let title = tr!(
        lang,
        "card-title",
        kind = client.kind(),
        address = address.as_str(),
        client = client.name(lang).unwrap_or_default(),
        verdict = verdict
    );
    let w = Words { client, lang };
    let incoming = r.settings.incoming.first();
    let outgoing = r.settings.outgoing.first();
    let mut lines = vec![
        incoming.map_or_else(|| w.none(true), |s| w.server(s, true)),
        outgoing.map_or_else(|| w.none(false), |s| w.server(s, false)),
    ];
    if let Some(s) = outgoing.filter(|s| s.auth_required)
        && let Some(line) = w.smtp_auth(s)
    {
        lines.push(line);
    }
    let first = incoming.or(outgoing);
    if let Some(s) = first {
        lines.push(w.username(&s.username, r));
        if let Some(o) = outgoing.filter(|o| o.username != s.username) {
            lines.push(w.outgoing_username(&o.username));
        }
        lines.push(w.password(s.password, r));
    }
    Card { title, lines }
}

/// Writes the card as plain text (`--card`): control and bidi characters escaped.
pub fn render(r: &Report, lang: Lang, client: Client, out: &mut impl Write) -> std::io::Result<()> {
    let c = card(r, client, lang);
    writeln!(out, "{}", escape_text(&c.title))?;
    for line in &c.lines {
        writeln!(out, "{}", escape_text(line))?;
    }
    Ok(())
}

/// The address with its domain in Unicode (what the person typed).
pub(super) fn display_address(r: &Report) -> String {
    match r.address.input.rsplit_once('@') {
        Some((local, _)) if !r.address.domain_unicode.is_empty() => {
            format!("{local}@{}", r.address.domain_unicode)
        }
        _ => r.address.input.clone(),
    }
}

/// The card's words for one client in one language.
struct Words {
    client: Client,
    lang: Lang,
}

impl Words {
    /// The encryption setting as the client labels it.
    fn security(&self, s: Security) -> String {
        match (self.client, s) {
            (Client::Foxmail, Security::Tls) => "SSL".to_owned(),
            (Client::Foxmail, Security::None) => tr!(self.lang, "card-no-ssl"),
            (Client::AppleMail, Security::None) => tr!(self.lang, "card-off"),
            (Client::AppleMail, _) => tr!(self.lang, "card-on"),
            (_, Security::None) => tr!(self.lang, "card-none"),
            (_, s) => s.display_name().to_owned(),
        }
    }

    /// " — not verified" / "（未验证）" when no probe proved the setting.
    fn unverified(&self, s: &Setting) -> String {
        if s.verified {
            String::new()
        } else {
            tr!(self.lang, "card-not-verified")
        }
    }

    fn none(&self, incoming: bool) -> String {
        if incoming {
            tr!(self.lang, "card-incoming-none-found")
        } else {
            tr!(self.lang, "card-outgoing-none-found")
        }
    }

    /// One server: protocol, host, port and encryption in the client's words.
    fn server(&self, s: &Setting, incoming: bool) -> String {
        let (host, port, sec) = (&s.host, s.port, self.security(s.security));
        let proto = s.protocol.display_name();
        let not = self.unverified(s);
        let direction = if incoming { "incoming" } else { "outgoing" };
        let auth = self.tb_auth(s);
        let lang = self.lang;
        let line = match self.client {
            Client::Generic => tr!(
                lang,
                "card-server-generic",
                direction = direction,
                protocol = proto,
                host = host.as_str(),
                port = port,
                security = sec
            ),
            Client::Outlook => tr!(
                lang,
                "card-server-outlook",
                direction = direction,
                protocol = proto,
                host = host.as_str(),
                port = port,
                security = sec
            ),
            Client::Foxmail => tr!(
                lang,
                "card-server-foxmail",
                direction = direction,
                protocol = proto,
                host = host.as_str(),
                port = port,
                security = sec
            ),
            Client::Thunderbird => tr!(
                lang,
                "card-server-thunderbird",
                direction = direction,
                protocol = proto,
                host = host.as_str(),
                port = port,
                security = sec,
                auth = auth
            ),
            Client::AppleMail => tr!(
                lang,
                "card-server-apple-mail",
                direction = direction,
                protocol = proto,
                host = host.as_str(),
                port = port,
                security = sec
            ),
            Client::Android => tr!(
                lang,
                "card-server-android",
                direction = direction,
                protocol = proto,
                host = host.as_str(),
                port = port,
                security = sec
            ),
        };
        format!("{line}{not}")
    }

    /// Thunderbird's "Authentication method".
    fn tb_auth(&self, s: &Setting) -> String {
        match (s.password, s.protocol, s.auth_required) {
            (PasswordField::Oauth2, _, _) => "OAuth2".to_owned(),
            (_, Protocol::Smtp, false) => tr!(self.lang, "card-no-authentication"),
            _ => tr!(self.lang, "card-normal-password"),
        }
    }

    /// The "outgoing server requires authentication" box, where the client has one.
    fn smtp_auth(&self, s: &Setting) -> Option<String> {
        let same = s.password != PasswordField::Oauth2;
        let lang = self.lang;
        Some(match self.client {
            // Thunderbird's authentication method on the outgoing line says it.
            Client::Thunderbird => return None,
            Client::Generic => tr!(lang, "card-smtp-auth-generic"),
            Client::Outlook => tr!(lang, "card-smtp-auth-outlook"),
            Client::Foxmail => tr!(lang, "card-smtp-auth-foxmail"),
            Client::AppleMail if same => tr!(lang, "card-smtp-auth-apple-mail"),
            Client::AppleMail => return None,
            Client::Android => tr!(lang, "card-smtp-auth-android"),
        })
    }

    fn username(&self, name: &str, r: &Report) -> String {
        let full = name.eq_ignore_ascii_case(&r.address.input)
            || name.eq_ignore_ascii_case(&format!("{}@{}", r.address.local, r.address.domain));
        let label = match self.client {
            Client::Thunderbird | Client::Android => tr!(self.lang, "card-username-tb"),
            Client::Outlook | Client::AppleMail => tr!(self.lang, "card-username-outlook"),
            Client::Foxmail | Client::Generic => tr!(self.lang, "report-col-username"),
        };
        let full = if full { "yes" } else { "no" };
        tr!(
            self.lang,
            "card-username",
            full = full,
            label = label,
            name = name
        )
    }

    fn outgoing_username(&self, name: &str) -> String {
        tr!(self.lang, "card-outgoing-username", name = name)
    }

    fn password(&self, p: PasswordField, r: &Report) -> String {
        // The provider file's Chinese name is Simplified; Traditional Chinese shows it as it is.
        let provider = r
            .provider
            .as_ref()
            .map(|p| match (self.lang.is_zh(), &p.name_zh) {
                (true, Some(zh)) => zh.as_str(),
                _ => p.name.as_str(),
            });
        let lang = self.lang;
        match (p, provider) {
            (PasswordField::AccountPassword, _) => tr!(lang, "card-password-account"),
            (PasswordField::AppPassword, _) => tr!(lang, "card-password-app"),
            (PasswordField::AuthorizationCode, Some(name)) => {
                tr!(
                    lang,
                    "card-password-authorization-code-from",
                    provider = name
                )
            }
            (PasswordField::AuthorizationCode, None) => {
                tr!(lang, "card-password-authorization-code")
            }
            (PasswordField::Oauth2, _) => tr!(lang, "card-password-oauth2"),
        }
    }
}
