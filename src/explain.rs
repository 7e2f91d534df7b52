//! `maildoctor explain TEXT…`: what a pasted error message means, offline. A person pastes
//! what their mail program or a server said — a server reply (`535 5.7.8 …`, `-ERR …`,
//! `a1 NO [AUTHENTICATIONFAILED] …`, `ERR 请使用授权码登录`), an Outlook error number
//! (`0x800CCC0E`) or a Thunderbird/Apple Mail message — and gets the finding code, what it
//! means, the usual causes, what to do and who must act, in `--lang`.
//!
//! - Server replies go through the login classifier of the probe ([`auth::classify`]); a
//!   reply quoted inside a client's message ("The server responded: …") is found and
//!   classified too.
//! - Mail clients' own error numbers and messages are looked up in [`CLIENT`], one entry per
//!   number or message with the public source it comes from. A client message that does not
//!   say which of several causes applies ("cannot connect": refused, filtered or a wrong
//!   host) is marked inexact, and the answer says to run the diagnosis to find out.
//! - With `--provider DOMAIN_OR_ADDRESS`, or a provider host named in the text
//!   (`smtp.qq.com`, `service.mail.qq.com`), a generic refusal gets the provider's usual cause
//!   ([`auth::likely`]) and the provider database's hints.
//! - `maildoctor explain CODE` shows the help page of a finding code; `--help-pages DIR`
//!   writes every help page as Markdown (`DIR/<lang>/<code>.md`, see [`write_help_pages`]).
//!
//! Nothing here touches the network: no resolver, no connector, no Context — only the text
//! and the built-in provider database (plus `--providers DIR`).

use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use crate::probe::auth::normalise;

use crate::analyze::{codes, login_code};
use crate::error::Error;
use crate::exit;
use crate::i18n::Lang;
use crate::model::{Actor, FailureKind, Protocol};
use crate::probe::auth;
use crate::provider::{Provider, ProviderDb};
use crate::tr;

/// Longest text looked at (bytes); the rest of a longer paste is ignored.
pub const MAX_TEXT: usize = 16 * 1024;

/// What the recognised piece of text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// A mail client's error number (Outlook `0x800CCC0E`).
    ClientCode,
    /// A mail client's own message (Thunderbird, Apple Mail).
    ClientMessage,
    /// What a server said (SMTP/IMAP/POP3 reply, with or without status code).
    ServerReply,
}

/// One recognised piece of the text and the finding it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// The finding code (from [`codes::ALL`]).
    pub code: &'static str,
    /// What was recognised.
    pub source: Source,
    /// The mail client (client codes and messages).
    pub client: Option<&'static str>,
    /// The client's error number as `0x800CCC0E`.
    pub number: Option<String>,
    /// The protocol of a server reply, or the one a client code is about.
    pub protocol: Option<Protocol>,
    /// The recognised text: the server reply, or the client's error number or message.
    pub text: String,
    /// Message id of what the client means by it (client codes and messages).
    pub meaning: Option<&'static str>,
    /// False when the text fits several causes and only a diagnosis can tell which.
    pub exact: bool,
    /// The login failure kind, for the provider's usual cause ([`auth::likely`]).
    pub kind: Option<FailureKind>,
}

/// How a [`ClientEntry`] is found in the text.
#[derive(Debug, Clone, Copy)]
enum Key {
    /// An error number (HRESULT), written `0x…` in the text.
    Number(u32),
    /// Fragments that must all occur, compared lower case with punctuation folded.
    Phrase(&'static [&'static str]),
}

/// A mail client's error number or message and the finding it maps to.
#[derive(Debug, Clone, Copy)]
struct ClientEntry {
    client: &'static str,
    key: Key,
    /// Message id (explain.ftl) of what the client means.
    meaning: &'static str,
    code: &'static str,
    protocol: Option<Protocol>,
    /// The client's text names one cause (true) or fits several (false).
    exact: bool,
}

const fn number(
    n: u32,
    meaning: &'static str,
    code: &'static str,
    protocol: Option<Protocol>,
) -> ClientEntry {
    ClientEntry {
        client: "Outlook",
        key: Key::Number(n),
        meaning,
        code,
        protocol,
        exact: false,
    }
}

const fn phrase(
    client: &'static str,
    fragments: &'static [&'static str],
    meaning: &'static str,
    code: &'static str,
    exact: bool,
) -> ClientEntry {
    ClientEntry {
        client,
        key: Key::Phrase(fragments),
        meaning,
        code,
        protocol: None,
        exact,
    }
}

/// Mail clients' error numbers and messages. Sources:
///
/// - Outlook and Outlook Express (also Windows Live Mail) `0x800CCCxx`: the `IXP_E_*`
///   constants of the Windows SDK header `imnxport.h` (`IXP_E_FAILED_TO_CONNECT =
///   HR_E(0xCC0E)` …, `IXP_E_SMTP_421_NOT_AVAILABLE = HR_E(0xCC67)`), with Microsoft's short
///   descriptions as listed at <http://tthosting.dk/MSOutlookErrorCodes.htm> (general and
///   Winsock errors) and <http://pc-error-free.com/blog/?p=20> (POP3 errors `0x800CCC90`–`97`).
///   The meanings below paraphrase those descriptions.
/// - Outlook `0x8004210x`: the dialog texts "Outlook cannot connect to your outgoing (SMTP)
///   e-mail server" (`0x80042109`, quoted at
///   <https://bobcares.com/blog/outlook-cannot-connect-to-smtp-server-error/>), "The operation
///   timed out waiting for a response from the sending (SMTP) server" (`0x8004210B`, quoted
///   verbatim in Microsoft Learn's Outlook troubleshooting article on deleting nonexistent
///   messages and at <http://www.theemailadmin.com/2009/11/troubleshooting-error-code-0x8004210b/>);
///   `0x80042108` "Outlook is unable to connect to your incoming (POP) e-mail server" and
///   `0x8004210A` "The operation timed out waiting for a response from the receiving (POP)
///   server" as quoted in public tables of Outlook error codes (e.g.
///   <https://irohastack.com/?p=4177> for `0x80042108`); meanings paraphrased.
/// - Thunderbird: the en-US strings of `messenger.properties` in comm-central
///   (`mail/locales/en-US/chrome/messenger/messenger.properties`): `unknownHostError=Failed
///   to connect to server %S.`, `connectionRefusedError=Could not connect to server %S; the
///   connection was refused.`, `netTimeoutError=Connection to server %S timed out.`,
///   `netResetError=Connection to server %S was reset.`, `netInterruptError=Connection to
///   server %S was interrupted.`, `mailServerLoginFailed2=Login to server %1$S with username
///   %2$S failed.`; "Mail server %S is not an IMAP4 server" from
///   <http://kb.mozillazine.org/Not_an_IMAP4_server>.
/// - Apple Mail (macOS, iOS): "Cannot Get Mail" with "The user name or password for … is
///   incorrect." and "The connection to the server failed." — paraphrased from how users and
///   helpdesks quote the alerts (e.g.
///   <https://gist.github.com/haleybennett/ef23f24d4739828df5aab02850a4ef7a> for "Cannot Get
///   Mail"); not checked against Apple's own strings, so only the distinctive fragments are
///   matched.
///
/// No Foxmail message is listed: no public source quoting Foxmail's own error texts was
/// found; Foxmail shows the server's reply, which the login classifier reads.
const CLIENT: &[ClientEntry] = &[
    // IXP_E_BUSY "Server or maildrop is busy."
    number(
        0x800C_CC0B,
        "explain-meaning-busy",
        "auth.temporary",
        Some(Protocol::Pop3),
    ),
    // IXP_E_CANT_FIND_HOST "Cannot locate server."
    number(
        0x800C_CC0D,
        "explain-meaning-cant-find-host",
        "dns.host_not_found",
        None,
    ),
    // IXP_E_FAILED_TO_CONNECT "Cannot connect to server."
    number(
        0x800C_CC0E,
        "explain-meaning-failed-to-connect",
        "net.refused",
        None,
    ),
    // IXP_E_CONNECTION_DROPPED "Connection closed."
    number(
        0x800C_CC0F,
        "explain-meaning-connection-dropped",
        "net.closed",
        None,
    ),
    // IXP_E_SOCKET_WRITE_ERROR "Unable to read Winsock reply."
    number(
        0x800C_CC13,
        "explain-meaning-socket-error",
        "net.unreachable",
        None,
    ),
    // IXP_E_SOCKET_CONNECT_ERROR "Unable to open Windows Socket."
    number(
        0x800C_CC15,
        "explain-meaning-socket-error",
        "net.unreachable",
        None,
    ),
    // IXP_E_SICILY_LOGON_FAILED "Logon attempt failed."
    number(
        0x800C_CC18,
        "explain-meaning-logon-failed",
        "auth.rejected",
        None,
    ),
    // IXP_E_TIMEOUT "A time-out occurred while communicating with the server."
    number(0x800C_CC19, "explain-meaning-timeout", "net.no_reply", None),
    // IXP_E_SECURE_CONNECT_FAILED "Unable to connect using SSL."
    number(
        0x800C_CC1A,
        "explain-meaning-secure-connect-failed",
        "tls.mode_mismatch",
        None,
    ),
    // IXP_E_SMTP_421_NOT_AVAILABLE: the outgoing server answered 421.
    number(
        0x800C_CC67,
        "explain-meaning-smtp-421",
        "net.closed",
        Some(Protocol::Smtp),
    ),
    // IXP_E_POP3_RESPONSE_ERROR "Client response invalid" (the server answered -ERR).
    number(
        0x800C_CC90,
        "explain-meaning-pop3-error",
        "auth.rejected",
        Some(Protocol::Pop3),
    ),
    // IXP_E_POP3_INVALID_USER_NAME "Invalid user name or user not found."
    number(
        0x800C_CC91,
        "explain-meaning-pop3-user",
        "auth.rejected",
        Some(Protocol::Pop3),
    ),
    // IXP_E_POP3_INVALID_PASSWORD "Password not valid for account."
    number(
        0x800C_CC92,
        "explain-meaning-pop3-password",
        "auth.rejected",
        Some(Protocol::Pop3),
    ),
    // "Outlook is unable to connect to your incoming (POP) e-mail server."
    number(
        0x8004_2108,
        "explain-meaning-incoming-connect",
        "net.refused",
        Some(Protocol::Pop3),
    ),
    // "Outlook cannot connect to your outgoing (SMTP) e-mail server."
    number(
        0x8004_2109,
        "explain-meaning-outgoing-connect",
        "net.refused",
        Some(Protocol::Smtp),
    ),
    // "The operation timed out waiting for a response from the receiving (POP) server."
    number(
        0x8004_210A,
        "explain-meaning-incoming-timeout",
        "net.no_reply",
        Some(Protocol::Pop3),
    ),
    // "The operation timed out waiting for a response from the sending (SMTP) server."
    number(
        0x8004_210B,
        "explain-meaning-outgoing-timeout",
        "net.no_reply",
        Some(Protocol::Smtp),
    ),
    // Thunderbird connectionRefusedError.
    phrase(
        "Thunderbird",
        &["could not connect to", "the connection was refused"],
        "explain-meaning-tb-refused",
        "net.refused",
        true,
    ),
    // Thunderbird netTimeoutError.
    phrase(
        "Thunderbird",
        &["connection to server", "timed out"],
        "explain-meaning-tb-timeout",
        "net.timeout",
        false,
    ),
    // Thunderbird netResetError.
    phrase(
        "Thunderbird",
        &["connection to server", "was reset"],
        "explain-meaning-tb-reset",
        "net.closed",
        false,
    ),
    // Thunderbird netInterruptError.
    phrase(
        "Thunderbird",
        &["connection to server", "was interrupted"],
        "explain-meaning-tb-reset",
        "net.closed",
        false,
    ),
    // Thunderbird unknownHostError (shown when the server name does not resolve).
    phrase(
        "Thunderbird",
        &["failed to connect to server"],
        "explain-meaning-tb-unknown-host",
        "dns.host_not_found",
        false,
    ),
    // Thunderbird mailServerLoginFailed2.
    phrase(
        "Thunderbird",
        &["login to server", "with username", "failed"],
        "explain-meaning-tb-login-failed",
        "auth.rejected",
        false,
    ),
    // Thunderbird, kb.mozillazine.org/Not_an_IMAP4_server.
    phrase(
        "Thunderbird",
        &["is not an imap4 server"],
        "explain-meaning-tb-not-imap4",
        "protocol.mismatch",
        false,
    ),
    // Apple Mail (paraphrased, see above).
    phrase(
        "Apple Mail",
        &["user name or password for", "is incorrect"],
        "explain-meaning-apple-password",
        "auth.rejected",
        false,
    ),
    phrase(
        "Apple Mail",
        &["connection to the server failed"],
        "explain-meaning-apple-connection",
        "net.refused",
        false,
    ),
];

/// Error numbers in the text: `0x` (or the `0×` some web pages print) and eight hex digits,
/// or eight hex digits alone starting with `800`.
fn numbers(text: &str) -> Vec<(u32, String)> {
    let mut out: Vec<(u32, String)> = Vec::new();
    let words = text.split(|c: char| !c.is_ascii_alphanumeric() && c != '×');
    for w in words.take(4096) {
        let hex = w
            .strip_prefix("0x")
            .or_else(|| w.strip_prefix("0X"))
            .or_else(|| w.strip_prefix("0×"))
            .or_else(|| w.get(..3).filter(|p| *p == "800").map(|_| w));
        let Some(hex) = hex.filter(|h| h.len() == 8) else {
            continue;
        };
        if let Ok(n) = u32::from_str_radix(hex, 16)
            && !out.iter().any(|(m, _)| *m == n)
        {
            out.push((n, format!("0x{n:08X}")));
        }
    }
    out
}

/// Where a reply quoted by a client starts: "The server responded: 535 …".
const QUOTE_MARKERS: &[&str] = &[
    "the server responded:",
    "server responded:",
    "the server responded",
    "the mail server responded:",
    "server said:",
    "the server said",
];

/// True when `t` is shaped like a refusal: an SMTP 4xx/5xx code, POP3 `-ERR`, or an IMAP
/// (tagged or untagged) `NO`/`BAD`.
fn reply_shaped(t: &str) -> bool {
    let t = t.trim_start();
    let b = t.as_bytes();
    if b.len() >= 3
        && matches!(b[0], b'4' | b'5')
        && b[1..3].iter().all(u8::is_ascii_digit)
        && b.get(3).is_none_or(|c| matches!(c, b' ' | b'-'))
    {
        return true;
    }
    if t.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("-ERR")) {
        return true;
    }
    let mut words = t.split_ascii_whitespace();
    let first = words.next().unwrap_or_default();
    let no_bad = |w: &str| w.eq_ignore_ascii_case("NO") || w.eq_ignore_ascii_case("BAD");
    no_bad(first) || words.next().is_some_and(no_bad) && first.len() <= 12
}

/// One server reply found in a text.
struct Reply {
    /// The reply with the lines before it (IMAP untagged `* …` responses) and after it.
    text: String,
    /// From the refusal line on (where an SMTP code must be for the classifier to read it).
    from_code: String,
    /// The protocol the refusal line's shape says.
    protocol: Option<Protocol>,
}

/// The server replies in `text`: one quoted after a marker, else each line shaped like a
/// refusal (with the lines around it), else the whole text when the classifier's phrases
/// say something about it.
fn replies(text: &str, client_found: bool) -> Vec<Reply> {
    let whole = |t: &str| Reply {
        text: t.to_owned(),
        from_code: t.to_owned(),
        protocol: reply_shaped(t).then(|| auth::protocol_of_reply(t)),
    };
    let lower = text.to_ascii_lowercase();
    for m in QUOTE_MARKERS {
        if let Some(at) = lower.find(m) {
            let rest = text[at + m.len()..]
                .trim_matches(|c: char| c.is_whitespace() || "'\"“”‘’:：".contains(c));
            if !rest.is_empty() {
                return vec![whole(rest)];
            }
        }
    }
    // Lines before the first refusal (IMAP untagged `* …` responses) belong to it; lines
    // after a refusal continue it.
    let mut out: Vec<Reply> = Vec::new();
    let mut before = String::new();
    for line in text.lines() {
        let l = line.trim();
        if l.is_empty() {
            continue;
        }
        if reply_shaped(l) {
            let mut full = std::mem::take(&mut before);
            if !full.is_empty() {
                full.push('\n');
            }
            full.push_str(l);
            out.push(Reply {
                text: full,
                from_code: l.to_owned(),
                protocol: Some(auth::protocol_of_reply(l)),
            });
        } else if let Some(last) = out.last_mut() {
            for t in [&mut last.text, &mut last.from_code] {
                t.push('\n');
                t.push_str(l);
            }
        } else {
            if !before.is_empty() {
                before.push('\n');
            }
            before.push_str(l);
        }
    }
    if out.is_empty() && !client_found && auth::says_something(text) {
        out.push(whole(text.trim()));
    }
    out
}

/// Everything recognised in `text`, most specific first: server replies, then client error
/// numbers, then client messages. Empty when nothing is recognised.
pub fn recognise(text: &str) -> Vec<Match> {
    let text = cap(text);
    // The login classifier's own folding, so both compare the same way.
    let folded = normalise(text);
    let mut client: Vec<Match> = Vec::new();
    for (n, shown) in numbers(text) {
        for e in CLIENT {
            if matches!(e.key, Key::Number(m) if m == n) {
                client.push(client_match(e, shown.clone()));
            }
        }
    }
    for e in CLIENT {
        if let Key::Phrase(parts) = e.key
            && parts.iter().all(|p| folded.contains(normalise(p).as_str()))
            && !client.iter().any(|m| m.meaning == Some(e.meaning))
        {
            client.push(client_match(e, text.trim().to_owned()));
        }
    }
    let mut out: Vec<Match> = Vec::new();
    for reply in replies(text, !client.is_empty()) {
        let protocol = reply
            .protocol
            .or_else(|| client.iter().find_map(|m| m.protocol))
            .unwrap_or_else(|| auth::protocol_of_reply(&reply.text));
        // The whole reply for its words; from the refusal line on for its status code.
        let kind = match auth::classify(protocol, &reply.text) {
            FailureKind::AuthRejected => auth::classify(protocol, &reply.from_code),
            k => k,
        };
        out.push(Match {
            code: login_code(&kind),
            source: Source::ServerReply,
            client: None,
            number: None,
            protocol: Some(protocol),
            text: reply.text,
            meaning: None,
            exact: !matches!(kind, FailureKind::AuthRejected),
            kind: Some(kind),
        });
    }
    // A server reply that says more replaces the client's generic "login refused".
    let reply_says_more = out.iter().any(|m| m.code.starts_with("auth."));
    for m in client {
        if reply_says_more && m.code == "auth.rejected" {
            continue;
        }
        if !out.iter().any(|o| o.code == m.code && o.source == m.source) {
            out.push(m);
        }
    }
    out
}

fn client_match(e: &ClientEntry, text: String) -> Match {
    let (number, text) = match e.key {
        Key::Number(_) => (Some(text.clone()), text),
        Key::Phrase(_) => (None, text),
    };
    Match {
        code: e.code,
        source: if number.is_some() {
            Source::ClientCode
        } else {
            Source::ClientMessage
        },
        client: Some(e.client),
        number,
        protocol: e.protocol,
        text,
        meaning: Some(e.meaning),
        exact: e.exact,
        kind: (e.code == "auth.rejected").then_some(FailureKind::AuthRejected),
    }
}

fn cap(text: &str) -> &str {
    if text.len() <= MAX_TEXT {
        return text;
    }
    let mut end = MAX_TEXT;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The provider a text names: a domain or host of the provider database (`smtp.qq.com`,
/// `alice@163.com`, `service.mail.qq.com`), by its domain or a parent domain, or by MX host.
pub fn provider_in<'a>(db: &'a ProviderDb, text: &str) -> Option<&'a Provider> {
    let text = cap(text);
    let tokens = text
        .split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '@')))
        .filter(|t| t.contains('.'))
        .take(256);
    for t in tokens {
        let host = t.rsplit('@').next().unwrap_or(t).trim_matches('.');
        if let Some(p) = provider_of(db, host) {
            return Some(p);
        }
    }
    None
}

/// The provider of a domain, address or host name.
pub fn provider_of<'a>(db: &'a ProviderDb, input: &str) -> Option<&'a Provider> {
    let host = input.rsplit('@').next().unwrap_or(input).trim_matches('.');
    let mut d = host;
    loop {
        if let Some(p) = db.by_domain(d) {
            return Some(p);
        }
        match d.split_once('.') {
            Some((_, rest)) if rest.contains('.') => d = rest,
            _ => break,
        }
    }
    db.by_mx_host(host)
}

// ---------------------------------------------------------------------------------------
// Help pages
// ---------------------------------------------------------------------------------------

/// The parts of a help page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// One-line title.
    Title,
    /// What the finding means.
    Means,
    /// The usual causes.
    Causes,
    /// What to do.
    Fix,
}

impl Part {
    /// Every part, in page order.
    pub const ALL: [Self; 4] = [Self::Title, Self::Means, Self::Causes, Self::Fix];

    fn suffix(self) -> &'static str {
        match self {
            Self::Title => "title",
            Self::Means => "means",
            Self::Causes => "causes",
            Self::Fix => "fix",
        }
    }
}

/// The catalog message id of a part of a code's help page: `auth.app_password_required` →
/// `help-auth-app_password_required-title`.
pub fn help_id(code: &str, part: Part) -> String {
    format!("help-{}-{}", code.replace('.', "-"), part.suffix())
}

/// A part of a code's help page in `lang`.
pub fn help_text(code: &str, part: Part, lang: Lang) -> String {
    lang.message(&help_id(code, part), None)
}

/// Who must act, as people say it.
pub fn actor_text(a: Actor, lang: Lang) -> String {
    tr!(lang, "help-actor", actor = a.as_str())
}

/// The help page of `code` as Markdown (also what `maildoctor explain CODE` prints).
pub fn help_page(code: &str, lang: Lang) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# {code}: {}\n", help_text(code, Part::Title, lang));
    for (heading, part) in [
        ("help-heading-means", Part::Means),
        ("help-heading-causes", Part::Causes),
        ("help-heading-fix", Part::Fix),
    ] {
        let _ = writeln!(
            s,
            "## {}\n\n{}\n",
            lang.message(heading, None),
            help_text(code, part, lang)
        );
    }
    let _ = writeln!(
        s,
        "## {}\n\n{}\n\n---\n\n{}",
        tr!(lang, "help-heading-actor"),
        actor_text(codes::usual_actor(code), lang),
        tr!(lang, "help-page-footer", code = code)
    );
    s
}

/// The index page of one language's help pages.
fn help_index(lang: Lang) -> String {
    let mut s = format!("# {}\n\n", tr!(lang, "explain-help-index-title"));
    for code in codes::ALL {
        let _ = writeln!(
            s,
            "- [`{code}`]({code}.md): {}",
            help_text(code, Part::Title, lang)
        );
    }
    s
}

/// Every help page: `(path relative to the output directory, Markdown)`, e.g.
/// `("zh-TW/auth.failed.md", …)`, plus one `index.md` per language.
pub fn help_pages() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for lang in Lang::ALL {
        out.push((format!("{lang}/index.md"), help_index(lang)));
        for code in codes::ALL {
            out.push((format!("{lang}/{code}.md"), help_page(code, lang)));
        }
    }
    out
}

/// Writes [`help_pages`] under `dir` (`dir/<lang>/<code>.md`).
pub fn write_help_pages(dir: &Path) -> Result<usize, Error> {
    let pages = help_pages();
    for (rel, text) in &pages {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(Error::Output)?;
        }
        std::fs::write(&path, text).map_err(Error::Output)?;
    }
    Ok(pages.len())
}

/// The collapsed help block under a finding of the HTML report: the code's title and what
/// to do, from the same catalog messages as the help pages, with the stable anchor
/// `help-<code>` (dots kept) when `anchor` (the first finding with this code).
pub fn help_details_html(code: &str, lang: Lang, anchor: bool) -> String {
    use crate::report::html::h;
    if !codes::ALL.contains(&code) {
        return String::new();
    }
    let id = if anchor {
        format!(" id=\"help-{}\"", h(code))
    } else {
        String::new()
    };
    format!(
        "<details class=\"help\"{id}><summary>{}</summary>\n<p><strong>{}</strong></p>\n<p>{}</p>\n<p>{}</p>\n<p><strong>{}</strong> {}</p>\n</details>\n",
        h(&tr!(lang, "help-more")),
        h(&help_text(code, Part::Title, lang)),
        h(&help_text(code, Part::Means, lang)),
        h(&help_text(code, Part::Causes, lang)),
        h(&tr!(lang, "help-heading-fix")),
        h(&help_text(code, Part::Fix, lang)),
    )
}

/// The Markdown report's pointer to a finding's help: `- **More information**: `maildoctor
/// explain CODE``, in `lang`.
pub fn help_md_line(code: &str, lang: Lang) -> String {
    tr!(
        lang,
        "explain-md-more",
        label = tr!(lang, "help-more"),
        code = code
    )
}

// ---------------------------------------------------------------------------------------
// The command
// ---------------------------------------------------------------------------------------

/// One finding of `explain --json` (pinned by `schema/explain.schema.json`).
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct JsonFinding<'a> {
    /// The finding code (the same codes as a diagnosis).
    pub code: &'static str,
    /// Who usually must act.
    pub actor: Actor,
    /// What was recognised.
    pub source: Source,
    /// The mail client of a client code or message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client: Option<&'static str>,
    /// The client's error number, e.g. `0x800CCC0E`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_code: Option<&'a str>,
    /// The protocol of a server reply or client code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protocol: Option<Protocol>,
    /// The recognised text (escaped as in every output).
    pub text: &'a str,
    /// False when the text fits several causes: `code` is only the closest one.
    pub exact: bool,
    /// What the client means by its code or message, in the language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_meaning: Option<String>,
    /// The code's help page: title.
    pub title: String,
    /// The code's help page: what it means.
    pub meaning: String,
    /// The code's help page: usual causes.
    pub causes: String,
    /// The code's help page: what to do.
    pub fix: String,
    /// Who must act, in words.
    pub actor_text: String,
    /// The provider's usual cause for a generic refusal, when the provider is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub likely_code: Option<&'static str>,
    /// The fix for `likely_code`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub likely_fix: Option<String>,
}

/// The document `maildoctor explain --json` writes (pinned by `schema/explain.schema.json`).
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct JsonDoc<'a> {
    /// The pasted text.
    pub input: &'a str,
    /// The language of the texts (`en`, `zh-CN`, `zh-TW`).
    pub lang: &'static str,
    /// False when nothing in the text was recognised (exit status 1).
    pub recognised: bool,
    /// The provider named by `--provider` or by a host in the text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider: Option<&'a str>,
    /// One entry per recognised piece of the text.
    pub findings: Vec<JsonFinding<'a>>,
    /// What to do next when the text is not conclusive.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub advice: Option<String>,
}

/// The document `maildoctor explain --json CODE` writes: the code's help page (pinned by
/// `schema/help.schema.json`).
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct HelpDoc {
    /// The finding code.
    pub code: &'static str,
    /// The language of the texts (`en`, `zh-CN`, `zh-TW`).
    pub lang: &'static str,
    /// Who usually must act.
    pub actor: Actor,
    /// One-line title.
    pub title: String,
    /// What the finding means.
    pub meaning: String,
    /// The usual causes.
    pub causes: String,
    /// What to do.
    pub fix: String,
}

/// What `maildoctor explain` was asked.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The pasted text (the arguments joined by spaces), or one finding code.
    pub text: String,
    /// `--json`.
    pub json: bool,
    /// `--provider DOMAIN_OR_ADDRESS`.
    pub provider: Option<String>,
    /// `--help-pages DIR`.
    pub help_pages: Option<std::path::PathBuf>,
}

/// Runs `maildoctor explain`: the bytes for stdout and the exit status (0 recognised, 1
/// not recognised).
pub fn run(
    req: &Request,
    providers_dir: Option<&Path>,
    lang: Lang,
) -> Result<(Vec<u8>, u8), Error> {
    if let Some(dir) = &req.help_pages {
        let n = write_help_pages(dir)?;
        let msg = tr!(
            lang,
            "explain-help-pages-written",
            count = n,
            dir = dir.display().to_string()
        );
        return Ok((format!("{msg}\n").into_bytes(), exit::OK));
    }
    let input = cap(req.text.trim());
    if let Some(&code) = codes::ALL.iter().find(|c| **c == input) {
        if req.json {
            let doc = HelpDoc {
                code,
                lang: lang.as_str(),
                actor: codes::usual_actor(code),
                title: help_text(code, Part::Title, lang),
                meaning: help_text(code, Part::Means, lang),
                causes: help_text(code, Part::Causes, lang),
                fix: help_text(code, Part::Fix, lang),
            };
            return Ok((json_bytes(&doc)?, exit::OK));
        }
        return Ok((help_page(code, lang).into_bytes(), exit::OK));
    }
    let db = ProviderDb::load(providers_dir)?;
    let provider = match &req.provider {
        Some(p) => provider_of(&db, p),
        None => provider_in(&db, input),
    };
    let matches = recognise(input);
    let code = if matches.is_empty() {
        exit::PROBLEMS
    } else {
        exit::OK
    };
    let out = if req.json {
        json_bytes(&json_doc(input, &matches, provider, lang))?
    } else {
        text(&matches, provider, lang).into_bytes()
    };
    Ok((out, code))
}

fn json_bytes(v: &impl Serialize) -> Result<Vec<u8>, Error> {
    let mut s = serde_json::to_string_pretty(v).map_err(|e| Error::Output(e.into()))?;
    s.push('\n');
    Ok(s.into_bytes())
}

/// The provider's usual cause of a generic refusal, when it differs.
fn likely_of(m: &Match, provider: Option<&Provider>) -> Option<&'static str> {
    let p = provider?;
    let kind = m.kind.as_ref()?;
    let likely = auth::likely(&p.id, m.protocol.unwrap_or(Protocol::Smtp), kind)?;
    Some(login_code(&likely))
}

fn provider_name(p: &Provider, lang: Lang) -> &str {
    match (&p.display_name_zh, lang.is_zh()) {
        (Some(zh), true) => zh,
        _ => &p.display_name,
    }
}

fn client_meaning(m: &Match, lang: Lang) -> Option<String> {
    m.meaning.map(|id| lang.message(id, None))
}

fn json_doc<'a>(
    input: &'a str,
    matches: &'a [Match],
    provider: Option<&'a Provider>,
    lang: Lang,
) -> JsonDoc<'a> {
    let findings = matches
        .iter()
        .map(|m| {
            let likely = likely_of(m, provider);
            let a = codes::usual_actor(m.code);
            JsonFinding {
                code: m.code,
                actor: a,
                source: m.source,
                client: m.client,
                client_code: m.number.as_deref(),
                protocol: m.protocol,
                text: &m.text,
                exact: m.exact,
                client_meaning: client_meaning(m, lang),
                title: help_text(m.code, Part::Title, lang),
                meaning: help_text(m.code, Part::Means, lang),
                causes: help_text(m.code, Part::Causes, lang),
                fix: help_text(m.code, Part::Fix, lang),
                actor_text: actor_text(a, lang),
                likely_code: likely,
                likely_fix: likely.map(|c| help_text(c, Part::Fix, lang)),
            }
        })
        .collect::<Vec<_>>();
    let advice = if matches.is_empty() {
        Some(tr!(lang, "explain-unknown"))
    } else if matches.iter().any(|m| !m.exact) {
        Some(tr!(lang, "explain-not-exact"))
    } else {
        None
    };
    JsonDoc {
        input,
        lang: lang.as_str(),
        recognised: !matches.is_empty(),
        provider: provider.map(|p| p.id.as_str()),
        findings,
        advice,
    }
}

/// The answer for people.
fn text(matches: &[Match], provider: Option<&Provider>, lang: Lang) -> String {
    let esc = crate::report::escape_text;
    let mut s = String::new();
    if matches.is_empty() {
        let _ = writeln!(s, "{}", tr!(lang, "explain-unknown"));
        return s;
    }
    for (i, m) in matches.iter().enumerate() {
        if i > 0 {
            s.push('\n');
        }
        let title = help_text(m.code, Part::Title, lang);
        if !m.exact && m.source != Source::ServerReply {
            // A client text that fits several causes: the code is the closest one, not a
            // fact the text proves.
            let _ = writeln!(
                s,
                "{}",
                tr!(
                    lang,
                    "explain-heading-inexact",
                    code = m.code,
                    title = title
                )
            );
        } else {
            let _ = writeln!(s, "{}: {title}", m.code);
        }
        let recognised = match m.source {
            Source::ServerReply => tr!(
                lang,
                "explain-recognised-reply",
                protocol = m.protocol.map_or("", Protocol::display_name),
                reply = esc(&m.text)
            ),
            Source::ClientCode => tr!(
                lang,
                "explain-recognised-client-code",
                client = m.client.unwrap_or_default(),
                number = m.number.clone().unwrap_or_default(),
                meaning = client_meaning(m, lang).unwrap_or_default()
            ),
            Source::ClientMessage => tr!(
                lang,
                "explain-recognised-client-message",
                client = m.client.unwrap_or_default(),
                meaning = client_meaning(m, lang).unwrap_or_default()
            ),
        };
        let _ = writeln!(s, "  {recognised}");
        for (heading, part) in [
            ("help-heading-means", Part::Means),
            ("help-heading-causes", Part::Causes),
            ("help-heading-fix", Part::Fix),
        ] {
            // A client text that fits several causes: its own meaning (above) is all it
            // proves, not the code's ("nothing listens on the port").
            if part == Part::Means && !m.exact && m.source != Source::ServerReply {
                continue;
            }
            let _ = writeln!(
                s,
                "  {}{}",
                tr!(lang, "explain-label", label = lang.message(heading, None)),
                help_text(m.code, part, lang)
            );
        }
        let _ = writeln!(
            s,
            "  {}{}",
            tr!(
                lang,
                "explain-label",
                label = tr!(lang, "help-heading-actor")
            ),
            actor_text(codes::usual_actor(m.code), lang)
        );
        if let Some(p) = provider
            && let Some(likely) = likely_of(m, provider)
        {
            let _ = writeln!(
                s,
                "  {}",
                tr!(
                    lang,
                    "explain-provider-likely",
                    provider = provider_name(p, lang).to_owned(),
                    code = likely,
                    title = help_text(likely, Part::Title, lang),
                    fix = help_text(likely, Part::Fix, lang)
                )
            );
        }
        if let Some(p) = provider
            && m.code.starts_with("auth.")
            && !p.hints.is_empty()
        {
            let _ = writeln!(
                s,
                "  {}",
                tr!(
                    lang,
                    "explain-provider-hints",
                    provider = provider_name(p, lang).to_owned()
                )
            );
            for hint in &p.hints {
                let t = match (&hint.text_zh, lang.is_zh()) {
                    (Some(zh), true) => zh.as_str(),
                    _ => hint.text.as_str(),
                };
                let _ = writeln!(s, "    - {}", esc(t));
            }
        }
    }
    if matches.iter().any(|m| !m.exact) {
        let _ = writeln!(s, "\n{}", tr!(lang, "explain-not-exact"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes_of(text: &str) -> Vec<&'static str> {
        recognise(text).iter().map(|m| m.code).collect()
    }

    #[test]
    fn outlook_numbers_in_every_spelling() {
        assert_eq!(codes_of("0x800CCC0E"), ["net.refused"]);
        assert_eq!(codes_of("error 0x800ccc0f"), ["net.closed"]);
        assert_eq!(codes_of("Error Number: 0×800CCC1A"), ["tls.mode_mismatch"]);
        assert_eq!(codes_of("800CCC92"), ["auth.rejected"]);
        assert!(codes_of("0x12345678").is_empty());
        assert!(codes_of("0x800CCC0").is_empty());
    }

    #[test]
    fn a_quoted_server_reply_says_more_than_the_client_code() {
        let t = "Task 'pop.qq.com - Receiving' reported error (0x800CCC92) : 'Your e-mail server rejected your login. The server responded: -ERR 请使用授权码登录'";
        let m = recognise(t);
        assert_eq!(m[0].code, "auth.app_password_required");
        assert_eq!(m[0].source, Source::ServerReply);
        assert_eq!(m[0].text, "-ERR 请使用授权码登录");
        assert!(!m.iter().any(|x| x.code == "auth.rejected"));
    }

    #[test]
    fn replies_with_and_without_status_codes() {
        assert_eq!(
            codes_of("535 5.7.8 Username and Password not accepted"),
            ["auth.failed"]
        );
        assert_eq!(
            codes_of("a1 NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)"),
            ["auth.failed"]
        );
        assert_eq!(
            codes_of("ERR 请使用授权码登录"),
            ["auth.app_password_required"]
        );
        assert_eq!(
            codes_of("535 Error: authentication failed"),
            ["auth.rejected"]
        );
        assert!(codes_of("hello world").is_empty());
        assert!(codes_of("").is_empty());
    }

    #[test]
    fn provider_named_in_the_text_or_given() {
        let db = ProviderDb::builtin().unwrap();
        assert_eq!(
            provider_in(&db, "Login to server imap.qq.com with username x failed")
                .map(|p| p.id.as_str()),
            Some("qq.com")
        );
        assert_eq!(
            provider_of(&db, "alice@163.com").map(|p| p.id.as_str()),
            Some("163.com")
        );
        assert!(provider_in(&db, "535 Error").is_none());
    }

    #[test]
    fn every_client_meaning_and_code_exists() {
        for e in CLIENT {
            assert!(codes::ALL.contains(&e.code), "{}", e.code);
            for lang in Lang::ALL {
                assert!(lang.has_message(e.meaning), "{} {lang}", e.meaning);
            }
        }
    }

    #[test]
    fn every_code_has_a_help_page_in_every_language() {
        for code in codes::ALL {
            for lang in Lang::ALL {
                for part in Part::ALL {
                    let id = help_id(code, part);
                    assert!(lang.has_message(&id), "{id} missing in {lang}");
                }
            }
        }
    }

    #[test]
    fn help_pages_are_in_their_language() {
        let en = help_page("auth.app_password_required", Lang::En);
        assert!(en.contains("What to do"), "{en}");
        let cn = help_page("auth.app_password_required", Lang::ZhCn);
        assert!(cn.contains("应用专用密码") && cn.contains("怎么办"), "{cn}");
        let tw = help_page("net.refused", Lang::ZhTw);
        assert!(tw.contains("連接埠") && tw.contains("伺服器"), "{tw}");
    }

    #[test]
    fn html_help_block_is_escaped_and_anchored() {
        let b = help_details_html("tls.expired", Lang::En, true);
        assert!(
            b.starts_with("<details class=\"help\" id=\"help-tls.expired\">"),
            "{b}"
        );
        assert!(b.contains("More information"));
        assert!(!help_details_html("tls.expired", Lang::ZhTw, false).contains(" id="));
        assert!(help_details_html("not.a_code", Lang::En, true).is_empty());
        assert_eq!(
            help_md_line("auth.failed", Lang::ZhTw),
            "- **更多資訊**：`maildoctor explain auth.failed`"
        );
    }
}
