//! Batch mode end to end: hundreds of addresses against in-process servers, every record
//! present once, shared probe work, CSV output, and a valid file after an interrupt.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::process::Stdio;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::cli::{connect_to, maildoctor_cmd, run};
use crate::support::dns::TestDns;
use crate::support::http::{HttpServer, HttpSpec, Reply};
use crate::support::mail::{MailServer, MailSpec, Mode, Protocol};
use crate::support::net::Blackhole;
use crate::support::pki::TestPki;

struct Lab {
    dns: TestDns,
    pki: TestPki,
    imap: MailServer,
    smtp: MailServer,
}

fn lab() -> Lab {
    let pki = TestPki::new();
    let imap = MailServer::start(
        MailSpec::new(Protocol::Imap, Mode::ImplicitTls).cert(pki.valid(&["imap.example.com"])),
    );
    let smtp = MailServer::start(
        MailSpec::new(Protocol::Smtp, Mode::ImplicitTls).cert(pki.valid(&["smtp.example.com"])),
    );
    let dns = TestDns::builder()
        .zone("example.com")
        .a("imap.example.com", "127.0.0.1")
        .a("smtp.example.com", "127.0.0.1")
        .srv("_imaps._tcp.example.com", 0, 1, 993, "imap.example.com")
        .srv(
            "_submissions._tcp.example.com",
            0,
            1,
            465,
            "smtp.example.com",
        )
        .srv_not_offered("_imap._tcp.example.com")
        .srv_not_offered("_pop3s._tcp.example.com")
        .srv_not_offered("_pop3._tcp.example.com")
        .srv_not_offered("_submission._tcp.example.com")
        .zone("example")
        .start();
    Lab {
        dns,
        pki,
        imap,
        smtp,
    }
}

fn base_args(l: &Lab) -> Vec<String> {
    vec![
        "--resolver".into(),
        l.dns.resolver_arg(),
        "--ca-file".into(),
        l.pki.ca_pem_path().to_str().unwrap().into(),
        "--timeout".into(),
        "2".into(),
        "--connect-to".into(),
        connect_to("imap.example.com", 993, l.imap.addr),
        "--connect-to".into(),
        connect_to("smtp.example.com", 465, l.smtp.addr),
    ]
}

fn input_file(text: &str) -> tempfile::NamedTempFile {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(text.as_bytes()).unwrap();
    f
}

#[test]
fn every_address_gets_exactly_one_record_and_servers_are_probed_once() {
    let l = lab();
    let mut text = String::from("# helpdesk export\n\n");
    for i in 0..250 {
        text.push_str(&format!("user{i}@example.com\n"));
    }
    for i in 0..50 {
        text.push_str(&format!(
            "gone{i}@nowhere.example   # domain does not exist\n"
        ));
    }
    text.push_str("not-an-address\n");
    let file = input_file(&text);
    let mut args = base_args(&l);
    args.extend([
        "--batch".into(),
        file.path().to_str().unwrap().into(),
        "--jobs".into(),
        "16".into(),
    ]);
    let r = run(&args);
    assert_eq!(r.code, 1, "broken and invalid lines exist: {}", r.stderr);

    let mut seen: BTreeMap<String, Value> = BTreeMap::new();
    for line in r.stdout.lines() {
        let doc: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        crate::support::schema::assert_document(&doc);
        let key = doc["address"]["input"]
            .as_str()
            .or_else(|| doc["input"].as_str())
            .unwrap()
            .to_owned();
        assert!(seen.insert(key.clone(), doc).is_none(), "{key} twice");
    }
    assert_eq!(seen.len(), 301);
    assert_eq!(seen["user7@example.com"]["status"], "ok");
    assert_eq!(
        seen["user7@example.com"]["settings"]["incoming"][0]["username"],
        "user7@example.com"
    );
    assert_eq!(
        seen["gone3@nowhere.example"]["findings"][0]["code"],
        "dns.domain_not_found"
    );
    assert_eq!(seen["not-an-address"]["status"], "invalid");
    assert_eq!(seen["not-an-address"]["line"], 303);
    // Each endpoint probed once for the whole batch, not once per address.
    assert_eq!(l.imap.connections(), 1, "IMAP server connections");
    assert_eq!(l.smtp.connections(), 1, "SMTP server connections");
    assert!(r.stderr.contains("301 address(es)"), "{}", r.stderr);
    assert!(r.stderr.contains("250 ok"), "{}", r.stderr);
    assert!(r.stderr.contains("50 broken, 1 invalid"), "{}", r.stderr);
}

#[test]
fn csv_has_a_header_and_one_row_per_address() {
    let l = lab();
    let file = input_file("a@example.com\nb@example.com, imaps://imap.example.com:993\n\"x\n");
    let mut args = base_args(&l);
    args.extend([
        "--batch".into(),
        file.path().to_str().unwrap().into(),
        "--format".into(),
        "csv".into(),
    ]);
    let r = run(&args);
    let mut rows: Vec<Vec<String>> = csv_rows(&r.stdout);
    assert_eq!(rows.len(), 4, "{}", r.stdout);
    let header = rows.remove(0);
    assert_eq!(header[0], "address");
    assert_eq!(header[4], "incoming_host");
    rows.sort();
    assert_eq!(rows[0][0], "\"x");
    assert_eq!(rows[0][1], "invalid");
    assert_eq!(
        &rows[1][..6],
        ["a@example.com", "ok", "", "imap", "imap.example.com", "993"]
    );
    assert_eq!(rows[2][0], "b@example.com");
    assert_eq!(rows[2][7], "smtp.example.com");
    // The columns added with the verdict: after `error`, the verdict, one triple per
    // incoming protocol and the login per protocol.
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(header.len(), 21, "{header:?}");
    assert_eq!(col("error"), 12, "original columns keep their positions");
    assert_eq!(rows[1][col("verdict")], "reachable", "{:?}", rows[1]);
    assert_eq!(rows[1][col("imap_host")], "imap.example.com");
    assert_eq!(rows[1][col("imap_port")], "993");
    assert!(
        rows[1][col("login")].contains("imap:not_tested"),
        "{:?}",
        rows[1]
    );
    for row in &rows[1..] {
        assert_eq!(row.len(), 21, "{row:?}");
        let codes: Vec<&str> = row[col("findings")]
            .split(';')
            .filter(|c| !c.is_empty())
            .collect();
        let unique: std::collections::BTreeSet<&&str> = codes.iter().collect();
        assert_eq!(codes.len(), unique.len(), "codes de-duplicated: {codes:?}");
    }
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    // Minimal RFC 4180 reader for the test (quotes and doubled quotes).
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => field.push(c),
        }
    }
    rows
}

#[test]
fn interrupted_batch_leaves_only_complete_records() {
    let l = lab();
    let hole = Blackhole::start();
    // Fast addresses first, then slow ones whose server never answers the SYN.
    let mut text = String::new();
    for i in 0..20 {
        text.push_str(&format!("fast{i}@example.com\n"));
    }
    for i in 0..20 {
        text.push_str(&format!(
            "slow{i}@example.com, imaps://slow{i}.example.com:993\n"
        ));
    }
    let file = input_file(&text);
    let mut args = base_args(&l);
    args.extend([
        "--connect-to".into(),
        format!(":993:{}:{}", hole.addr.ip(), hole.addr.port()),
    ]);
    args.extend([
        "--batch".into(),
        file.path().to_str().unwrap().into(),
        "--jobs".into(),
        "2".into(),
    ]);
    let mut cmd = maildoctor_cmd();
    cmd.args(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let pid = child.id();
    // Read records as they arrive; interrupt once the 20 fast ones are out.
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    let reader = std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let start = Instant::now();
    let mut lines = Vec::new();
    while lines.len() < 20 {
        let line = rx
            .recv_timeout(Duration::from_secs(20))
            .expect("20 fast records in time");
        lines.push(line);
    }
    let status = std::process::Command::new("kill")
        .args(["-INT", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    reader.join().unwrap();
    lines.extend(rx.try_iter());
    assert!(start.elapsed() < Duration::from_secs(15));
    assert_eq!(
        out.status.code(),
        Some(130),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for line in &lines {
        serde_json::from_str::<Value>(line).unwrap_or_else(|e| panic!("{e}: {line}"));
    }
    let n = lines.len();
    assert!(
        n >= 20,
        "the fast records were written before the interrupt: {n}"
    );
    assert!(n < 40, "the slow ones were not finished: {n}");
}

/// Batch logins: passwords only from a private `--password-file` (or MAILDOCTOR_PASSWORD),
/// never from the input; one login per address that has a password; none for the others.
#[test]
fn batch_logs_in_with_passwords_from_a_private_file_only() {
    use std::os::unix::fs::PermissionsExt;
    const PW: &str = "batch-Secret-42";
    let pki = TestPki::new();
    let imap = MailServer::start(
        MailSpec::new(Protocol::Imap, Mode::ImplicitTls)
            .cert(pki.valid(&["imap.example.com"]))
            .auth(
                "a@example.com",
                PW,
                "a1 NO [AUTHENTICATIONFAILED] Authentication failed.",
            ),
    );
    let smtp = MailServer::start(
        MailSpec::new(Protocol::Smtp, Mode::ImplicitTls)
            .cert(pki.valid(&["smtp.example.com"]))
            .auth(
                "a@example.com",
                PW,
                "535 5.7.8 Authentication credentials invalid",
            ),
    );
    let l = Lab {
        dns: lab().dns,
        pki,
        imap,
        smtp,
    };
    let input = input_file("a@example.com\nb@example.com\n");
    let passwords = input_file(&format!("# helpdesk passwords\na@example.com\t{PW}\n"));
    let mut args = base_args(&l);
    args.extend([
        "--batch".into(),
        input.path().to_str().unwrap().into(),
        "--password-file".into(),
        passwords.path().to_str().unwrap().into(),
    ]);

    // A file others may read is refused, naming the fix and never the password.
    std::fs::set_permissions(passwords.path(), std::fs::Permissions::from_mode(0o644)).unwrap();
    let r = run(&args);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("chmod 600"), "{}", r.stderr);
    assert!(!r.stderr.contains(PW));

    std::fs::set_permissions(passwords.path(), std::fs::Permissions::from_mode(0o600)).unwrap();
    let r = run(&args);
    assert!(
        !r.stdout.contains(PW) && !r.stderr.contains(PW),
        "password printed"
    );
    let docs: BTreeMap<String, Value> = r
        .stdout
        .lines()
        .map(|l| {
            let d: Value = serde_json::from_str(l).unwrap();
            crate::support::schema::assert_document(&d);
            (d["address"]["input"].as_str().unwrap().to_owned(), d)
        })
        .collect();
    assert_eq!(
        docs["a@example.com"]["settings"]["incoming"][0]["login_ok"], true,
        "{:#}",
        docs["a@example.com"]
    );
    assert_eq!(
        docs["a@example.com"]["settings"]["outgoing"][0]["login_ok"],
        true
    );
    assert!(
        docs["b@example.com"]["settings"]["incoming"][0]
            .get("login_ok")
            .is_none(),
        "no password, no login"
    );
    assert_eq!(
        l.imap.login_attempts(),
        1,
        "one login, for the address with a password"
    );
    assert_eq!(l.smtp.login_attempts(), 1);
}

/// `--offline` never touches the network, for one address or a batch: the resolver is
/// never asked and no server is connected to; settings come from the provider database,
/// verdict unverified, exit 0.
#[test]
fn offline_touches_no_network_and_gives_the_databases_settings() {
    let l = lab();
    let mut args = base_args(&l);
    args.extend([
        "--offline".into(),
        "--json".into(),
        "12345678@qq.com".into(),
    ]);
    let r = run(&args);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    crate::support::schema::assert_document(&doc);
    assert_eq!(doc["verdict"], "unverified");
    assert_eq!(doc["status"], "warning");
    assert_eq!(doc["settings"]["incoming"][0]["host"], "imap.qq.com");
    assert_eq!(doc["settings"]["incoming"][0]["verified"], false);
    assert_eq!(doc["findings"][0]["code"], "run.offline");
    assert!(doc["probes"].as_array().unwrap().is_empty());

    let file = input_file("a@example.com\n12345678@qq.com\n");
    let mut args = base_args(&l);
    args.extend([
        "--offline".into(),
        "--batch".into(),
        file.path().to_str().unwrap().into(),
    ]);
    let r = run(&args);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let records: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 2);
    for rec in &records {
        assert_eq!(rec["verdict"], "unverified", "{rec:#}");
    }
    assert!(l.dns.queries().is_empty(), "asked: {:?}", l.dns.queries());
    assert_eq!(l.imap.connections(), 0);
    assert_eq!(l.smtp.connections(), 0);
}

/// Issue 13.2: a password is bound to one address. In batch mode `MAILDOCTOR_PASSWORD` is
/// ignored (said once on stderr, in the run's language, never quoted); only
/// `--password-file` gives passwords, each to its own address.
#[test]
fn batch_ignores_the_password_environment_variable() {
    use std::os::unix::fs::PermissionsExt;
    const PW: &str = "env-Secret-99";
    let pki = TestPki::new();
    let start = |p: Protocol, host: &str, fail: &str| {
        MailServer::start(
            MailSpec::new(p, Mode::ImplicitTls)
                .cert(pki.valid(&[host]))
                .auth("a@example.com", PW, fail),
        )
    };
    let imap = start(
        Protocol::Imap,
        "imap.example.com",
        "NO [AUTHENTICATIONFAILED] Authentication failed.",
    );
    let smtp = start(
        Protocol::Smtp,
        "smtp.example.com",
        "535 5.7.8 Authentication credentials invalid",
    );
    let l = Lab {
        dns: lab().dns,
        pki,
        imap,
        smtp,
    };
    let input = input_file("a@example.com\nb@example.com\n");
    let batch = |extra: &[&str], lang: &str| {
        let mut cmd = maildoctor_cmd();
        cmd.args(base_args(&l))
            .args(["--batch", input.path().to_str().unwrap(), "--lang", lang])
            .args(extra)
            .env("MAILDOCTOR_PASSWORD", PW);
        let r = crate::support::cli::run_cmd(cmd);
        assert!(
            !r.stdout.contains(PW) && !r.stderr.contains(PW),
            "password printed"
        );
        r
    };

    let r = batch(&[], "en");
    assert_eq!(r.stdout.lines().count(), 2, "{}", r.stdout);
    assert_eq!(
        l.imap.login_attempts(),
        0,
        "no login without --password-file"
    );
    assert_eq!(l.smtp.login_attempts(), 0);
    assert_eq!(
        r.stderr.matches("MAILDOCTOR_PASSWORD").count(),
        1,
        "said once: {}",
        r.stderr
    );
    assert!(r.stderr.contains("--password-file"), "{}", r.stderr);
    let r = batch(&[], "zh-CN");
    assert!(
        r.stderr.contains("MAILDOCTOR_PASSWORD") && r.stderr.contains("批量"),
        "{}",
        r.stderr
    );
    assert_eq!(l.imap.login_attempts(), 0);

    // With a file listing a@ only: a@ logs in with the file's password, b@ nowhere.
    let passwords = input_file(&format!("a@example.com\t{PW}\n"));
    std::fs::set_permissions(passwords.path(), std::fs::Permissions::from_mode(0o600)).unwrap();
    let r = batch(
        &["--password-file", passwords.path().to_str().unwrap()],
        "en",
    );
    assert_eq!(r.stdout.lines().count(), 2, "{}", r.stdout);
    assert_eq!(l.imap.login_attempts(), 1, "a@ only");
    assert_eq!(l.smtp.login_attempts(), 1, "a@ only");
}

/// Issue 13.3: no CSV cell starts a formula (`=`, `+`, `-`, `@`, TAB, CR get a leading
/// `'`, per OWASP) or carries a raw control character (escaped as `\xNN`), whether it
/// came from the input or from a user name an autoconfig server chose.
#[test]
fn csv_cells_cannot_start_formulas_or_carry_control_characters() {
    use crate::support::http::{HttpServer, HttpSpec, Reply};
    let l = lab();
    let evil_user = "=cmd|' /C calc'!A0";
    let web = HttpServer::start(
        HttpSpec::https(l.pki.valid(&["autoconfig.example.com"])).route(
            "autoconfig.example.com",
            "/mail/config-v1.1.xml",
            Reply::xml(&format!(
                r#"<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1"><emailProvider id="example.com"><domain>example.com</domain>
<incomingServer type="imap"><hostname>imap.example.com</hostname><port>993</port><socketType>SSL</socketType><username>{evil_user}</username><authentication>password-cleartext</authentication></incomingServer>
<outgoingServer type="smtp"><hostname>smtp.example.com</hostname><port>465</port><socketType>SSL</socketType><username>{evil_user}</username><authentication>password-cleartext</authentication></outgoingServer>
</emailProvider></clientConfig>"#
            )),
        ),
    );
    let file = input_file(
        "-alice@example.com\n=HYPERLINK(\"http://evil.example\")\n@SUM(1+1)\n+1-2\n\u{1b}]0;pwned\u{7}x@example.com\n\u{0}nul\u{9b}c1@example.com\n",
    );
    let mut args = base_args(&l);
    args.extend([
        "--connect-to".into(),
        connect_to("autoconfig.example.com", 443, web.addr),
        "--batch".into(),
        file.path().to_str().unwrap().into(),
        "--format".into(),
        "csv".into(),
    ]);
    let r = run(&args);
    for (i, c) in r.stdout.char_indices() {
        assert!(
            c == '\n' || !c.is_control(),
            "raw control character {c:?} at {i}:\n{}",
            r.stdout
        );
    }
    let rows = csv_rows(&r.stdout);
    assert_eq!(rows.len(), 7, "{}", r.stdout);
    for row in &rows[1..] {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "cell {cell:?} in {row:?}"
            );
        }
    }
    let by_first: BTreeMap<&str, &Vec<String>> =
        rows[1..].iter().map(|r| (r[0].as_str(), r)).collect();
    let alice = by_first
        .get("'-alice@example.com")
        .unwrap_or_else(|| panic!("{by_first:#?}"));
    assert_eq!(alice[1], "ok", "{alice:?}");
    assert_eq!(alice[10], format!("'{evil_user}"), "{alice:?}");
    assert!(by_first.contains_key("'=HYPERLINK(\"http://evil.example\")"));
    assert!(by_first.contains_key("'@SUM(1+1)"));
    assert!(by_first.contains_key("'+1-2"));
    assert!(
        by_first.contains_key("\\x1b]0;pwned\\x07x@example.com"),
        "{by_first:#?}"
    );
    assert!(
        by_first.contains_key("\\x00nul\\x9bc1@example.com"),
        "{by_first:#?}"
    );
}

/// Issue 13.6d: a UTF-8 byte order mark at the start of the input is dropped; a line that
/// is not UTF-8 is that line's invalid record and the other lines still run.
#[test]
fn bom_is_dropped_and_a_line_that_is_not_utf8_is_one_invalid_record() {
    let l = lab();
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(b"\xef\xbb\xbfa@example.com\n\xff\xfeoops@example.com\r\nb@example.com\r\n")
        .unwrap();
    let mut args = base_args(&l);
    args.extend(["--batch".into(), f.path().to_str().unwrap().into()]);
    let r = run(&args);
    let docs: Vec<Value> = r
        .stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect();
    assert_eq!(docs.len(), 3, "{}\n{}", r.stdout, r.stderr);
    let inputs: Vec<&str> = docs
        .iter()
        .map(|d| {
            d["address"]["input"]
                .as_str()
                .or_else(|| d["input"].as_str())
                .unwrap()
        })
        .collect();
    assert!(inputs.contains(&"a@example.com"), "{inputs:?}");
    assert!(inputs.contains(&"b@example.com"), "{inputs:?}");
    let bad = docs.iter().find(|d| d["status"] == "invalid").unwrap();
    crate::support::schema::assert_document(bad);
    assert_eq!(bad["line"], 2);
    assert!(bad["error"].as_str().unwrap().contains("UTF-8"), "{bad:#}");
    for d in &docs {
        if d["status"] != "invalid" {
            assert_eq!(d["status"], "ok", "{d:#}");
        }
    }
}

/// Peak resident memory (VmHWM) of a running process, in KiB.
fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Issue 13.6c: RFC 5321 limits (local part 64 octets, address 254) make a longer address
/// that line's invalid record, and a 50 MB line is never held in memory.
#[test]
fn overlong_addresses_are_invalid_records_and_a_huge_line_costs_little_memory() {
    let l = lab();
    let mut f = tempfile::NamedTempFile::new().unwrap();
    let long_local = format!("{}@example.com\n", "a".repeat(65));
    // Local part 10, domain 245 (valid alone), whole address 256 octets.
    let long_addr = format!(
        "{}@{}.{}.example.com\n",
        "a".repeat(10),
        vec!["b".repeat(60); 3].join("."),
        "c".repeat(50)
    );
    f.write_all(long_local.as_bytes()).unwrap();
    f.write_all(long_addr.as_bytes()).unwrap();
    f.write_all(&vec![b'x'; 50 * 1024 * 1024]).unwrap();
    f.write_all(b"@example.com\nok@example.com\n").unwrap();
    let mut cmd = maildoctor_cmd();
    cmd.args(base_args(&l))
        .args(["--batch", f.path().to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let pid = child.id();
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .collect::<Vec<String>>()
    });
    let mut peak = 0;
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if let Some(kib) = peak_rss_kib(pid) {
            peak = peak.max(kib);
        }
        assert!(started.elapsed() < Duration::from_secs(30), "still running");
        std::thread::sleep(Duration::from_millis(5));
    }
    let lines = reader.join().unwrap();
    assert!(peak > 0, "never sampled the process");
    assert!(
        peak < 40 * 1024,
        "peak RSS {peak} KiB while reading a 50 MB line"
    );
    assert_eq!(lines.len(), 4, "{lines:#?}");
    let docs: Vec<Value> = lines
        .iter()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    for d in docs.iter().filter(|d| d["status"] == "invalid") {
        assert!(
            d.to_string().len() < 1024,
            "a record stays small: {} bytes",
            d.to_string().len()
        );
    }
    let invalid: BTreeMap<u64, &Value> = docs
        .iter()
        .filter(|d| d["status"] == "invalid")
        .map(|d| (d["line"].as_u64().unwrap(), d))
        .collect();
    assert_eq!(
        invalid.keys().copied().collect::<Vec<_>>(),
        [1, 2, 3],
        "{docs:#?}"
    );
    assert!(invalid[&1]["error"].as_str().unwrap().contains("64"));
    assert!(invalid[&2]["error"].as_str().unwrap().contains("254"));
    assert!(
        docs.iter()
            .any(|d| d["address"]["input"] == "ok@example.com" && d["status"] == "ok"),
        "{docs:#?}"
    );
}

/// Issue 12: a web server at its connection limit closes new connections at once (nginx
/// past `worker_connections`). In batch mode such a request is made again after a back-off,
/// so the load of a batch never changes what a discovery source found; a single run
/// believes the first failure, which shows the server really closes the connection.
#[test]
fn a_web_server_closing_connections_under_load_is_asked_again_in_batch_mode() {
    const CONFIG: &str = r#"<?xml version="1.0"?>
<clientConfig version="1.1"><emailProvider id="example.com"><domain>example.com</domain>
<incomingServer type="imap"><hostname>imap.example.com</hostname><port>993</port>
<socketType>SSL</socketType><username>%EMAILADDRESS%</username>
<authentication>password-cleartext</authentication></incomingServer>
<outgoingServer type="smtp"><hostname>smtp.example.com</hostname><port>465</port>
<socketType>SSL</socketType><username>%EMAILADDRESS%</username>
<authentication>password-cleartext</authentication></outgoingServer>
</emailProvider></clientConfig>"#;
    let l = lab();
    // One reset connection for the single run; then for the batch a reset (its first try)
    // and a connection closed after the request was read (its first retry: "connection
    // closed before message completed"); the batch's second retry is answered.
    let web = HttpServer::start(HttpSpec::http().reset_first(2).close_first(1).route(
        "autoconfig.example.com",
        "/mail/config-v1.1.xml",
        Reply::xml(CONFIG),
    ));
    let mut args = base_args(&l);
    args.extend([
        "--connect-to".into(),
        connect_to("autoconfig.example.com", 80, web.addr),
    ]);
    let plain_source = |doc: &Value| -> Value {
        doc["sources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| {
                s["target"]
                    .as_str()
                    .unwrap()
                    .starts_with("http://autoconfig.example.com/")
            })
            .unwrap_or_else(|| panic!("no plain autoconfig source in {doc:#}"))
            .clone()
    };

    let mut single = args.clone();
    single.extend(["--json".into(), "alice@example.com".into()]);
    let r = run(&single);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {r:?}"));
    let s = plain_source(&doc);
    assert_eq!(s["status"], "failed", "{s:#}");
    assert!(
        s["detail"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("connection reset"),
        "{s:#}"
    );

    let file = input_file("alice@example.com\n");
    args.extend(["--batch".into(), file.path().to_str().unwrap().into()]);
    let r = run(&args);
    let doc: Value = serde_json::from_str(r.stdout.trim()).unwrap_or_else(|e| panic!("{e}: {r:?}"));
    let s = plain_source(&doc);
    assert_eq!(s["status"], "found", "{s:#}");
    assert_eq!(web.requests().len(), 1, "one request answered");
}
