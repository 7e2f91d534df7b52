//! The shareable report as one self-contained HTML page (`--format html`): the verdict, the
//! settings card, one block per finding with who must act and the fix, then per endpoint a
//! collapsed `<details>` step tree with the certificates and (with `--verbose`) the
//! transcripts.
//!
//! The page works offline and fetches nothing: inline CSS only, no script, no font, no image,
//! no link to load, and a Content-Security-Policy (`default-src 'none'`) that would block
//! anything anyway. It fits a phone (390 px) without horizontal scrolling: long tokens wrap
//! (`overflow-wrap: anywhere`), tables stack into labelled rows below 600 px, `<pre>` wraps.
//! A print stylesheet opens every `<details>` and drops colours.
//!
//! Every value is escaped with [`h`]: `& < > " '`, plus control and bidi characters shown as
//! `\xNN`/`\u{..}` ([`super::escape_text`]).

use std::io::Write;

use super::card::Client;
use super::share::{Shared, gather};
use super::{RenderOptions, Report, escape_text};
use crate::analyze::{LoginState, Verdict};
use crate::model::Severity;

/// HTML-escapes `s` for text and attribute values (see the module documentation).
pub fn h(s: &str) -> String {
    let t = escape_text(s);
    let mut out = String::with_capacity(t.len() + 16);
    for c in t.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The page's only styles.
const CSS: &str = "\
:root{color-scheme:light}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0 auto;padding:16px;max-width:60rem;font:16px/1.5 system-ui,-apple-system,\"Segoe UI\",\"Noto Sans CJK SC\",\"PingFang SC\",\"Microsoft YaHei\",sans-serif;color:#1b1b1b;background:#fff;overflow-wrap:anywhere;word-break:normal}
h1{font-size:1.35rem;margin:.2rem 0 .8rem}
h2{font-size:1.15rem;margin:1.6rem 0 .6rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
h3{font-size:1rem;margin:1rem 0 .4rem}
p,ul,dl,table,pre,details{max-width:100%}
code,pre,.mono{font-family:ui-monospace,\"DejaVu Sans Mono\",Menlo,Consolas,monospace;font-size:.92em}
.verdict{margin:0 0 1rem;padding:.7rem 1rem;border-left:6px solid #888;border-radius:4px;font-weight:600;background:#f3f3f3}
.v-works{border-color:#1b7a33;background:#e9f6ed}
.v-reachable{border-color:#0b6e8a;background:#e7f3f7}
.v-partial,.v-unverified{border-color:#a86b00;background:#fbf3e2}
.v-broken{border-color:#b3261e;background:#fbeceb}
.card{border:1px solid #bbb;border-radius:6px;padding:.6rem 1rem;background:#fafafa}
.card p{margin:.2rem 0 .5rem;font-weight:600}
.card ul{margin:0;padding-left:1.2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f0f0}
.ok{color:#1b7a33}
.bad{color:#b3261e;font-weight:600}
.warn{color:#8a5a00}
.finding{border:1px solid #ccc;border-left:6px solid #888;border-radius:4px;padding:.4rem 1rem;margin:.8rem 0}
.finding h3{margin:.3rem 0}
.sev-error{border-left-color:#b3261e}
.sev-warning{border-left-color:#a86b00}
.sev-info{border-left-color:#0b6e8a}
dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.2rem .8rem;margin:.4rem 0}
dt{font-weight:600}
dd{margin:0;min-width:0}
details{border:1px solid #ddd;border-radius:4px;margin:.5rem 0;padding:.3rem .8rem}
summary{cursor:pointer;font-weight:600}
.steps{list-style:none;padding-left:.4rem}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f6f6f6;border:1px solid #ddd;padding:.5rem;margin:.4rem 0}
footer{margin-top:2rem;color:#555;font-size:.85rem}
@media (max-width:600px){
body{padding:10px;font-size:15px}
table.stack,table.stack tbody,table.stack tr,table.stack td{display:block;width:100%}
table.stack thead{display:none}
table.stack tr{border:1px solid #ccc;margin:0 0 .6rem}
table.stack td{border:0;border-bottom:1px solid #eee}
table.stack td:empty{display:none}
table.stack td::before{content:attr(data-label) \": \";font-weight:600}
dl{grid-template-columns:minmax(0,1fr)}
dd{margin-bottom:.3rem}
}
@media print{
body{max-width:none;padding:0;font-size:10.5pt;color:#000;background:#fff}
.verdict,.card,th,pre{background:none}
details{border:0;padding:0}
details::details-content{content-visibility:visible;display:block}
summary{list-style:none}
.finding,.card,tr,details{break-inside:avoid}
h2,h3{break-after:avoid}
}
";

/// Writes the HTML report.
pub fn render(
    r: &Report,
    o: &RenderOptions,
    client: Client,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let s = gather(r, o.lang, client, o.verbose);
    let mut page = String::with_capacity(16 * 1024);
    write_doc(&s, &mut page);
    out.write_all(page.as_bytes())
}

fn verdict_class(v: Verdict) -> &'static str {
    match v {
        Verdict::Works => "v-works",
        Verdict::Reachable => "v-reachable",
        Verdict::Partial => "v-partial",
        Verdict::Broken => "v-broken",
        Verdict::Unverified => "v-unverified",
    }
}

fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "sev-error",
        Severity::Warning => "sev-warning",
        Severity::Info => "sev-info",
    }
}

fn mark_class(ok: Option<bool>) -> &'static str {
    match ok {
        Some(true) => "ok",
        Some(false) => "bad",
        None => "",
    }
}

fn login_class(l: LoginState) -> &'static str {
    match l {
        LoginState::Ok => "ok",
        LoginState::Failed => "bad",
        LoginState::Withheld => "warn",
        LoginState::NotTested => "",
    }
}

/// `<td data-label="…" class="…">…</td>` (the label heads the cell when the table stacks).
fn td(p: &mut String, label: &str, class: &str, html: &str) {
    p.push_str(&format!("<td data-label=\"{}\"", h(label)));
    if !class.is_empty() {
        p.push_str(&format!(" class=\"{class}\""));
    }
    p.push_str(&format!(">{html}</td>"));
}

fn write_doc(s: &Shared, p: &mut String) {
    let lang = s.lang.as_str();
    p.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n<main>\n",
        h(&s.title)
    ));
    p.push_str(&format!("<h1>{}</h1>\n", h(&s.title)));
    p.push_str(&format!(
        "<p class=\"verdict {}\">{}</p>\n",
        verdict_class(s.verdict),
        h(&s.verdict_line)
    ));
    p.push_str("<dl>\n");
    p.push_str(&format!(
        "<dt>{}</dt><dd>{}</dd>\n",
        h(&s.account.0),
        h(&s.account.1)
    ));
    if let Some((label, name)) = &s.provider {
        p.push_str(&format!("<dt>{}</dt><dd>{}</dd>\n", h(label), h(name)));
    }
    p.push_str("</dl>\n");

    // The settings card, then every setting.
    p.push_str(&format!(
        "<section>\n<h2>{}</h2>\n<div class=\"card\">\n<p>{}</p>\n<ul>\n",
        h(&s.card_heading),
        h(&s.card.title)
    ));
    for line in &s.card.lines {
        p.push_str(&format!("<li>{}</li>\n", h(line)));
    }
    p.push_str("</ul>\n</div>\n");
    if !s.settings.is_empty() {
        p.push_str(&format!(
            "<h3>{}</h3>\n<table class=\"stack\">\n<thead><tr>",
            h(&s.settings_heading)
        ));
        for c in &s.settings_header {
            p.push_str(&format!("<th>{}</th>", h(c)));
        }
        p.push_str("</tr></thead>\n<tbody>\n");
        let hd = &s.settings_header;
        for x in &s.settings {
            p.push_str("<tr>");
            td(
                p,
                &s.recommended_label,
                "ok",
                if x.recommended { "★" } else { "" },
            );
            td(p, &hd[1], "", &h(&x.direction));
            td(p, &hd[2], "", &h(x.protocol));
            td(p, &hd[3], "mono", &h(&x.server));
            td(p, &hd[4], "", &h(&x.port));
            td(p, &hd[5], "", &h(&x.security));
            td(p, &hd[6], "mono", &h(&x.username));
            let checked = format!(
                "<span class=\"{}\">{}</span> / <span class=\"{}\">{}</span>",
                if x.verified { "ok" } else { "bad" },
                h(&x.checked),
                login_class(x.login_state),
                h(&x.login)
            );
            td(p, &hd[7], "", &checked);
            p.push_str("</tr>\n");
        }
        p.push_str("</tbody>\n</table>\n<ul>\n");
        for n in &s.login_notes {
            p.push_str(&format!("<li>{}</li>\n", h(n)));
        }
        if let Some(pw) = &s.password_note {
            p.push_str(&format!("<li>{}</li>\n", h(pw)));
        }
        for n in &s.notes {
            p.push_str(&format!(
                "<li><strong>{}</strong>{}{}</li>\n",
                h(&s.note_label),
                h(&s.colon),
                h(n)
            ));
        }
        p.push_str("</ul>\n");
    }
    p.push_str("</section>\n");

    if !s.checks.is_empty() {
        p.push_str(&format!(
            "<section>\n<h2>{}</h2>\n<table class=\"stack\">\n<thead><tr>",
            h(&s.checks_heading)
        ));
        for c in &s.checks_header {
            p.push_str(&format!("<th>{}</th>", h(c)));
        }
        p.push_str("</tr></thead>\n<tbody>\n");
        let hd = &s.checks_header;
        for c in &s.checks {
            p.push_str("<tr>");
            td(p, &hd[0], "mono", &h(&c.setting));
            td(
                p,
                &hd[1],
                if c.works { "ok" } else { "bad" },
                &h(&c.works_text),
            );
            td(p, &hd[2], "", &h(&c.login));
            let codes: Vec<String> = c
                .findings
                .iter()
                .map(|f| format!("<code>{}</code>", h(f)))
                .collect();
            td(p, &hd[3], "", &codes.join(" "));
            p.push_str("</tr>\n");
        }
        p.push_str("</tbody>\n</table>\n</section>\n");
    }

    p.push_str(&format!("<section>\n<h2>{}</h2>\n", h(&s.findings_heading)));
    if s.findings.is_empty() {
        p.push_str(&format!("<p>{}</p>\n", h(&s.no_findings)));
    }
    let l = &s.labels;
    for (i, f) in s.findings.iter().enumerate() {
        p.push_str(&format!(
            "<article class=\"finding {}\">\n<h3>{}. {} <code>{}</code></h3>\n<dl>\n",
            severity_class(f.severity),
            i + 1,
            h(&f.severity_text),
            h(f.code)
        ));
        p.push_str(&format!(
            "<dt>{}</dt><dd>{}</dd>\n",
            h(&l.actor),
            h(&f.actor)
        ));
        if !f.wheres.is_empty() {
            let wheres: Vec<String> = f.wheres.iter().map(|w| h(w)).collect();
            p.push_str(&format!(
                "<dt>{}</dt><dd class=\"mono\">{}</dd>\n",
                h(&l.wheres),
                wheres.join(", ")
            ));
        }
        p.push_str(&format!(
            "<dt>{}</dt><dd>{}</dd>\n<dt>{}</dt><dd>{}</dd>\n",
            h(&l.cause),
            h(&f.cause),
            h(&l.fix),
            h(&f.fix)
        ));
        if let Some(reply) = &f.server_reply {
            p.push_str(&format!(
                "<dt>{}</dt><dd class=\"mono\">{}</dd>\n",
                h(&l.server_reply),
                h(reply)
            ));
        }
        p.push_str("</dl>\n");
        // The code's help page, collapsed (maildoctor explain CODE; src/explain.rs).
        let first = !s.findings[..i].iter().any(|g| g.code == f.code);
        p.push_str(&crate::explain::help_details_html(f.code, s.lang, first));
        p.push_str("</article>\n");
    }
    p.push_str("</section>\n");

    if !s.endpoints.is_empty() {
        p.push_str(&format!(
            "<section>\n<h2>{}</h2>\n",
            h(&s.endpoints_heading)
        ));
        for e in &s.endpoints {
            p.push_str(&format!(
                "<details>\n<summary><span class=\"mono\">{}</span> — <span class=\"{}\">{}</span></summary>\n",
                h(&e.title),
                if e.ok { "ok" } else { "bad" },
                h(&e.outcome)
            ));
            for a in &e.addresses {
                p.push_str(&format!(
                    "<h3><span class=\"mono\">{}</span> — <span class=\"{}\">{}</span></h3>\n<ul class=\"steps\">\n",
                    h(&a.addr),
                    if a.ok { "ok" } else { "bad" },
                    h(&a.outcome)
                ));
                for st in &a.steps {
                    p.push_str(&format!(
                        "<li><span class=\"{}\">{}</span> {}",
                        mark_class(st.ok),
                        st.mark,
                        h(&st.name)
                    ));
                    if !st.detail.is_empty() {
                        p.push_str(&format!("{}{}", h(&s.colon), h(&st.detail)));
                    }
                    p.push_str("</li>\n");
                }
                p.push_str("</ul>\n");
                let mut rows: Vec<(String, String)> = Vec::new();
                if let Some(g) = &a.greeting {
                    rows.push((s.greeting_label.to_owned(), g.clone()));
                }
                rows.extend(a.tls.iter().map(|(k, v)| ((*k).to_owned(), v.clone())));
                if !rows.is_empty() {
                    p.push_str("<dl>\n");
                    for (k, v) in &rows {
                        p.push_str(&format!(
                            "<dt>{}</dt><dd class=\"mono\">{}</dd>\n",
                            h(k),
                            h(v)
                        ));
                    }
                    p.push_str("</dl>\n");
                }
                for (n, cert) in a.certs.iter().enumerate() {
                    p.push_str(&format!(
                        "<h3>{} {}</h3>\n<dl>\n",
                        h(&s.certificate_label),
                        n + 1
                    ));
                    for (k, v) in cert {
                        p.push_str(&format!(
                            "<dt>{}</dt><dd class=\"mono\">{}</dd>\n",
                            h(k),
                            h(v)
                        ));
                    }
                    p.push_str("</dl>\n");
                }
                if !a.transcript.is_empty() {
                    p.push_str(&format!("<h3>{}</h3>\n<pre>", h(&s.transcript_label)));
                    for line in &a.transcript {
                        p.push_str(&h(line));
                        p.push('\n');
                    }
                    p.push_str("</pre>\n");
                }
            }
            p.push_str("</details>\n");
        }
        p.push_str("</section>\n");
    }
    p.push_str(&format!(
        "</main>\n<footer>{}</footer>\n</body>\n</html>\n",
        h(&s.footer)
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_markup_quotes_and_invisible_characters() {
        assert_eq!(
            h("<script>alert(\"x\")</script> & 'y'"),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(h("a\u{202e}b\x1b[0m"), "a\\u{202e}b\\x1b[0m");
    }
}
