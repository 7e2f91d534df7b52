//! Table rendering for people: the verdict first, then the settings to type, provider notes
//! and the troubleshooting table (severity, what, cause, fix). With `--verbose` also the
//! probe matrix (one row per endpoint and address, one column per step), the dialogue
//! transcripts and the sources tried; without it one summary line replaces them.
//!
//! Every label exists in English and Simplified Chinese ([`RenderOptions::lang`]); codes and
//! anything that came from a server or DNS are shown as they are, escaped. Colour (only the
//! verdict, severity and check-mark cells) is on only when [`RenderOptions::color`] says so.

use std::collections::BTreeSet;
use std::io::Write;

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, Color, ColumnConstraint, ContentArrangement, Table, Width};

use super::{RenderOptions, Report, escape};
use crate::analyze::{Setting, Status};
use crate::i18n::Lang;
use crate::model::{
    FailureKind, ProbeResult, Severity, SourceKind, SourceStatus, Step, StepStatus,
};

/// Width used when stdout is not a terminal, so pipes and files stay readable.
const FIXED_WIDTH: u16 = 120;

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

fn new_table(header: &[&str], o: &RenderOptions) -> Table {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header.iter().copied());
    // Width-aware when stdout is a terminal; a fixed width otherwise keeps pipes readable.
    if t.width().is_none() {
        t.set_width(FIXED_WIDTH);
    }
    if o.color {
        t.enforce_styling();
        // crossterm drops colours when NO_COLOR is set; `--color always` wins (no-color.org).
        crossterm::style::force_color_output(true);
    }
    t
}

/// A cell, coloured only when colour is on.
fn cell(text: impl Into<String>, color: Option<Color>, o: &RenderOptions) -> Cell {
    let c = Cell::new(text.into());
    match color {
        Some(color) if o.color => c.fg(color),
        _ => c,
    }
}

/// Every label of the table view, in one language.
struct Labels {
    lang: Lang,
}

impl Labels {
    fn t(&self, en: &'static str, zh: &'static str) -> &'static str {
        self.lang.pick(en, zh)
    }

    fn verdict(&self, status: Status, errors: usize, warnings: usize) -> String {
        match (status, self.lang) {
            (Status::Ok, Lang::En) => "OK: these settings work".to_owned(),
            (Status::Ok, Lang::ZhCn) => "正常，以下设置可以使用".to_owned(),
            (Status::Warning, Lang::En) => format!("WORKS WITH WARNINGS ({warnings} warning(s))"),
            (Status::Warning, Lang::ZhCn) => format!("可以使用，但有 {warnings} 个警告"),
            (Status::Error, Lang::En) => format!("BROKEN ({errors} problem(s) found)"),
            (Status::Error, Lang::ZhCn) => format!("无法正常使用（发现 {errors} 个问题）"),
        }
    }

    fn source(&self, k: SourceKind) -> &'static str {
        match k {
            SourceKind::User => self.t("you (--check)", "您输入的（--check）"),
            SourceKind::Provider => self.t("provider database", "服务商数据库"),
            SourceKind::Srv => "DNS SRV",
            SourceKind::Mx => "DNS MX",
            SourceKind::Guess => self.t("guess", "猜测"),
            SourceKind::Autoconfig => "autoconfig",
            SourceKind::AutoconfigHttp => {
                self.t("autoconfig (plain HTTP)", "autoconfig（明文 HTTP）")
            }
            SourceKind::AutoconfigMx => self.t("autoconfig via MX", "autoconfig（经 MX）"),
            SourceKind::Autodiscover => "Autodiscover",
        }
    }

    fn source_status(&self, s: SourceStatus) -> &'static str {
        match s {
            SourceStatus::Found => self.t("found", "找到"),
            SourceStatus::NotFound => self.t("nothing", "无结果"),
            SourceStatus::NxDomain => self.t("does not exist", "不存在"),
            SourceStatus::Failed => self.t("failed", "失败"),
            SourceStatus::Timeout => self.t("timed out", "超时"),
            SourceStatus::Skipped => self.t("skipped", "跳过"),
            SourceStatus::Invalid => self.t("unusable answer", "应答无法使用"),
        }
    }

    /// Column header of a step in the probe matrix.
    fn step_column(&self, s: Step) -> &'static str {
        match s {
            Step::Resolve => self.t("DNS", "解析"),
            Step::Connect => self.t("TCP", "连接"),
            Step::TlsHandshake => "TLS",
            Step::Greeting => self.t("Greeting", "欢迎信息"),
            Step::Capabilities => self.t("Capabilities", "功能"),
            Step::Starttls => "STARTTLS",
            Step::CapabilitiesAfterTls => self.t("Caps after TLS", "加密后功能"),
            Step::AuthMechs => self.t("Login methods", "登录方式"),
            Step::Login => self.t("Login", "登录"),
        }
    }

    /// A few words on why a step failed, for a matrix cell.
    fn failure_short(&self, k: &FailureKind) -> String {
        let s = match k {
            FailureKind::NxDomain => self.t("no such name", "域名不存在"),
            FailureKind::NoAddress => self.t("no address", "没有 IP 地址"),
            FailureKind::DnsFailed => self.t("DNS failed", "解析失败"),
            FailureKind::DnsTimeout => self.t("DNS timeout", "解析超时"),
            FailureKind::Refused => self.t("refused", "拒绝连接"),
            FailureKind::Timeout => self.t("timeout", "超时"),
            FailureKind::Unreachable => self.t("unreachable", "网络不通"),
            FailureKind::ConnectionClosed => self.t("closed", "连接被断开"),
            FailureKind::ProtocolError => self.t("bad reply", "应答异常"),
            FailureKind::WrongProtocol { actual: Some(p) } => {
                return match self.lang {
                    Lang::En => format!("{} answered", p.display_name()),
                    Lang::ZhCn => format!("{} 应答", p.display_name()),
                };
            }
            FailureKind::WrongProtocol { actual: None } => self.t("wrong protocol", "协议不对"),
            FailureKind::PlaintextOnTlsPort => self.t("plaintext port", "明文端口"),
            FailureKind::TlsOnPlaintextPort => self.t("SSL/TLS port", "SSL/TLS 端口"),
            FailureKind::CertExpired { .. } => self.t("expired", "证书已过期"),
            FailureKind::CertNotYetValid { .. } => self.t("not yet valid", "证书未生效"),
            FailureKind::CertNameMismatch { .. } => self.t("name mismatch", "证书域名不符"),
            FailureKind::CertSelfSigned => self.t("self-signed", "自签名证书"),
            FailureKind::CertUntrusted => self.t("untrusted", "证书不受信任"),
            FailureKind::CertInvalid => self.t("bad certificate", "证书无效"),
            FailureKind::HandshakeFailed => self.t("handshake failed", "握手失败"),
            FailureKind::StarttlsNotOffered => self.t("not offered", "不支持"),
            FailureKind::StarttlsRejected => self.t("rejected", "被拒绝"),
            FailureKind::NoGreeting => self.t("silent", "无欢迎信息"),
            FailureKind::ChainIncomplete { .. } => self.t("chain incomplete", "证书链不完整"),
            FailureKind::TlsVersionTooOld => self.t("TLS too old", "TLS 版本过旧"),
            FailureKind::AuthFailed => self.t("wrong user/password", "用户名或密码错误"),
            FailureKind::AuthProtocolDisabled => self.t("service off", "服务未开启"),
            FailureKind::AuthAccountBlocked => self.t("account blocked", "账号受限"),
            FailureKind::AuthAppPasswordRequired => self.t("app password needed", "需要授权码"),
            FailureKind::AuthRejected => self.t("refused", "被拒绝"),
            FailureKind::AuthNoMechanism { .. } => self.t("no password login", "不支持密码登录"),
            FailureKind::Interrupted => self.t("interrupted", "已中断"),
        };
        s.to_owned()
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
fn verdict_style(status: Status) -> (&'static str, &'static str) {
    match status {
        Status::Ok => ("\x1b[1;32m", "\x1b[0m"),
        Status::Warning => ("\x1b[1;33m", "\x1b[0m"),
        Status::Error => ("\x1b[1;31m", "\x1b[0m"),
    }
}

fn settings_rows(t: &mut Table, incoming: bool, list: &[Setting], l: &Labels, o: &RenderOptions) {
    for s in list {
        let mut from: Vec<&str> = s.sources.iter().map(|k| l.source(*k)).collect();
        from.dedup();
        let (checked, color) = if s.verified {
            match s.login_ok {
                Some(true) => (l.t("yes, login ok", "是，登录成功"), Color::Green),
                Some(false) => (l.t("yes, login FAILED", "是，但登录失败"), Color::Yellow),
                None => (l.t("yes", "是"), Color::Green),
            }
        } else {
            (l.t("NOT VERIFIED", "未验证"), Color::Red)
        };
        t.add_row(vec![
            Cell::new(l.lang.direction(incoming)),
            Cell::new(s.protocol.display_name()),
            Cell::new(escape(&s.host)),
            Cell::new(s.port),
            Cell::new(l.lang.security(s.security)),
            Cell::new(escape(&s.username)),
            cell(checked, Some(color), o),
            Cell::new(from.join(l.t(", ", "、"))),
        ]);
    }
}

/// Writes the human-readable report.
pub fn render(r: &Report, o: &RenderOptions, out: &mut impl Write) -> std::io::Result<()> {
    let l = Labels { lang: o.lang };
    let count = |sev| r.findings.iter().filter(|f| f.severity == sev).count();
    let verdict = l.verdict(r.status, count(Severity::Error), count(Severity::Warning));
    let (on, off) = if o.color {
        verdict_style(r.status)
    } else {
        ("", "")
    };
    writeln!(
        out,
        "maildoctor {}{}{on}{verdict}{off}",
        escape(&r.address.input),
        l.t(": ", "：")
    )?;
    if let Some(p) = &r.provider {
        let name = escape(&p.name);
        let how = match (&p.detected_via, &p.mx_host, o.lang) {
            (SourceKind::Mx, Some(mx), Lang::En) => {
                format!("hosted by {name}, detected from MX {}", escape(mx))
            }
            (SourceKind::Mx, Some(mx), Lang::ZhCn) => {
                format!("由 {name} 托管（根据 MX 记录 {} 识别）", escape(mx))
            }
            (_, _, Lang::En) => format!("{name} (from the provider database)"),
            (_, _, Lang::ZhCn) => format!("{name}（来自服务商数据库）"),
        };
        writeln!(out, "{}{how}", l.t("Provider: ", "邮箱服务商："))?;
    }
    writeln!(out)?;

    writeln!(out, "{}", l.t("Settings to use", "推荐设置"))?;
    if r.settings.incoming.is_empty() && r.settings.outgoing.is_empty() {
        writeln!(out, "  {}", l.t("(none found)", "（没有找到）"))?;
    } else {
        let mut t = new_table(
            &[
                "",
                l.t("Protocol", "协议"),
                l.t("Server", "服务器地址"),
                l.t("Port", "端口"),
                l.t("Security", "加密方式"),
                l.t("Username", "用户名"),
                l.t("Checked", "已验证"),
                l.t("Found by", "来源"),
            ],
            o,
        );
        settings_rows(&mut t, true, &r.settings.incoming, &l, o);
        settings_rows(&mut t, false, &r.settings.outgoing, &l, o);
        writeln!(out, "{t}")?;
    }
    if let Some(p) = &r.provider {
        for h in &p.hints {
            let text = match (o.lang, &h.text_zh) {
                (Lang::ZhCn, Some(zh)) => zh,
                _ => &h.text,
            };
            writeln!(out, "  {}{}", l.t("Note: ", "提示："), escape(text))?;
        }
    }
    writeln!(out)?;

    writeln!(out, "{}", l.t("Troubleshooting", "问题诊断"))?;
    if r.findings.is_empty() {
        writeln!(out, "  {}", l.t("No problems found.", "没有发现问题。"))?;
    } else {
        let header = [
            l.t("Severity", "级别"),
            l.t("What", "项目"),
            l.t("Cause", "原因"),
            l.t("Fix", "解决办法"),
        ];
        let mut t = new_table(&header, o);
        let whats: Vec<String> = r
            .findings
            .iter()
            .map(|f| match &f.endpoint {
                Some(e) => format!(
                    "{}\n{} {}:{} ({})",
                    f.code,
                    e.protocol.display_name(),
                    escape(&e.host),
                    e.port,
                    o.lang.security(e.security)
                ),
                None => f.code.to_owned(),
            })
            .collect();
        let wrap = text_wrapper(&mut t, &header, &whats, o);
        for (f, what) in r.findings.iter().zip(whats) {
            t.add_row(vec![
                cell(
                    o.lang.severity(f.severity),
                    Some(severity_color(f.severity)),
                    o,
                ),
                Cell::new(what),
                Cell::new(wrap(&escape(&f.cause))),
                Cell::new(wrap(&escape(&f.fix))),
            ]);
        }
        writeln!(out, "{t}")?;
    }
    writeln!(out)?;

    if o.verbose {
        verbose_sections(r, &l, o, out)?;
    } else {
        let servers: BTreeSet<_> = r.probes.iter().map(|p| &p.endpoint).collect();
        let (n, m) = (servers.len(), r.sources.len());
        match o.lang {
            Lang::En => writeln!(
                out,
                "{n} server(s) checked, {m} source(s) consulted; --verbose shows details."
            )?,
            Lang::ZhCn => writeln!(
                out,
                "已检查 {n} 个服务器，查询了 {m} 个来源；加 --verbose 可查看详情。"
            )?,
        }
    }
    match o.lang {
        Lang::En => writeln!(out, "Finished in {} ms.", r.elapsed_ms),
        Lang::ZhCn => writeln!(out, "用时 {} 毫秒。", r.elapsed_ms),
    }
}

/// Line-breaks the cause and fix columns of the findings table by Unicode line-breaking
/// rules (UAX #14, via textwrap): Chinese breaks between characters but never before
/// "，。；：）", and host names are kept whole when they fit. comfy-table alone breaks only
/// at spaces and chops longer runs anywhere, which cuts Chinese sentences and host names.
/// The two text columns share what the severity and "what" columns leave of the table
/// width; on a very narrow terminal comfy-table's own arrangement is kept.
fn text_wrapper(
    t: &mut Table,
    header: &[&str],
    whats: &[String],
    o: &RenderOptions,
) -> impl Fn(&str) -> String + use<> {
    use textwrap::core::display_width;
    const PADDING: usize = 2;
    let severity_w = [Severity::Error, Severity::Warning, Severity::Info]
        .iter()
        .map(|s| display_width(o.lang.severity(*s)))
        .chain([display_width(header[0])])
        .max()
        .unwrap_or(0)
        + PADDING;
    let what_w = whats
        .iter()
        .flat_map(|w| w.lines())
        .map(display_width)
        .chain([display_width(header[1])])
        .max()
        .unwrap_or(0)
        + PADDING;
    let total = usize::from(t.width().unwrap_or(FIXED_WIDTH));
    // Five vertical borders for four columns.
    let column = total.saturating_sub(5 + severity_w + what_w) / 2;
    let text_width = if column >= 20 + PADDING {
        if let Ok(w) = u16::try_from(column) {
            t.set_constraints([
                ColumnConstraint::ContentWidth,
                ColumnConstraint::ContentWidth,
                ColumnConstraint::Absolute(Width::Fixed(w)),
                ColumnConstraint::Absolute(Width::Fixed(w)),
            ]);
        }
        Some(column - PADDING)
    } else {
        None
    };
    move |text: &str| match text_width {
        Some(w) => {
            let options = textwrap::Options::new(w)
                .word_separator(textwrap::WordSeparator::UnicodeBreakProperties)
                .break_words(true);
            textwrap::wrap(text, options).join("\n")
        }
        None => text.to_owned(),
    }
}

/// The probe matrix, the transcripts and the source trace (`--verbose`).
fn verbose_sections(
    r: &Report,
    l: &Labels,
    o: &RenderOptions,
    out: &mut impl Write,
) -> std::io::Result<()> {
    if !r.probes.is_empty() {
        writeln!(out, "{}", l.t("Servers checked", "服务器检测明细"))?;
        // Only the steps some probe reached or skipped get a column.
        let steps: Vec<Step> = STEPS
            .into_iter()
            .filter(|s| {
                r.probes
                    .iter()
                    .any(|p| p.steps.iter().any(|x| x.step == *s))
            })
            .collect();
        let mut header = vec![l.t("Server", "服务器"), l.t("Address", "IP 地址")];
        header.extend(steps.iter().map(|s| l.step_column(*s)));
        header.push(l.t("Details", "详情"));
        let mut t = new_table(&header, o);
        for p in &r.probes {
            let mut row = vec![
                Cell::new(format!(
                    "{} {}:{}\n{}",
                    p.endpoint.protocol.display_name(),
                    escape(&p.endpoint.host),
                    p.endpoint.port,
                    o.lang.security(p.endpoint.security)
                )),
                Cell::new(
                    p.addr
                        .map(|a| a.ip().to_string())
                        .unwrap_or_else(|| "–".to_owned()),
                ),
            ];
            for s in &steps {
                row.push(
                    match p.steps.iter().find(|x| x.step == *s).map(|x| &x.status) {
                        Some(StepStatus::Ok) => cell("✓", Some(Color::Green), o),
                        Some(StepStatus::Failed(f)) => cell(
                            format!("✗ {}", l.failure_short(&f.kind)),
                            Some(Color::Red),
                            o,
                        ),
                        Some(StepStatus::Skipped { .. }) | None => Cell::new("–"),
                    },
                );
            }
            row.push(Cell::new(details(p, l)));
            t.add_row(row);
        }
        writeln!(out, "{t}")?;
        writeln!(out)?;
        // Transcripts exist only with --verbose; credentials were masked when recorded.
        for p in r.probes.iter().filter(|p| !p.transcript.is_empty()) {
            let addr = p.addr.map(|a| a.to_string()).unwrap_or_default();
            let ep = escape(&p.endpoint.to_string());
            match o.lang {
                Lang::En => writeln!(out, "Transcript: {ep} at {addr}")?,
                Lang::ZhCn => writeln!(out, "会话记录：{ep}（{addr}）")?,
            }
            for line in &p.transcript {
                writeln!(out, "  {}", escape(line))?;
            }
            writeln!(out)?;
        }
    }

    writeln!(out, "{}", l.t("Sources tried", "查询过的来源"))?;
    let mut t = new_table(
        &[
            l.t("Source", "来源"),
            l.t("Query", "查询内容"),
            l.t("Outcome", "结果"),
            l.t("Candidates", "候选数"),
            l.t("Time", "耗时"),
        ],
        o,
    );
    for s in &r.sources {
        let outcome = match s.status {
            SourceStatus::Found => s.detail.clone(),
            _ => format!(
                "{}{}{}",
                l.source_status(s.status),
                l.t(": ", "："),
                s.detail
            ),
        };
        t.add_row(vec![
            l.source(s.source).to_owned(),
            escape(&s.target),
            escape(&outcome),
            s.candidates.to_string(),
            format!("{} ms", s.elapsed_ms),
        ]);
    }
    writeln!(out, "{t}")?;
    Ok(())
}

/// The details column: TLS version and cipher, the certificate's remaining days, the login.
fn details(p: &ProbeResult, l: &Labels) -> String {
    let mut parts = Vec::new();
    if let Some(t) = &p.tls {
        parts.push(escape(&format!("{} {}", t.version, t.cipher)));
        if let Some(c) = t.chain.first() {
            parts.push(match (c.days_left, l.lang) {
                (d, Lang::En) if d < 0 => format!("certificate expired {} day(s) ago", -d),
                (d, Lang::ZhCn) if d < 0 => format!("证书已过期 {} 天", -d),
                (d, Lang::En) => format!("certificate: {d} day(s) left"),
                (d, Lang::ZhCn) => format!("证书还剩 {d} 天"),
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
    let login = l.t("login ", "登录");
    if let Some(x) = &p.login {
        let verdict = if x.ok {
            l.t("ok", "成功").to_owned()
        } else {
            match p.login_failure() {
                Some((_, f)) => format!("{}{}", l.t("refused: ", "被拒绝："), escape(&f.message)),
                None => l.t("refused", "被拒绝").to_owned(),
            }
        };
        let (mech, user) = (escape(&x.mechanism), escape(&x.username));
        return match l.lang {
            Lang::En => format!("{login}{verdict} ({mech} as {user})"),
            Lang::ZhCn => format!("{login}{verdict}（{mech}，用户名 {user}）"),
        };
    }
    match p.login_failure() {
        Some((_, f)) => format!(
            "{login}{}{}",
            l.t("not possible: ", "无法进行："),
            escape(&f.message)
        ),
        None => p
            .steps
            .iter()
            .find_map(|s| match &s.status {
                StepStatus::Skipped { reason } if s.step == Step::Login => Some(format!(
                    "{login}{}{}",
                    l.t("not tried: ", "未尝试："),
                    escape(reason)
                )),
                _ => None,
            })
            .unwrap_or_default(),
    }
}
