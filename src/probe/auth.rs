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

fn contains_ci(hay: &str, needle: &str) -> bool {
    hay.to_lowercase().contains(&needle.to_lowercase())
}

/// App passwords / authorization codes / OAuth2 required instead of the account password.
/// Gmail (2024): `534-5.7.9 Application-specific password required`, IMAP `[ALERT]
/// Application-specific password required`; QQ/163: `请使用授权码登录` ("log in with the
/// authorization code"); Outlook.com / Microsoft 365: `5.7.139 … basic authentication is
/// disabled`, IMAP `AUTHENTICATE failed` is not specific enough and is not listed.
const APP_PASSWORD: &[&str] = &[
    "application-specific password",
    "app password",
    "app-specific password",
    "授权码",
    "authorization code",
    "authorized code",
    "basic authentication is disabled",
    "basicauthblocked",
    "5.7.139",
];

/// The protocol is switched off for this account. Gmail/others: `POP3 access is disabled
/// for this account`, `IMAP access is disabled for your domain`; QQ/163: `POP3/SMTP
/// service not enabled` / `服务未开启`; 163 SMTP when client SMTP is off: `User has no
/// permission`.
const PROTOCOL_DISABLED: &[&str] = &[
    "access is disabled",
    "service not enabled",
    "service is not enabled",
    "not enabled for this account",
    "is disabled for this account",
    "服务未开启",
    "未开启",
    "user has no permission",
    "service has been closed",
    "imap is disabled",
    "pop3 is disabled",
    "pop is disabled",
    "smtp is disabled",
    "smtpclientauthentication is disabled",
];

/// The account is blocked or needs a web login first: IMAP `[ALERT]` (RFC 9051 §7.1),
/// Gmail `[WEBALERT …]` / `534-5.7.14 Please log in via your web browser`, "account
/// locked", "suspended".
const ACCOUNT_BLOCKED: &[&str] = &[
    "web login required",
    "log in via your web browser",
    "login via your web browser",
    "[webalert",
    "account locked",
    "account is locked",
    "account has been locked",
    "account disabled",
    "account is disabled",
    "suspended",
    "5.7.14",
    "被锁定",
    "[alert]",
];

/// Wrong user name or password: IMAP `[AUTHENTICATIONFAILED]` (RFC 5530), POP3 `[AUTH]`
/// (RFC 3206), SMTP `535` (RFC 4954 §6; `535 5.7.8` with RFC 3463 enhanced codes).
fn says_wrong_credentials(protocol: Protocol, text: &str) -> bool {
    let t = text.trim_start();
    match protocol {
        Protocol::Imap => contains_ci(t, "[AUTHENTICATIONFAILED]"),
        Protocol::Pop3 => contains_ci(t, "[AUTH]"),
        Protocol::Smtp => t.starts_with("535"),
    }
}

/// Classifies the server's refusal of a login. Specific provider texts win over the
/// generic "wrong credentials" codes (Gmail sends `[ALERT] Application-specific password
/// required` and QQ `535 Error: 请使用授权码登录`); a text with no known marker is
/// [`FailureKind::AuthRejected`], never "wrong password".
pub fn classify(protocol: Protocol, text: &str) -> FailureKind {
    let any = |list: &[&str]| list.iter().any(|n| contains_ci(text, n));
    if any(APP_PASSWORD) {
        FailureKind::AuthAppPasswordRequired
    } else if any(PROTOCOL_DISABLED) {
        FailureKind::AuthProtocolDisabled
    } else if any(ACCOUNT_BLOCKED) {
        FailureKind::AuthAccountBlocked
    } else if says_wrong_credentials(protocol, text) {
        FailureKind::AuthFailed
    } else {
        FailureKind::AuthRejected
    }
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
                AuthAppPasswordRequired,
            ),
            (
                Imap,
                "a3 NO [ALERT] Please log in via your web browser: https://support.google.com/mail/accounts/answer/78754 (Failure)",
                AuthAccountBlocked,
            ),
            (
                Imap,
                "a3 NO [ALERT] Your account is temporarily unavailable",
                AuthAccountBlocked,
            ),
            (Pop3, "-ERR web login required", AuthAccountBlocked),
            (Smtp, "535 5.7.0 account locked", AuthAccountBlocked),
            (Imap, "a3 NO LOGIN failed.", AuthRejected),
            (
                Imap,
                "a3 NO [UNAVAILABLE] Temporary authentication failure",
                AuthRejected,
            ),
            (
                Smtp,
                "454 4.7.0 Temporary authentication failure",
                AuthRejected,
            ),
            (Pop3, "-ERR Unknown error", AuthRejected),
        ];
        for (p, text, want) in cases {
            assert_eq!(&classify(*p, text), want, "{p:?}: {text}");
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
