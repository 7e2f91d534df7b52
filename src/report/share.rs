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
use crate::tr;

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
    pub works_text: String,
    pub login: String,
    pub findings: Vec<&'static str>,
}

/// One finding.
pub(super) struct FindingBlock {
    pub severity: Severity,
    pub severity_text: String,
    pub code: &'static str,
    pub actor: String,
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
    pub tls: Vec<(String, String)>,
    /// `(label, value)` lines of each certificate of the chain, leaf first.
    pub certs: Vec<Vec<(String, String)>>,
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
    pub account: (String, String),
    pub provider: Option<(String, String)>,
    pub card_heading: String,
    pub card: Card,
    pub settings_heading: String,
    pub settings_header: [String; 8],
    pub recommended_label: String,
    pub settings: Vec<SettingRow>,
    pub login_notes: Vec<String>,
    pub password_note: Option<String>,
    pub notes: Vec<String>,
    pub note_label: String,
    pub checks_heading: String,
    pub checks_header: [String; 4],
    pub checks: Vec<CheckRow>,
    pub findings_heading: String,
    pub no_findings: String,
    pub findings: Vec<FindingBlock>,
    pub labels: FindingLabels,
    pub endpoints_heading: String,
    pub endpoints: Vec<EndpointBlock>,
    pub certificate_label: String,
    pub greeting_label: String,
    pub transcript_label: String,
    /// Between a label and its value: `: ` or `：`.
    pub colon: String,
    pub footer: String,
}

/// Labels of a finding block.
pub(super) struct FindingLabels {
    pub actor: String,
    pub wheres: String,
    pub cause: String,
    pub fix: String,
    pub server_reply: String,
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
        // The provider file's Chinese is Simplified; Traditional Chinese shows it as it is.
        let name = match (lang.is_zh(), &p.name_zh) {
            (true, Some(zh)) => zh.clone(),
            _ => p.name.clone(),
        };
        (tr!(l.lang, "report-provider"), name)
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
                tr!(l.lang, "report-colon"),
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
        .map(|h| match (lang.is_zh(), &h.text_zh) {
            (true, Some(zh)) => zh.clone(),
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
                    tr!(l.lang, "report-works-yes")
                } else {
                    tr!(l.lang, "report-works-no")
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
    let footer = tr!(
        lang,
        "report-footer",
        version = r.tool_version.as_str(),
        generated = r.generated_at.as_str(),
        ms = r.elapsed_ms.to_string()
    );
    Shared {
        lang,
        title: format!("maildoctor: {address}"),
        verdict: r.verdict,
        verdict_line: verdict_line(r, lang),
        account: (tr!(l.lang, "report-account"), account),
        provider,
        card_heading: tr!(l.lang, "report-settings-card"),
        card: card::card(r, client, lang),
        settings_heading: tr!(l.lang, "report-all-settings-found"),
        settings_header: [
            "★".to_owned(),
            tr!(l.lang, "report-direction"),
            tr!(l.lang, "report-protocol"),
            tr!(l.lang, "report-col-server"),
            tr!(l.lang, "report-port"),
            tr!(l.lang, "report-security"),
            tr!(l.lang, "report-col-username"),
            tr!(l.lang, "report-checked-login"),
        ],
        recommended_label: tr!(l.lang, "report-recommended"),
        settings,
        login_notes,
        password_note,
        notes,
        note_label: tr!(l.lang, "report-note"),
        checks_heading: tr!(l.lang, "report-what-you-typed"),
        checks_header: [
            tr!(l.lang, "report-setting"),
            tr!(l.lang, "report-works"),
            tr!(l.lang, "report-step-col-login"),
            tr!(l.lang, "report-findings"),
        ],
        checks,
        findings_heading: tr!(l.lang, "report-problems-and-fixes"),
        no_findings: tr!(l.lang, "report-no-problems-found"),
        findings,
        labels: FindingLabels {
            actor: tr!(l.lang, "report-who-acts"),
            wheres: tr!(l.lang, "report-where"),
            cause: tr!(l.lang, "report-cause"),
            fix: tr!(l.lang, "report-fix"),
            server_reply: tr!(l.lang, "report-the-server-said"),
        },
        endpoints_heading: tr!(l.lang, "report-servers-checked-step-by-step"),
        endpoints: endpoints(r, &l, verbose),
        certificate_label: tr!(l.lang, "report-certificate"),
        greeting_label: tr!(l.lang, "report-step-col-greeting"),
        transcript_label: tr!(l.lang, "report-transcript"),
        colon: tr!(l.lang, "report-colon"),
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
                tr!(l.lang, "report-endpoint-works")
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
                    tr!(l.lang, "report-colon"),
                    f.message
                ),
            },
            StepStatus::Skipped { reason } => StepLine {
                mark: "–",
                ok: None,
                name: lang.step(s.step),
                // The probe's reason is English: shown in English only.
                detail: match lang {
                    Lang::En => tr!(
                        lang,
                        "report-step-skipped-because",
                        reason = reason.as_str()
                    ),
                    Lang::ZhCn | Lang::ZhTw => tr!(lang, "report-step-skipped"),
                },
            },
        })
        .collect();
    let ok = p.connection_ok();
    let outcome = match p.failure() {
        None => tr!(l.lang, "report-endpoint-works"),
        Some((step, f)) => format!(
            "✗ {}{}{}",
            lang.step(step),
            tr!(l.lang, "report-colon"),
            l.failure_short(&f.kind)
        ),
    };
    let mut tls = Vec::new();
    let mut certs = Vec::new();
    if let Some(t) = &p.tls {
        tls.push((
            tr!(l.lang, "report-tls"),
            format!("{} {}", t.version, t.cipher),
        ));
        tls.push((
            tr!(l.lang, "report-certificate-verified"),
            if t.verified {
                tr!(lang, "report-cert-verified-yes")
            } else {
                tr!(lang, "report-cert-verified-no")
            },
        ));
        for c in &t.chain {
            let days = if c.days_left < 0 {
                tr!(lang, "report-expired-days-ago", days = -c.days_left)
            } else {
                tr!(lang, "report-days-left", days = c.days_left)
            };
            let mut lines = vec![
                (tr!(l.lang, "report-subject"), c.subject.clone()),
                (tr!(l.lang, "report-issuer"), c.issuer.clone()),
            ];
            if !c.dns_names.is_empty() {
                lines.push((tr!(l.lang, "report-names"), c.dns_names.join(", ")));
            }
            lines.push((
                tr!(l.lang, "report-valid"),
                format!("{} – {} ({days})", c.not_before, c.not_after),
            ));
            if c.self_signed {
                lines.push((tr!(l.lang, "report-self-signed"), tr!(l.lang, "report-yes")));
            }
            certs.push(lines);
        }
    }
    AddressBlock {
        addr: p
            .addr
            .map_or_else(|| tr!(l.lang, "report-no-address"), |a| a.to_string()),
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
