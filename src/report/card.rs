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
    pub fn name(self, lang: Lang) -> Option<&'static str> {
        match self {
            Self::Outlook => Some("Outlook"),
            Self::Foxmail => Some("Foxmail"),
            Self::Thunderbird => Some("Thunderbird"),
            Self::AppleMail => Some(lang.pick("Apple Mail", "苹果邮件（Apple Mail）")),
            Self::Android => Some(lang.pick("Android Mail", "安卓邮件")),
            Self::Generic => None,
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
pub fn verdict_phrase(v: Verdict, lang: Lang) -> &'static str {
    match v {
        Verdict::Works => lang.pick("works, login tested", "可以使用，登录成功"),
        Verdict::Reachable => lang.pick(
            "servers answer; the account was not tested",
            "服务器可以连接，账号未检查",
        ),
        Verdict::Partial => lang.pick("works, but something else fails", "部分可用，另有问题"),
        Verdict::Broken => lang.pick("does not work yet", "目前无法使用"),
        Verdict::Unverified => lang.pick("not verified from here", "无法验证"),
    }
}

/// The card for `client` in `lang`, from the report's recommended settings.
pub fn card(r: &Report, client: Client, lang: Lang) -> Card {
    let address = display_address(r);
    let verdict = verdict_phrase(r.verdict, lang);
    let title = match (client.name(lang), lang) {
        (Some(name), Lang::En) => format!("{address} in {name} ({verdict}):"),
        (None, Lang::En) => format!("Mail settings for {address} ({verdict}):"),
        (Some(name), Lang::ZhCn) if name.is_ascii() => {
            format!("{address} 在 {name} 中的设置（{verdict}）：")
        }
        (Some(name), Lang::ZhCn | Lang::ZhTw) => {
            format!("{address} 在{name}中的设置（{verdict}）：")
        }
        (None, Lang::ZhCn | Lang::ZhTw) => format!("{address} 的邮箱设置（{verdict}）："),
    };
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
    fn t(&self, en: &'static str, zh: &'static str) -> &'static str {
        self.lang.pick(en, zh)
    }

    /// The encryption setting as the client labels it.
    fn security(&self, s: Security) -> &'static str {
        match (self.client, s) {
            (Client::Foxmail, Security::Tls) => "SSL",
            (Client::Foxmail, Security::None) => self.t("no SSL", "不勾选 SSL"),
            (Client::AppleMail, Security::None) => self.t("off", "关"),
            (Client::AppleMail, _) => self.t("on", "开"),
            (_, Security::None) => self.t("None", "无"),
            (_, s) => s.display_name(),
        }
    }

    /// " — not verified" / "（未验证）" when no probe proved the setting.
    fn unverified(&self, s: &Setting) -> &'static str {
        if s.verified {
            ""
        } else {
            self.t(" (not verified)", "（未验证）")
        }
    }

    fn none(&self, incoming: bool) -> String {
        match (incoming, self.lang) {
            (true, Lang::En) => "Incoming server: none found".to_owned(),
            (false, Lang::En) => "Outgoing server: none found".to_owned(),
            (true, Lang::ZhCn | Lang::ZhTw) => "收件服务器：没有找到".to_owned(),
            (false, Lang::ZhCn | Lang::ZhTw) => "发件服务器：没有找到".to_owned(),
        }
    }

    /// One server: protocol, host, port and encryption in the client's words.
    fn server(&self, s: &Setting, incoming: bool) -> String {
        let (host, port, sec) = (&s.host, s.port, self.security(s.security));
        let proto = s.protocol.display_name();
        let not = self.unverified(s);
        let line = match (self.client, self.lang, incoming) {
            (Client::Generic, Lang::En, true) => {
                format!("Incoming ({proto}): {host}, port {port}, {sec}")
            }
            (Client::Generic, Lang::En, false) => {
                format!("Outgoing ({proto}): {host}, port {port}, {sec}")
            }
            (Client::Generic, Lang::ZhCn | Lang::ZhTw, true) => {
                format!("收件服务器（{proto}）：{host}／端口 {port}／{sec}")
            }
            (Client::Generic, Lang::ZhCn | Lang::ZhTw, false) => {
                format!("发件服务器（{proto}）：{host}／端口 {port}／{sec}")
            }
            (Client::Outlook, Lang::En, true) => format!(
                "Account type {proto}; Incoming mail server: {host}, Port {port}, Encrypted connection: {sec}"
            ),
            (Client::Outlook, Lang::En, false) => format!(
                "Outgoing mail server (SMTP): {host}, Port {port}, Encrypted connection: {sec}"
            ),
            (Client::Outlook, Lang::ZhCn | Lang::ZhTw, true) => format!(
                "帐户类型 {proto}；接收邮件服务器：{host}，端口 {port}，加密连接类型：{sec}"
            ),
            (Client::Outlook, Lang::ZhCn | Lang::ZhTw, false) => {
                format!("发送邮件服务器(SMTP)：{host}，端口 {port}，加密连接类型：{sec}")
            }
            (Client::Foxmail, Lang::En, true) => {
                format!("Type {proto}; Incoming server {host} / Port {port} / {sec}")
            }
            (Client::Foxmail, Lang::En, false) => {
                format!("Outgoing server {host} / Port {port} / {sec}")
            }
            (Client::Foxmail, Lang::ZhCn | Lang::ZhTw, true) => {
                format!("接收服务器类型 {proto}；接收邮件服务器 {host}／端口 {port}／{sec}")
            }
            (Client::Foxmail, Lang::ZhCn | Lang::ZhTw, false) => {
                format!("发送邮件服务器 {host}／端口 {port}／{sec}")
            }
            (Client::Thunderbird, Lang::En, true) => format!(
                "Incoming server: {proto}, Server: {host}, Port: {port}, Connection security: {sec}, Authentication method: {}",
                self.tb_auth(s)
            ),
            (Client::Thunderbird, Lang::En, false) => format!(
                "Outgoing server: SMTP, Server: {host}, Port: {port}, Connection security: {sec}, Authentication method: {}",
                self.tb_auth(s)
            ),
            (Client::Thunderbird, Lang::ZhCn | Lang::ZhTw, true) => format!(
                "收件服务器：{proto}，主机名：{host}，端口：{port}，连接安全：{sec}，验证方式：{}",
                self.tb_auth(s)
            ),
            (Client::Thunderbird, Lang::ZhCn | Lang::ZhTw, false) => format!(
                "发件服务器：SMTP，主机名：{host}，端口：{port}，连接安全：{sec}，验证方式：{}",
                self.tb_auth(s)
            ),
            (Client::AppleMail, Lang::En, true) => format!(
                "{proto} account; Incoming Mail Server: Host Name {host}, Port {port}, Use TLS/SSL: {sec}"
            ),
            (Client::AppleMail, Lang::En, false) => format!(
                "Outgoing Mail Server (SMTP): Host Name {host}, Port {port}, Use TLS/SSL: {sec}"
            ),
            (Client::AppleMail, Lang::ZhCn | Lang::ZhTw, true) => {
                format!("{proto} 账户；收件服务器：主机名 {host}，端口 {port}，使用 TLS/SSL：{sec}")
            }
            (Client::AppleMail, Lang::ZhCn | Lang::ZhTw, false) => {
                format!("发件服务器（SMTP）：主机名 {host}，端口 {port}，使用 TLS/SSL：{sec}")
            }
            (Client::Android, Lang::En, true) => format!(
                "Account type {proto}; Incoming server settings: Server {host}, Port {port}, Security type {sec}"
            ),
            (Client::Android, Lang::En, false) => format!(
                "Outgoing server settings: SMTP server {host}, Port {port}, Security type {sec}"
            ),
            (Client::Android, Lang::ZhCn | Lang::ZhTw, true) => format!(
                "帐号类型 {proto}；接收服务器设置：服务器 {host}，端口 {port}，安全类型 {sec}"
            ),
            (Client::Android, Lang::ZhCn | Lang::ZhTw, false) => {
                format!("外发服务器设置：SMTP 服务器 {host}，端口 {port}，安全类型 {sec}")
            }
        };
        format!("{line}{not}")
    }

    /// Thunderbird's "Authentication method".
    fn tb_auth(&self, s: &Setting) -> &'static str {
        match (s.password, s.protocol, s.auth_required) {
            (PasswordField::Oauth2, _, _) => "OAuth2",
            (_, Protocol::Smtp, false) => self.t("No authentication", "无需验证"),
            _ => self.t("Normal password", "普通密码"),
        }
    }

    /// The "outgoing server requires authentication" box, where the client has one.
    fn smtp_auth(&self, s: &Setting) -> Option<String> {
        let same = s.password != PasswordField::Oauth2;
        Some(match (self.client, self.lang) {
            // Thunderbird's authentication method on the outgoing line says it.
            (Client::Thunderbird, _) => return None,
            (Client::Generic, Lang::En) => {
                "The outgoing server requires authentication: same user name and password as incoming".to_owned()
            }
            (Client::Generic, Lang::ZhCn | Lang::ZhTw) => {
                "发件服务器需要身份验证：用户名和密码与收件服务器相同".to_owned()
            }
            (Client::Outlook, Lang::En) => {
                "Tick \u{201c}Outgoing server requires authentication\u{201d} (use the same settings as the incoming mail server)".to_owned()
            }
            (Client::Outlook, Lang::ZhCn | Lang::ZhTw) => {
                "勾选“我的发送服务器(SMTP)要求验证”（使用与接收邮件服务器相同的设置）".to_owned()
            }
            (Client::Foxmail, Lang::En) => {
                "Tick \u{201c}My outgoing server (SMTP) requires authentication\u{201d}".to_owned()
            }
            (Client::Foxmail, Lang::ZhCn | Lang::ZhTw) => {
                "勾选“我的发送服务器(SMTP)要求身份验证”".to_owned()
            }
            (Client::AppleMail, Lang::En) if same => {
                "Outgoing Mail Server: Authentication Password, same user name and password as incoming".to_owned()
            }
            (Client::AppleMail, Lang::ZhCn) if same => {
                "发件服务器：鉴定方式“密码”，用户名和密码与收件服务器相同".to_owned()
            }
            (Client::AppleMail, _) => return None,
            (Client::Android, Lang::En) => "Require sign-in: on".to_owned(),
            (Client::Android, Lang::ZhCn | Lang::ZhTw) => "要求登录：开".to_owned(),
        })
    }

    fn username(&self, name: &str, r: &Report) -> String {
        let full = name.eq_ignore_ascii_case(&r.address.input)
            || name.eq_ignore_ascii_case(&format!("{}@{}", r.address.local, r.address.domain));
        let label = match self.client {
            Client::Thunderbird | Client::Android => self.t("Username", "用户名"),
            Client::Outlook | Client::AppleMail => self.t("User Name", "用户名"),
            Client::Foxmail | Client::Generic => self.t("User name", "用户名"),
        };
        match (full, self.lang) {
            (true, Lang::En) => format!("{label}: {name} (the full email address)"),
            (false, Lang::En) => format!("{label}: {name}"),
            (true, Lang::ZhCn | Lang::ZhTw) => format!("{label}填完整邮箱地址 {name}"),
            (false, Lang::ZhCn | Lang::ZhTw) => format!("{label}填 {name}"),
        }
    }

    fn outgoing_username(&self, name: &str) -> String {
        match self.lang {
            Lang::En => format!("Outgoing server user name: {name}"),
            Lang::ZhCn | Lang::ZhTw => format!("发件服务器用户名填 {name}"),
        }
    }

    fn password(&self, p: PasswordField, r: &Report) -> String {
        let provider = r.provider.as_ref().map(|p| match (self.lang, &p.name_zh) {
            (Lang::ZhCn | Lang::ZhTw, Some(zh)) => zh.as_str(),
            _ => p.name.as_str(),
        });
        match (p, self.lang) {
            (PasswordField::AccountPassword, Lang::En) => {
                "Password: the account's password".to_owned()
            }
            (PasswordField::AccountPassword, Lang::ZhCn | Lang::ZhTw) => "密码填邮箱密码".to_owned(),
            (PasswordField::AppPassword, Lang::En) => {
                "Password: an app password from the account's security settings, not the account password".to_owned()
            }
            (PasswordField::AppPassword, Lang::ZhCn | Lang::ZhTw) => {
                "密码填应用专用密码（在账号安全设置中生成，不是邮箱登录密码）".to_owned()
            }
            (PasswordField::AuthorizationCode, Lang::En) => match provider {
                Some(name) => format!(
                    "Password: the authorization code (授权码) from {name}'s settings, not the account password"
                ),
                None => "Password: the authorization code (授权码), not the account password"
                    .to_owned(),
            },
            (PasswordField::AuthorizationCode, Lang::ZhCn | Lang::ZhTw) => match provider {
                Some(name) => format!("密码填授权码（在{name}设置中生成，不是邮箱登录密码）"),
                None => "密码填授权码（不是邮箱登录密码）".to_owned(),
            },
            (PasswordField::Oauth2, Lang::En) => {
                "Password: none; choose OAuth2 sign-in (the provider accepts no password here)"
                    .to_owned()
            }
            (PasswordField::Oauth2, Lang::ZhCn | Lang::ZhTw) => {
                "密码不用填，选择 OAuth2 登录（该服务商不接受密码）".to_owned()
            }
        }
    }
}
