//! What the shareable reports (Markdown and HTML) say, as raw text in the run's language,
//! before any escaping: the verdict, the account, the settings, the checks, one block per
//! finding and, per endpoint, the step tree, the certificates and the transcripts. The
//! renderers ([`super::markdown`], [`super::html`]) only lay it out and escape every value
//! for their format. Built from the [`Report`] alone; never holds the password (the report
//! has none) nor a local file path.

use super::Report;
use super::card::{self, Card, Client};
use super::table::{Labels, host_port, login_detail, password_given, verdict_line};
use crate::analyze::{LoginState, Verdict};
use crate::i18n::Lang;
use crate::model::{Endpoint, ProbeResult, Severity, StepStatus};

/// One row of the settings table.
pub(super) struct SettingRow {
    pub recommended: bool,
    pub direction: String,
    pub protocol: &'static str,
    pub server: String,
    pub port: String,
    pub security: String,
    pub username: String,
    pub checked: String,
    pub verified: bool,
    pub login: String,
    pub login_state: LoginState,
}

/// One `--check` endpoint.
pub(super) struct CheckRow {
    pub setting: String,
    pub works: bool,
    pub works_text: &'static str,
    pub login: String,
    pub findings: Vec<&'static str>,
}

/// One finding.
pub(super) struct FindingBlock {
    pub severity: Severity,
    pub severity_text: String,
    pub code: &'static str,
    pub actor: &'static str,
    pub wheres: Vec<String>,
    pub cause: String,
    pub fix: String,
    pub server_reply: Option<String>,
}

/// One step of a probe.
pub(super) struct StepLine {
    /// `✓`, `✗` or `–`.
    pub mark: &'static str,
    pub ok: Option<bool>,
    pub name: String,
    /// Why it failed (short, then the message as observed) or was skipped.
    pub detail: String,
}

/// One probe: one address of an endpoint.
pub(super) struct AddressBlock {
    pub addr: String,
    pub outcome: String,
    pub ok: bool,
    pub steps: Vec<StepLine>,
    /// `(label, value)` lines of the TLS session.
    pub tls: Vec<(&'static str, String)>,
    /// `(label, value)` lines of each certificate of the chain, leaf first.
    pub certs: Vec<Vec<(&'static str, String)>>,
    pub greeting: Option<String>,
    pub transcript: Vec<String>,
}

/// One endpoint and its probes.
pub(super) struct EndpointBlock {
    pub title: String,
    pub ok: bool,
    pub outcome: String,
    pub addresses: Vec<AddressBlock>,
}

/// Everything the shareable report shows, raw.
pub(super) struct Shared {
    pub lang: Lang,
    pub title: String,
    pub verdict: Verdict,
    pub verdict_line: String,
    pub account: (&'static str, String),
    pub provider: Option<(&'static str, String)>,
    pub card_heading: &'static str,
    pub card: Card,
    pub settings_heading: &'static str,
    pub settings_header: [&'static str; 8],
    pub recommended_label: &'static str,
    pub settings: Vec<SettingRow>,
    pub login_notes: Vec<String>,
    pub password_note: Option<&'static str>,
    pub notes: Vec<String>,
    pub note_label: &'static str,
    pub checks_heading: &'static str,
    pub checks_header: [&'static str; 4],
    pub checks: Vec<CheckRow>,
    pub findings_heading: &'static str,
    pub no_findings: &'static str,
    pub findings: Vec<FindingBlock>,
    pub labels: FindingLabels,
    pub endpoints_heading: &'static str,
    pub endpoints: Vec<EndpointBlock>,
    pub certificate_label: &'static str,
    pub greeting_label: &'static str,
    pub transcript_label: &'static str,
    pub footer: String,
}

/// Labels of a finding block.
pub(super) struct FindingLabels {
    pub actor: &'static str,
    pub wheres: &'static str,
    pub cause: &'static str,
    pub fix: &'static str,
    pub server_reply: &'static str,
}

/// Gathers what the report shows. `verbose` adds the transcripts (recorded only with
/// `--verbose`, the password already masked).
pub(super) fn gather(r: &Report, lang: Lang, client: Client, verbose: bool) -> Shared {
    let l = Labels { lang };
    let address = card::display_address(r);
    let mut account = address.clone();
    if !r.address.domain.is_empty() && r.address.domain != r.address.domain_unicode {
        account = format!("{account} ({})", r.address.domain);
    }
    let provider = r.provider.as_ref().map(|p| {
        let name = match (lang, &p.name_zh) {
            (Lang::ZhCn, Some(zh)) => zh.clone(),
            _ => p.name.clone(),
        };
        (l.t("Provider", "邮箱服务商"), name)
    });
    let given = password_given(r);
    let mut settings = Vec::new();
    let mut login_notes = Vec::new();
    let s = &r.settings;
    let rows = s
        .incoming
        .first()
        .map(|x| (true, true, x))
        .into_iter()
        .chain(s.outgoing.first().map(|x| (true, false, x)))
        .chain(s.incoming.iter().skip(1).map(|x| (false, true, x)))
        .chain(s.outgoing.iter().skip(1).map(|x| (false, false, x)));
    for (recommended, incoming, x) in rows {
        let login = l.login(x.login).text;
        if let Some(d) = login_detail(x, given) {
            login_notes.push(format!(
                "{} {}{}{d}",
                x.protocol.display_name(),
                host_port(&Endpoint::new(x.protocol, &x.host, x.port, x.security)),
                l.t(": ", "："),
            ));
        }
        settings.push(SettingRow {
            recommended,
            direction: lang.direction(incoming),
            protocol: x.protocol.display_name(),
            server: x.host.clone(),
            port: x.port.to_string(),
            security: lang.security(x.security),
            username: x.username.clone(),
            checked: l.checked(x.verified).text,
            verified: x.verified,
            login,
            login_state: x.login,
        });
    }
    let password_note = s
        .incoming
        .first()
        .or_else(|| s.outgoing.first())
        .map(|x| l.password(x.password));
    let notes = r
        .provider
        .iter()
        .flat_map(|p| &p.hints)
        .map(|h| match (lang, &h.text_zh) {
            (Lang::ZhCn, Some(zh)) => zh.clone(),
            _ => h.text.clone(),
        })
        .collect();
    let checks = r
        .checks
        .iter()
        .map(|c| {
            let works = c.verified && c.login != LoginState::Failed;
            CheckRow {
                setting: format!(
                    "{} {} {}",
                    c.endpoint.protocol.display_name(),
                    host_port(&c.endpoint),
                    lang.security(c.endpoint.security)
                ),
                works,
                works_text: if works {
                    l.t("yes", "可以使用")
                } else {
                    l.t("NO", "不能用")
                },
                login: l.login(c.login).text,
                findings: c.findings.clone(),
            }
        })
        .collect();
    let findings = r
        .findings
        .iter()
        .map(|f| FindingBlock {
            severity: f.severity,
            severity_text: lang.severity(f.severity),
            code: f.code,
            actor: l.actor(f.actor),
            wheres: f.endpoints.iter().map(host_port).collect(),
            cause: f.cause.clone(),
            fix: f.fix.clone(),
            server_reply: f.params.server_reply.clone(),
        })
        .collect();
    let footer = match lang {
        Lang::En => format!(
            "maildoctor {} · {} · finished in {} ms",
            r.tool_version, r.generated_at, r.elapsed_ms
        ),
        Lang::ZhCn | Lang::ZhTw => format!(
            "maildoctor {} · {} · 用时 {} 毫秒",
            r.tool_version, r.generated_at, r.elapsed_ms
        ),
    };
    Shared {
        lang,
        title: format!("maildoctor: {address}"),
        verdict: r.verdict,
        verdict_line: verdict_line(r, lang),
        account: (l.t("Account", "账号"), account),
        provider,
        card_heading: l.t("Settings card", "设置卡片"),
        card: card::card(r, client, lang),
        settings_heading: l.t("All settings found", "找到的全部设置"),
        settings_header: [
            "★",
            l.t("Direction", "方向"),
            l.t("Protocol", "协议"),
            l.t("Server", "服务器地址"),
            l.t("Port", "端口"),
            l.t("Security", "加密方式"),
            l.t("User name", "用户名"),
            l.t("Checked / login", "检查 / 登录"),
        ],
        recommended_label: l.t("Recommended", "推荐"),
        settings,
        login_notes,
        password_note,
        notes,
        note_label: l.t("Note", "提示"),
        checks_heading: l.t("What you typed", "您输入的设置"),
        checks_header: [
            l.t("Setting", "设置"),
            l.t("Works", "是否可用"),
            l.t("Login", "登录"),
            l.t("Findings", "发现的问题"),
        ],
        checks,
        findings_heading: l.t("Problems and fixes", "问题和解决办法"),
        no_findings: l.t("No problems found.", "没有发现问题。"),
        findings,
        labels: FindingLabels {
            actor: l.t("Who acts", "由谁处理"),
            wheres: l.t("Where", "涉及"),
            cause: l.t("Cause", "原因"),
            fix: l.t("Fix", "解决办法"),
            server_reply: l.t("The server said", "服务器原话"),
        },
        endpoints_heading: l.t("Servers checked, step by step", "服务器逐步检测明细"),
        endpoints: endpoints(r, &l, verbose),
        certificate_label: l.t("Certificate", "证书"),
        greeting_label: l.t("Greeting", "欢迎信息"),
        transcript_label: l.t("Transcript", "会话记录"),
        footer,
    }
}

/// The probes grouped by endpoint, in the report's order.
fn endpoints(r: &Report, l: &Labels, verbose: bool) -> Vec<EndpointBlock> {
    let mut order: Vec<&Endpoint> = Vec::new();
    for p in &r.probes {
        if !order.contains(&&p.endpoint) {
            order.push(&p.endpoint);
        }
    }
    order
        .into_iter()
        .map(|e| {
            let addresses: Vec<AddressBlock> = r
                .probes
                .iter()
                .filter(|p| &p.endpoint == e)
                .map(|p| address_block(p, l, verbose))
                .collect();
            let ok = addresses.iter().any(|a| a.ok);
            let outcome = if ok {
                l.t("✓ works", "✓ 可以连接").to_owned()
            } else {
                addresses
                    .first()
                    .map_or_else(String::new, |a| a.outcome.clone())
            };
            EndpointBlock {
                title: format!(
                    "{} {} ({})",
                    e.protocol.display_name(),
                    host_port(e),
                    l.lang.security(e.security)
                ),
                ok,
                outcome,
                addresses,
            }
        })
        .collect()
}

fn address_block(p: &ProbeResult, l: &Labels, verbose: bool) -> AddressBlock {
    let lang = l.lang;
    let steps: Vec<StepLine> = p
        .steps
        .iter()
        .map(|s| match &s.status {
            StepStatus::Ok => StepLine {
                mark: "✓",
                ok: Some(true),
                name: lang.step(s.step),
                detail: String::new(),
            },
            StepStatus::Failed(f) => StepLine {
                mark: "✗",
                ok: Some(false),
                name: lang.step(s.step),
                detail: format!(
                    "{}{}{}",
                    l.failure_short(&f.kind),
                    l.t(": ", "："),
                    f.message
                ),
            },
            StepStatus::Skipped { reason } => StepLine {
                mark: "–",
                ok: None,
                name: lang.step(s.step),
                detail: match lang {
                    Lang::En => format!("skipped: {reason}"),
                    Lang::ZhCn | Lang::ZhTw => "跳过".to_owned(),
                },
            },
        })
        .collect();
    let ok = p.connection_ok();
    let outcome = match p.failure() {
        None => l.t("✓ works", "✓ 可以连接").to_owned(),
        Some((step, f)) => format!(
            "✗ {}{}{}",
            lang.step(step),
            l.t(": ", "："),
            l.failure_short(&f.kind)
        ),
    };
    let mut tls = Vec::new();
    let mut certs = Vec::new();
    if let Some(t) = &p.tls {
        tls.push((l.t("TLS", "TLS"), format!("{} {}", t.version, t.cipher)));
        tls.push((
            l.t("Certificate verified", "证书验证"),
            l.t(
                if t.verified { "yes" } else { "NO" },
                if t.verified { "通过" } else { "未通过" },
            )
            .to_owned(),
        ));
        for c in &t.chain {
            let days = match lang {
                Lang::En if c.days_left < 0 => format!("expired {} day(s) ago", -c.days_left),
                Lang::En => format!("{} day(s) left", c.days_left),
                Lang::ZhCn if c.days_left < 0 => format!("已过期 {} 天", -c.days_left),
                Lang::ZhCn | Lang::ZhTw => format!("还剩 {} 天", c.days_left),
            };
            let mut lines = vec![
                (l.t("Subject", "主体"), c.subject.clone()),
                (l.t("Issuer", "颁发者"), c.issuer.clone()),
            ];
            if !c.dns_names.is_empty() {
                lines.push((l.t("Names", "域名"), c.dns_names.join(", ")));
            }
            lines.push((
                l.t("Valid", "有效期"),
                format!("{} – {} ({days})", c.not_before, c.not_after),
            ));
            if c.self_signed {
                lines.push((l.t("Self-signed", "自签名"), l.t("yes", "是").to_owned()));
            }
            certs.push(lines);
        }
    }
    AddressBlock {
        addr: p.addr.map_or_else(
            || l.t("(no address)", "（没有地址）").to_owned(),
            |a| a.to_string(),
        ),
        outcome,
        ok,
        steps,
        tls,
        certs,
        greeting: p.greeting.clone(),
        transcript: if verbose {
            p.transcript.clone()
        } else {
            Vec::new()
        },
    }
}
