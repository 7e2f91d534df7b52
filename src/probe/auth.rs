//! Login: choosing the one mechanism to use, encoding credentials, and classifying the
//! server's answer. Pure functions; the dialogue itself is in [`super::proto`].
//!
//! - IMAP: `AUTHENTICATE PLAIN` (RFC 9051 §6.2.2, RFC 4616) when `AUTH=PLAIN` is advertised,
//!   otherwise `LOGIN` (§6.2.3) unless `LOGINDISABLED`. Response codes from RFC 5530
//!   (`[AUTHENTICATIONFAILED]`, `[ALERT]`, RFC 9051 §7.1).
//! - POP3: `AUTH PLAIN` (RFC 5034) when CAPA lists `SASL … PLAIN`, otherwise `USER`/`PASS`
//!   (RFC 1939 §7). Response codes from RFC 3206 (`[AUTH]`, `[SYS/PERM]`, `[IN-USE]`).
//! - SMTP submission: `AUTH PLAIN` or `AUTH LOGIN` (RFC 4954); `535 5.7.8` is "credentials
//!   invalid" (RFC 4954 §6, RFC 3463).
//!
//! Exactly one mechanism is used, never a list tried in turn: servers lock accounts after a
//! few failures. The classification looks for specific markers in what the server said
//! and returns [`FailureKind::AuthRejected`] when none is present, so "wrong password" is
//! never claimed when the server said something else.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;

use crate::model::{FailureKind, Protocol};

/// The login mechanism chosen for one attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mechanism {
    /// IMAP `AUTHENTICATE PLAIN`; `ir`: send the initial response on the command line (SASL-IR).
    ImapPlain {
        /// SASL-IR (RFC 4959) advertised.
        ir: bool,
    },
    /// IMAP `LOGIN user pass`.
    ImapLogin,
    /// POP3 `AUTH PLAIN`.
    Pop3Plain,
    /// POP3 `USER` + `PASS`.
    Pop3UserPass,
    /// SMTP `AUTH PLAIN <initial response>`.
    SmtpPlain,
    /// SMTP `AUTH LOGIN`, user name and password each answering a `334` challenge.
    SmtpLogin,
}

impl Mechanism {
    /// How it is shown in reports.
    pub fn name(self) -> &'static str {
        match self {
            Self::ImapPlain { .. } => "AUTHENTICATE PLAIN",
            Self::ImapLogin => "LOGIN",
            Self::Pop3Plain => "AUTH PLAIN",
            Self::Pop3UserPass => "USER/PASS",
            Self::SmtpPlain => "AUTH PLAIN",
            Self::SmtpLogin => "AUTH LOGIN",
        }
    }
}

/// The password mechanisms advertised in `caps`, upper-case (e.g. `PLAIN`, `LOGIN`,
/// `XOAUTH2`), plus `USER` for POP3 and `LOGIN` (the command) for IMAP when allowed.
pub fn offered(protocol: Protocol, caps: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |m: &str| {
        let m = m.to_ascii_uppercase();
        if !m.is_empty() && !out.contains(&m) {
            out.push(m);
        }
    };
    for c in caps {
        let mut words = c.split_ascii_whitespace();
        let first = words.next().unwrap_or_default();
        match protocol {
            Protocol::Imap => {
                if let Some(m) = first
                    .get(..5)
                    .filter(|p| p.eq_ignore_ascii_case("AUTH="))
                    .and_then(|_| first.get(5..))
                {
                    add(m);
                }
            }
            Protocol::Pop3 => {
                if first.eq_ignore_ascii_case("SASL") {
                    words.for_each(&mut add);
                } else if first.eq_ignore_ascii_case("USER") {
                    add("USER");
                }
            }
            Protocol::Smtp => {
                // `AUTH PLAIN LOGIN`, and the pre-RFC `AUTH=PLAIN LOGIN` some servers still send.
                if first.eq_ignore_ascii_case("AUTH") {
                    words.for_each(&mut add);
                } else if let Some(rest) = first
                    .get(..5)
                    .filter(|p| p.eq_ignore_ascii_case("AUTH="))
                    .and_then(|_| first.get(5..))
                {
                    add(rest);
                    words.for_each(&mut add);
                }
            }
        }
    }
    out
}

fn has(caps: &[String], word: &str) -> bool {
    caps.iter().any(|c| c.eq_ignore_ascii_case(word))
}

/// Picks the one mechanism to use, or says why none can be used.
pub fn choose(protocol: Protocol, caps: &[String]) -> Result<Mechanism, FailureKind> {
    let mechs = offered(protocol, caps);
    let plain = mechs.iter().any(|m| m == "PLAIN");
    let none = || FailureKind::AuthNoMechanism {
        offered: mechs.clone(),
    };
    match protocol {
        Protocol::Imap => {
            if plain {
                Ok(Mechanism::ImapPlain {
                    ir: has(caps, "SASL-IR"),
                })
            } else if has(caps, "LOGINDISABLED") {
                Err(none())
            } else {
                Ok(Mechanism::ImapLogin)
            }
        }
        Protocol::Pop3 => {
            if plain {
                Ok(Mechanism::Pop3Plain)
            } else if mechs.iter().any(|m| m == "USER") || caps.is_empty() {
                // RFC 2449: USER is listed when offered; a server without CAPA predates it
                // and USER/PASS is the RFC 1939 baseline.
                Ok(Mechanism::Pop3UserPass)
            } else {
                Err(none())
            }
        }
        Protocol::Smtp => {
            if plain {
                Ok(Mechanism::SmtpPlain)
            } else if mechs.iter().any(|m| m == "LOGIN") {
                Ok(Mechanism::SmtpLogin)
            } else {
                Err(none())
            }
        }
    }
}

/// SASL PLAIN initial response (RFC 4616 §2): base64 of `\0user\0password`.
pub fn sasl_plain(user: &str, password: &str) -> String {
    let mut raw = Vec::with_capacity(user.len() + password.len() + 2);
    raw.push(0);
    raw.extend_from_slice(user.as_bytes());
    raw.push(0);
    raw.extend_from_slice(password.as_bytes());
    B64.encode(raw)
}

/// Plain base64 (SMTP AUTH LOGIN answers).
pub fn b64(s: &str) -> String {
    B64.encode(s.as_bytes())
}

/// What the transcript shows instead of a credential.
pub const MASK: &str = "********";

/// One family of phrases that supports one cause. A phrase is one or more fragments joined
/// by `&`, all of which must occur (in any order) in the normalised text: lower case, every
/// run of punctuation and white space one space, CJK kept (see [`normalise`]).
struct Family {
    kind: FailureKind,
    phrases: &'static [&'static str],
}

/// The phrase families, most specific first: the first family with a matching phrase
/// decides, unless phrases of three or more causes match (a server listing every possible
/// reason, e.g. Tencent Exmail's "account is abnormal, service is not open, password is
/// incorrect, login frequency limited, or system is busy"), which is
/// [`FailureKind::AuthRejected`]. Misspellings (`aplication password`, `requiered`),
/// Chinese and Russian (Cyrillic and transliterated) texts are listed with the English.
const FAMILIES: &[Family] = &[
    // Not about the account at all: the login was refused for the transport or the dialogue
    // (TLS required, SASL steps). Nothing about the password can be concluded.
    Family {
        kind: FailureKind::AuthRejected,
        phrases: &[
            "another step is needed",
            "invalid format",
            "plaintext authentication disallowed",
            "cleartext logins disabled",
            "starttls required",
            "tls required",
            "ssl tls encryption",
            "secure connection is requi",
            "entering tls mode",
            "under a layer",
            "restarting authentication",
            "authenticated but not connected",
            "invalid state",
            "command error",
            "protocol error",
            "authorization failed",
        ],
    },
    // Password logins switched off: only OAuth2 (Microsoft basic-auth retirement).
    Family {
        kind: FailureKind::AuthOauthRequired,
        phrases: &[
            "basic authentication is disabled",
            "basic auth is disabled",
            "basicauthblocked",
            "basic authentication & not supported",
            "legacy authentication & block",
            "security defaults policy",
            "oauth & required",
            "use oauth",
            "only oauth",
            "modern authentication & required",
        ],
    },
    // Wrong credentials said in so many words, where a phrase below would mislead
    // (QQ: "Authorized code is incorrect" is a wrong authorization code; Yandex: "Invalid
    // credentials or IMAP is disabled" names the credentials first, with the likely cause).
    Family {
        kind: FailureKind::AuthFailed,
        phrases: &[
            "invalid credentials or",
            "code is incorrect",
            "code is wrong",
            "授权码错误",
            "授权码不正确",
        ],
    },
    Family {
        kind: FailureKind::AuthAppPasswordRequired,
        phrases: &[
            "application specific password",
            "app specific password",
            "application password",
            "aplication password",
            "applicaton password",
            "app password",
            "authorization code",
            "authorized code",
            "authorisation code",
            "weixin token",
            "wechat token",
            "invalidsecondfactor",
            "授权码",
            "客户端授权密码",
            "客户端专用密码",
            "应用专用密码",
            "独立密码",
            "parol prilozheniya",
            "parol dlya vneshnego prilozheniya",
            "пароль приложения",
            "пароль для внешнего приложения",
            "пароль для внешних приложений",
        ],
    },
    Family {
        kind: FailureKind::AuthProtocolDisabled,
        phrases: &[
            "access is disabled",
            "access not enabled",
            "access is not enabled",
            "access enabled & not have",
            "service not enabled",
            "service is not enabled",
            "service is not open",
            "not enabled for imap",
            "not enabled for pop",
            "not enabled for smtp",
            "not enabled for this account",
            "is disabled for this account",
            "imap is disabled",
            "pop3 is disabled",
            "pop is disabled",
            "smtp is disabled",
            "imap disabled",
            "smtpclientauthentication is disabled",
            "smtp client authentication is disabled",
            "smtp auth & disabled",
            "user has no permission",
            "no permission to log",
            "service has been closed",
            "does not have access rights to this service",
            "服务未开启",
            "服务没有开启",
            "未开启",
            "未开通",
            "没有开启",
            "未启用",
            "无权登陆",
            "无权登录",
            "没有权限",
        ],
    },
    Family {
        kind: FailureKind::AuthWebLoginRequired,
        phrases: &[
            "web login required",
            "weblogin",
            "webalert",
            "web browser",
            "via a browser",
            "via your browser",
            "via web",
            "use web for",
            "not a robot",
            "captcha",
            "verify your identity",
            "verify your account",
            "password must be changed",
            "password has expired",
            "password expired",
            "password is too simple",
            "change your password",
            "网页",
            "验证码",
            "安全验证",
            "修改密码",
        ],
    },
    Family {
        kind: FailureKind::AuthAccountBlocked,
        phrases: &[
            "account locked",
            "account is locked",
            "account has been locked",
            "locked out",
            "account disabled",
            "account is disabled",
            "account has been disabled",
            "login disabled",
            "account blocked",
            "account is blocked",
            "account has been blocked",
            "country blocked",
            "suspended",
            "frozen",
            "被锁定",
            "锁定",
            "冻结",
            "封禁",
            "禁用",
            "停用",
            "blokirovan",
            "заблокирован",
        ],
    },
    Family {
        kind: FailureKind::AuthTooManyAttempts,
        phrases: &[
            "too many",
            "rate limit",
            "too frequent",
            "frequency limit",
            "maximum number of connections",
            "login frequency",
            "频繁",
            "次数过多",
            "太多",
            "слишком много",
        ],
    },
    Family {
        kind: FailureKind::AuthTemporary,
        phrases: &[
            "temporary",
            "temporarily",
            "maintenance",
            "try again later",
            "server unavailable",
            "service unavailable",
            "unable to authenticate at present",
            "稍后再试",
            "稍后重试",
        ],
    },
    Family {
        kind: FailureKind::AuthFailed,
        phrases: &[
            "invalid credentials",
            "credentials invalid",
            "credentials were incorrect",
            "credentials incorrect",
            "bad credentials",
            "badcredentials",
            "incorrect password",
            "password incorrect",
            "password is incorrect",
            "wrong password",
            "bad password",
            "invalid password",
            "password error",
            "incorrect username",
            "invalid username",
            "invalid user name",
            "unknown user",
            "user & not found",
            "no such user",
            // POP3 servers' reply to an unknown user name ("-ERR mailbox unknown"), quoted in
            // http://outlookexpresserrorsfix.com/ and https://arewastar.com/understanding-pop-errors-with-email/.
            "mailbox unknown",
            "username and password not accepted",
            "invalid login",
            "incorrect authentication data",
            "密码错误",
            "密码不正确",
            "密码有误",
            "用户名或密码",
            "帐号或密码",
            "账号或密码",
            "неверный логин",
            "неверный пароль",
            "nevernyj parol",
            "neverniy parol",
            "nevernyi parol",
        ],
    },
];

/// Lower case, punctuation and white space runs folded into one space; letters, digits and
/// CJK kept. `Application-specific` and `application specific` become the same words.
pub(crate) fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

fn matches(norm: &str, phrase: &str) -> bool {
    phrase
        .split('&')
        .all(|part| norm.contains(&normalise(part).trim().to_owned()))
}

/// The causes whose phrases occur in `text`, in [`FAMILIES`] order, without repeats.
fn phrase_kinds(text: &str) -> Vec<FailureKind> {
    let norm = normalise(text);
    let mut out: Vec<FailureKind> = Vec::new();
    for f in FAMILIES {
        if f.phrases.iter().any(|p| matches(&norm, p)) && !out.contains(&f.kind) {
            out.push(f.kind.clone());
        }
    }
    out
}

/// True when a phrase of some cause occurs in `text` (what `maildoctor explain` needs to
/// tell a refusal it can read from text that is not a server reply at all).
pub fn says_something(text: &str) -> bool {
    !phrase_kinds(text).is_empty()
}

/// The RFC 5530 (IMAP) or RFC 3206 (POP3) response code in brackets, upper case.
fn response_code(text: &str) -> Option<String> {
    let open = text.find('[')?;
    let rest = &text[open + 1..];
    let end = rest.find([']', ' '])?;
    Some(rest[..end].to_ascii_uppercase())
}

/// SMTP reply code and RFC 3463 enhanced status code of the first line.
fn smtp_codes(text: &str) -> (Option<u16>, Option<(u8, u16, u16)>) {
    let t = text.trim_start();
    let code = t
        .get(..3)
        .filter(|c| c.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|c| c.parse().ok());
    let enhanced = code.and_then(|_| {
        let rest = t.get(4..)?.split_whitespace().next()?;
        let mut it = rest.split('.');
        let class = it.next()?.parse().ok()?;
        let subject = it.next()?.parse().ok()?;
        let detail = it.next()?.parse().ok()?;
        Some((class, subject, detail))
    });
    (code, enhanced)
}

/// What the status code alone says, used only when no phrase family matched: a `535`
/// without `5.7.8` is not proof of a wrong password (Microsoft's `5.7.3`/`5.7.139`,
/// Postfix's `5.7.0`, NetEase's bare `535 Error: authentication failed` are all sent for
/// other causes too).
fn code_kind(protocol: Protocol, text: &str) -> FailureKind {
    let code = response_code(text);
    let code = code.as_deref();
    match protocol {
        Protocol::Imap => match code {
            Some("AUTHENTICATIONFAILED") => FailureKind::AuthFailed,
            Some("UNAVAILABLE") => FailureKind::AuthTemporary,
            Some("EXPIRED") => FailureKind::AuthWebLoginRequired,
            Some("CONTACTADMIN") => FailureKind::AuthAccountBlocked,
            _ => FailureKind::AuthRejected,
        },
        Protocol::Pop3 => match code {
            Some("AUTH") => FailureKind::AuthFailed,
            Some("SYS/TEMP") | Some("IN-USE") => FailureKind::AuthTemporary,
            _ => FailureKind::AuthRejected,
        },
        Protocol::Smtp => match smtp_codes(text) {
            (Some(c), _) if (400..500).contains(&c) => FailureKind::AuthTemporary,
            (_, Some((5, 7, 8))) => FailureKind::AuthFailed,
            (_, Some((5, 7, 9))) => FailureKind::AuthAppPasswordRequired,
            (_, Some((5, 7, 14))) => FailureKind::AuthWebLoginRequired,
            _ => FailureKind::AuthRejected,
        },
    }
}

/// Classifies the server's refusal of a login from its decoded text: the phrase families
/// first (what the server says), then the status code (only when the text says nothing
/// more specific). A text with no known marker is [`FailureKind::AuthRejected`], never
/// "wrong password".
pub fn classify(protocol: Protocol, text: &str) -> FailureKind {
    let kinds = phrase_kinds(text);
    match kinds.as_slice() {
        [] => code_kind(protocol, text),
        [_, _, _, ..] => FailureKind::AuthRejected,
        [first, ..] => first.clone(),
    }
}

/// The protocol a pasted server reply (one or more lines) comes from, by its shape: POP3
/// `+OK`/`-ERR`, an SMTP three-digit code, otherwise IMAP. For classifying a reply offline
/// with [`classify`], without a connection (the start of `maildoctor explain`).
pub fn protocol_of_reply(text: &str) -> Protocol {
    let t = text.trim_start();
    let b = t.as_bytes();
    if t.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("-ERR"))
        || t.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("+OK"))
    {
        Protocol::Pop3
    } else if b.len() >= 3
        && b[..3].iter().all(u8::is_ascii_digit)
        && b.get(3).is_none_or(|c| matches!(c, b' ' | b'-'))
    {
        Protocol::Smtp
    } else {
        Protocol::Imap
    }
}

/// The provider's most likely cause of a refusal whose text alone is generic, when it
/// differs from what the text says; `provider` is the provider id (its main domain, from
/// the provider database or an MX match). Drawn from the providers' help pages: Gmail,
/// Yahoo, AOL, iCloud, Mail.ru, Yandex and Zoho (with 2FA) refuse account passwords from
/// mail clients (app passwords); QQ, NetEase, Sina, Sohu and Tencent Exmail want an
/// authorization code (授权码) and the service switched on; GMX and WEB.DE need POP3/IMAP
/// enabled; Outlook.com and Microsoft 365 turned basic authentication off (OAuth2).
pub fn likely(provider: &str, protocol: Protocol, kind: &FailureKind) -> Option<FailureKind> {
    if !matches!(kind, FailureKind::AuthFailed | FailureKind::AuthRejected) {
        return None;
    }
    let p = provider.to_ascii_lowercase();
    let p = p.as_str();
    let app = FailureKind::AuthAppPasswordRequired;
    let likely = match p {
        "gmail.com" | "googlemail.com" | "google.com" | "yahoo.com" | "aol.com" | "icloud.com"
        | "me.com" | "mac.com" | "mail.ru" | "zoho.com" | "zohomail.com" | "qq.com"
        | "foxmail.com" | "exmail.qq.com" | "163.com" | "126.com" | "yeah.net" | "188.com"
        | "sina.com" | "sina.cn" | "sohu.com" | "aliyun.com" | "139.com" | "yandex.ru"
        | "yandex.com" => app,
        "gmx.net" | "gmx.de" | "gmx.com" | "web.de" => FailureKind::AuthProtocolDisabled,
        "outlook.com" | "hotmail.com" | "live.com" | "office365.com" | "microsoft.com" => {
            if protocol == Protocol::Smtp && p == "office365.com" {
                FailureKind::AuthProtocolDisabled
            } else {
                FailureKind::AuthOauthRequired
            }
        }
        _ => return None,
    };
    (likely != *kind).then_some(likely)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Protocol::{Imap, Pop3, Smtp};

    fn caps(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn exact_server_texts_are_classified() {
        use FailureKind::*;
        let cases: &[(Protocol, &str, FailureKind)] = &[
            (
                Imap,
                "a3 NO [AUTHENTICATIONFAILED] Authentication failed.",
                AuthFailed,
            ),
            (Pop3, "-ERR [AUTH] Authentication failed.", AuthFailed),
            (
                Smtp,
                "535 5.7.8 Error: authentication failed: authentication failure",
                AuthFailed,
            ),
            (
                Smtp,
                "535 5.7.8 Username and Password not accepted.",
                AuthFailed,
            ),
            (
                Pop3,
                "-ERR [SYS/PERM] POP3 access is disabled for this account.",
                AuthProtocolDisabled,
            ),
            (
                Pop3,
                "-ERR POP3/SMTP service not enabled",
                AuthProtocolDisabled,
            ),
            (
                Smtp,
                "535 Error: POP3/SMTP service not enabled",
                AuthProtocolDisabled,
            ),
            (Smtp, "550 User has no permission", AuthProtocolDisabled),
            (
                Smtp,
                "535 Login Fail. Please enter your authorization code to login.",
                AuthAppPasswordRequired,
            ),
            (
                Smtp,
                "535 Error: 请使用授权码登录。详情请看: http://service.mail.qq.com/detail/0/53",
                AuthAppPasswordRequired,
            ),
            (Pop3, "-ERR 请使用授权码登录", AuthAppPasswordRequired),
            (
                Smtp,
                "534-5.7.9 Application-specific password required. Learn more at / 534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor",
                AuthAppPasswordRequired,
            ),
            (
                Imap,
                "a3 NO [ALERT] Application-specific password required: https://support.google.com/accounts/answer/185833 (Failure)",
                AuthAppPasswordRequired,
            ),
            (
                Smtp,
                "535 5.7.139 Authentication unsuccessful, basic authentication is disabled.",
                AuthOauthRequired,
            ),
            (
                Imap,
                "a3 NO [ALERT] Please log in via your web browser: https://support.google.com/mail/accounts/answer/78754 (Failure)",
                AuthWebLoginRequired,
            ),
            (
                Imap,
                "a3 NO [ALERT] Your account is temporarily unavailable",
                AuthTemporary,
            ),
            (Pop3, "-ERR web login required", AuthWebLoginRequired),
            (Smtp, "535 5.7.0 account locked", AuthAccountBlocked),
            (Imap, "a3 NO LOGIN failed.", AuthRejected),
            (
                Imap,
                "a3 NO [UNAVAILABLE] Temporary authentication failure",
                AuthTemporary,
            ),
            (
                Smtp,
                "454 4.7.0 Temporary authentication failure",
                AuthTemporary,
            ),
            (Pop3, "-ERR Unknown error", AuthRejected),
            // A status code is not a cause: the text decides, the code only when it is silent.
            (Smtp, "535 Error: authentication failed", AuthRejected),
            (Smtp, "535 5.7.3 Authentication unsuccessful", AuthRejected),
            (
                Smtp,
                "535 5.7.139 Authentication unsuccessful, the user credentials were incorrect.",
                AuthFailed,
            ),
            (
                Smtp,
                "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.",
                AuthProtocolDisabled,
            ),
            (
                Smtp,
                "535 5.7.0 (#AUTH005) Too many bad auth attempts.",
                AuthTooManyAttempts,
            ),
            (
                Smtp,
                "535 5.7.8 Error: authentication failed: Your message looks like spam. You need to use web for sending or prove you are not a robot",
                AuthWebLoginRequired,
            ),
            (Smtp, "526 Authentication failure[0]", AuthRejected),
            // Replies without RFC 5530 codes.
            (Imap, "a1 NO Incorrect username or password.", AuthFailed),
            (
                Pop3,
                "-ERR Logon failure: unknown user name or bad password.",
                AuthFailed,
            ),
            (
                Imap,
                "a1 NO LOGIN failed. Account is blocked. Login to your account via a web browser to verify your identity.",
                AuthWebLoginRequired,
            ),
            (
                Imap,
                "a1 NO [CONTACTADMIN] Login disabled for this user",
                AuthAccountBlocked,
            ),
            (
                Imap,
                "a1 NO [EXPIRED] Authentication failed.",
                AuthWebLoginRequired,
            ),
            (
                Pop3,
                "-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.",
                AuthRejected,
            ),
            // Misspelled, transliterated and Chinese texts.
            (
                Smtp,
                "535 5.7.0 Aplication password is REQUIRED",
                AuthAppPasswordRequired,
            ),
            (
                Smtp,
                "535 5.7.0 NEOBHODIM parol prilozheniya https://help.mail.ru/",
                AuthAppPasswordRequired,
            ),
            (Imap, "a1 NO Authorized code is incorrect", AuthFailed),
            (Smtp, "550 用户无权登陆", AuthProtocolDisabled),
            (Pop3, "-ERR 登录过于频繁，请稍后再试", AuthTooManyAttempts),
            (Imap, "a1 NO 您的帐号已被冻结", AuthAccountBlocked),
            (Imap, "a1 NO 用户名或密码错误", AuthFailed),
            // A server listing every possible reason names none of them.
            (
                Imap,
                "a1 NO Login fail. Account is abnormal, service is not open, password is incorrect, login frequency limited, or system is busy.",
                AuthRejected,
            ),
        ];
        for (p, text, want) in cases {
            assert_eq!(&classify(*p, text), want, "{p:?}: {text}");
        }
    }

    /// A generic refusal at a provider known to want something else gets that cause as the
    /// likely one; a specific text or an unknown provider gets none.
    #[test]
    fn provider_aware_likely_cause() {
        use FailureKind::*;
        assert_eq!(
            likely("gmail.com", Smtp, &AuthFailed),
            Some(AuthAppPasswordRequired)
        );
        assert_eq!(
            likely("163.com", Smtp, &AuthRejected),
            Some(AuthAppPasswordRequired)
        );
        assert_eq!(
            likely("gmx.net", Pop3, &AuthRejected),
            Some(AuthProtocolDisabled)
        );
        assert_eq!(
            likely("outlook.com", Imap, &AuthRejected),
            Some(AuthOauthRequired)
        );
        assert_eq!(likely("gmail.com", Imap, &AuthWebLoginRequired), None);
        assert_eq!(likely("example.com", Imap, &AuthFailed), None);
    }

    #[test]
    fn pasted_replies_are_read_with_their_protocol() {
        let cases = [
            (
                "535 Error: 请使用授权码登录",
                Smtp,
                FailureKind::AuthAppPasswordRequired,
            ),
            (
                "534-5.7.14 <https://accounts.google.com/signin/continue?sarp=1>",
                Smtp,
                FailureKind::AuthWebLoginRequired,
            ),
            (
                "-ERR [AUTH] Authentication failed.",
                Pop3,
                FailureKind::AuthFailed,
            ),
            (
                "a1 NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)",
                Imap,
                FailureKind::AuthFailed,
            ),
            ("NO LOGIN failed.", Imap, FailureKind::AuthRejected),
        ];
        for (text, p, kind) in cases {
            assert_eq!(protocol_of_reply(text), p, "{text}");
            assert_eq!(classify(protocol_of_reply(text), text), kind, "{text}");
        }
    }

    #[test]
    fn one_mechanism_is_chosen() {
        assert_eq!(
            choose(
                Imap,
                &caps(&["IMAP4rev1", "SASL-IR", "AUTH=PLAIN", "AUTH=LOGIN"])
            ),
            Ok(Mechanism::ImapPlain { ir: true })
        );
        assert_eq!(
            choose(Imap, &caps(&["IMAP4rev1"])),
            Ok(Mechanism::ImapLogin)
        );
        assert_eq!(
            choose(Imap, &caps(&["IMAP4rev1", "LOGINDISABLED", "AUTH=XOAUTH2"])),
            Err(FailureKind::AuthNoMechanism {
                offered: vec!["XOAUTH2".into()]
            })
        );
        assert_eq!(
            choose(Pop3, &caps(&["USER", "SASL PLAIN LOGIN"])),
            Ok(Mechanism::Pop3Plain)
        );
        assert_eq!(
            choose(Pop3, &caps(&["USER", "TOP"])),
            Ok(Mechanism::Pop3UserPass)
        );
        assert_eq!(choose(Pop3, &[]), Ok(Mechanism::Pop3UserPass));
        assert_eq!(
            choose(Smtp, &caps(&["PIPELINING", "AUTH LOGIN PLAIN"])),
            Ok(Mechanism::SmtpPlain)
        );
        assert_eq!(
            choose(Smtp, &caps(&["AUTH=LOGIN"])),
            Ok(Mechanism::SmtpLogin)
        );
        assert!(matches!(
            choose(Smtp, &caps(&["AUTH XOAUTH2 OAUTHBEARER"])),
            Err(FailureKind::AuthNoMechanism { .. })
        ));
        assert!(matches!(
            choose(Smtp, &caps(&["8BITMIME"])),
            Err(FailureKind::AuthNoMechanism { offered }) if offered.is_empty()
        ));
    }

    #[test]
    fn sasl_plain_encoding() {
        // RFC 4616 §4 example without authzid.
        assert_eq!(
            sasl_plain("tim", "tanstaaftanstaaf"),
            "AHRpbQB0YW5zdGFhZnRhbnN0YWFm"
        );
        assert_eq!(b64("alice"), "YWxpY2U=");
    }
}
