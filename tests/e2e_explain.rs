//! `maildoctor explain`: the pasted texts of `tests/fixtures/explain/cases.json` (Outlook
//! error numbers, Thunderbird and Apple Mail messages, server replies from the login corpus
//! and new ones, each with its public source) through the real binary, in the case's
//! language; the help pages under `docs/help/` regenerated and compared; and a run without
//! any network.

use std::path::Path;
use std::process::Command;

use maildoctor::explain::{Part, help_text};
use maildoctor::i18n::Lang;
use serde_json::Value;

use crate::support::cli::{fresh_home, maildoctor_bin, maildoctor_cmd, run, run_cmd};

fn cases() -> Vec<Value> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/explain/cases.json"
    );
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    doc.as_array().unwrap().clone()
}

fn lang_of(tag: &str) -> Lang {
    <Lang as clap::ValueEnum>::from_str(tag, true).unwrap()
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The text of a finding (title, meaning, fix) is the catalog's in the case's language:
/// English without Chinese, zh-CN and zh-TW with their own wording.
fn assert_language(id: &str, code: &str, lang: Lang, title: &str, fix: &str) {
    assert_eq!(title, help_text(code, Part::Title, lang), "{id}: title");
    assert_eq!(fix, help_text(code, Part::Fix, lang), "{id}: fix");
    match lang {
        Lang::En => assert!(
            !has_cjk(title) && !has_cjk(fix.replace("授权码", "").as_str()),
            "{id}: {title}"
        ),
        Lang::ZhCn | Lang::ZhTw => assert!(has_cjk(title), "{id}: {title}"),
    }
    if lang == Lang::ZhTw {
        assert_ne!(
            fix,
            help_text(code, Part::Fix, Lang::ZhCn),
            "{id}: zh-TW shows the Simplified text"
        );
    }
}

#[test]
fn pasted_texts_give_their_finding_code_actor_and_language() {
    let cases = cases();
    assert!(cases.len() >= 60, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for c in &cases {
        let id = c["id"].as_str().unwrap();
        let text = c["text"].as_str().unwrap();
        let want = c["code"].as_str().unwrap();
        let tag = c["lang"].as_str().unwrap();
        assert!(!c["source"].as_str().unwrap().is_empty(), "{id}: no source");
        let lang = lang_of(tag);
        let r = run(["explain", "--json", "--lang", tag, text]);
        let doc: Value = serde_json::from_str(&r.stdout)
            .unwrap_or_else(|e| panic!("{id}: not JSON ({e}): {}\n{}", r.stdout, r.stderr));
        let schema = if maildoctor::analyze::codes::ALL.contains(&text) {
            "help.schema.json"
        } else {
            "explain.schema.json"
        };
        crate::support::schema::assert_conforms(schema, &doc);
        if want.is_empty() {
            assert_eq!(r.code, 1, "{id}: an unknown text exits 1");
            assert_eq!(doc["recognised"], false, "{id}");
            let advice = doc["advice"].as_str().unwrap();
            assert_eq!(advice, lang.message("explain-unknown", None), "{id}");
            continue;
        }
        // `explain CODE`: the help page.
        if doc.get("findings").is_none() {
            assert_eq!(r.code, 0, "{id}");
            assert_eq!(doc["code"], want, "{id}");
            assert_language(
                id,
                want,
                lang,
                doc["title"].as_str().unwrap(),
                doc["fix"].as_str().unwrap(),
            );
            continue;
        }
        let first = &doc["findings"][0];
        let got = first["code"].as_str().unwrap_or_default();
        if r.code != 0 || got != want {
            failures.push(format!("{id}: want {want}, got {got:?} (exit {})", r.code));
            continue;
        }
        if let Some(actor) = c.get("actor").and_then(Value::as_str) {
            assert_eq!(first["actor"], actor, "{id}: actor");
        }
        if let Some(p) = c.get("provider").and_then(Value::as_str) {
            assert_eq!(doc["provider"], p, "{id}: provider");
            assert!(first["likely_code"].is_string(), "{id}: no likely cause");
        }
        assert_language(
            id,
            want,
            lang,
            first["title"].as_str().unwrap(),
            first["fix"].as_str().unwrap(),
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The text output, in each language: code, what was recognised, the help page's parts, and
/// the advice to run the diagnosis when the text fits several causes.
#[test]
fn text_output_in_every_language() {
    let en = run(["explain", "0x800CCC0E"]);
    assert_eq!(en.code, 0, "{}", en.stderr);
    assert!(
        en.stdout
            .starts_with("net.refused (possibly: The connection was refused)\n"),
        "{}",
        en.stdout
    );
    assert!(
        en.stdout
            .contains("Outlook error 0x800CCC0E: cannot connect"),
        "{}",
        en.stdout
    );
    assert!(
        en.stdout.contains("run `maildoctor ADDRESS`"),
        "{}",
        en.stdout
    );

    let tw = run(["explain", "--lang", "zh-TW", "0x800CCC0E"]);
    assert_eq!(tw.code, 0);
    assert!(
        tw.stdout.starts_with("net.refused（可能是：連線被拒絕）\n"),
        "{}",
        tw.stdout
    );
    for word in ["連接埠", "伺服器", "怎麼辦：", "由誰處理："] {
        assert!(
            tw.stdout.contains(word),
            "zh-TW lacks {word}: {}",
            tw.stdout
        );
    }
    assert!(
        !tw.stdout.contains("端口") && !tw.stdout.contains("服务器"),
        "{}",
        tw.stdout
    );

    // A generic refusal at a provider the text names: the provider's usual cause and hints.
    let cn = run([
        "explain",
        "--lang",
        "zh-CN",
        "535 Error: authentication failed",
        "--provider",
        "alice@163.com",
    ]);
    assert_eq!(cn.code, 0, "{}", cn.stderr);
    assert!(
        cn.stdout
            .starts_with("auth.rejected: 登录被拒绝，原因不明\n"),
        "{}",
        cn.stdout
    );
    assert!(
        cn.stdout
            .contains("服务器回复（SMTP）：“535 Error: authentication failed”"),
        "{}",
        cn.stdout
    );
    assert!(
        cn.stdout.contains("auth.app_password_required"),
        "{}",
        cn.stdout
    );
    assert!(cn.stdout.contains("授权码"), "{}", cn.stdout);

    // A reply starting with '-' is text, not an option.
    let pop = run(["explain", "-ERR [AUTH] Authentication failed."]);
    assert_eq!(pop.code, 0, "{}", pop.stderr);
    assert!(pop.stdout.starts_with("auth.failed: "), "{}", pop.stdout);

    // Not recognised: exit 1, an honest answer in the language.
    let unknown = run(["explain", "--lang", "zh-TW", "my mail is broken"]);
    assert_eq!(unknown.code, 1);
    assert_eq!(
        unknown.stdout.trim_end(),
        Lang::ZhTw.message("explain-unknown", None)
    );

    // A finding code: its help page.
    let page = run(["explain", "--lang", "zh-TW", "tls.expired"]);
    assert_eq!(page.code, 0);
    assert!(
        page.stdout.starts_with("# tls.expired: 伺服器憑證已過期\n"),
        "{}",
        page.stdout
    );
}

/// Server bytes are hostile: control characters in a pasted reply are shown escaped.
#[test]
fn pasted_control_characters_are_escaped() {
    let r = run(["explain", "535 5.7.8 bad\u{1b}[31m credentials"]);
    assert_eq!(r.code, 0);
    assert!(!r.stdout.contains('\u{1b}'), "{:?}", r.stdout);
}

/// No resolver, no connector: the command answers inside a network namespace without any
/// network (`unshare -rn`), exactly as outside it. Skipped (with a note) where user
/// namespaces are not available.
#[test]
fn explain_needs_no_network() {
    let text = "Login to server imap.qq.com with username alice@qq.com failed.";
    let outside = run(["explain", "--json", text]);
    assert_eq!(outside.code, 0, "{}", outside.stderr);
    let home = fresh_home();
    let mut cmd = Command::new("unshare");
    cmd.args(["-rn"])
        .arg(maildoctor_bin())
        .args(["explain", "--json", text])
        .env("HOME", &home)
        .env("LANG", "C")
        .env("LC_ALL", "C");
    match cmd.output() {
        Ok(o) if o.status.success() || o.status.code() == Some(1) => {
            let inside = String::from_utf8_lossy(&o.stdout);
            if inside.is_empty() && !o.stderr.is_empty() {
                eprintln!(
                    "unshare -rn not usable here, skipped: {}",
                    String::from_utf8_lossy(&o.stderr)
                );
                return;
            }
            assert_eq!(inside, outside.stdout);
        }
        other => eprintln!("unshare -rn not usable here, skipped: {other:?}"),
    }
}

/// `docs/help/` is what `maildoctor explain --help-pages DIR` writes today: one page per
/// finding code and language, plus an index per language, and nothing else.
#[test]
fn committed_help_pages_are_current() {
    let dir = fresh_home().join("help");
    let mut cmd = maildoctor_cmd();
    cmd.args(["explain", "--help-pages"]).arg(&dir);
    let r = run_cmd(cmd);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/help");
    let mut stale = Vec::new();
    let mut count = 0;
    for lang in Lang::ALL {
        let fresh_dir = dir.join(lang.as_str());
        let mut names: Vec<_> = std::fs::read_dir(&fresh_dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        assert_eq!(names.len(), maildoctor::analyze::codes::ALL.len() + 1);
        for name in &names {
            count += 1;
            let fresh = std::fs::read_to_string(fresh_dir.join(name)).unwrap();
            let old = std::fs::read_to_string(committed.join(lang.as_str()).join(name))
                .unwrap_or_default();
            if fresh != old {
                stale.push(format!("{}/{}", lang, name.to_string_lossy()));
            }
        }
        let committed_names = std::fs::read_dir(committed.join(lang.as_str()))
            .map(|d| d.count())
            .unwrap_or_default();
        assert_eq!(
            committed_names,
            names.len(),
            "docs/help/{lang} has files no code needs"
        );
    }
    assert!(count > 0);
    assert!(
        stale.is_empty(),
        "docs/help is stale, regenerate with `maildoctor explain --help-pages docs/help`: {stale:?}"
    );
}

/// The HTML report embeds each finding's help, collapsed, in the report's language, with a
/// stable anchor per code (here the `run.offline` finding of an offline run).
#[test]
fn html_report_embeds_the_help_of_each_finding() {
    for (tag, summary) in [
        ("en", "More information"),
        ("zh-CN", "更多信息"),
        ("zh-TW", "更多資訊"),
    ] {
        let r = run([
            "--offline",
            "--format",
            "html",
            "--lang",
            tag,
            "alice@qq.com",
        ]);
        assert!(
            r.stdout
                .contains("<details class=\"help\" id=\"help-run.offline\">"),
            "{tag}: {}",
            r.stdout
        );
        let block = r.stdout.split("id=\"help-run.offline\">").nth(1).unwrap();
        assert!(
            block.starts_with(&format!("<summary>{summary}</summary>")),
            "{tag}: {block}"
        );
        let title = help_text("run.offline", Part::Title, lang_of(tag));
        assert!(block.contains(&title), "{tag}: {block}");
    }
}
