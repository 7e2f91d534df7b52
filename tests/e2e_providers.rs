//! The provider database from the command line: `--providers DIR` survives bad files and
//! merges overrides into the built-in entry (issue 11 item 5), and `maildoctor providers
//! list|show|lint` (item 6). Everything here runs `--offline` or reads the database only,
//! so no test touches the network.

use serde_json::Value;

use crate::support::cli::{maildoctor_cmd, run, run_cmd};

/// A valid override of QQ Mail: only its IMAP server, under another id.
const QQ_OVERRIDE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="my-qq">
    <domain>qq.com</domain>
    <incomingServer type="imap">
      <hostname>imap.override.example</hostname>
      <port>993</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </incomingServer>
  </emailProvider>
</clientConfig>
"#;

/// Not XML: the document ends inside `<emailProvider>` (line 4).
const BROKEN: &str =
    "<clientConfig version=\"1.1\">\n  <emailProvider id=\"x\">\n    <domain>x.example</domain>\n";

fn override_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("broken.xml"), BROKEN).unwrap();
    std::fs::write(dir.path().join("qq.xml"), QQ_OVERRIDE).unwrap();
    dir
}

fn json(stdout: &str) -> Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{stdout}"))
}

#[test]
fn a_broken_provider_file_is_a_warning_and_an_override_merges() {
    let dir = override_dir();
    let dir_arg = dir.path().to_str().unwrap();
    let plain = run(["--offline", "--json", "alice@foxmail.com"]);
    let r = run([
        "--offline",
        "--json",
        "--providers",
        dir_arg,
        "alice@foxmail.com",
    ]);
    assert_eq!(
        r.code, plain.code,
        "exit status of a normal run\n{}",
        r.stderr
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("warning: provider file broken.xml:4"),
        "{}",
        r.stderr
    );
    assert!(
        !r.stderr.contains(dir_arg),
        "no directory path: {}",
        r.stderr
    );
    let doc = json(&r.stdout);
    crate::support::schema::assert_document(&doc);
    assert!(!r.stdout.contains(dir_arg), "no local path in the report");
    assert_eq!(
        doc["provider"]["id"], "qq.com",
        "foxmail.com is still QQ Mail"
    );
    let hints = doc["provider"]["hints"].as_array().unwrap();
    let code_hint = hints
        .iter()
        .find(|h| h["code"] == "authorization_code")
        .expect("the 授权码 hint is kept");
    assert!(code_hint["text_zh"].as_str().unwrap().contains("授权码"));
    assert_eq!(
        doc["settings"]["incoming"][0]["host"], "imap.override.example",
        "the override's IMAP server comes first"
    );
    let smtp_hosts: Vec<&str> = doc["settings"]["outgoing"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["host"].as_str())
        .collect();
    assert!(
        smtp_hosts.contains(&"smtp.qq.com"),
        "built-in SMTP kept: {smtp_hosts:?}"
    );
    let bad = doc["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["target"] == "broken.xml:4")
        .unwrap_or_else(|| panic!("warning among the sources: {:#}", doc["sources"]));
    assert_eq!(bad["status"], "invalid");
    assert_eq!(bad["source"], "provider");

    // In Chinese too; and batch mode goes on for every address.
    let r = run([
        "--offline",
        "--lang",
        "zh-CN",
        "--providers",
        dir_arg,
        "alice@qq.com",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("警告：服务商文件 broken.xml:4"),
        "{}",
        r.stderr
    );
    let list = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(list.path(), "a@qq.com\nb@vip.qq.com\n").unwrap();
    let r = run([
        "--offline",
        "--providers",
        dir_arg,
        "--batch",
        list.path().to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let records: Vec<Value> = r.stdout.lines().map(json).collect();
    assert_eq!(records.len(), 2, "{}", r.stdout);
    for rec in &records {
        assert_eq!(rec["provider"]["id"], "qq.com", "{rec:#}");
    }
    assert_eq!(
        r.stderr.matches("broken.xml:4").count(),
        1,
        "said once: {}",
        r.stderr
    );
}

#[test]
fn providers_list_shows_every_entry_with_its_source() {
    let r = run(["providers", "list"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let qq = r
        .stdout
        .lines()
        .find(|l| l.starts_with("qq.com "))
        .unwrap_or_else(|| panic!("{}", r.stdout));
    assert!(
        qq.contains("QQ Mail (QQ邮箱)") && qq.contains("built-in qq.com.xml"),
        "{qq}"
    );
    assert!(
        r.stdout.lines().count() > 300,
        "imported entries listed too"
    );

    let dir = override_dir();
    let mut cmd = maildoctor_cmd();
    cmd.args([
        "--providers",
        dir.path().to_str().unwrap(),
        "providers",
        "list",
        "--json",
    ]);
    let r = run_cmd(cmd);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc = json(&r.stdout);
    let entries = doc["providers"].as_array().unwrap();
    let qq = entries.iter().find(|e| e["id"] == "qq.com").unwrap();
    assert_eq!(qq["name_zh"], "QQ邮箱");
    assert_eq!(qq["kind"], "builtin");
    assert_eq!(qq["overridden_by"][0], "qq.xml");
    assert!(qq["domains"].as_u64().unwrap() >= 3);
    assert!(entries.iter().any(|e| e["kind"] == "imported"));
    assert_eq!(doc["warnings"][0]["file"], "broken.xml");
    assert_eq!(doc["warnings"][0]["line"], 4);
}

#[test]
fn providers_show_resolves_aliases_in_the_runs_language() {
    let r = run(["providers", "show", "foxmail.com"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for needle in [
        "QQ Mail (QQ邮箱)",
        "id: qq.com",
        "IMAP  imap.qq.com:993  SSL/TLS",
        "POP3  pop.qq.com:995  SSL/TLS",
        "SMTP  smtp.qq.com:587  STARTTLS",
        "[authorization_code] Mail apps cannot log in with the QQ password",
        "Provenance:",
        "help (used) https://service.mail.qq.com/",
    ] {
        assert!(r.stdout.contains(needle), "{needle}:\n{}", r.stdout);
    }
    let r = run(["providers", "show", "--lang", "zh-CN", "alice@vip.qq.com"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for needle in [
        "服务器：",
        "编号：qq.com",
        "用户名：%EMAILADDRESS%",
        "授权码",
        "提示：",
        "数据来源：",
    ] {
        assert!(r.stdout.contains(needle), "{needle}:\n{}", r.stdout);
    }
    assert!(!r.stdout.contains("Servers:"), "{}", r.stdout);
    // Traditional Chinese: Taiwan words; the provider's hint as the provider file has it.
    let r = run(["providers", "show", "--lang", "zh-TW", "alice@vip.qq.com"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for needle in [
        "伺服器：",
        "編號：qq.com",
        "使用者名稱：%EMAILADDRESS%",
        "授权码",
        "資料來源：",
    ] {
        assert!(r.stdout.contains(needle), "{needle}:\n{}", r.stdout);
    }
    assert!(!r.stdout.contains("服务器："), "{}", r.stdout);

    let r = run(["providers", "show", "--json", "hotmail.be"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc = json(&r.stdout);
    assert_eq!(doc["id"], "outlook.com");
    assert_eq!(doc["matched_domain"], "hotmail.be");
    assert!(
        doc["domains"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d == "hotmail.be")
    );
    assert!(doc["incoming"][0]["port"].as_u64().is_some());
    assert!(!doc["sources"].as_array().unwrap().is_empty(), "provenance");

    let r = run(["alice@qq.com", "providers", "list"]);
    assert_eq!(r.code, 2, "an address does not go with `providers`");

    let r = run(["providers", "show", "nowhere.invalid"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains("not in the provider database"),
        "{}",
        r.stdout
    );
}

#[test]
fn providers_lint_checks_the_database_or_a_directory() {
    let r = run(["providers", "lint"]);
    assert_eq!(
        r.code, 0,
        "the built-in database has no errors:\n{}",
        r.stdout
    );
    assert!(r.stdout.contains(" 0 errors"), "{}", r.stdout);

    let dir = override_dir();
    let bad_port = QQ_OVERRIDE
        .replace("my-qq", "plain.example")
        .replace(
            "<domain>qq.com</domain>",
            "<domain>plain.example</domain><domain>qq.com</domain>",
        )
        .replace(
            "<socketType>SSL</socketType>",
            "<socketType>plain</socketType>",
        );
    std::fs::write(dir.path().join("plain.xml"), bad_port).unwrap();
    let r = run(["providers", "lint", dir.path().to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    for needle in [
        "error: broken.xml:4: ",
        "error: plain.xml:6: provider 'plain.example': imap imap.override.example:993 is marked plain",
        "domain 'qq.com' is also claimed by provider 'plain.example' (plain.xml)",
        "warning: plain.xml:6: provider 'plain.example': imap imap.override.example:993 is plaintext",
        "3 files, 2 providers: ",
    ] {
        assert!(r.stdout.contains(needle), "{needle}:\n{}", r.stdout);
    }
    let r = run([
        "--lang",
        "zh-CN",
        "providers",
        "lint",
        "--json",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(r.code, 1);
    let doc = json(&r.stdout);
    let first = &doc["issues"][0];
    assert_eq!(first["level"], "error");
    assert!(
        first["message_zh"]
            .as_str()
            .unwrap()
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    );
    let r = run([
        "--lang",
        "zh-CN",
        "providers",
        "lint",
        dir.path().to_str().unwrap(),
    ]);
    assert!(r.stdout.contains("错误：broken.xml:4："), "{}", r.stdout);
    assert!(r.stdout.contains("共 3 个文件"), "{}", r.stdout);
    let r = run([
        "--lang",
        "zh-TW",
        "providers",
        "lint",
        dir.path().to_str().unwrap(),
    ]);
    for needle in [
        "錯誤：broken.xml:4：",
        "網域 qq.com 同時屬於服務商「plain.example」（plain.xml）",
        "連接埠 993 應使用 SSL/TLS",
        "共 3 個檔案",
    ] {
        assert!(r.stdout.contains(needle), "{needle}:\n{}", r.stdout);
    }
}
