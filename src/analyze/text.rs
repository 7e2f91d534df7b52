//! Finding codes and their plain-language cause and fix, in English and Simplified Chinese.
//! One place for all the wording of endpoint failures, so the rules never see a sentence.
//!
//! The Chinese is written the way Chinese mail helpdesks write it (服务器地址、端口、加密方式、
//! 授权码、开启 POP3/IMAP/SMTP 服务), not translated word by word. Codes, host names, ports
//! and whatever a server said stay as they are in both languages.

use crate::discover::NotOffered;
use crate::discover::guess::standard_ports;
use crate::i18n::Lang;
use crate::model::{Endpoint, Failure, FailureKind, Protocol, Security, Step};

/// The stable finding code for a failure at a step.
pub(super) fn code(kind: &FailureKind, step: Step) -> &'static str {
    match kind {
        FailureKind::NxDomain => "dns.host_not_found",
        FailureKind::NoAddress => "dns.no_address",
        FailureKind::DnsFailed | FailureKind::DnsTimeout => "dns.lookup_failed",
        FailureKind::Refused => "net.refused",
        FailureKind::Timeout if step == Step::Connect => "net.timeout",
        FailureKind::Timeout => "net.no_reply",
        FailureKind::Unreachable => "net.unreachable",
        FailureKind::ConnectionClosed => "net.closed",
        FailureKind::ProtocolError => "protocol.error",
        FailureKind::WrongProtocol { .. } => "protocol.mismatch",
        FailureKind::PlaintextOnTlsPort | FailureKind::TlsOnPlaintextPort => "tls.mode_mismatch",
        FailureKind::CertExpired { .. } => "tls.expired",
        FailureKind::CertNotYetValid { .. } => "tls.not_yet_valid",
        FailureKind::CertNameMismatch { .. } => "tls.name_mismatch",
        FailureKind::CertSelfSigned => "tls.self_signed",
        FailureKind::CertUntrusted => "tls.untrusted",
        FailureKind::CertInvalid => "tls.invalid_certificate",
        FailureKind::HandshakeFailed => "tls.handshake_failed",
        FailureKind::StarttlsNotOffered => "starttls.not_offered",
        FailureKind::StarttlsRejected => "starttls.rejected",
        FailureKind::Interrupted => "run.interrupted",
        FailureKind::LocalResources => "run.local_resources",
        FailureKind::NoGreeting => "net.no_greeting",
        FailureKind::ChainIncomplete { .. } => "tls.chain_incomplete",
        FailureKind::TlsVersionTooOld => "tls.old_version",
        FailureKind::AuthFailed => "auth.failed",
        FailureKind::AuthProtocolDisabled => "auth.protocol_disabled",
        FailureKind::AuthAccountBlocked => "auth.account_blocked",
        FailureKind::AuthAppPasswordRequired => "auth.app_password_required",
        FailureKind::AuthOauthRequired => "auth.oauth_required",
        FailureKind::AuthWebLoginRequired => "auth.web_login_required",
        FailureKind::AuthTooManyAttempts => "auth.too_many_attempts",
        FailureKind::AuthTemporary => "auth.temporary",
        FailureKind::AuthRejected => "auth.rejected",
        FailureKind::AuthNoMechanism { .. } => "auth.no_mechanism",
    }
}

/// The code of a failed login step: the account's problem, or the login that could not be
/// completed (the connection broke).
pub(super) fn login_code(kind: &FailureKind) -> &'static str {
    match kind {
        FailureKind::AuthFailed
        | FailureKind::AuthProtocolDisabled
        | FailureKind::AuthAccountBlocked
        | FailureKind::AuthAppPasswordRequired
        | FailureKind::AuthOauthRequired
        | FailureKind::AuthWebLoginRequired
        | FailureKind::AuthTooManyAttempts
        | FailureKind::AuthTemporary
        | FailureKind::AuthRejected
        | FailureKind::AuthNoMechanism { .. } => code(kind, Step::Login),
        _ => "auth.incomplete",
    }
}

/// Cause and fix for a refused login. The server's own text is quoted verbatim.
pub(super) fn explain_login(e: &Endpoint, f: &Failure, user: &str, lang: Lang) -> (String, String) {
    let p = e.protocol.display_name();
    let hp = hp(e);
    let msg = &f.message;
    match lang {
        Lang::En => {
            let said = format!("The server said: \"{msg}\"");
            match &f.kind {
                FailureKind::AuthFailed => (
                    format!("{hp} refused the user name {user} or the password. {said}"),
                    "Check the password (and the user name); if the provider uses app passwords or authorization codes, use one instead of the account password.".to_owned(),
                ),
                FailureKind::AuthProtocolDisabled => (
                    format!("{p} is switched off for this account on {hp}. {said}"),
                    format!("Enable {p} (e.g. \"POP3/IMAP/SMTP service\") in the account's web settings, or use IMAP instead."),
                ),
                FailureKind::AuthAccountBlocked => (
                    format!("{hp} says this account is locked, suspended or disabled. {said}"),
                    "Ask the provider (or the mail administrator) to unlock the account; a new password does not help until then.".to_owned(),
                ),
                FailureKind::AuthWebLoginRequired => (
                    format!("{hp} refuses mail-client logins to this account until someone logs in on the web (security check, captcha, expired password). {said}"),
                    "Log in once in a web browser, follow the provider's security prompt (verify, change the password if asked), then try again.".to_owned(),
                ),
                FailureKind::AuthOauthRequired => (
                    format!("{hp} has switched password (basic) authentication off for {p}: only OAuth2 sign-in works. {said}"),
                    "Use a mail client that signs in with OAuth2 (\"Sign in with Microsoft/Google\"); for a company tenant the administrator decides whether password logins are allowed.".to_owned(),
                ),
                FailureKind::AuthTooManyAttempts => (
                    format!("{hp} refuses logins for now: too many attempts or connections. {said}"),
                    "Stop every mail client and device using this account for a while (a wrong saved password keeps retrying), then try once with the right password.".to_owned(),
                ),
                FailureKind::AuthTemporary => (
                    format!("{hp} could not check the login because of a temporary problem on its side. {said}"),
                    "Try again later; if it persists, the provider's or administrator's login service is at fault.".to_owned(),
                ),
                FailureKind::AuthAppPasswordRequired => (
                    format!("{hp} does not accept the account password for {p}: it wants an app password or authorization code (or OAuth2 sign-in). {said}"),
                    "Create an app password / authorization code (授权码) in the account's web security settings and use it as the password; for Microsoft accounts use a mail client that signs in with OAuth2.".to_owned(),
                ),
                FailureKind::AuthNoMechanism { offered } => (
                    if offered.is_empty() {
                        format!("{hp} offers no password login on this port.")
                    } else {
                        format!("{hp} offers no password login, only: {}.", offered.join(", "))
                    },
                    if offered.iter().any(|m| m.contains("OAUTH")) {
                        "Use a mail client that signs in with OAuth2 (the provider does not accept passwords here).".to_owned()
                    } else {
                        format!("Use the {p} port the provider documents for logging in.")
                    },
                ),
                FailureKind::AuthRejected => (
                    format!("{hp} refused the login without saying why; its text does not show that the password is wrong. {said}"),
                    "The refusal could mean a wrong password, an app password or authorization code being required, the protocol switched off for the account, a blocked account or a connection that must be encrypted first: check these in the provider's web settings, and ask the provider if none applies.".to_owned(),
                ),
                _ => (
                    format!("The login on {hp} could not be completed: {msg}"),
                    "Try again later; the server or the network interrupted the login.".to_owned(),
                ),
            }
        }
        Lang::ZhCn | Lang::ZhTw => {
            let said = format!("服务器返回：“{msg}”");
            match &f.kind {
                FailureKind::AuthFailed => (
                    format!("{hp} 提示用户名 {user} 或密码错误。{said}"),
                    "请核对密码（和用户名）；如果邮箱要求使用授权码或应用专用密码，请在密码栏填写授权码，而不是邮箱登录密码。".to_owned(),
                ),
                FailureKind::AuthProtocolDisabled => (
                    format!("该账号没有开启 {p} 服务（{hp}）。{said}"),
                    format!("请登录网页版邮箱，在“设置”中开启 {p} 服务（如“POP3/IMAP/SMTP 服务”），或改用 IMAP。"),
                ),
                FailureKind::AuthAccountBlocked => (
                    format!("{hp} 提示该账号已被锁定、冻结或停用。{said}"),
                    "请联系邮箱服务商（或邮件管理员）解除锁定；在此之前更换密码也无法登录。".to_owned(),
                ),
                FailureKind::AuthWebLoginRequired => (
                    format!("{hp} 暂时禁止该账号在客户端登录，需要先在网页上登录并完成验证（安全验证、验证码或密码过期）。{said}"),
                    "请先用浏览器登录网页版邮箱，按提示完成安全验证（如要求修改密码请先修改），然后再试。".to_owned(),
                ),
                FailureKind::AuthOauthRequired => (
                    format!("{hp} 已关闭 {p} 的密码（基本）认证，只能用 OAuth2 登录。{said}"),
                    "请使用支持 OAuth2 登录的邮件客户端（“使用 Microsoft/Google 账号登录”）；企业邮箱是否允许密码登录由管理员决定。".to_owned(),
                ),
                FailureKind::AuthTooManyAttempts => (
                    format!("{hp} 因登录尝试或连接次数过多，暂时拒绝登录。{said}"),
                    "请先关闭所有使用该账号的邮件客户端和设备（保存了错误密码的设备会不断重试），等待一段时间后用正确的密码再试一次。".to_owned(),
                ),
                FailureKind::AuthTemporary => (
                    format!("{hp} 因服务器临时故障无法验证登录。{said}"),
                    "请稍后再试；如果一直如此，是邮箱服务商或管理员的登录服务出了问题。".to_owned(),
                ),
                FailureKind::AuthAppPasswordRequired => (
                    format!("{hp} 的 {p} 不接受邮箱登录密码，需要使用授权码（或应用专用密码、OAuth2 登录）。{said}"),
                    "请在网页版邮箱的“账户安全”设置中生成授权码，在客户端的密码栏填写授权码；微软账号请使用支持 OAuth2 登录的邮件客户端。".to_owned(),
                ),
                FailureKind::AuthNoMechanism { offered } => (
                    if offered.is_empty() {
                        format!("{hp} 在这个端口不支持密码登录。")
                    } else {
                        format!("{hp} 不支持密码登录，只支持：{}。", offered.join("、"))
                    },
                    if offered.iter().any(|m| m.contains("OAUTH")) {
                        "请使用支持 OAuth2 登录的邮件客户端（服务商在这里不接受密码）。".to_owned()
                    } else {
                        format!("请使用邮箱服务商说明中用于登录的 {p} 端口。")
                    },
                ),
                FailureKind::AuthRejected => (
                    format!("{hp} 拒绝了登录，但没有说明原因；从返回内容看不出是密码错误。{said}"),
                    "可能的原因：密码错误、需要使用授权码或应用专用密码、该账号没有开启此服务、账号被限制，或必须先建立加密连接。请在网页版邮箱的设置中逐项检查；都不是的话请联系邮箱服务商。".to_owned(),
                ),
                _ => (
                    format!("在 {hp} 上登录没有完成：{msg}"),
                    "请稍后再试；登录过程被服务器或网络中断了。".to_owned(),
                ),
            }
        }
    }
}

/// What a cause is called in a "most likely" sentence.
fn cause_name(kind: &FailureKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (FailureKind::AuthAppPasswordRequired, Lang::En) => {
            "an app password or authorization code is required instead of the account password"
        }
        (FailureKind::AuthAppPasswordRequired, Lang::ZhCn | Lang::ZhTw) => {
            "需要使用授权码（应用专用密码），而不是邮箱登录密码"
        }
        (FailureKind::AuthProtocolDisabled, Lang::En) => {
            "this protocol is not switched on for the account (or the tenant)"
        }
        (FailureKind::AuthProtocolDisabled, Lang::ZhCn | Lang::ZhTw) => {
            "该账号（或企业租户）没有开启此服务"
        }
        (FailureKind::AuthOauthRequired, Lang::En) => {
            "password logins are switched off; only OAuth2 sign-in works"
        }
        (FailureKind::AuthOauthRequired, Lang::ZhCn | Lang::ZhTw) => {
            "已关闭密码登录，只能用 OAuth2 登录"
        }
        (FailureKind::AuthWebLoginRequired, Lang::En) => "a web login or security check is needed",
        (FailureKind::AuthWebLoginRequired, Lang::ZhCn | Lang::ZhTw) => {
            "需要先在网页上登录或完成安全验证"
        }
        (FailureKind::AuthFailed, Lang::En) => "the user name or password is wrong",
        (FailureKind::AuthFailed, Lang::ZhCn | Lang::ZhTw) => "用户名或密码错误",
        (_, Lang::En) => "the account cannot log in this way",
        (_, Lang::ZhCn | Lang::ZhTw) => "该账号不能这样登录",
    }
}

/// A generic refusal at a known provider: the provider's usual cause (`likely`) first,
/// what the text alone supports (`plain`, from [`explain_login`]) second.
pub(super) fn likely_login(
    e: &Endpoint,
    f: &Failure,
    likely: &FailureKind,
    provider: &str,
    user: &str,
    plain: (String, String),
    lang: Lang,
) -> (String, String) {
    let as_likely = Failure {
        kind: likely.clone(),
        message: f.message.clone(),
    };
    let (_, likely_fix) = explain_login(e, &as_likely, user, lang);
    let (likely_cause, other) = (cause_name(likely, lang), cause_name(&f.kind, lang));
    match lang {
        Lang::En => (
            format!(
                "{} At {provider} this reply most often means that {likely_cause}; otherwise, {other}.",
                plain.0
            ),
            format!("Most likely: {likely_fix} Otherwise: {}", plain.1),
        ),
        Lang::ZhCn | Lang::ZhTw => (
            format!(
                "{}在{provider}，这个回复最常见的原因是{likely_cause}；其次是{other}。",
                plain.0
            ),
            format!("最可能的解决办法：{likely_fix} 其次：{}", plain.1),
        ),
    }
}

/// The server accepted only the local part as the user name.
pub(super) fn username_format(
    e: &Endpoint,
    settings_user: &str,
    user: &str,
    lang: Lang,
) -> (String, String) {
    let (hp, p) = (hp(e), e.protocol.display_name());
    match lang {
        Lang::En => (
            format!(
                "{hp} refused the user name {settings_user} but accepted {user} with the same password."
            ),
            format!("Use {user} as the user name for {p}."),
        ),
        Lang::ZhCn | Lang::ZhTw => (
            format!("{hp} 不接受用户名 {settings_user}，但用同一个密码以 {user} 登录成功。"),
            format!("{p} 的用户名请填写 {user}。"),
        ),
    }
}

/// A certificate that expires within days, on `on` (hosts and ports).
pub(super) fn expires_soon(on: &str, days: i64, not_after: &str, lang: Lang) -> (String, String) {
    let date = date(not_after);
    match lang {
        Lang::En => (
            format!("The certificate of {on} expires on {date} ({days} day(s) left)."),
            "The server operator must renew it soon; after that date mail clients will refuse to connect.".to_owned(),
        ),
        Lang::ZhCn | Lang::ZhTw => (
            format!("{on}的证书将于 {date} 过期（还剩 {days} 天）。"),
            "请服务器管理员尽快更新证书；过期后邮件客户端将无法连接。".to_owned(),
        ),
    }
}

/// A TLS version older than 1.2 negotiated.
pub(super) fn old_tls_version(e: &Endpoint, version: &str, lang: Lang) -> (String, String) {
    let hp = hp(e);
    match lang {
        Lang::En => (
            format!("{hp} uses {version}, which is obsolete and insecure (RFC 8996)."),
            "The server operator should enable TLS 1.2 or 1.3; many mail clients refuse older versions.".to_owned(),
        ),
        Lang::ZhCn | Lang::ZhTw => (
            format!("{hp} 使用的 {version} 已经过时，不安全（RFC 8996）。"),
            "请服务器管理员启用 TLS 1.2 或 1.3；很多邮件客户端已不支持更旧的版本。".to_owned(),
        ),
    }
}

/// Only a plaintext connection works.
pub(super) fn no_encryption(
    e: &Endpoint,
    has_encrypted_alternative: bool,
    lang: Lang,
) -> (String, String) {
    let (hp, p) = (hp(e), e.protocol.display_name());
    let tls_port = standard_ports(e.protocol)[0].0;
    match lang {
        Lang::En => (
            format!(
                "{hp} works only without encryption: the password and all mail would cross the network readable by anyone on the way. maildoctor never sends a password there."
            ),
            if has_encrypted_alternative {
                format!("Use the encrypted {p} setting listed above instead.")
            } else {
                format!(
                    "Ask the provider for SSL/TLS (port {tls_port}) or STARTTLS; do not use this setting with your real password."
                )
            },
        ),
        Lang::ZhCn | Lang::ZhTw => (
            format!(
                "{hp} 只能不加密连接：密码和邮件内容会以明文在网络上传输，途中任何人都能看到。maildoctor 不会向这里发送密码。"
            ),
            if has_encrypted_alternative {
                format!("请改用上面列出的加密的 {p} 设置。")
            } else {
                format!(
                    "请向邮箱服务商索取 SSL/TLS（端口 {tls_port}）或 STARTTLS 的设置；不要在这个设置里使用真实密码。"
                )
            },
        ),
    }
}

fn hp(e: &Endpoint) -> String {
    format!("{}:{}", e.host, e.port)
}

/// One setting in a sentence: "IMAP server imap.example.com port 993 with SSL/TLS".
pub(super) fn setting(e: &Endpoint, lang: Lang) -> String {
    let p = e.protocol.display_name();
    let sec = lang.security(e.security);
    match lang {
        Lang::En => format!("{p} server {} port {} with {sec}", e.host, e.port),
        Lang::ZhCn | Lang::ZhTw => {
            format!("{p} 服务器 {}，端口 {}，加密方式 {sec}", e.host, e.port)
        }
    }
}

fn use_alt(alt: Option<&Endpoint>, lang: Lang) -> String {
    alt.map(|a| match lang {
        Lang::En => format!(" Meanwhile, this works: {}.", setting(a, lang)),
        Lang::ZhCn | Lang::ZhTw => format!("目前可用的设置：{}。", setting(a, lang)),
    })
    .unwrap_or_default()
}

fn date(rfc3339: &str) -> &str {
    rfc3339.get(..10).unwrap_or(rfc3339)
}

/// Cause and fix for a failure on one endpoint.
pub(super) fn explain(
    e: &Endpoint,
    step: Step,
    f: &Failure,
    alt: Option<&Endpoint>,
    lang: Lang,
) -> (String, String) {
    match lang {
        Lang::En => explain_en(e, step, f, alt),
        Lang::ZhCn | Lang::ZhTw => explain_zh(e, step, f, alt),
    }
}

fn explain_en(e: &Endpoint, step: Step, f: &Failure, alt: Option<&Endpoint>) -> (String, String) {
    let lang = Lang::En;
    let p = e.protocol.display_name();
    let hp = hp(e);
    let msg = &f.message;
    let port = e.port;
    let alt_text = use_alt(alt, lang);
    let step_name = step.as_str();
    match &f.kind {
        FailureKind::Refused => (
            format!(
                "Nothing accepts connections on {hp}: {p} is switched off there or runs on another port."
            ),
            match alt {
                Some(a) => format!("Use {} instead.", setting(a, lang)),
                None => format!(
                    "Check the port number; ask the provider whether {p} is offered and on which port."
                ),
            },
        ),
        FailureKind::Timeout if step == Step::Connect => (
            format!(
                "No answer from {hp} in time: a firewall drops the connection (often an ISP, hotel or company network blocking mail ports), or the server is down."
            ),
            format!(
                "Try from another network (e.g. a mobile hotspot) or ask the network administrator to allow port {port}.{alt_text}"
            ),
        ),
        FailureKind::Timeout => (
            format!(
                "{hp} accepted the connection but did not answer in time (at step: {step_name})."
            ),
            format!(
                "The server is overloaded or misconfigured; try again later or ask the provider.{alt_text}"
            ),
        ),
        FailureKind::Unreachable => (
            format!("{hp} cannot be reached: no network route to it."),
            format!("Check this computer's network connection.{alt_text}"),
        ),
        FailureKind::ConnectionClosed => (
            format!("{hp} closed the connection at step {step_name} without an explanation."),
            format!(
                "The server may limit connections or block this network; try again later.{alt_text}"
            ),
        ),
        FailureKind::ProtocolError => (
            format!("{hp} answered, but not as a {p} server should: {msg}"),
            format!("Check that this host and port are really for {p}.{alt_text}"),
        ),
        FailureKind::WrongProtocol { actual } => {
            let actual_name = actual.map_or("another service", Protocol::display_name);
            (
                format!("{hp} is not a {p} server: a {actual_name} server answered there."),
                match actual {
                    Some(a) => format!(
                        "This host and port are for {}; for {p} use the {p} settings{}.",
                        a.display_name(),
                        alt.map(|x| format!(" ({})", setting(x, lang)))
                            .unwrap_or_default()
                    ),
                    None => format!("Check the port number for {p}.{alt_text}"),
                },
            )
        }
        FailureKind::PlaintextOnTlsPort => {
            let tls_port = standard_ports(e.protocol)[0].0;
            (
                format!(
                    "Port {port} on {} expects a plain connection upgraded with STARTTLS, but SSL/TLS was used.",
                    e.host
                ),
                format!(
                    "Set the encryption to STARTTLS on port {port}, or use port {tls_port} with SSL/TLS."
                ),
            )
        }
        FailureKind::TlsOnPlaintextPort => (
            format!(
                "Port {port} on {} starts with SSL/TLS right away, but {} was used.",
                e.host,
                e.security.display_name()
            ),
            format!("Set the encryption to SSL/TLS for port {port}."),
        ),
        FailureKind::HandshakeFailed => (
            format!("The TLS handshake with {hp} failed: {msg}"),
            format!(
                "The server's TLS setup is broken or too old for modern clients; ask the provider.{alt_text}"
            ),
        ),
        FailureKind::StarttlsNotOffered => (
            format!(
                "{hp} does not offer STARTTLS: the connection, and your password, would not be encrypted."
            ),
            match alt {
                Some(a) => format!(
                    "Use {} instead; never choose \"no encryption\".",
                    setting(a, lang)
                ),
                None => format!(
                    "Use port {} with SSL/TLS if the provider offers it; never choose \"no encryption\".",
                    standard_ports(e.protocol)[0].0
                ),
            },
        ),
        FailureKind::NoGreeting => (
            format!("{hp} accepted the connection but never said a word: no {p} greeting arrived."),
            format!(
                "Something else holds this port, or a firewall/antivirus intercepts it; check the port number for {p}.{alt_text}"
            ),
        ),
        FailureKind::TlsVersionTooOld => (
            format!("{hp} only speaks an obsolete TLS version (older than 1.2): {msg}"),
            format!("The server operator must enable TLS 1.2 or 1.3.{alt_text}"),
        ),
        FailureKind::StarttlsRejected => (
            format!("{hp} advertises STARTTLS but refused it: {msg}"),
            format!("The server is misconfigured; ask the provider.{alt_text}"),
        ),
        // DNS and certificate kinds are explained per host.
        _ => explain_host(e, &[e.port], step, f, alt, lang),
    }
}

fn explain_zh(e: &Endpoint, step: Step, f: &Failure, alt: Option<&Endpoint>) -> (String, String) {
    let lang = Lang::ZhCn;
    let p = e.protocol.display_name();
    let hp = hp(e);
    let msg = &f.message;
    let port = e.port;
    let host = &e.host;
    let alt_text = use_alt(alt, lang);
    let step_name = lang.step(step);
    match &f.kind {
        FailureKind::Refused => (
            format!("{hp} 拒绝连接：这台服务器没有开启 {p} 服务，或者 {p} 不在这个端口。"),
            match alt {
                Some(a) => format!("请改用 {}。", setting(a, lang)),
                None => format!("请核对端口号，并向邮箱服务商确认是否提供 {p} 服务、端口是多少。"),
            },
        ),
        FailureKind::Timeout if step == Step::Connect => (
            format!(
                "连接 {hp} 超时（可能被防火墙拦截）：所在网络（运营商、酒店或公司网络）可能封锁了邮件端口，也可能是服务器宕机。"
            ),
            format!("请换个网络再试（例如手机热点），或请网络管理员放行 {port} 端口。{alt_text}"),
        ),
        FailureKind::Timeout => (
            format!("{hp} 接受了连接，但没有及时响应（卡在“{step_name}”这一步）。"),
            format!("服务器繁忙或配置有误；请稍后再试，或联系邮箱服务商。{alt_text}"),
        ),
        FailureKind::Unreachable => (
            format!("无法访问 {hp}：网络不通，没有到达该服务器的路由。"),
            format!("请检查本机的网络连接。{alt_text}"),
        ),
        FailureKind::ConnectionClosed => (
            format!("{hp} 在“{step_name}”这一步直接断开了连接，没有说明原因。"),
            format!("服务器可能限制了连接数，或屏蔽了当前网络；请稍后再试。{alt_text}"),
        ),
        FailureKind::ProtocolError => (
            format!("{hp} 有响应，但不是正常的 {p} 服务器应答：{msg}"),
            format!("请确认这个服务器地址和端口确实是 {p} 用的。{alt_text}"),
        ),
        FailureKind::WrongProtocol { actual } => {
            let actual_name = actual.map_or("其他服务", Protocol::display_name);
            (
                match actual {
                    Some(a) => format!("{hp} 这是 {} 服务器，不是 {p} 服务器。", a.display_name()),
                    None => format!("{hp} 不是 {p} 服务器，应答的是 {actual_name}。"),
                },
                match actual {
                    Some(a) => format!(
                        "这个地址和端口是 {} 用的；{p} 请填写 {p} 的设置{}。",
                        a.display_name(),
                        alt.map(|x| format!("（{}）", setting(x, lang)))
                            .unwrap_or_default()
                    ),
                    None => format!("请核对 {p} 的端口号。{alt_text}"),
                },
            )
        }
        FailureKind::PlaintextOnTlsPort => {
            let tls_port = standard_ports(e.protocol)[0].0;
            (
                format!(
                    "{host} 的 {port} 端口要先明文连接、再用 STARTTLS 加密，但这里用的是 SSL/TLS。"
                ),
                format!(
                    "请把加密方式改为 STARTTLS（端口 {port}），或者改用 {tls_port} 端口并选择 SSL/TLS。"
                ),
            )
        }
        FailureKind::TlsOnPlaintextPort => (
            format!(
                "{host} 的 {port} 端口一连上就要求 SSL/TLS 加密，但这里用的是 {}。",
                lang.security(e.security)
            ),
            format!("{port} 端口请把加密方式设为 SSL/TLS。"),
        ),
        FailureKind::HandshakeFailed => (
            format!("与 {hp} 的 TLS 握手失败：{msg}"),
            format!(
                "服务器的加密（TLS）配置有问题或过于陈旧，新版邮件客户端连不上；请联系邮箱服务商。{alt_text}"
            ),
        ),
        FailureKind::StarttlsNotOffered => (
            format!("{hp} 不支持 STARTTLS：连接和密码都不会加密。"),
            match alt {
                Some(a) => format!("请改用 {}；不要选择“不加密”。", setting(a, lang)),
                None => format!(
                    "如果服务商提供，请改用 {} 端口并选择 SSL/TLS；不要选择“不加密”。",
                    standard_ports(e.protocol)[0].0
                ),
            },
        ),
        FailureKind::NoGreeting => (
            format!("{hp} 接受了连接，但一直没有发来 {p} 欢迎信息。"),
            format!(
                "这个端口可能被其他程序占用，或被防火墙、杀毒软件拦截；请核对 {p} 的端口号。{alt_text}"
            ),
        ),
        FailureKind::TlsVersionTooOld => (
            format!("{hp} 只支持过时的 TLS 版本（低于 1.2）：{msg}"),
            format!("需要服务器管理员启用 TLS 1.2 或 1.3。{alt_text}"),
        ),
        FailureKind::StarttlsRejected => (
            format!("{hp} 声称支持 STARTTLS，却拒绝了 STARTTLS 命令：{msg}"),
            format!("服务器配置有误；请联系邮箱服务商。{alt_text}"),
        ),
        // DNS and certificate kinds are explained per host.
        _ => explain_host(e, &[e.port], step, f, alt, lang),
    }
}

/// Cause and fix for a failure shared by several ports of one host (DNS, certificates).
pub(super) fn explain_host(
    e: &Endpoint,
    ports: &[u16],
    _step: Step,
    f: &Failure,
    alt: Option<&Endpoint>,
    lang: Lang,
) -> (String, String) {
    let on = match lang {
        Lang::En => format!("{} ({})", e.host, lang.port_phrase(ports)),
        Lang::ZhCn | Lang::ZhTw => format!("{}（{}）", e.host, lang.port_phrase(ports)),
    };
    match lang {
        Lang::En => explain_host_en(&e.host, e.protocol, &on, f, alt),
        Lang::ZhCn | Lang::ZhTw => explain_host_zh(&e.host, e.protocol, &on, f, alt),
    }
}

/// Cause and fix for one certificate problem, shown on `on` (hosts and ports).
pub(super) fn explain_cert(
    host: &str,
    on: &str,
    f: &Failure,
    alt: Option<&Endpoint>,
    lang: Lang,
) -> (String, String) {
    match lang {
        Lang::En => explain_host_en(host, Protocol::Imap, on, f, alt),
        Lang::ZhCn | Lang::ZhTw => explain_host_zh(host, Protocol::Imap, on, f, alt),
    }
}

fn explain_host_en(
    host: &str,
    protocol: Protocol,
    on: &str,
    f: &Failure,
    alt: Option<&Endpoint>,
) -> (String, String) {
    let lang = Lang::En;
    let alt_text = use_alt(alt, lang);
    let msg = &f.message;
    match &f.kind {
        FailureKind::NxDomain => (
            format!("The server name {host} does not exist in DNS."),
            match alt {
                Some(a) => format!("Check the spelling of the server name; the {} server is {}.", protocol.display_name(), a.host),
                None => "Check the spelling of the server name against your provider's instructions.".to_owned(),
            },
        ),
        FailureKind::NoAddress => (
            format!("The server name {host} exists but has no IP address (no A/AAAA record)."),
            format!("Use the server name from your provider's instructions.{alt_text}"),
        ),
        FailureKind::DnsFailed | FailureKind::DnsTimeout => (
            format!("The DNS lookup for {host} failed ({msg}); this does not prove the name is wrong."),
            "Check this computer's DNS settings or try again later; --resolver picks another DNS server.".to_owned(),
        ),
        FailureKind::CertExpired { not_after } => (
            format!("The security certificate of {on} expired on {}.", date(not_after)),
            format!("The server operator must renew the certificate; until then mail clients will refuse or warn.{alt_text}"),
        ),
        FailureKind::CertNotYetValid { not_before } => (
            format!("The security certificate of {on} is only valid from {}.", date(not_before)),
            "Check that this computer's date and time are correct; otherwise the operator must fix the certificate.".to_owned(),
        ),
        FailureKind::CertNameMismatch { presented } => {
            let names = if presented.is_empty() { "(no names)".to_owned() } else { presented.join(", ") };
            (
                format!("The certificate of {on} is for {names}, not for {host}."),
                match presented.iter().find(|n| !n.starts_with('*')) {
                    Some(n) => format!("Use the name on the certificate ({n}) as the server name if your provider confirms it is the same server; otherwise the operator must fix the certificate."),
                    None => "Use the server name from your provider's instructions; otherwise the operator must fix the certificate.".to_owned(),
                },
            )
        }
        FailureKind::CertSelfSigned => (
            format!("The certificate of {on} is self-signed: nobody vouches that the server is who it claims to be."),
            format!("Ask the operator to install a certificate from a public authority (e.g. Let's Encrypt); do not accept it permanently in your mail client unless you can verify it.{alt_text}"),
        ),
        FailureKind::ChainIncomplete { missing_issuer } => (
            format!("The server {on} sends its certificate without the intermediate certificate that links it to a trusted authority (missing: {missing_issuer}). Some mail clients cope, many refuse."),
            format!("A server-side fix: the operator must configure the full chain (certificate + intermediate, e.g. fullchain.pem); if the server uses a private CA, pass it with --ca-file.{alt_text}"),
        ),
        FailureKind::CertUntrusted => (
            format!("The certificate of {on} is not issued by an authority this computer trusts (a private or unknown certificate authority)."),
            format!("The operator should send the full certificate chain from a public authority; for a private CA pass it with --ca-file.{alt_text}"),
        ),
        _ => (
            format!("The certificate of {on} is invalid: {msg}"),
            format!("Ask the server operator to fix the certificate.{alt_text}"),
        ),
    }
}

fn explain_host_zh(
    host: &str,
    protocol: Protocol,
    on: &str,
    f: &Failure,
    alt: Option<&Endpoint>,
) -> (String, String) {
    let lang = Lang::ZhCn;
    let alt_text = use_alt(alt, lang);
    let msg = &f.message;
    match &f.kind {
        FailureKind::NxDomain => (
            format!("服务器地址 {host} 不存在（域名不存在）。"),
            match alt {
                Some(a) => format!(
                    "请检查服务器地址是否写错；{} 服务器是 {}。",
                    protocol.display_name(),
                    a.host
                ),
                None => "请对照邮箱服务商的说明，检查服务器地址是否写错。".to_owned(),
            },
        ),
        FailureKind::NoAddress => (
            format!("服务器地址 {host} 存在，但没有对应的 IP 地址（没有 A/AAAA 记录）。"),
            format!("请填写邮箱服务商说明中的服务器地址。{alt_text}"),
        ),
        FailureKind::DnsFailed | FailureKind::DnsTimeout => (
            format!("查询 {host} 的域名解析失败（{msg}）；这不代表服务器地址写错了。"),
            "请检查本机的 DNS 设置或稍后再试；也可以用 --resolver 换一个 DNS 服务器。".to_owned(),
        ),
        FailureKind::CertExpired { not_after } => (
            format!("{on}的证书已过期（到期日 {}）。", date(not_after)),
            format!(
                "需要服务器管理员更新证书；在此之前邮件客户端会拒绝连接或弹出安全警告。{alt_text}"
            ),
        ),
        FailureKind::CertNotYetValid { not_before } => (
            format!("{on}的证书尚未生效（{} 起才有效）。", date(not_before)),
            "请先检查本机的日期和时间是否正确；如果正确，需要服务器管理员修正证书。".to_owned(),
        ),
        FailureKind::CertNameMismatch { presented } => {
            let names = if presented.is_empty() {
                "（证书上没有域名）".to_owned()
            } else {
                presented.join("、")
            };
            (
                format!("{on}的证书与服务器地址不符：证书颁发给 {names}，而不是 {host}。"),
                match presented.iter().find(|n| !n.starts_with('*')) {
                    Some(n) => format!(
                        "如果邮箱服务商确认是同一台服务器，请把服务器地址改为证书上的 {n}；否则需要服务器管理员修正证书。"
                    ),
                    None => "请填写邮箱服务商说明中的服务器地址；否则需要服务器管理员修正证书。"
                        .to_owned(),
                },
            )
        }
        FailureKind::CertSelfSigned => (
            format!("{on}使用的是自签名证书，没有权威机构为这台服务器的身份担保。"),
            format!(
                "请服务器管理员安装正规证书机构签发的证书（如 Let's Encrypt）；无法核实时，不要在邮件客户端里选择“永久信任”。{alt_text}"
            ),
        ),
        FailureKind::ChainIncomplete { missing_issuer } => (
            format!(
                "服务器 {on}只发送了自己的证书，缺少中间证书，证书链不完整（缺少：{missing_issuer}）。部分邮件客户端能连上，很多会拒绝。"
            ),
            format!(
                "需要在服务器端修复：管理员应配置完整证书链（证书 + 中间证书，例如 fullchain.pem）；如果服务器使用私有 CA，请用 --ca-file 指定。{alt_text}"
            ),
        ),
        FailureKind::CertUntrusted => (
            format!("{on}的证书不是本机信任的机构签发的（私有或未知的证书机构）。"),
            format!(
                "服务器管理员应使用正规证书机构的证书，并发送完整证书链；如果是私有 CA，请用 --ca-file 指定。{alt_text}"
            ),
        ),
        _ => (
            format!("{on}的证书无效：{msg}"),
            format!("请联系服务器管理员修正证书。{alt_text}"),
        ),
    }
}

/// SRV records that say "not offered" (RFC 6186 §3.4: target "."), in one sentence.
pub(super) fn not_offered(list: &[NotOffered], lang: Lang) -> (String, String) {
    let services: Vec<String> = list
        .iter()
        .map(|n| {
            let p = n.protocol.display_name();
            match (lang, n.security) {
                (Lang::En, Security::Tls) => format!("{p} over SSL/TLS ({})", n.name),
                (Lang::En, _) => format!("{p} with STARTTLS ({})", n.name),
                (Lang::ZhCn | Lang::ZhTw, Security::Tls) => {
                    format!("SSL/TLS 方式的 {p}（{}）", n.name)
                }
                (Lang::ZhCn | Lang::ZhTw, _) => format!("STARTTLS 方式的 {p}（{}）", n.name),
            }
        })
        .collect();
    let incoming = list.iter().any(|n| n.protocol.is_incoming());
    let outgoing = list.iter().any(|n| !n.protocol.is_incoming());
    match lang {
        Lang::En => (
            format!(
                "The domain says in DNS that it does not offer {}.",
                services.join("; ")
            ),
            match (incoming, outgoing) {
                (true, true) => "Use the other protocols or ports listed above for incoming mail and for sending.",
                (true, false) => "Use another protocol or port for incoming mail.",
                _ => "Use another protocol or port for sending.",
            }
            .to_owned(),
        ),
        Lang::ZhCn | Lang::ZhTw => (
            format!("该域名在 DNS 中声明：不提供 {}。", services.join("；")),
            match (incoming, outgoing) {
                (true, true) => "收信和发信请使用上面列出的其他协议或端口。",
                (true, false) => "收信请使用其他协议或端口。",
                _ => "发信请使用其他协议或端口。",
            }
            .to_owned(),
        ),
    }
}

/// Nothing works for one direction.
pub(super) fn nothing_works(
    incoming: bool,
    tried: usize,
    lang: Lang,
) -> (&'static str, String, String) {
    match (incoming, lang) {
        (true, Lang::En) => (
            "settings.no_incoming",
            format!("No working incoming (IMAP or POP3) server was found ({tried} tried)."),
            "Ask your provider for the IMAP or POP3 server name and port, then check them with --check imaps://HOST:993.".to_owned(),
        ),
        (false, Lang::En) => (
            "settings.no_outgoing",
            format!("No working outgoing (SMTP) server was found ({tried} tried)."),
            "Ask your provider for the SMTP server name and port, then check them with --check submission://HOST:587.".to_owned(),
        ),
        (true, Lang::ZhCn | Lang::ZhTw) => (
            "settings.no_incoming",
            format!("没有找到可用的收件服务器（IMAP 或 POP3），共试了 {tried} 个。"),
            "请向邮箱服务商索取 IMAP 或 POP3 服务器地址和端口，再用 --check imaps://服务器地址:993 检查。".to_owned(),
        ),
        (false, Lang::ZhCn | Lang::ZhTw) => (
            "settings.no_outgoing",
            format!("没有找到可用的发件服务器（SMTP），共试了 {tried} 个。"),
            "请向邮箱服务商索取 SMTP 服务器地址和端口，再用 --check submission://服务器地址:587 检查。".to_owned(),
        ),
    }
}

/// This computer ran out of file descriptors or sockets: cause and fix.
pub(super) fn local_resources(lang: Lang) -> (String, String) {
    let (cause, fix) = match lang {
        Lang::En => (
            "This computer ran out of file descriptors or sockets while checking, so some \
             checks could not run; that is not the servers' fault.",
            "Close other programs or raise the limit (ulimit -n), lower --jobs, and run \
             maildoctor again.",
        ),
        Lang::ZhCn | Lang::ZhTw => (
            "本机的文件描述符或套接字用完了，部分检查没能进行；这不是服务器的问题。",
            "请关闭其他程序或提高限制（ulimit -n），减小 --jobs，然后重新运行 maildoctor。",
        ),
    };
    (cause.to_owned(), fix.to_owned())
}

/// The run was interrupted (Ctrl-C): cause and fix.
pub(super) fn interrupted(lang: Lang) -> (String, String) {
    let (cause, fix) = match lang {
        Lang::En => (
            "The run was interrupted (Ctrl-C) before every check finished; what is shown is \
             what was found until then.",
            "Run maildoctor again and let it finish for a complete diagnosis.",
        ),
        Lang::ZhCn | Lang::ZhTw => (
            "检测被中断（Ctrl-C），还有检查没有完成；下面只是中断前查到的结果。",
            "请重新运行 maildoctor，等它运行完，才能得到完整的诊断结果。",
        ),
    };
    (cause.to_owned(), fix.to_owned())
}

/// An endpoint works on some addresses of its host and fails on others.
pub(super) fn some_addresses_fail(
    e: &Endpoint,
    bad: &[String],
    good: &[String],
    step: Step,
    f: &Failure,
    lang: Lang,
) -> (String, String) {
    let bad = bad.join(", ");
    let good = good.join(", ");
    let code = code(&f.kind, step);
    match lang {
        Lang::En => (
            format!(
                "{}:{} works on {good} but fails on {bad} ({code}: {}). Mail apps that pick the failing address (often the IPv6 one) cannot connect.",
                e.host, e.port, f.message
            ),
            format!(
                "The server operator must fix {bad} or remove it from DNS; meanwhile a network without that address family (e.g. IPv4 only) works."
            ),
        ),
        Lang::ZhCn | Lang::ZhTw => (
            format!(
                "{}:{} 在 {good} 上正常，但在 {bad} 上失败（{code}：{}）。客户端如果连到出问题的地址（常见是 IPv6 地址），就会连不上。",
                e.host, e.port, f.message
            ),
            format!(
                "需要服务器管理员修好 {bad}，或者把它从 DNS 里删掉；在此之前，换一个只用另一类地址的网络（例如只有 IPv4）可以正常使用。"
            ),
        ),
    }
}
