//! Batch at scale (issue 12): `--shard`, discovery shared per domain with records identical
//! to single runs, a tiny descriptor limit that is never the domain's fault, and servers at
//! their connection limit that do not change any verdict.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::process::Command;

use serde_json::Value;

use crate::support::cli::{connect_to, maildoctor_bin, maildoctor_cmd, run, run_cmd, run_json};
use crate::support::dns::{TestDns, TestDnsBuilder};
use crate::support::http::{HttpServer, HttpSpec, Reply};
use crate::support::mail::{MailServer, MailSpec, Mode, Protocol};
use crate::support::pki::TestPki;

fn input_file(text: &str) -> tempfile::NamedTempFile {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(text.as_bytes()).unwrap();
    f
}

/// Records by address (reports) or by `line:N` (invalid lines).
fn records(stdout: &str) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    for line in stdout.lines() {
        let doc: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        let key = match doc["address"]["input"].as_str() {
            Some(a) => a.to_owned(),
            None => format!("line:{}", doc["line"]),
        };
        assert!(out.insert(key.clone(), doc).is_none(), "{key} twice");
    }
    out
}

fn statuses(recs: &BTreeMap<String, Value>) -> BTreeMap<String, String> {
    recs.iter()
        .map(|(k, v)| (k.clone(), v["status"].as_str().unwrap_or("?").to_owned()))
        .collect()
}

#[test]
fn shards_split_a_batch_by_domain_and_together_cover_it_once() {
    let mut text = String::new();
    for d in 0..12 {
        for u in 0..3 {
            text.push_str(&format!("user{u}@domain{d}.example\n"));
        }
    }
    text.push_str("not-an-address\n");
    text.push_str("Mixed@DOMAIN3.example\n");
    let file = input_file(&text);
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut invalid_lines = Vec::new();
    for k in 1..=3 {
        let r = run([
            "--offline",
            "--batch",
            file.path().to_str().unwrap(),
            "--shard",
            &format!("{k}/3"),
        ]);
        assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
        for (key, doc) in records(&r.stdout) {
            if key.starts_with("line:") {
                invalid_lines.push(doc["line"].as_u64().unwrap());
            }
            assert!(seen.insert(key.clone(), k).is_none(), "{key} in two shards");
        }
    }
    assert_eq!(seen.len(), 38, "every line in exactly one shard: {seen:?}");
    // The invalid line keeps its input line number.
    assert_eq!(invalid_lines, vec![37]);
    // A domain never spans shards (case does not matter), and the split is not trivial.
    let mut shard_of_domain: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for (key, k) in &seen {
        if let Some((_, d)) = key.split_once('@') {
            shard_of_domain
                .entry(d.to_ascii_lowercase())
                .or_default()
                .insert(*k);
        }
    }
    assert!(
        shard_of_domain.values().all(|s| s.len() == 1),
        "{shard_of_domain:?}"
    );
    let used: BTreeSet<usize> = seen.values().copied().collect();
    assert_eq!(
        used.len(),
        3,
        "12 domains spread over 3 shards: {shard_of_domain:?}"
    );
    // The same split on every run and machine (FNV-1a of the domain, documented).
    // FNV-1a 64 of "example.com" is 0x576846634e2714c6.
    assert_eq!(maildoctor::batch::shard_of("example.com", 7), 2);
    assert_eq!(maildoctor::batch::shard_of("example.com", 1000), 351);
}

#[test]
fn a_bad_shard_is_a_usage_error() {
    for spec in ["0/3", "4/3", "x", "1/0", "2"] {
        let r = run(["--offline", "--batch", "-", "--shard", spec]);
        assert_eq!(r.code, 2, "--shard {spec}: {}", r.stderr);
    }
    let r = run(["--offline", "--shard", "1/2", "a@example.com"]);
    assert_eq!(r.code, 2, "--shard without --batch: {}", r.stderr);
}

/// Many domains, each with IMAPS and submissions over SRV, all served by one IMAP and one
/// SMTP server (whatever the host name, via wildcard `--connect-to`).
struct Farm {
    dns: TestDns,
    pki: TestPki,
    imap: MailServer,
    smtp: MailServer,
    domains: Vec<String>,
}

fn farm(domains: usize, max_sessions: Option<usize>) -> Farm {
    let pki = TestPki::new();
    let domains: Vec<String> = (0..domains).map(|d| format!("d{d}.example")).collect();
    let names: Vec<String> = domains
        .iter()
        .flat_map(|d| [format!("imap.{d}"), format!("smtp.{d}")])
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let limit = |spec: MailSpec| match max_sessions {
        Some(n) => spec.max_sessions(n),
        None => spec,
    };
    let imap = MailServer::start(limit(
        MailSpec::new(Protocol::Imap, Mode::ImplicitTls).cert(pki.valid(&names)),
    ));
    let smtp = MailServer::start(limit(
        MailSpec::new(Protocol::Smtp, Mode::ImplicitTls).cert(pki.valid(&names)),
    ));
    let mut b: TestDnsBuilder = TestDns::builder();
    for d in &domains {
        b = b
            .zone(d)
            .a(&format!("imap.{d}"), "127.0.0.1")
            .a(&format!("smtp.{d}"), "127.0.0.1")
            .srv(&format!("_imaps._tcp.{d}"), 0, 1, 993, &format!("imap.{d}"))
            .srv(
                &format!("_submissions._tcp.{d}"),
                0,
                1,
                465,
                &format!("smtp.{d}"),
            )
            .srv_not_offered(&format!("_imap._tcp.{d}"))
            .srv_not_offered(&format!("_pop3s._tcp.{d}"))
            .srv_not_offered(&format!("_pop3._tcp.{d}"))
            .srv_not_offered(&format!("_submission._tcp.{d}"));
    }
    let dns = b.start();
    Farm {
        dns,
        pki,
        imap,
        smtp,
        domains,
    }
}

impl Farm {
    fn args(&self, file: &tempfile::NamedTempFile, jobs: u16) -> Vec<String> {
        vec![
            "--resolver".into(),
            self.dns.resolver_arg(),
            "--ca-file".into(),
            self.pki.ca_pem_path().to_str().unwrap().into(),
            "--timeout".into(),
            "3".into(),
            "--connect-to".into(),
            format!(":993:127.0.0.1:{}", self.imap.port()),
            "--connect-to".into(),
            format!(":465:127.0.0.1:{}", self.smtp.port()),
            "--batch".into(),
            file.path().to_str().unwrap().into(),
            "--jobs".into(),
            jobs.to_string(),
        ]
    }

    fn input(&self, per_domain: usize) -> tempfile::NamedTempFile {
        let mut text = String::new();
        for u in 0..per_domain {
            for d in &self.domains {
                text.push_str(&format!("user{u}@{d}\n"));
            }
        }
        input_file(&text)
    }
}

#[test]
fn servers_at_their_connection_limit_do_not_change_any_status() {
    // Unloaded: one address at a time against servers without a limit.
    let calm = farm(20, None);
    let file = calm.input(2);
    let r = run(calm.args(&file, 1));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let unloaded = statuses(&records(&r.stdout));
    assert_eq!(unloaded.len(), 40);
    assert!(unloaded.values().all(|s| s == "ok"), "{unloaded:?}");

    // Loaded: 64 addresses at once against servers that serve two sessions at a time and
    // close every connection above that.
    let busy = farm(20, Some(2));
    let file = busy.input(2);
    let r = run(busy.args(&file, 64));
    let loaded = statuses(&records(&r.stdout));
    assert!(
        busy.imap.turned_away() + busy.smtp.turned_away() > 0,
        "the servers' limit was never reached; the test proves nothing"
    );
    let recs = records(&r.stdout);
    for (addr, status) in &unloaded {
        let doc = &recs[addr];
        assert_eq!(
            doc["status"].as_str(),
            Some(status.as_str()),
            "{addr} under load: {:#}\n{}",
            doc["probes"],
            r.stderr
        );
    }
    assert_eq!(loaded, unloaded, "{}", r.stderr);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn a_tiny_descriptor_limit_is_never_the_domains_fault() {
    let f = farm(30, None);
    let file = f.input(2);
    let r = run(f.args(&file, 1));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let unlimited = statuses(&records(&r.stdout));

    // 48 descriptors: the socket budget is 24; 128 addresses at once would need far more.
    let mut cmd = Command::new("prlimit");
    let template = maildoctor_cmd();
    for (k, v) in template.get_envs() {
        match v {
            Some(v) => cmd.env(k, v),
            None => cmd.env_remove(k),
        };
    }
    cmd.arg("--nofile=48:48")
        .arg("--")
        .arg(maildoctor_bin())
        .args(f.args(&file, 128))
        .stdin(std::process::Stdio::null());
    let r = run_cmd(cmd);
    let recs = records(&r.stdout);
    for (addr, doc) in &recs {
        let text = doc.to_string();
        assert!(
            !text.contains("Too many open files") && !text.contains("local_resources"),
            "{addr}: {doc:#}"
        );
        assert_eq!(
            doc["domain"]["state"], "exists",
            "{addr}: {:#}",
            doc["domain"]
        );
    }
    assert_eq!(statuses(&recs), unlimited, "{}", r.stderr);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

const CONFIG_PATH: &str = "/mail/config-v1.1.xml";

fn client_config() -> String {
    r#"<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="example.com">
    <domain>example.com</domain>
    <displayName>Test Mail</displayName>
    <incomingServer type="imap">
      <hostname>imap.example.com</hostname><port>993</port><socketType>SSL</socketType>
      <username>%EMAILLOCALPART%</username><authentication>password-cleartext</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.example.com</hostname><port>465</port><socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication>
    </outgoingServer>
  </emailProvider>
</clientConfig>"#
        .to_owned()
}

/// Drops what differs between any two runs (timings, the clock).
fn without_timings(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.remove("elapsed_ms");
            m.remove("generated_at");
            for x in m.values_mut() {
                without_timings(x);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(without_timings),
        _ => {}
    }
}

#[test]
fn discovery_runs_once_per_domain_and_each_record_is_its_own_single_run() {
    let pki = TestPki::new();
    let web = HttpServer::start(
        HttpSpec::https(pki.valid(&["autoconfig.example.com"])).route(
            "autoconfig.example.com",
            CONFIG_PATH,
            Reply::xml(&client_config()),
        ),
    );
    let imap = MailServer::start(
        MailSpec::new(Protocol::Imap, Mode::ImplicitTls).cert(pki.valid(&["imap.example.com"])),
    );
    let smtp = MailServer::start(
        MailSpec::new(Protocol::Smtp, Mode::ImplicitTls).cert(pki.valid(&["smtp.example.com"])),
    );
    let dns = TestDns::builder()
        .zone("example.com")
        .mx("example.com", 10, "mx.example.com")
        .a("mx.example.com", "127.0.0.1")
        .a("autoconfig.example.com", "127.0.0.1")
        .start();
    let common = vec![
        "--resolver".to_owned(),
        dns.resolver_arg(),
        "--ca-file".to_owned(),
        pki.ca_pem_path().to_str().unwrap().to_owned(),
        "--timeout".to_owned(),
        "2".to_owned(),
        "--connect-to".to_owned(),
        connect_to("autoconfig.example.com", 443, web.addr),
        "--connect-to".to_owned(),
        connect_to("imap.example.com", 993, imap.addr),
        "--connect-to".to_owned(),
        connect_to("smtp.example.com", 465, smtp.addr),
    ];
    let people = ["alice", "bob", "carol", "dave"];
    let mut singles = BTreeMap::new();
    let mut per_run = 0;
    for who in &people[..2] {
        let before = web.requests().len();
        let mut a = common.clone();
        a.push(format!("{who}@example.com"));
        let (code, mut doc, stderr) = run_json(a);
        assert_eq!(code, 0, "{stderr}\n{doc:#}");
        per_run = web.requests().len() - before;
        without_timings(&mut doc);
        singles.insert(format!("{who}@example.com"), doc);
    }
    assert!(per_run > 0, "the autoconfig server was asked");

    let before = web.requests().len();
    let text: String = people
        .iter()
        .map(|p| format!("{p}@example.com\n"))
        .collect();
    let file = input_file(&text);
    let mut a = common;
    a.extend([
        "--batch".to_owned(),
        file.path().to_str().unwrap().to_owned(),
    ]);
    a.extend(["--jobs".to_owned(), "4".to_owned()]);
    let r = run(a);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut batch = records(&r.stdout);
    assert_eq!(
        web.requests().len() - before,
        per_run,
        "four addresses of one domain cost the HTTP requests of one"
    );
    for (addr, single) in &singles {
        let doc = batch.get_mut(addr).unwrap();
        without_timings(doc);
        let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys(doc), keys(single), "{addr}: fields");
        for (key, value) in single.as_object().unwrap() {
            assert_eq!(
                &doc[key], value,
                "{addr}: `{key}` of the batch record differs from its single run"
            );
        }
        assert_eq!(
            doc, single,
            "{addr}: batch record differs from its single run"
        );
    }
    // Each address got its own user names from the shared document.
    assert_eq!(
        batch["carol@example.com"]["settings"]["incoming"][0]["username"],
        "carol"
    );
    assert_eq!(
        batch["dave@example.com"]["settings"]["outgoing"][0]["username"],
        "dave@example.com"
    );
}

#[test]
fn each_dns_question_is_asked_once_per_batch_negative_answers_included() {
    let f = farm(2, None);
    let mut text = String::new();
    for u in 0..20 {
        text.push_str(&format!("user{u}@d0.example\nuser{u}@gone.d1.example\n"));
    }
    let file = input_file(&text);
    let r = run(f.args(&file, 16));
    assert_eq!(records(&r.stdout).len(), 40, "{}", r.stderr);
    let asked = |name: &str, qtype: &str| {
        f.dns
            .queries()
            .iter()
            .filter(|q| q.name == name && q.qtype == qtype)
            .count()
    };
    // Twenty addresses, one question each: records and NXDOMAIN are both cached.
    assert_eq!(asked("d0.example", "MX"), 1, "{:?}", f.dns.queries());
    assert_eq!(asked("_imaps._tcp.d0.example", "SRV"), 1);
    assert_eq!(asked("gone.d1.example", "MX"), 1, "{:?}", f.dns.queries());
}
