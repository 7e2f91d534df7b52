//! The view for people: the verdict first, the account and provider, the settings card
//! (the recommended incoming and outgoing first, then alternatives; what goes in the
//! password field), what the user typed, and the findings (severity, code, who must act,
//! where, cause, fix). With `--verbose` also the probe matrix, the dialogue transcripts and
//! the sources tried; without it one summary line replaces them.
//!
//! Layout: tables when the output is at least [`STACK_BELOW`] columns wide and a table fits;
//! otherwise a stacked `key: value` layout, one block per setting, check, finding, probe or
//! source. Width: `RenderOptions::width`, else `COLUMNS`, else the terminal's width when
//! stdout is a terminal, else [`FIXED_WIDTH`].
//!
//! Line breaking is done here, never by comfy-table (its arrangement is disabled): text is
//! broken at spaces, and Chinese between characters (never before "，。）" nor after "（");
//! a run of non-space Latin characters — a host name, an IP address, a URL, a date, an
//! e-mail address, a command-line flag such as `--ca-file` — is never split, at any width.
//! A run longer than the space it has overflows (or makes the section stack) instead.
//!
//! Every label exists in English and Simplified Chinese ([`RenderOptions::lang`]); codes and
//! anything that came from a server or DNS are shown as they are, escaped. Colour (only the
//! verdict, severity, check and login marks) is on only when [`RenderOptions::color`] says so.

use std::collections::BTreeSet;
use std::io::Write;

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, Color, ContentArrangement, Table};
use textwrap::core::display_width;

use super::{RenderOptions, Report, escape};
use crate::analyze::{Check, LoginState, PasswordField, Setting, Verdict};
use crate::i18n::Lang;
use crate::model::{
    Actor, Endpoint, FailureKind, Finding, ProbeResult, Severity, SourceKind, SourceReport,
    SourceStatus, Step, StepStatus,
};
use crate::tr;

/// Width used when stdout is not a terminal and `COLUMNS` is not set.
pub const FIXED_WIDTH: u16 = 120;

/// Below this width every section uses the stacked `key: value` layout.
pub const STACK_BELOW: usize = 100;

/// From this width the settings card also shows which sources named each setting.
const WIDE: usize = 120;

/// Narrowest a wrapped table column (cause, fix, details) may get before the section
/// stacks instead.
const MIN_TEXT_COLUMN: usize = 20;

/// Steps in the order of the probe matrix columns.
const STEPS: [Step; 9] = [
    Step::Resolve,
    Step::Connect,
    Step::TlsHandshake,
    Step::Greeting,
    Step::Capabilities,
    Step::Starttls,
    Step::CapabilitiesAfterTls,
    Step::AuthMechs,
    Step::Login,
];

/// The output width: `COLUMNS` when set to a positive number, else the terminal's width
/// when stdout is a terminal, else [`FIXED_WIDTH`].
pub fn detect_width() -> usize {
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse::<u16>().ok())
        .filter(|w| *w > 0);
    usize::from(
        columns
            .or_else(|| Table::new().width())
            .unwrap_or(FIXED_WIDTH),
    )
}

// ---------------------------------------------------------------------------------------
// Line breaking
// ---------------------------------------------------------------------------------------

/// Characters that never start a line (closing punctuation).
const NO_BREAK_BEFORE: &str = "，。、；：？！）」』】〕》〉”’…—％·,.;:!?)]}%";
/// Characters that never end a line (opening punctuation).
const NO_BREAK_AFTER: &str = "（「『【〔《〈“‘";

/// Ideographs, kana, hangul and full-width forms: a line may break around each of them.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7AF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FFEF}'
        | '\u{20000}'..='\u{2FFFF}')
}

/// A piece of text no line break may fall inside.
#[derive(Debug)]
struct Piece {
    text: String,
    /// A space separates it from the piece before (dropped at a line break).
    space_before: bool,
}

/// Splits one line of text into unbreakable pieces: each run of non-space, non-CJK
/// characters is one piece (so host names, addresses, URLs, dates and flags stay whole),
/// each CJK character is one piece; closing punctuation sticks to what precedes it and
/// opening punctuation to what follows.
fn pieces(line: &str) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut cur = String::new();
    // A space comes before the current piece.
    let mut cur_space = false;
    // Whitespace was seen since the last piece ended.
    let mut space = false;
    // The current piece ends in opening punctuation: the next character sticks to it.
    let mut glue = false;
    for c in line.chars() {
        if c.is_whitespace() {
            if !cur.is_empty() {
                out.push(Piece {
                    text: std::mem::take(&mut cur),
                    space_before: cur_space,
                });
            }
            space = !out.is_empty();
            glue = false;
            continue;
        }
        let sticks = !space && (glue || NO_BREAK_BEFORE.contains(c));
        let last_cjk = cur.chars().last().is_some_and(is_cjk);
        let boundary = space || (!sticks && (is_cjk(c) || last_cjk));
        if boundary && !cur.is_empty() {
            out.push(Piece {
                text: std::mem::take(&mut cur),
                space_before: cur_space,
            });
        }
        if cur.is_empty() {
            cur_space = space;
            space = false;
        }
        cur.push(c);
        glue = NO_BREAK_AFTER.contains(c);
    }
    if !cur.is_empty() {
        out.push(Piece {
            text: cur,
            space_before: cur_space,
        });
    }
    out
}

/// Breaks `text` into lines of at most `width` columns (CJK characters count two) at the
/// allowed places only; a piece wider than `width` gets a line of its own. Existing line
/// breaks are kept.
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut w = 0;
        for p in pieces(paragraph) {
            let pw = display_width(&p.text);
            let sep = usize::from(p.space_before && !line.is_empty());
            if !line.is_empty() && w + sep + pw > width {
                lines.push(std::mem::take(&mut line));
                w = 0;
            } else if sep == 1 {
                line.push(' ');
                w += 1;
            }
            line.push_str(&p.text);
            w += pw;
        }
        lines.push(line);
    }
    lines
}

/// The widest piece of `text`: no column holding it can be narrower.
fn longest_piece(text: &str) -> usize {
    text.split('\n')
        .flat_map(pieces)
        .map(|p| display_width(&p.text))
        .max()
        .unwrap_or(0)
}

/// The widest line of `text`.
fn text_width(text: &str) -> usize {
    text.split('\n').map(display_width).max().unwrap_or(0)
}

/// Writes `text` wrapped to `width`, the first line after `prefix`, the others indented to
/// line up with it.
fn paragraph(out: &mut impl Write, prefix: &str, text: &str, width: usize) -> std::io::Result<()> {
    let indent = display_width(prefix);
    let lines = wrap(text, width.saturating_sub(indent).max(MIN_TEXT_COLUMN));
    for (i, line) in lines.iter().enumerate() {
        if i == 0 {
            writeln!(out, "{prefix}{line}")?;
        } else {
            writeln!(out, "{:indent$}{line}", "")?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Tables and stacked blocks
// ---------------------------------------------------------------------------------------

/// A table cell before layout: its text and colour.
#[derive(Debug, Clone)]
pub(super) struct Text {
    pub(super) text: String,
    color: Option<Color>,
}

fn plain(text: impl Into<String>) -> Text {
    Text {
        text: text.into(),
        color: None,
    }
}

fn colored(text: impl Into<String>, color: Color) -> Text {
    Text {
        text: text.into(),
        color: Some(color),
    }
}

/// A table before layout. `wrap[i]` marks the columns whose text may be line-broken.
struct Grid {
    header: Vec<String>,
    wrap: Vec<bool>,
    rows: Vec<Vec<Text>>,
}

impl Grid {
    fn new(header: &[(String, bool)]) -> Self {
        Self {
            header: header.iter().map(|(h, _)| h.clone()).collect(),
            wrap: header.iter().map(|(_, w)| *w).collect(),
            rows: Vec::new(),
        }
    }

    /// Column content widths that fit in `width`, wrapping only the wrappable columns and
    /// never below their widest piece nor [`MIN_TEXT_COLUMN`]; `None` when the table
    /// cannot fit (the caller stacks instead).
    fn fit(&self, width: usize) -> Option<Vec<usize>> {
        let n = self.header.len();
        let column = |i: usize| {
            std::iter::once(self.header[i].as_str()).chain(
                self.rows
                    .iter()
                    .filter_map(move |r| r.get(i))
                    .map(|t| t.text.as_str()),
            )
        };
        let natural: Vec<usize> = (0..n)
            .map(|i| column(i).map(text_width).max().unwrap_or(0))
            .collect();
        // Two spaces of padding and one border per column, plus the last border.
        let overhead = 3 * n + 1;
        if natural.iter().sum::<usize>() + overhead <= width {
            return Some(natural);
        }
        let fixed: usize = (0..n).filter(|i| !self.wrap[*i]).map(|i| natural[i]).sum();
        let mut left = width.checked_sub(overhead + fixed)?;
        let mut flex: Vec<usize> = (0..n).filter(|i| self.wrap[*i]).collect();
        flex.sort_by_key(|i| natural[*i]);
        let mut widths = natural.clone();
        let mut k = flex.len();
        for i in flex {
            let share = left / k.max(1);
            let give = natural[i].min(share);
            let min = column(i)
                .map(longest_piece)
                .chain([
                    display_width(&self.header[i]),
                    MIN_TEXT_COLUMN.min(natural[i]),
                ])
                .max()
                .unwrap_or(0);
            if give < min {
                return None;
            }
            widths[i] = give;
            left -= give;
            k -= 1;
        }
        Some(widths)
    }

    /// The comfy-table for `widths` (from [`Grid::fit`]): wrappable cells pre-wrapped,
    /// comfy-table's own arrangement disabled so it never splits anything.
    fn table(&self, widths: &[usize], o: &RenderOptions) -> Table {
        let mut t = Table::new();
        t.load_style(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_header(self.header.iter().map(String::as_str));
        if o.color {
            t.enforce_styling();
            // crossterm drops colours when NO_COLOR is set; `--color always` wins (no-color.org).
            crossterm::style::force_color_output(true);
        }
        for row in &self.rows {
            let cells: Vec<Cell> = row
                .iter()
                .enumerate()
                .map(|(i, x)| {
                    let text = if self.wrap.get(i).copied().unwrap_or(false) {
                        wrap(&x.text, widths.get(i).copied().unwrap_or(1)).join("\n")
                    } else {
                        x.text.clone()
                    };
                    let c = Cell::new(text);
                    match x.color {
                        Some(color) if o.color => c.fg(color),
                        _ => c,
                    }
                })
                .collect();
            t.add_row(cells);
        }
        t
    }
}

/// SGR for a stacked-layout mark (the table view colours cells through comfy-table).
fn sgr(text: &str, color: Option<Color>, o: &RenderOptions) -> String {
    let code = match color {
        Some(Color::Red) => "31",
        Some(Color::Green) => "32",
        Some(Color::Yellow) => "33",
        Some(Color::Cyan) => "36",
        _ => return text.to_owned(),
    };
    if o.color {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_owned()
    }
}

/// One stacked block: a title line, then `label: value` lines with the values lined up and
/// wrapped (continuations indented under the value).
fn block(
    out: &mut impl Write,
    title: &str,
    pairs: &[(String, String)],
    l: &Labels,
    width: usize,
) -> std::io::Result<()> {
    paragraph(out, "  ", title, width)?;
    let colon = tr!(l.lang, "report-colon");
    let label_w = pairs
        .iter()
        .map(|(k, _)| display_width(k))
        .max()
        .unwrap_or(0);
    for (k, v) in pairs {
        if v.is_empty() {
            continue;
        }
        let pad = label_w - display_width(k);
        let prefix = format!("    {k}{colon}{:pad$}", "");
        paragraph(out, &prefix, v, width)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Labels
// ---------------------------------------------------------------------------------------

/// Every label of the table view, in one language.
pub(super) struct Labels {
    pub(super) lang: Lang,
}

impl Labels {
    fn source(&self, k: SourceKind) -> String {
        match k {
            SourceKind::User => tr!(self.lang, "report-source-you-check"),
            SourceKind::Provider => tr!(self.lang, "report-source-provider-database"),
            SourceKind::Srv => "DNS SRV".to_owned(),
            SourceKind::Mx => "DNS MX".to_owned(),
            SourceKind::Guess => tr!(self.lang, "report-source-guess"),
            SourceKind::Autoconfig => "autoconfig".to_owned(),
            SourceKind::AutoconfigHttp => {
                tr!(self.lang, "report-source-autoconfig-plain-http")
            }
            SourceKind::AutoconfigMx => tr!(self.lang, "report-source-autoconfig-via-mx"),
            SourceKind::Autodiscover => "Autodiscover".to_owned(),
        }
    }

    fn source_status(&self, s: SourceStatus) -> String {
        match s {
            SourceStatus::Found => tr!(self.lang, "report-source-status-found"),
            SourceStatus::NotFound => tr!(self.lang, "report-source-status-nothing"),
            SourceStatus::NxDomain => tr!(self.lang, "report-source-status-does-not-exist"),
            SourceStatus::Failed => tr!(self.lang, "report-source-status-failed"),
            SourceStatus::Timeout => tr!(self.lang, "report-source-status-timed-out"),
            SourceStatus::Skipped => tr!(self.lang, "report-source-status-skipped"),
            SourceStatus::Invalid => tr!(self.lang, "report-source-status-unusable-answer"),
        }
    }

    /// Who must act on a finding.
    pub(super) fn actor(&self, a: Actor) -> String {
        match a {
            Actor::User => tr!(self.lang, "report-actor-you"),
            Actor::Helpdesk => tr!(self.lang, "report-actor-helpdesk"),
            Actor::Provider => tr!(self.lang, "report-actor-mail-provider"),
            Actor::ServerAdmin => tr!(self.lang, "report-actor-server-admin"),
            Actor::DomainAdmin => tr!(self.lang, "report-actor-domain-admin"),
            Actor::Network => tr!(self.lang, "report-actor-network"),
            Actor::ThisComputer => tr!(self.lang, "report-actor-this-computer"),
        }
    }

    /// Whether a setting's server was checked (connection and TLS): never "verified" for
    /// mere reachability.
    pub(super) fn checked(&self, verified: bool) -> Text {
        if verified {
            colored(tr!(self.lang, "report-checked-yes"), Color::Green)
        } else {
            colored(tr!(self.lang, "report-checked-no"), Color::Red)
        }
    }

    pub(super) fn login(&self, s: LoginState) -> Text {
        match s {
            LoginState::Ok => colored(tr!(self.lang, "report-login-ok"), Color::Green),
            LoginState::Failed => colored(tr!(self.lang, "report-login-failed"), Color::Red),
            LoginState::NotTested => plain(tr!(self.lang, "report-login-not-tested")),
            LoginState::Withheld => colored(tr!(self.lang, "report-login-withheld"), Color::Yellow),
        }
    }

    /// What goes in the password field.
    pub(super) fn password(&self, p: PasswordField) -> String {
        match p {
            PasswordField::AccountPassword => tr!(self.lang, "report-password-account"),
            PasswordField::AppPassword => tr!(self.lang, "report-password-app"),
            PasswordField::AuthorizationCode => {
                tr!(self.lang, "report-password-authorization-code")
            }
            PasswordField::Oauth2 => tr!(self.lang, "report-password-oauth2"),
        }
    }

    /// Column header of a step in the probe matrix.
    fn step_column(&self, s: Step) -> String {
        match s {
            Step::Resolve => tr!(self.lang, "report-step-col-dns"),
            Step::Connect => tr!(self.lang, "report-step-col-tcp"),
            Step::TlsHandshake => "TLS".to_owned(),
            Step::Greeting => tr!(self.lang, "report-step-col-greeting"),
            Step::Capabilities => tr!(self.lang, "report-step-col-capabilities"),
            Step::Starttls => "STARTTLS".to_owned(),
            Step::CapabilitiesAfterTls => tr!(self.lang, "report-step-col-caps-after-tls"),
            Step::AuthMechs => tr!(self.lang, "report-step-col-login-methods"),
            Step::Login => tr!(self.lang, "report-step-col-login"),
        }
    }

    /// A few words on why a step failed, for a matrix cell.
    pub(super) fn failure_short(&self, k: &FailureKind) -> String {
        match k {
            FailureKind::NxDomain => tr!(self.lang, "report-failure-no-such-name"),
            FailureKind::NoAddress => tr!(self.lang, "report-failure-no-address"),
            FailureKind::DnsFailed => tr!(self.lang, "report-failure-dns-failed"),
            FailureKind::DnsTimeout => tr!(self.lang, "report-failure-dns-timeout"),
            FailureKind::Refused => tr!(self.lang, "report-failure-refused"),
            FailureKind::Timeout => tr!(self.lang, "report-failure-timeout"),
            FailureKind::Unreachable => tr!(self.lang, "report-failure-unreachable"),
            FailureKind::ConnectionClosed => tr!(self.lang, "report-failure-closed"),
            FailureKind::ProtocolError => tr!(self.lang, "report-failure-bad-reply"),
            FailureKind::WrongProtocol { actual: Some(p) } => tr!(
                self.lang,
                "report-failure-other-protocol",
                protocol = p.display_name()
            ),
            FailureKind::WrongProtocol { actual: None } => {
                tr!(self.lang, "report-failure-wrong-protocol")
            }
            FailureKind::PlaintextOnTlsPort => tr!(self.lang, "report-failure-plaintext-port"),
            FailureKind::TlsOnPlaintextPort => tr!(self.lang, "report-failure-ssl-tls-port"),
            FailureKind::CertExpired { .. } => tr!(self.lang, "report-failure-expired"),
            FailureKind::CertNotYetValid { .. } => tr!(self.lang, "report-failure-not-yet-valid"),
            FailureKind::CertNameMismatch { .. } => tr!(self.lang, "report-failure-name-mismatch"),
            FailureKind::CertSelfSigned => tr!(self.lang, "report-failure-self-signed"),
            FailureKind::CertUntrusted => tr!(self.lang, "report-failure-untrusted"),
            FailureKind::CertInvalid => tr!(self.lang, "report-failure-bad-certificate"),
            FailureKind::HandshakeFailed => tr!(self.lang, "report-failure-handshake-failed"),
            FailureKind::StarttlsNotOffered => tr!(self.lang, "report-failure-not-offered"),
            FailureKind::StarttlsRejected => tr!(self.lang, "report-failure-rejected"),
            FailureKind::NoGreeting => tr!(self.lang, "report-failure-silent"),
            FailureKind::ChainIncomplete { .. } => {
                tr!(self.lang, "report-failure-chain-incomplete")
            }
            FailureKind::TlsVersionTooOld => tr!(self.lang, "report-failure-tls-too-old"),
            FailureKind::AuthFailed => tr!(self.lang, "report-failure-wrong-user-password"),
            FailureKind::AuthProtocolDisabled => tr!(self.lang, "report-failure-service-off"),
            FailureKind::AuthAccountBlocked => tr!(self.lang, "report-failure-account-blocked"),
            FailureKind::AuthAppPasswordRequired => {
                tr!(self.lang, "report-failure-app-password-needed")
            }
            FailureKind::AuthOauthRequired => tr!(self.lang, "report-failure-oauth2-only"),
            FailureKind::AuthWebLoginRequired => tr!(self.lang, "report-failure-web-login-needed"),
            FailureKind::AuthTooManyAttempts => tr!(self.lang, "report-failure-too-many-attempts"),
            FailureKind::AuthTemporary => tr!(self.lang, "report-failure-temporary-failure"),
            FailureKind::AuthRejected => tr!(self.lang, "report-failure-auth-rejected"),
            FailureKind::AuthNoMechanism { .. } => {
                tr!(self.lang, "report-failure-no-password-login")
            }
            FailureKind::Interrupted => tr!(self.lang, "report-failure-interrupted"),
            FailureKind::LocalResources => tr!(self.lang, "report-failure-out-of-sockets-here"),
        }
    }
}

fn severity_color(s: Severity) -> Color {
    match s {
        Severity::Error => Color::Red,
        Severity::Warning => Color::Yellow,
        Severity::Info => Color::Cyan,
    }
}

/// SGR sequence for the verdict line (bold + colour), and the reset.
fn verdict_style(v: Verdict) -> (&'static str, &'static str) {
    match v {
        Verdict::Works => ("\x1b[1;32m", "\x1b[0m"),
        Verdict::Reachable => ("\x1b[1;36m", "\x1b[0m"),
        Verdict::Partial | Verdict::Unverified => ("\x1b[1;33m", "\x1b[0m"),
        Verdict::Broken => ("\x1b[1;31m", "\x1b[0m"),
    }
}

// ---------------------------------------------------------------------------------------
// The verdict
// ---------------------------------------------------------------------------------------

/// The verdict sentence, from `report.verdict` and what the recommended pair says about the
/// login: what was proven, and no more.
pub(super) fn verdict_line(r: &Report, lang: Lang) -> String {
    let recommended: Vec<&Setting> = r
        .settings
        .incoming
        .first()
        .into_iter()
        .chain(r.settings.outgoing.first())
        .collect();
    let errors = r
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    match r.verdict {
        Verdict::Works => tr!(lang, "report-verdict-works"),
        Verdict::Reachable => {
            let withheld = recommended.iter().any(|s| s.login == LoginState::Withheld);
            let pointer = r
                .findings
                .iter()
                .find(|f| f.code == "auth.login_withheld")
                .map_or("auth.login_withheld", |f| f.code);
            if withheld {
                tr!(lang, "report-verdict-reachable-withheld", code = pointer)
            } else if password_given(r) {
                tr!(lang, "report-verdict-reachable-not-tested")
            } else {
                tr!(lang, "report-verdict-reachable-no-password")
            }
        }
        Verdict::Partial => {
            let typed_fails = r
                .checks
                .iter()
                .any(|c| !c.verified || c.login == LoginState::Failed);
            if typed_fails {
                tr!(lang, "report-verdict-partial-typed-fails")
            } else {
                tr!(lang, "report-verdict-partial-other")
            }
        }
        Verdict::Broken => {
            if recommended.iter().any(|s| s.login == LoginState::Failed) {
                tr!(lang, "report-verdict-broken-login")
            } else {
                tr!(lang, "report-verdict-broken", errors = errors)
            }
        }
        Verdict::Unverified => tr!(lang, "report-verdict-unverified"),
    }
}

/// Whether the run had a password: some login was made, refused or withheld.
pub(super) fn password_given(r: &Report) -> bool {
    r.settings
        .incoming
        .iter()
        .chain(&r.settings.outgoing)
        .map(|s| s.login)
        .chain(r.checks.iter().map(|c| c.login))
        .any(|l| {
            matches!(
                l,
                LoginState::Ok | LoginState::Failed | LoginState::Withheld
            )
        })
        || r.probes
            .iter()
            .any(|p| p.login.is_some() || p.login_failure().is_some())
}

/// Why a setting's login was withheld or not tested, when that says more than the verdict
/// line already did ("no password given" is said once, there).
pub(super) fn login_detail(x: &Setting, password_given: bool) -> Option<&str> {
    match x.login {
        LoginState::Withheld => x.login_detail.as_deref(),
        LoginState::NotTested if password_given => x.login_detail.as_deref(),
        _ => None,
    }
}

/// `host:port`, with brackets around an IPv6 literal.
pub(super) fn host_port(e: &Endpoint) -> String {
    if e.host.contains(':') {
        format!("[{}]:{}", escape(&e.host), e.port)
    } else {
        format!("{}:{}", escape(&e.host), e.port)
    }
}

// ---------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------

/// Writes the human-readable report.
pub fn render(r: &Report, o: &RenderOptions, out: &mut impl Write) -> std::io::Result<()> {
    let l = Labels { lang: o.lang };
    let width = o.width.map_or_else(detect_width, usize::from).max(1);

    // The verdict, then the account and the provider.
    let (on, off) = if o.color {
        verdict_style(r.verdict)
    } else {
        ("", "")
    };
    for line in wrap(&verdict_line(r, o.lang), width) {
        writeln!(out, "{on}{line}{off}")?;
    }
    let mut account = escape(&r.address.input);
    if let Some((local, _)) = r.address.input.rsplit_once('@')
        && !r.address.domain_unicode.is_empty()
    {
        account = format!("{}@{}", escape(local), escape(&r.address.domain_unicode));
    }
    if !r.address.domain.is_empty() && r.address.domain != r.address.domain_unicode {
        account = format!("{account} ({})", escape(&r.address.domain));
    }
    paragraph(out, &tr!(l.lang, "report-account-label"), &account, width)?;
    if let Some(p) = &r.provider {
        // The provider file's Chinese name is Simplified; Traditional Chinese shows it as it is.
        let name = match (o.lang.is_zh(), &p.name_zh) {
            (true, Some(zh)) => escape(zh),
            _ => escape(&p.name),
        };
        let how = match (&p.detected_via, &p.mx_host) {
            (SourceKind::Mx, Some(mx)) => {
                tr!(
                    o.lang,
                    "report-provider-from-mx",
                    name = name,
                    mx = escape(mx)
                )
            }
            _ => tr!(o.lang, "report-provider-from-database", name = name),
        };
        paragraph(out, &tr!(l.lang, "report-provider-label"), &how, width)?;
    }
    writeln!(out)?;

    settings_section(r, &l, o, width, out)?;
    if !r.checks.is_empty() {
        checks_section(&r.checks, &l, o, width, out)?;
    }
    findings_section(&r.findings, &l, o, width, out)?;

    if o.verbose {
        verbose_sections(r, &l, o, width, out)?;
    } else {
        let servers: BTreeSet<_> = r.probes.iter().map(|p| &p.endpoint).collect();
        let (n, m) = (servers.len(), r.sources.len());
        let line = tr!(o.lang, "report-summary", servers = n, sources = m);
        paragraph(out, "", &line, width)?;
    }
    writeln!(
        out,
        "{}",
        tr!(o.lang, "report-finished", ms = r.elapsed_ms.to_string())
    )
}

/// The settings card: the recommended incoming and outgoing (marked ★), then the
/// alternatives; then what goes in the password field, SMTP authentication, logins that
/// were withheld, and the provider's notes.
fn settings_section(
    r: &Report,
    l: &Labels,
    o: &RenderOptions,
    width: usize,
    out: &mut impl Write,
) -> std::io::Result<()> {
    writeln!(out, "{}", tr!(l.lang, "report-settings-to-use"))?;
    let s = &r.settings;
    let given = password_given(r);
    // Recommended pair first, then the alternatives of each direction.
    let mut rows: Vec<(bool, bool, &Setting)> = Vec::new();
    rows.extend(s.incoming.first().map(|x| (true, true, x)));
    rows.extend(s.outgoing.first().map(|x| (true, false, x)));
    rows.extend(s.incoming.iter().skip(1).map(|x| (false, true, x)));
    rows.extend(s.outgoing.iter().skip(1).map(|x| (false, false, x)));
    if rows.is_empty() {
        writeln!(out, "  {}", tr!(l.lang, "report-none-found"))?;
    } else {
        let found_by = |x: &Setting| {
            let mut from: Vec<String> = x.sources.iter().map(|k| l.source(*k)).collect();
            from.dedup();
            from.join(&tr!(l.lang, "report-list-separator"))
        };
        let grid = |with_sources: bool| {
            let mut header = vec![
                (String::new(), false),
                (tr!(l.lang, "report-protocol"), false),
                (tr!(l.lang, "report-col-server"), false),
                (tr!(l.lang, "report-port"), false),
                (tr!(l.lang, "report-security"), false),
                (tr!(l.lang, "report-col-username"), false),
                (tr!(l.lang, "report-checked"), false),
                (tr!(l.lang, "report-step-col-login"), false),
            ];
            if with_sources {
                header.push((tr!(l.lang, "report-found-by"), true));
            }
            let mut g = Grid::new(&header);
            for (recommended, _, x) in &rows {
                let mut row = vec![
                    if *recommended {
                        colored("★", Color::Green)
                    } else {
                        plain("")
                    },
                    plain(x.protocol.display_name()),
                    plain(escape(&x.host)),
                    plain(x.port.to_string()),
                    plain(l.lang.security(x.security)),
                    plain(escape(&x.username)),
                    l.checked(x.verified),
                    l.login(x.login),
                ];
                if with_sources {
                    row.push(plain(found_by(x)));
                }
                g.rows.push(row);
            }
            g
        };
        let table = if width < STACK_BELOW {
            None
        } else if o.verbose || width >= WIDE {
            let g = grid(true);
            match g.fit(width) {
                Some(w) => Some(g.table(&w, o)),
                // Without the sources unless --verbose asked for them.
                None if !o.verbose => {
                    let g = grid(false);
                    g.fit(width).map(|w| g.table(&w, o))
                }
                None => None,
            }
        } else {
            let g = grid(false);
            g.fit(width).map(|w| g.table(&w, o))
        };
        match table {
            Some(t) => {
                writeln!(out, "{t}")?;
                paragraph(out, "  ", &tr!(l.lang, "report-recommended-note"), width)?;
                for (_, _, x) in rows
                    .iter()
                    .filter(|(_, _, x)| login_detail(x, given).is_some())
                {
                    let login = l.login(x.login);
                    let line = format!(
                        "{} {}{}{}{}{}",
                        x.protocol.display_name(),
                        host_port(&Endpoint::new(x.protocol, &x.host, x.port, x.security)),
                        tr!(l.lang, "report-colon-login"),
                        sgr(&login.text, login.color, o),
                        tr!(l.lang, "report-colon"),
                        escape(login_detail(x, given).unwrap_or_default()),
                    );
                    paragraph(out, "  ", &line, width)?;
                }
            }
            None => {
                for (recommended, incoming, x) in &rows {
                    let title = match (recommended, incoming) {
                        (true, true) => tr!(l.lang, "report-block-incoming-recommended"),
                        (true, false) => tr!(l.lang, "report-block-outgoing-recommended"),
                        (false, true) => tr!(l.lang, "report-block-incoming-alternative"),
                        (false, false) => tr!(l.lang, "report-block-outgoing-alternative"),
                    };
                    let checked = l.checked(x.verified);
                    let login = l.login(x.login);
                    let mut login_text = sgr(&login.text, login.color, o);
                    if let Some(d) = login_detail(x, given) {
                        login_text =
                            format!("{login_text}{}{}", tr!(l.lang, "report-colon"), escape(d));
                    }
                    let mut pairs = vec![
                        (
                            tr!(l.lang, "report-protocol"),
                            x.protocol.display_name().to_owned(),
                        ),
                        (tr!(l.lang, "report-col-server"), escape(&x.host)),
                        (tr!(l.lang, "report-port"), x.port.to_string()),
                        (
                            tr!(l.lang, "report-security"),
                            l.lang.security(x.security).to_owned(),
                        ),
                        (tr!(l.lang, "report-col-username"), escape(&x.username)),
                        (
                            tr!(l.lang, "report-checked"),
                            sgr(&checked.text, checked.color, o),
                        ),
                        (tr!(l.lang, "report-step-col-login"), login_text),
                    ];
                    if o.verbose {
                        pairs.push((tr!(l.lang, "report-found-by"), found_by(x)));
                    }
                    block(out, &title, &pairs, l, width)?;
                }
            }
        }
        // What goes in the password field, and SMTP authentication.
        if let Some(first) = s.incoming.first().or_else(|| s.outgoing.first()) {
            paragraph(out, "  ", &l.password(first.password), width)?;
        }
        if s.outgoing.iter().any(|x| x.auth_required) {
            paragraph(out, "  ", &tr!(l.lang, "report-smtp-auth-note"), width)?;
        }
    }
    if let Some(p) = &r.provider {
        for h in &p.hints {
            // Provider files have Simplified Chinese only: Traditional Chinese shows it as it is.
            let text = match (o.lang.is_zh(), &h.text_zh) {
                (true, Some(zh)) => zh,
                _ => &h.text,
            };
            paragraph(
                out,
                &format!("  {}", tr!(l.lang, "report-note-prefix")),
                &escape(text),
                width,
            )?;
        }
    }
    writeln!(out)
}

/// "What you typed": each `--check` endpoint, whether it works, and its finding codes.
fn checks_section(
    checks: &[Check],
    l: &Labels,
    o: &RenderOptions,
    width: usize,
    out: &mut impl Write,
) -> std::io::Result<()> {
    writeln!(out, "{}", tr!(l.lang, "report-what-you-typed"))?;
    let works = |c: &Check| {
        if c.verified && c.login != LoginState::Failed {
            colored(tr!(l.lang, "report-works-yes"), Color::Green)
        } else {
            colored(tr!(l.lang, "report-works-no"), Color::Red)
        }
    };
    let setting = |c: &Check| {
        format!(
            "{} {} {}",
            c.endpoint.protocol.display_name(),
            host_port(&c.endpoint),
            l.lang.security(c.endpoint.security)
        )
    };
    let mut g = Grid::new(&[
        (tr!(l.lang, "report-setting"), true),
        (tr!(l.lang, "report-works"), false),
        (tr!(l.lang, "report-step-col-login"), false),
        (tr!(l.lang, "report-findings"), true),
    ]);
    for c in checks {
        g.rows.push(vec![
            plain(setting(c)),
            works(c),
            l.login(c.login),
            plain(c.findings.join("\n")),
        ]);
    }
    match g.fit(width).filter(|_| width >= STACK_BELOW) {
        Some(w) => writeln!(out, "{}", g.table(&w, o))?,
        None => {
            for c in checks {
                let (w, login) = (works(c), l.login(c.login));
                block(
                    out,
                    &setting(c),
                    &[
                        (tr!(l.lang, "report-works"), sgr(&w.text, w.color, o)),
                        (
                            tr!(l.lang, "report-step-col-login"),
                            sgr(&login.text, login.color, o),
                        ),
                        (tr!(l.lang, "report-findings"), c.findings.join(" ")),
                    ],
                    l,
                    width,
                )?;
            }
        }
    }
    writeln!(out)
}

/// The findings, one row (or block) per finding: severity, code and where, who must act,
/// cause, fix.
fn findings_section(
    findings: &[Finding],
    l: &Labels,
    o: &RenderOptions,
    width: usize,
    out: &mut impl Write,
) -> std::io::Result<()> {
    writeln!(out, "{}", tr!(l.lang, "report-troubleshooting"))?;
    if findings.is_empty() {
        writeln!(out, "  {}", tr!(l.lang, "report-no-problems-found"))?;
        return writeln!(out);
    }
    let wheres: Vec<String> = findings
        .iter()
        .map(|f| {
            f.endpoints
                .iter()
                .map(host_port)
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect();
    let mut g = Grid::new(&[
        (tr!(l.lang, "report-severity"), false),
        (tr!(l.lang, "report-problem"), false),
        (tr!(l.lang, "report-who-acts"), false),
        (tr!(l.lang, "report-cause"), true),
        (tr!(l.lang, "report-fix"), true),
    ]);
    for (f, wh) in findings.iter().zip(&wheres) {
        let problem = if wh.is_empty() {
            f.code.to_owned()
        } else {
            format!("{}\n{wh}", f.code)
        };
        g.rows.push(vec![
            colored(o.lang.severity(f.severity), severity_color(f.severity)),
            plain(problem),
            plain(l.actor(f.actor)),
            plain(escape(&f.cause)),
            plain(escape(&f.fix)),
        ]);
    }
    match g.fit(width).filter(|_| width >= STACK_BELOW) {
        Some(w) => writeln!(out, "{}", g.table(&w, o))?,
        None => {
            for (i, (f, wh)) in findings.iter().zip(&wheres).enumerate() {
                let severity = sgr(
                    &o.lang.severity(f.severity),
                    Some(severity_color(f.severity)),
                    o,
                );
                let title = format!("{}. {severity} {}", i + 1, f.code);
                block(
                    out,
                    &title,
                    &[
                        (tr!(l.lang, "report-who-acts"), l.actor(f.actor).to_owned()),
                        (tr!(l.lang, "report-where"), wh.replace('\n', " ")),
                        (tr!(l.lang, "report-cause"), escape(&f.cause)),
                        (tr!(l.lang, "report-fix"), escape(&f.fix)),
                    ],
                    l,
                    width,
                )?;
            }
        }
    }
    writeln!(out)
}

/// The probe matrix, the transcripts and the source trace (`--verbose`).
fn verbose_sections(
    r: &Report,
    l: &Labels,
    o: &RenderOptions,
    width: usize,
    out: &mut impl Write,
) -> std::io::Result<()> {
    if !r.probes.is_empty() {
        writeln!(out, "{}", tr!(l.lang, "report-servers-checked"))?;
        // Only the steps some probe reached or skipped get a column.
        let steps: Vec<Step> = STEPS
            .into_iter()
            .filter(|s| {
                r.probes
                    .iter()
                    .any(|p| p.steps.iter().any(|x| x.step == *s))
            })
            .collect();
        let step_text = |p: &ProbeResult, s: Step| match p
            .steps
            .iter()
            .find(|x| x.step == s)
            .map(|x| &x.status)
        {
            Some(StepStatus::Ok) => colored("✓", Color::Green),
            Some(StepStatus::Failed(f)) => {
                colored(format!("✗ {}", l.failure_short(&f.kind)), Color::Red)
            }
            Some(StepStatus::Skipped { .. }) | None => plain("–"),
        };
        let server = |p: &ProbeResult| {
            format!(
                "{} {}\n{}",
                p.endpoint.protocol.display_name(),
                host_port(&p.endpoint),
                o.lang.security(p.endpoint.security)
            )
        };
        let address = |p: &ProbeResult| {
            p.addr
                .map(|a| a.ip().to_string())
                .unwrap_or_else(|| "–".to_owned())
        };
        let mut header = vec![
            (tr!(l.lang, "report-col-probe-server"), false),
            (tr!(l.lang, "report-address"), false),
        ];
        header.extend(steps.iter().map(|s| (l.step_column(*s), false)));
        header.push((tr!(l.lang, "report-details"), true));
        let mut g = Grid::new(&header);
        for p in &r.probes {
            let mut row = vec![plain(server(p)), plain(address(p))];
            row.extend(steps.iter().map(|s| step_text(p, *s)));
            row.push(plain(details(p, l)));
            g.rows.push(row);
        }
        match g.fit(width).filter(|_| width >= STACK_BELOW) {
            Some(w) => writeln!(out, "{}", g.table(&w, o))?,
            None => {
                for p in &r.probes {
                    let mut pairs = vec![(tr!(l.lang, "report-address"), address(p))];
                    for s in &steps {
                        let x = step_text(p, *s);
                        pairs.push((l.step_column(*s), sgr(&x.text, x.color, o)));
                    }
                    pairs.push((tr!(l.lang, "report-details"), details(p, l)));
                    block(out, &server(p).replace('\n', " "), &pairs, l, width)?;
                }
            }
        }
        writeln!(out)?;
        // Transcripts exist only with --verbose; credentials were masked when recorded.
        for p in r.probes.iter().filter(|p| !p.transcript.is_empty()) {
            let addr = p.addr.map(|a| a.to_string()).unwrap_or_default();
            let ep = format!(
                "{} {} {}",
                p.endpoint.protocol.display_name(),
                host_port(&p.endpoint),
                o.lang.security(p.endpoint.security)
            );
            writeln!(
                out,
                "{}",
                tr!(
                    o.lang,
                    "report-transcript-title",
                    endpoint = ep,
                    address = addr
                )
            )?;
            // The dialogue is shown verbatim (escaped), one protocol line per line; only
            // maildoctor's own `--` notes are translated.
            for line in &p.transcript {
                writeln!(out, "  {}", escape(&transcript_note(line, l)))?;
            }
            writeln!(out)?;
        }
    }

    writeln!(out, "{}", tr!(l.lang, "report-sources-tried"))?;
    let mut g = Grid::new(&[
        (tr!(l.lang, "report-source"), false),
        (tr!(l.lang, "report-query"), true),
        (tr!(l.lang, "report-outcome"), true),
        (tr!(l.lang, "report-candidates"), false),
        (tr!(l.lang, "report-time"), false),
    ]);
    let ms = |s: &SourceReport| format!("{} {}", s.elapsed_ms, tr!(l.lang, "report-ms"));
    for s in &r.sources {
        g.rows.push(vec![
            plain(l.source(s.source)),
            plain(source_target(s, l)),
            plain(source_outcome(s, l)),
            plain(s.candidates.to_string()),
            plain(ms(s)),
        ]);
    }
    match g.fit(width).filter(|_| width >= STACK_BELOW) {
        Some(w) => writeln!(out, "{}", g.table(&w, o))?,
        None => {
            for s in &r.sources {
                let title = format!("{} {}", l.source(s.source), source_target(s, l));
                block(
                    out,
                    &title,
                    &[
                        (tr!(l.lang, "report-outcome"), source_outcome(s, l)),
                        (tr!(l.lang, "report-candidates"), s.candidates.to_string()),
                        (tr!(l.lang, "report-time"), ms(s)),
                    ],
                    l,
                    width,
                )?;
            }
        }
    }
    Ok(())
}

/// maildoctor's own notes in a transcript (`-- …`) in the run's language; every other line
/// as it is.
fn transcript_note(line: &str, l: &Labels) -> String {
    match line {
        "-- TLS handshake completed, certificate verified" => {
            tr!(l.lang, "report-transcript-tls-verified")
        }
        _ => line.to_owned(),
    }
}

/// What a source asked, escaped; in Chinese without discovery's English words (the names,
/// URLs and record types remain).
fn source_target(s: &SourceReport, l: &Labels) -> String {
    if l.lang == Lang::En {
        return escape(&s.target);
    }
    let words: Vec<&str> = s
        .target
        .split_whitespace()
        .filter(|w| is_technical(w))
        .collect();
    if words.is_empty() {
        escape(&s.target)
    } else {
        escape(&words.join(" "))
    }
}

/// What a source did, escaped. Discovery writes its details in English: in Chinese only
/// the localized status and the technical part (URLs, DNS names, addresses, codes) remain.
fn source_outcome(s: &SourceReport, l: &Labels) -> String {
    let status = l.source_status(s.status);
    match l.lang {
        Lang::En => match s.status {
            SourceStatus::Found => escape(&s.detail),
            _ => tr!(
                l.lang,
                "report-source-outcome",
                status = status,
                detail = escape(&s.detail)
            ),
        },
        Lang::ZhCn | Lang::ZhTw => {
            let mut tech: Vec<String> = Vec::new();
            if let Some(code) = s.http_status {
                tech.push(format!("HTTP {code}"));
            }
            for word in s.detail.split_whitespace() {
                let w = word.trim_matches(|c: char| ",;:.\"'()[]<>".contains(c));
                if is_technical(w) && !tech.iter().any(|t| t == w) {
                    tech.push(w.to_owned());
                }
            }
            if tech.is_empty() {
                status
            } else {
                tr!(
                    l.lang,
                    "report-source-outcome",
                    status = status,
                    detail = escape(&tech.join(" "))
                )
            }
        }
    }
}

/// A word of a discovery detail worth keeping in any language: a URL, a DNS name or
/// `host:port`, an IP address, an upper-case protocol or DNS code, a number.
fn is_technical(w: &str) -> bool {
    if w.is_empty() || !w.is_ascii() {
        return false;
    }
    if w.contains("://") || w.parse::<std::net::IpAddr>().is_ok() {
        return true;
    }
    let name_chars = w
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || ".-_:".contains(c));
    let dotted =
        w.contains('.') && !w.ends_with('.') && w.split('.').filter(|p| !p.is_empty()).count() >= 2;
    if name_chars && dotted {
        return true;
    }
    let code = w.len() >= 2
        && w.chars().any(|c| c.is_ascii_uppercase())
        && w.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || "/_-.".contains(c));
    code || w.chars().all(|c| c.is_ascii_digit())
}

/// The details column: TLS version and cipher, the certificate's remaining days, the login.
fn details(p: &ProbeResult, l: &Labels) -> String {
    let mut parts = Vec::new();
    if let Some(t) = &p.tls {
        parts.push(escape(&format!("{} {}", t.version, t.cipher)));
        if let Some(c) = t.chain.first() {
            parts.push(if c.days_left < 0 {
                tr!(l.lang, "report-cert-expired-days-ago", days = -c.days_left)
            } else {
                tr!(l.lang, "report-cert-days-left", days = c.days_left)
            });
        }
    }
    let login = login_cell(p, l);
    if !login.is_empty() {
        parts.push(login);
    }
    parts.join("\n")
}

/// The login verdict with the user name and mechanism, or why it was not possible.
fn login_cell(p: &ProbeResult, l: &Labels) -> String {
    if let Some(x) = &p.login {
        let verdict = if x.ok {
            tr!(l.lang, "report-login-ok")
        } else {
            match p.login_failure() {
                Some((_, f)) => tr!(l.lang, "report-login-refused", message = escape(&f.message)),
                None => tr!(l.lang, "report-failure-auth-rejected"),
            }
        };
        let (mech, user) = (escape(&x.mechanism), escape(&x.username));
        return tr!(
            l.lang,
            "report-login-result",
            verdict = verdict,
            mechanism = mech,
            user = user
        );
    }
    match p.login_failure() {
        Some((_, f)) => tr!(
            l.lang,
            "report-login-not-possible",
            message = escape(&f.message)
        ),
        None => p
            .steps
            .iter()
            .find_map(|s| match &s.status {
                // The probe's reason is English; the settings card and the
                // auth.login_withheld finding say why in the run's language, so the reason
                // is shown in English only.
                StepStatus::Skipped { reason } if s.step == Step::Login => Some(match l.lang {
                    Lang::En => tr!(
                        l.lang,
                        "report-login-not-tried-because",
                        reason = escape(reason)
                    ),
                    Lang::ZhCn | Lang::ZhTw => tr!(l.lang, "report-login-not-tried"),
                }),
                _ => None,
            })
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::{Settings, Status};
    use crate::discover::DomainState;
    use crate::model::{Protocol, Security};
    use crate::report::AddressInfo;

    const LONG_HOST: &str = "imap-mailbox-access.eu-central-1.example-company.test";

    fn setting(protocol: Protocol, host: &str, port: u16, login: LoginState) -> Setting {
        Setting {
            protocol,
            host: host.to_owned(),
            port,
            security: Security::Tls,
            username: "alice@例子.测试".to_owned(),
            verified: true,
            sources: vec![SourceKind::Srv],
            login_ok: None,
            login,
            login_detail: Some("not sent to this host; --allow-untrusted-host allows it".into()),
            auth_required: true,
            password: PasswordField::AuthorizationCode,
        }
    }

    /// A report with an IDN address, long host names, a check and findings whose texts
    /// carry host names, an IP address, a URL, a date and flags.
    fn report(lang: Lang) -> Report {
        let imap = Endpoint::new(Protocol::Imap, LONG_HOST, 993, Security::Tls);
        let typed = Endpoint::new(
            Protocol::Imap,
            "imap.xn--fsqu00a.xn--0zwm56d",
            993,
            Security::Tls,
        );
        let (cause, fix) = match lang {
            Lang::En => (
                format!(
                    "The certificate of {LONG_HOST} (port 993, at 127.0.0.1) expired on 2001-01-01; see https://example-company.test/help/certificates."
                ),
                "Renew it; for a private CA pass it with --ca-file, or use --allow-untrusted-host."
                    .to_owned(),
            ),
            Lang::ZhCn | Lang::ZhTw => (
                format!(
                    "{LONG_HOST}（端口 993，地址 127.0.0.1）的证书已过期（到期日 2001-01-01），见 https://example-company.test/help/certificates。"
                ),
                "请更新证书；如果是私有 CA，请用 --ca-file 指定，或加 --allow-untrusted-host。"
                    .to_owned(),
            ),
        };
        Report {
            schema_version: 1,
            address: AddressInfo {
                input: "alice@例子.测试".into(),
                local: "alice".into(),
                domain: "xn--fsqu00a.xn--0zwm56d".into(),
                domain_unicode: "例子.测试".into(),
            },
            status: Status::Ok,
            verdict: Verdict::Reachable,
            settings: Settings {
                incoming: vec![
                    setting(Protocol::Imap, LONG_HOST, 993, LoginState::Withheld),
                    setting(
                        Protocol::Pop3,
                        "pop.xn--fsqu00a.xn--0zwm56d",
                        995,
                        LoginState::NotTested,
                    ),
                ],
                outgoing: vec![setting(
                    Protocol::Smtp,
                    "smtp-submission-relay.eu-central-1.example-company.test",
                    465,
                    LoginState::Withheld,
                )],
            },
            checks: vec![Check {
                endpoint: typed.clone(),
                verified: false,
                login: LoginState::NotTested,
                findings: vec!["dns.host_not_found"],
            }],
            provider: None,
            domain: DomainState::Exists,
            findings: vec![
                Finding::new(
                    "tls.expired",
                    Severity::Error,
                    Actor::ServerAdmin,
                    (cause, fix),
                )
                .at(&imap, [typed]),
            ],
            sources: Vec::new(),
            probes: Vec::new(),
            interrupted: false,
            elapsed_ms: 1,
            lang: lang.as_str().into(),
            tool_version: "0".into(),
            generated_at: "2026-01-01T00:00:00Z".into(),
            resolver: Vec::new(),
        }
    }

    fn render_at(r: &Report, lang: Lang, width: u16) -> String {
        let o = RenderOptions {
            lang,
            color: false,
            verbose: false,
            width: Some(width),
        };
        let mut out = Vec::new();
        render(r, &o, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    const TOKENS: &[&str] = &[
        LONG_HOST,
        "smtp-submission-relay.eu-central-1.example-company.test",
        "imap.xn--fsqu00a.xn--0zwm56d:993",
        "127.0.0.1",
        "2001-01-01",
        "https://example-company.test/help/certificates",
        "--ca-file",
        "--allow-untrusted-host",
        "alice@例子.测试",
    ];

    #[test]
    fn wrap_never_splits_names_addresses_urls_dates_or_flags() {
        for lang in [Lang::En, Lang::ZhCn] {
            let f = &report(lang).findings[0];
            let text = format!("{} {}", f.cause, f.fix);
            for width in 1..100 {
                let lines = wrap(&text, width);
                for t in TOKENS.iter().filter(|t| text.contains(**t)) {
                    assert!(
                        lines.iter().any(|l| l.contains(t)),
                        "{lang} width {width}: {t} split in {lines:#?}"
                    );
                }
                for l in &lines {
                    assert!(
                        display_width(l) <= width || pieces(l).len() == 1,
                        "{lang} width {width}: {l:?} is too wide"
                    );
                }
            }
        }
    }

    #[test]
    fn chinese_breaks_between_characters_but_not_around_punctuation() {
        let text = "服务器地址不存在。请检查（端口 993）是否写错，然后再试。";
        for width in 2..30 {
            let lines = wrap(text, width);
            assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
            for l in &lines {
                assert!(
                    !l.starts_with(['。', '，', '）']) && !l.ends_with('（'),
                    "width {width}: {lines:?}"
                );
                assert!(
                    display_width(l) <= width || pieces(l).len() == 1,
                    "width {width}: {lines:?}"
                );
            }
        }
        // CJK counts two columns.
        assert_eq!(wrap("服务器地址", 4), ["服务", "器地", "址"]);
    }

    #[test]
    fn every_width_keeps_tokens_whole_and_stacks_below_100() {
        for lang in [Lang::En, Lang::ZhCn] {
            let r = report(lang);
            for width in (30..=200).step_by(5) {
                let out = render_at(&r, lang, width);
                for t in TOKENS {
                    assert!(
                        out.lines().any(|l| l.contains(t)),
                        "{lang} width {width}: {t} split or missing:\n{out}"
                    );
                }
                let tables = out.contains('┌');
                if usize::from(width) < STACK_BELOW {
                    assert!(!tables, "{lang} width {width}: table below 100:\n{out}");
                }
                if width >= 160 {
                    assert!(tables, "{lang} width {width}: no table:\n{out}");
                }
            }
        }
    }

    #[test]
    fn header_shows_the_unicode_domain_with_its_ascii_form() {
        let out = render_at(&report(Lang::En), Lang::En, 120);
        assert!(
            out.contains("alice@例子.测试 (xn--fsqu00a.xn--0zwm56d)"),
            "{out}"
        );
    }

    #[test]
    fn verdict_line_comes_first_and_never_overclaims() {
        let mut r = report(Lang::En);
        let first = |r: &Report, lang| {
            render_at(r, lang, 120)
                .lines()
                .next()
                .unwrap_or_default()
                .to_owned()
        };
        assert!(
            first(&r, Lang::En).starts_with("REACHABLE:"),
            "{}",
            first(&r, Lang::En)
        );
        assert!(
            first(&r, Lang::En).contains("withheld"),
            "{}",
            first(&r, Lang::En)
        );
        assert!(!render_at(&r, Lang::En, 120).contains("these settings work"));
        for s in r
            .settings
            .incoming
            .iter_mut()
            .chain(&mut r.settings.outgoing)
        {
            s.login = LoginState::NotTested;
        }
        assert!(
            first(&r, Lang::En).contains("--login"),
            "{}",
            first(&r, Lang::En)
        );
        assert!(first(&r, Lang::ZhCn).starts_with("服务器可以连接，但没有检查账号"));
        assert!(first(&r, Lang::ZhTw).starts_with("伺服器可以連線，但沒有檢查帳號"));
        for (v, en, zh, tw) in [
            (
                Verdict::Works,
                "WORKS:",
                "可以使用：",
                "可以使用：設定已驗證",
            ),
            (Verdict::Partial, "PARTIAL:", "部分可用：", "部分可用："),
            (Verdict::Broken, "BROKEN:", "无法使用：", "無法使用："),
            (
                Verdict::Unverified,
                "UNVERIFIED:",
                "无法验证：",
                "無法驗證：",
            ),
        ] {
            r.verdict = v;
            assert!(
                first(&r, Lang::En).starts_with(en),
                "{}",
                first(&r, Lang::En)
            );
            assert!(
                first(&r, Lang::ZhCn).starts_with(zh),
                "{}",
                first(&r, Lang::ZhCn)
            );
            assert!(
                first(&r, Lang::ZhTw).starts_with(tw),
                "{}",
                first(&r, Lang::ZhTw)
            );
        }
    }

    #[test]
    fn chinese_output_has_no_english_labels() {
        let out = render_at(&report(Lang::ZhCn), Lang::ZhCn, 160);
        for word in [
            "Settings",
            "Server",
            "Login",
            "not tested",
            "yes",
            "Who",
            "Found",
        ] {
            assert!(!out.contains(word), "{word} in\n{out}");
        }
        assert!(out.contains("授权码"), "{out}");
        assert!(out.contains("服务器可连接"), "{out}");
        assert!(!out.contains("已验证：是"), "{out}");
    }

    #[test]
    fn traditional_chinese_output_has_taiwan_words() {
        let out = render_at(&report(Lang::ZhTw), Lang::ZhTw, 160);
        for word in ["Settings", "Server", "Login", "not tested", "Who", "Found"] {
            assert!(!out.contains(word), "{word} in\n{out}");
        }
        for word in [
            "建議設定",
            "伺服器位址",
            "連接埠",
            "使用者名稱",
            "伺服器可連線",
            "耗時",
        ] {
            assert!(out.contains(word), "{word} not in\n{out}");
        }
        // (The findings' texts are the fixture's, in Simplified Chinese.)
        for word in ["推荐设置", "服务器地址", "用时", "问题诊断"] {
            assert!(!out.contains(word), "{word} in\n{out}");
        }
    }

    #[test]
    fn discovery_details_keep_only_technical_words_in_chinese() {
        let s = SourceReport {
            source: SourceKind::Autoconfig,
            target: "example.com MX → autoconfig of the MX host's domain".into(),
            status: SourceStatus::Failed,
            detail: "error sending request for url (https://autoconfig.example.com/mail/config-v1.1.xml): connection refused at 192.0.2.1".into(),
            candidates: 0,
            elapsed_ms: 1,
            http_status: Some(503),
            redirects: Vec::new(),
        };
        let l = Labels { lang: Lang::ZhCn };
        assert_eq!(
            source_outcome(&s, &l),
            "失败：HTTP 503 https://autoconfig.example.com/mail/config-v1.1.xml 192.0.2.1"
        );
        assert_eq!(source_target(&s, &l), "example.com MX MX");
        let l = Labels { lang: Lang::ZhTw };
        assert_eq!(
            source_outcome(&s, &l),
            "失敗：HTTP 503 https://autoconfig.example.com/mail/config-v1.1.xml 192.0.2.1"
        );
    }
}
