//! Real-server tier (issue 7): the `maildoctor` binary against Debian's Dovecot, Postfix, NSD,
//! unbound and nginx, started by `tests/realservers/lab` on 127.77.0.x with a private CA.
//!
//! Gated by `MAILDOCTOR_REAL_SERVERS=1` so a plain `cargo test` stays hermetic and needs no
//! root. With the gate set, a missing server is a **failure**, never a skip: the lab is
//! started (idempotently) when it is not running, and every test fails if it cannot be.
//! `scripts/realservers` runs this tier locally with one command; CI runs it via `.ci/run`.
//!
//! Every scenario goes through `maildoctor --json` with the lab's resolver and CA only (no
//! `--connect-to`): real names, real DNS, real ports. Each asserts the verdict, the exit
//! status, the exact finding codes (one per root cause), who must act (`actor`), the
//! endpoints a finding names, the key words of its fix, and the recommended settings.
//! A scenario checks every expectation and then fails once, listing all that did not hold
//! ([`Expect`]), so one run shows everything a change of the analysis broke.

use std::fmt::Debug;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// What the lab script reports (`tests/realservers/lab env`).
#[derive(Debug, Clone)]
struct Lab {
    /// unbound, the lab's working resolver (`ip:53`).
    resolver: String,
    /// The second unbound, which answers NXDOMAIN for every name (`ip:53`).
    nx_resolver: String,
    ca: PathBuf,
    password: String,
}

fn lab_script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/realservers/lab")
}

/// The running lab, or `None` when the tier is not enabled. Starts the lab once per test
/// process when it is not running; panics (fails every test) when it cannot.
fn lab() -> Option<&'static Lab> {
    if std::env::var("MAILDOCTOR_REAL_SERVERS").as_deref() != Ok("1") {
        eprintln!("real-server tier not enabled (MAILDOCTOR_REAL_SERVERS=1 enables it)");
        return None;
    }
    static LAB: OnceLock<Result<Lab, String>> = OnceLock::new();
    let lab = LAB.get_or_init(|| {
        let script = lab_script();
        let running = Command::new(&script)
            .arg("status")
            .output()
            .map_err(|e| format!("{}: {e}", script.display()))?;
        if !running.status.success() {
            let up = Command::new(&script)
                .arg("up")
                .output()
                .map_err(|e| format!("{}: {e}", script.display()))?;
            if !up.status.success() {
                return Err(format!(
                    "`{} up` failed:\n{}{}",
                    script.display(),
                    String::from_utf8_lossy(&up.stdout),
                    String::from_utf8_lossy(&up.stderr)
                ));
            }
        }
        let env = Command::new(&script)
            .arg("env")
            .output()
            .map_err(|e| e.to_string())?;
        let env = String::from_utf8_lossy(&env.stdout).into_owned();
        let get = |k: &str| {
            env.lines()
                .find_map(|l| l.strip_prefix(&format!("{k}=")))
                .map(str::to_owned)
                .ok_or_else(|| format!("lab env lacks {k}: {env}"))
        };
        Ok(Lab {
            resolver: get("MAILDOCTOR_LAB_RESOLVER")?,
            nx_resolver: get("MAILDOCTOR_LAB_NX_RESOLVER")?,
            ca: PathBuf::from(get("MAILDOCTOR_LAB_CA")?),
            password: get("MAILDOCTOR_LAB_PASSWORD")?,
        })
    });
    match lab {
        Ok(lab) => Some(lab),
        Err(e) => panic!("MAILDOCTOR_REAL_SERVERS=1 but the lab is not available: {e}"),
    }
}

/// One `maildoctor --json` run against the lab.
struct Run {
    code: i32,
    doc: Value,
    elapsed: Duration,
}

/// `maildoctor --json --resolver <resolver> --ca-file <lab CA> --timeout <secs> <args>`, with
/// `--login` and `MAILDOCTOR_PASSWORD` when a password is given. Checks what every run must satisfy:
/// JSON matching the schema, nothing on stderr, the password never printed.
fn maildoctor(
    lab: &Lab,
    resolver: &str,
    timeout_secs: u32,
    password: Option<&str>,
    args: &[&str],
) -> Run {
    let mut cmd = crate::support::cli::maildoctor_cmd();
    // --providers: the lab's hosted.example is MX-hosted at the fictional
    // bigprovider.example, a test fixture that is not in the built-in database.
    cmd.args(["--json", "--resolver", resolver, "--ca-file"])
        .arg(&lab.ca)
        .args(["--providers", &crate::support::cli::fixture_providers_dir()])
        .args(["--timeout", &timeout_secs.to_string()])
        .args(args);
    if let Some(pw) = password {
        // The environment variable is a password only with --login (issue 13).
        cmd.arg("--login").env("MAILDOCTOR_PASSWORD", pw);
    }
    let started = Instant::now();
    let r = crate::support::cli::run_cmd(cmd);
    let elapsed = started.elapsed();
    let doc: Value = serde_json::from_str(&r.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: stdout is not JSON ({e}): {}", r.stdout));
    crate::support::schema::assert_document(&doc);
    assert_eq!(doc["schema_version"], 1);
    assert!(
        r.stderr.is_empty(),
        "{args:?}: unexpected stderr: {}",
        r.stderr
    );
    if let Some(pw) = password {
        assert!(
            !r.stdout.contains(pw) && !r.stderr.contains(pw),
            "{args:?}: password printed"
        );
    }
    Run {
        code: r.code,
        doc,
        elapsed,
    }
}

/// `maildoctor --json` for an address with the lab's resolver, no password.
fn diagnose(lab: &Lab, address: &str, timeout_secs: u32) -> Run {
    maildoctor(lab, &lab.resolver, timeout_secs, None, &[address])
}

/// `maildoctor --json` for an address with the lab's resolver and a password.
fn diagnose_with_password(lab: &Lab, address: &str, password: &str) -> Run {
    maildoctor(lab, &lab.resolver, 5, Some(password), &[address])
}

/// Every expectation of one scenario, checked in full before the test fails: the failure
/// lists each one that did not hold, then the findings and settings of the document.
#[must_use = "call done() to fail the test on unmet expectations"]
struct Expect<'a> {
    scenario: String,
    doc: &'a Value,
    unmet: Vec<String>,
}

impl<'a> Expect<'a> {
    fn new(scenario: impl Into<String>, run: &'a Run) -> Self {
        Self {
            scenario: scenario.into(),
            doc: &run.doc,
            unmet: Vec::new(),
        }
    }

    /// `got == want`.
    fn eq<T: PartialEq + Debug>(&mut self, what: &str, got: T, want: T) {
        if got != want {
            self.unmet
                .push(format!("{what}: got {got:?}, expected {want:?}"));
        }
    }

    /// The value at a JSON pointer of the document.
    fn at(&mut self, pointer: &str, want: Value) {
        let got = self.doc.pointer(pointer).cloned().unwrap_or(Value::Null);
        self.eq(pointer, got, want);
    }

    /// A condition, with what was seen when it does not hold.
    fn that(&mut self, what: &str, ok: bool, seen: impl Debug) {
        if !ok {
            self.unmet.push(format!("{what}; saw {seen:?}"));
        }
    }

    /// `text` contains every word of `words`.
    fn says(&mut self, what: &str, text: &str, words: &[&str]) {
        for w in words {
            self.that(&format!("{what} says {w:?}"), text.contains(w), text);
        }
    }

    /// `text` contains none of `words`.
    fn never_says(&mut self, what: &str, text: &str, words: &[&str]) {
        for w in words {
            self.that(
                &format!("{what} does not say {w:?}"),
                !text.contains(w),
                text,
            );
        }
    }

    /// Fails the test when any expectation did not hold.
    fn done(self) {
        if self.unmet.is_empty() {
            return;
        }
        panic!(
            "{}: {} expectation(s) not met:\n  - {}\nfindings: {:#}\nsettings: {:#}\nchecks: {:#}",
            self.scenario,
            self.unmet.len(),
            self.unmet.join("\n  - "),
            self.doc["findings"],
            self.doc["settings"],
            self.doc["checks"],
        );
    }
}

/// Every finding code of the document, sorted (repeats kept: the exact set of findings).
fn codes(doc: &Value) -> Vec<String> {
    let mut v: Vec<String> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .collect();
    v.sort();
    v
}

/// The finding with this code (the first one), or `null`.
fn finding<'d>(doc: &'d Value, code: &str) -> &'d Value {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == code)
        .unwrap_or(&Value::Null)
}

/// A finding's `endpoints` as sorted `"protocol host:port"` strings.
fn endpoints(f: &Value) -> Vec<String> {
    let mut v: Vec<String> = f["endpoints"]
        .as_array()
        .map(|a| a.iter().map(endpoint).collect())
        .unwrap_or_default();
    v.sort();
    v
}

/// `"protocol host:port"`.
fn endpoint(e: &Value) -> String {
    format!(
        "{} {}:{}",
        e["protocol"].as_str().unwrap_or("?"),
        e["host"].as_str().unwrap_or("?"),
        e["port"]
    )
}

/// A text field (`cause`, `fix`) of a finding, empty when absent.
fn text<'d>(f: &'d Value, field: &str) -> &'d str {
    f[field].as_str().unwrap_or("")
}

/// Settings of one direction as `"protocol host:port security verified"` strings, in order.
fn settings(doc: &Value, direction: &str) -> Vec<String> {
    doc["settings"][direction]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            format!(
                "{} {}:{} {} {}",
                s["protocol"].as_str().unwrap(),
                s["host"].as_str().unwrap(),
                s["port"],
                s["security"].as_str().unwrap(),
                if s["verified"].as_bool().unwrap() {
                    "verified"
                } else {
                    "unverified"
                }
            )
        })
        .collect()
}

/// `"protocol host:port login"` of the settings of one direction, in order.
fn logins(doc: &Value, direction: &str) -> Vec<String> {
    doc["settings"][direction]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| format!("{} {}", endpoint(s), s["login"].as_str().unwrap()))
        .collect()
}

/// The three endpoints the SRV records of the bad-host domains name (`mail.<domain>`).
fn tls_ports_of(host: &str) -> Vec<String> {
    let mut v = vec![
        format!("imap {host}:993"),
        format!("pop3 {host}:995"),
        format!("smtp {host}:465"),
    ];
    v.sort();
    v
}

/// The `srv.not_offered` note of a bad-host domain: its `_imap`, `_pop3` and `_submission`
/// records say "not offered" (target `.`) — one decision of the domain's, one finding.
const NOT_OFFERED: [&str; 1] = ["srv.not_offered"];

/// `codes` expected: `root` plus `n` `srv.not_offered` notes, sorted like [`codes`].
fn with_notes(root: &[&str], notes: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = root.iter().chain(notes).map(|c| (*c).to_owned()).collect();
    v.sort();
    v
}

// ---------------------------------------------------------------------------------------
// Healthy domains

const HEALTHY_INCOMING: [&str; 4] = [
    "imap mail.lab.example:993 tls verified",
    "imap mail.lab.example:143 starttls verified",
    "pop3 mail.lab.example:995 tls verified",
    "pop3 mail.lab.example:110 starttls verified",
];
const HEALTHY_OUTGOING: [&str; 2] = [
    "smtp mail.lab.example:465 tls verified",
    "smtp mail.lab.example:587 starttls verified",
];

#[test]
fn healthy_domain_with_srv_every_endpoint_verified() {
    let Some(lab) = lab() else { return };
    let run = diagnose(lab, "alice@lab.example", 5);
    let doc = &run.doc;
    let mut x = Expect::new("alice@lab.example, no password", &run);
    x.eq("exit status", run.code, 0);
    // Servers verified, account not tested: reachable, never "works".
    x.at("/verdict", json!("reachable"));
    x.at("/status", json!("ok"));
    x.eq("codes", codes(doc), vec![]);
    x.eq(
        "incoming",
        settings(doc, "incoming"),
        HEALTHY_INCOMING.map(String::from).to_vec(),
    );
    x.eq(
        "outgoing",
        settings(doc, "outgoing"),
        HEALTHY_OUTGOING.map(String::from).to_vec(),
    );
    x.at("/settings/incoming/0/login", json!("not_tested"));
    // Real Dovecot and Postfix answered: their greetings are in the probes.
    let greetings: Vec<&str> = doc["probes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["greeting"].as_str())
        .collect();
    x.that(
        "a Dovecot greeting",
        greetings
            .iter()
            .any(|g| g.contains("maildoctor lab Dovecot")),
        &greetings,
    );
    x.that(
        "a Postfix greeting",
        greetings
            .iter()
            .any(|g| g.contains("ESMTP maildoctor lab Postfix")),
        &greetings,
    );
    let srv = doc["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["source"] == "srv");
    x.that(
        "the SRV source found the settings",
        srv.is_some_and(|s| s["status"] == "found"),
        srv,
    );
    x.that("fast", run.elapsed < Duration::from_secs(5), run.elapsed);
    x.done();
}

#[test]
fn domain_hosted_at_a_provider_via_mx_only() {
    let Some(lab) = lab() else { return };
    let run = diagnose(lab, "bob@hosted.example", 5);
    let doc = &run.doc;
    let mut x = Expect::new("bob@hosted.example", &run);
    x.eq("exit status", run.code, 0);
    x.at("/verdict", json!("reachable"));
    x.eq("codes", codes(doc), vec![]);
    x.at("/provider/id", json!("bigprovider.example"));
    x.at("/provider/detected_via", json!("mx"));
    x.eq(
        "incoming",
        settings(doc, "incoming"),
        vec![
            "imap imap.bigprovider.example:993 tls verified".to_owned(),
            "pop3 pop.bigprovider.example:995 tls verified".to_owned(),
        ],
    );
    x.eq(
        "outgoing",
        settings(doc, "outgoing"),
        vec![
            "smtp smtp.bigprovider.example:465 tls verified".to_owned(),
            "smtp smtp.bigprovider.example:587 starttls verified".to_owned(),
        ],
    );
    x.done();
}

// ---------------------------------------------------------------------------------------
// Certificates: IMAP 993, POP3 995 and submission 465 (Dovecot and Postfix) on one host
// with one bad certificate are one finding naming every port.

/// A domain whose SRV records send IMAP 993, POP3 995 and submission 465 to one host with a
/// bad certificate: exactly one finding, for the certificate, naming the three endpoints.
/// Returns the finding for scenario-specific checks.
fn bad_certificate(lab: &Lab, domain: &str, code: &str, check: impl FnOnce(&mut Expect, &Value)) {
    let run = diagnose(lab, &format!("user@{domain}"), 5);
    let doc = &run.doc;
    let host = format!("mail.{domain}");
    let mut x = Expect::new(format!("user@{domain}"), &run);
    x.eq("exit status", run.code, 1);
    x.at("/verdict", json!("broken"));
    x.at("/status", json!("error"));
    x.eq("codes", codes(doc), with_notes(&[code], &NOT_OFFERED));
    x.at("/findings/0/code", json!(code));
    let f = finding(doc, code);
    x.eq("severity", &f["severity"], &json!("error"));
    x.eq("actor", &f["actor"], &json!("server_admin"));
    x.eq("endpoints", endpoints(f), tls_ports_of(&host));
    x.eq(
        "params.ports",
        &f["params"]["ports"],
        &json!([465, 993, 995]),
    );
    x.says("cause", text(f, "cause"), &[&host]);
    x.eq(
        "incoming",
        settings(doc, "incoming"),
        vec![
            format!("imap {host}:993 tls unverified"),
            format!("pop3 {host}:995 tls unverified"),
        ],
    );
    x.eq(
        "outgoing",
        settings(doc, "outgoing"),
        vec![format!("smtp {host}:465 tls unverified")],
    );
    check(&mut x, f);
    x.done();
}

#[test]
fn expired_certificate_is_one_finding_for_every_port() {
    let Some(lab) = lab() else { return };
    bad_certificate(lab, "expired.example", "tls.expired", |x, f| {
        x.says("cause", text(f, "cause"), &["expired", "2021-01-01"]);
        x.says("fix", text(f, "fix"), &["renew"]);
    });
}

#[test]
fn certificate_for_another_name() {
    let Some(lab) = lab() else { return };
    bad_certificate(lab, "wrongname.example", "tls.name_mismatch", |x, f| {
        x.eq(
            "params.cert_names",
            &f["params"]["cert_names"],
            &json!(["www.elsewhere.example"]),
        );
    });
}

#[test]
fn self_signed_certificate() {
    let Some(lab) = lab() else { return };
    bad_certificate(lab, "selfsigned.example", "tls.self_signed", |x, f| {
        x.says("cause", text(f, "cause"), &["self-signed"]);
    });
}

/// The leaf is sent without the intermediate that signed it: `tls.chain_incomplete` naming
/// the missing issuer (the lab's intermediate CA), not an unknown authority.
#[test]
fn certificate_chain_missing_its_intermediate() {
    let Some(lab) = lab() else { return };
    bad_certificate(
        lab,
        "nointermediate.example",
        "tls.chain_incomplete",
        |x, f| {
            let issuer = "CN=maildoctor lab intermediate CA";
            x.eq(
                "params.cert_issuer",
                &f["params"]["cert_issuer"],
                &json!(issuer),
            );
            x.says("cause", text(f, "cause"), &[issuer]);
            x.says("fix", text(f, "fix"), &["intermediate"]);
        },
    );
}

// ---------------------------------------------------------------------------------------
// Hosts and ports

/// Nothing listens on 127.77.0.30: every mail port refused is the service being down, one
/// finding for the host, aimed at its administrator, not a wrong port typed by the user.
#[test]
fn every_port_refused_is_one_finding_for_the_host() {
    let Some(lab) = lab() else { return };
    let run = diagnose(lab, "user@closed.example", 5);
    let doc = &run.doc;
    let mut x = Expect::new("user@closed.example", &run);
    x.eq("exit status", run.code, 1);
    x.at("/verdict", json!("broken"));
    x.eq(
        "codes",
        codes(doc),
        with_notes(&["net.refused"], &NOT_OFFERED),
    );
    let f = finding(doc, "net.refused");
    x.eq("severity", &f["severity"], &json!("error"));
    x.eq("actor", &f["actor"], &json!("server_admin"));
    x.eq(
        "endpoints",
        endpoints(f),
        tls_ports_of("mail.closed.example"),
    );
    x.eq(
        "params.ports",
        &f["params"]["ports"],
        &json!([465, 993, 995]),
    );
    x.says(
        "cause",
        text(f, "cause"),
        &["every mail port", "127.77.0.30"],
    );
    x.never_says("fix", text(f, "fix"), &["port number"]);
    x.that("fast", run.elapsed < Duration::from_secs(3), run.elapsed);
    x.done();
}

#[test]
fn firewalled_address_times_out_once_within_the_connect_timeout() {
    let Some(lab) = lab() else { return };
    let run = diagnose(lab, "user@firewalled.example", 2);
    let doc = &run.doc;
    let mut x = Expect::new("user@firewalled.example", &run);
    x.eq("exit status", run.code, 1);
    x.at("/verdict", json!("broken"));
    x.eq(
        "codes",
        codes(doc),
        with_notes(&["net.timeout"], &NOT_OFFERED),
    );
    let f = finding(doc, "net.timeout");
    x.eq("actor", &f["actor"], &json!("network"));
    x.eq(
        "endpoints",
        endpoints(f),
        tls_ports_of("mail.firewalled.example"),
    );
    // Every port is dropped: the ports are tried concurrently, so the run costs one connect
    // timeout, plus at most a second (issue 7 benchmark 2).
    x.that(
        "3 dropped ports within one 2 s timeout (+1 s)",
        run.elapsed < Duration::from_secs(3),
        run.elapsed,
    );
    x.done();
}

/// Dovecot and Postfix on 127.77.0.40 without TLS (STARTTLS not offered; the domain's SRV
/// records say the SSL/TLS services are not offered): the host offers no encryption at all,
/// one finding for the host, not three `starttls.not_offered`.
#[test]
fn server_without_any_encryption_is_one_finding_for_the_host() {
    let Some(lab) = lab() else { return };
    let run = diagnose(lab, "carol@plain.example", 5);
    let doc = &run.doc;
    let mut x = Expect::new("carol@plain.example", &run);
    x.eq("exit status", run.code, 1);
    x.at("/verdict", json!("broken"));
    x.eq(
        "codes",
        codes(doc),
        with_notes(&["security.no_encryption"], &NOT_OFFERED),
    );
    let f = finding(doc, "security.no_encryption");
    x.eq("actor", &f["actor"], &json!("server_admin"));
    x.eq(
        "endpoints",
        endpoints(f),
        vec![
            "imap mail.plain.example:143".to_owned(),
            "pop3 mail.plain.example:110".to_owned(),
            "smtp mail.plain.example:587".to_owned(),
        ],
    );
    x.says("cause", text(f, "cause"), &["mail.plain.example"]);
    x.says("fix", text(f, "fix"), &["operator", "enable TLS"]);
    // Nothing answers on 993 here: the user is not sent there (the operator may open it).
    x.never_says("fix", text(f, "fix"), &["port 993", "use port"]);
    x.eq(
        "params.suggested_port",
        &f["params"]["suggested_port"],
        &Value::Null,
    );
    // maildoctor never falls back to sending anything secret in the clear: nothing is
    // marked verified.
    x.that(
        "no incoming setting verified",
        settings(doc, "incoming")
            .iter()
            .all(|s| s.ends_with(" unverified")),
        settings(doc, "incoming"),
    );
    x.done();
}

// ---------------------------------------------------------------------------------------
// DNS

/// The domain's MX and SRV records name a host that does not exist: the domain's
/// administrator must fix the record; nothing is misspelt by the user.
#[test]
fn mx_and_srv_name_a_host_that_does_not_exist() {
    let Some(lab) = lab() else { return };
    let run = diagnose(lab, "user@nxhost.example", 5);
    let doc = &run.doc;
    let mut x = Expect::new("user@nxhost.example", &run);
    x.eq("exit status", run.code, 1);
    x.at("/verdict", json!("broken"));
    x.at("/domain/state", json!("exists"));
    // _imap, _pop3s, _pop3 and _submission say "not offered"; _imaps and _submissions name
    // the missing host.
    x.eq(
        "codes",
        codes(doc),
        with_notes(&["dns.host_not_found"], &NOT_OFFERED),
    );
    x.at("/findings/0/code", json!("dns.host_not_found"));
    let f = finding(doc, "dns.host_not_found");
    x.eq("actor", &f["actor"], &json!("domain_admin"));
    x.eq(
        "endpoints",
        endpoints(f),
        vec![
            "imap missing.nxhost.example:993".to_owned(),
            "smtp missing.nxhost.example:465".to_owned(),
        ],
    );
    let record = f["params"]["record"].as_str().unwrap_or("");
    // Both records that point at the missing host are named: fixing one would leave the
    // other protocol broken.
    x.eq(
        "params.record names both SRV records of the domain",
        record.to_owned(),
        "_imaps._tcp.nxhost.example SRV, _submissions._tcp.nxhost.example SRV".to_owned(),
    );
    x.says(
        "cause",
        text(f, "cause"),
        &[
            "missing.nxhost.example",
            "_imaps._tcp.nxhost.example SRV",
            "_submissions._tcp.nxhost.example SRV",
        ],
    );
    x.says("fix", text(f, "fix"), &["administrator"]);
    x.never_says("fix", &text(f, "fix").to_lowercase(), &["spelling"]);
    x.eq("incoming", settings(doc, "incoming"), vec![]);
    x.done();
}

/// `servfail.example` is delegated to a name server that serves nothing (REFUSED), so the
/// resolver answers SERVFAIL: the domain's DNS is broken, one root finding for its
/// administrator, ranked first; the domain is not declared non-existent.
#[test]
fn servfail_is_the_zone_failing_not_a_missing_domain() {
    let Some(lab) = lab() else { return };
    let run = diagnose(lab, "user@servfail.example", 5);
    let doc = &run.doc;
    let mut x = Expect::new("user@servfail.example", &run);
    x.eq("exit status", run.code, 1);
    x.at("/verdict", json!("broken"));
    x.eq("codes", codes(doc), vec!["dns.zone_failed".to_owned()]);
    x.at("/findings/0/code", json!("dns.zone_failed"));
    x.at("/findings/0/severity", json!("error"));
    x.at("/findings/0/actor", json!("domain_admin"));
    x.at("/findings/0/params/resolver", json!([lab.resolver]));
    let f = &doc["findings"][0];
    x.says("cause", text(f, "cause"), &["servfail.example", "SERVFAIL"]);
    x.says(
        "fix",
        text(f, "fix"),
        &["administrator of servfail.example"],
    );
    x.that(
        "domain not declared missing",
        doc["domain"]["state"] != "not_found",
        &doc["domain"],
    );
    x.that("fast", run.elapsed < Duration::from_secs(5), run.elapsed);
    x.done();
}

#[test]
fn domain_that_does_not_exist() {
    let Some(lab) = lab() else { return };
    let run = diagnose(lab, "user@nosuchdomain.example", 5);
    let doc = &run.doc;
    let mut x = Expect::new("user@nosuchdomain.example", &run);
    x.eq("exit status", run.code, 1);
    x.at("/verdict", json!("broken"));
    x.eq("codes", codes(doc), vec!["dns.domain_not_found".to_owned()]);
    x.at("/domain/state", json!("not_found"));
    x.done();
}

/// A resolver that answers NXDOMAIN for every name (127.77.0.56, unbound with
/// `local-zone: "." always_nxdomain`) says qq.com does not exist: the resolver is the
/// suspect, the settings come from the provider database, unverified, and nothing could
/// be connected to (no name resolved, so no connection was even attempted).
#[test]
fn resolver_answering_nxdomain_for_everything_is_the_suspect() {
    let Some(lab) = lab() else { return };
    let run = maildoctor(lab, &lab.nx_resolver, 5, None, &["alice@qq.com"]);
    let doc = &run.doc;
    let mut x = Expect::new("alice@qq.com --resolver <NXDOMAIN resolver>", &run);
    x.eq("exit status", run.code, 1);
    x.at("/verdict", json!("unverified"));
    x.eq("codes", codes(doc), vec!["dns.resolver_suspect".to_owned()]);
    let f = finding(doc, "dns.resolver_suspect");
    x.eq("severity", &f["severity"], &json!("error"));
    x.eq("actor", &f["actor"], &json!("this_computer"));
    x.eq(
        "params.resolver",
        &f["params"]["resolver"],
        &json!([lab.nx_resolver]),
    );
    x.at("/resolver", json!([lab.nx_resolver]));
    x.says("cause", text(f, "cause"), &[&lab.nx_resolver, "qq.com"]);
    x.says("fix", text(f, "fix"), &["--resolver"]);
    x.at("/settings/incoming/0/host", json!("imap.qq.com"));
    x.at("/settings/incoming/0/port", json!(993));
    x.at("/settings/incoming/0/verified", json!(false));
    x.at("/settings/outgoing/0/host", json!("smtp.qq.com"));
    x.at("/settings/outgoing/0/verified", json!(false));
    // No probe got an address: nothing was connected to, inside the lab or outside it.
    let probes = doc["probes"].as_array().unwrap();
    x.that(
        "the provider's servers were probed",
        !probes.is_empty(),
        probes.len(),
    );
    let connected: Vec<&Value> = probes.iter().filter(|p| !p["addr"].is_null()).collect();
    x.that(
        "no probe connected anywhere",
        connected.is_empty(),
        connected,
    );
    x.that("fast", run.elapsed < Duration::from_secs(3), run.elapsed);
    x.done();
}

// ---------------------------------------------------------------------------------------
// The account (one login per protocol, real Dovecot and Postfix behind them)

/// The healthy lab domain, every source at once (SRV, autoconfig over HTTPS and HTTP,
/// Autodiscover from nginx) and a working login on IMAP, POP3 and SMTP submission.
#[test]
fn right_password_works_on_every_protocol() {
    let Some(lab) = lab() else { return };
    let run = diagnose_with_password(lab, "alice@lab.example", &lab.password);
    let doc = &run.doc;
    let mut x = Expect::new("alice@lab.example, right password", &run);
    x.eq("exit status", run.code, 0);
    x.at("/verdict", json!("works"));
    x.at("/status", json!("ok"));
    x.eq("codes", codes(doc), vec![]);
    for kind in ["srv", "autoconfig", "autodiscover"] {
        x.that(
            &format!("{kind} found the settings"),
            doc["sources"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s["source"] == kind && s["status"] == "found"),
            &doc["sources"],
        );
    }
    x.eq(
        "incoming logins",
        logins(doc, "incoming"),
        [
            "imap mail.lab.example:993 ok",
            "imap mail.lab.example:143 not_tested",
            "pop3 mail.lab.example:995 ok",
            "pop3 mail.lab.example:110 not_tested",
        ]
        .map(String::from)
        .to_vec(),
    );
    x.eq(
        "outgoing logins",
        logins(doc, "outgoing"),
        [
            "smtp mail.lab.example:465 ok",
            "smtp mail.lab.example:587 not_tested",
        ]
        .map(String::from)
        .to_vec(),
    );
    x.done();
}

/// A wrong password is one `auth.failed` for the account, naming the one login made on
/// each protocol and relaying the servers' words; mail cannot work: `broken`. The
/// recommended pair stays the servers that work (the password is what is wrong).
#[test]
fn wrong_password_is_one_finding_for_the_account() {
    let Some(lab) = lab() else { return };
    let run = diagnose_with_password(lab, "alice@lab.example", "not-the-password");
    let doc = &run.doc;
    let mut x = Expect::new("alice@lab.example, wrong password", &run);
    x.eq("exit status", run.code, 1);
    x.at("/status", json!("error"));
    x.eq("codes", codes(doc), vec!["auth.failed".to_owned()]);
    let f = finding(doc, "auth.failed");
    x.eq("severity", &f["severity"], &json!("error"));
    x.eq("actor", &f["actor"], &json!("user"));
    x.eq("endpoints", endpoints(f), tls_ports_of("mail.lab.example"));
    // Dovecot's and Postfix's own refusals.
    x.says(
        "cause",
        text(f, "cause"),
        &["AUTHENTICATIONFAILED", "-ERR [AUTH]", "535 5.7.8"],
    );
    x.says("fix", text(f, "fix"), &["password"]);
    x.at("/verdict", json!("broken"));
    x.eq(
        "recommended pair",
        (
            logins(doc, "incoming").first().cloned(),
            logins(doc, "outgoing").first().cloned(),
        ),
        (
            Some("imap mail.lab.example:993 failed".to_owned()),
            Some("smtp mail.lab.example:465 failed".to_owned()),
        ),
    );
    x.done();
}

/// `nopop@lab.example` is denied POP3 by Dovecot (a `deny` passdb keyed on the service).
/// Without a password nothing shows it: the servers are `reachable`, no more. With the
/// password, IMAP and SMTP log in and POP3 refuses: POP3 is switched off for the account
/// (a warning, `partial`), not a wrong password; use IMAP.
#[test]
fn pop3_disabled_for_one_user() {
    let Some(lab) = lab() else { return };
    let run = diagnose(lab, "nopop@lab.example", 5);
    let mut x = Expect::new("nopop@lab.example, no password", &run);
    x.eq("exit status", run.code, 0);
    x.at("/verdict", json!("reachable"));
    x.at("/status", json!("ok"));
    x.eq("codes", codes(&run.doc), vec![]);
    x.done();

    let run = diagnose_with_password(lab, "nopop@lab.example", &lab.password);
    let doc = &run.doc;
    let mut x = Expect::new("nopop@lab.example, right password", &run);
    x.eq("exit status", run.code, 0);
    x.at("/verdict", json!("partial"));
    x.at("/status", json!("warning"));
    x.eq(
        "codes",
        codes(doc),
        vec!["auth.protocol_disabled".to_owned()],
    );
    let f = finding(doc, "auth.protocol_disabled");
    x.eq("severity", &f["severity"], &json!("warning"));
    x.eq(
        "endpoints",
        endpoints(f),
        vec!["pop3 mail.lab.example:995".to_owned()],
    );
    x.eq(
        "params.suggested_protocol",
        &f["params"]["suggested_protocol"],
        &json!("imap"),
    );
    x.says("fix", text(f, "fix"), &["Use IMAP"]);
    x.at("/settings/incoming/0/protocol", json!("imap"));
    x.at("/settings/incoming/0/login", json!("ok"));
    x.at("/settings/outgoing/0/login", json!("ok"));
    x.that(
        "the POP3 login failed",
        logins(doc, "incoming").contains(&"pop3 mail.lab.example:995 failed".to_owned()),
        logins(doc, "incoming"),
    );
    x.done();
}

/// `custom.example` is hosted elsewhere: its MX names mail.lab.example and its only
/// settings are the MX host's autoconfig (autoconfig.lab.example). The password is not
/// sent to a host outside the address's domain that no provider database vouches for:
/// the login is withheld, the servers `reachable`; `--allow-untrusted-host` tests it.
#[test]
fn custom_domain_hosted_elsewhere_login_withheld_until_allowed() {
    let Some(lab) = lab() else { return };
    let run = diagnose_with_password(lab, "dave@custom.example", &lab.password);
    let doc = &run.doc;
    let mut x = Expect::new("dave@custom.example, right password", &run);
    x.eq("exit status", run.code, 0);
    x.at("/verdict", json!("reachable"));
    x.that(
        "the settings come from the MX host's autoconfig",
        doc["sources"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["source"] == "autoconfig_mx" && s["status"] == "found"),
        &doc["sources"],
    );
    x.eq("codes", codes(doc), vec!["auth.login_withheld".to_owned()]);
    let f = finding(doc, "auth.login_withheld");
    x.eq("severity", &f["severity"], &json!("warning"));
    x.eq(
        "params.flag",
        &f["params"]["flag"],
        &json!("--allow-untrusted-host"),
    );
    x.eq("endpoints", endpoints(f), tls_ports_of("mail.lab.example"));
    x.says("cause", text(f, "cause"), &["custom.example"]);
    x.says("fix", text(f, "fix"), &["--allow-untrusted-host"]);
    x.eq(
        "incoming",
        logins(doc, "incoming"),
        [
            "imap mail.lab.example:993 withheld",
            "pop3 mail.lab.example:995 withheld",
        ]
        .map(String::from)
        .to_vec(),
    );
    x.eq(
        "outgoing",
        logins(doc, "outgoing"),
        vec!["smtp mail.lab.example:465 withheld".to_owned()],
    );
    x.that(
        "login_detail names the flag",
        doc["settings"]["incoming"][0]["login_detail"]
            .as_str()
            .is_some_and(|d| d.contains("--allow-untrusted-host")),
        &doc["settings"]["incoming"][0],
    );
    x.done();

    let run = maildoctor(
        lab,
        &lab.resolver,
        5,
        Some(&lab.password),
        &["--allow-untrusted-host", "dave@custom.example"],
    );
    let doc = &run.doc;
    let mut x = Expect::new("dave@custom.example --allow-untrusted-host", &run);
    x.eq("exit status", run.code, 0);
    x.at("/verdict", json!("works"));
    x.eq("codes", codes(doc), vec![]);
    x.at("/settings/incoming/0/login", json!("ok"));
    x.at("/settings/outgoing/0/login", json!("ok"));
    x.done();
}

// ---------------------------------------------------------------------------------------
// What the user typed (--check)

/// POP3 over TLS typed on IMAP's port 993: Dovecot answers there with an IMAP greeting.
/// One `check.*` finding about the typed endpoint, listed in `checks[0]`; the discovered
/// settings are the healthy ones (POP3 first, as the user asked for POP3), without the
/// typed endpoint.
#[test]
fn typed_pop3_on_the_imap_port() {
    let Some(lab) = lab() else { return };
    let typed = "pop3s://mail.lab.example:993";
    let run = maildoctor(
        lab,
        &lab.resolver,
        5,
        None,
        &["--check", typed, "alice@lab.example"],
    );
    let doc = &run.doc;
    let mut x = Expect::new(format!("--check {typed}"), &run);
    // A typed endpoint that fails is an error: exit 1, `partial` (the discovered pair works).
    x.eq("exit status", run.code, 1);
    x.at("/verdict", json!("partial"));
    x.eq("codes", codes(doc), vec!["check.wrong_protocol".to_owned()]);
    let f = finding(doc, "check.wrong_protocol");
    x.eq("actor", &f["actor"], &json!("user"));
    x.eq(
        "endpoints",
        endpoints(f),
        vec!["pop3 mail.lab.example:993".to_owned()],
    );
    x.eq(
        "params.actual_protocol",
        &f["params"]["actual_protocol"],
        &json!("imap"),
    );
    x.eq(
        "params.suggested_port",
        &f["params"]["suggested_port"],
        &json!(995),
    );
    x.says("fix", text(f, "fix"), &["POP3", "995"]);
    x.eq("checks", doc["checks"].as_array().map_or(0, Vec::len), 1);
    x.at(
        "/checks/0/endpoint",
        json!({"protocol": "pop3", "host": "mail.lab.example", "port": 993, "security": "tls"}),
    );
    x.at("/checks/0/verified", json!(false));
    x.at("/checks/0/findings", json!(["check.wrong_protocol"]));
    let mut incoming = settings(doc, "incoming");
    incoming.sort();
    let mut healthy = HEALTHY_INCOMING.map(String::from).to_vec();
    healthy.sort();
    x.eq("incoming (any order)", incoming, healthy);
    x.eq(
        "outgoing",
        settings(doc, "outgoing"),
        HEALTHY_OUTGOING.map(String::from).to_vec(),
    );
    // mail.lab.example is the POP3 server too (995, SRV _pop3s): the cause must not say
    // it is not one; what is wrong is the port, where IMAP answered.
    x.never_says("cause", text(f, "cause"), &["not a POP3 server"]);
    x.says("cause", text(f, "cause"), &["993", "IMAP"]);
    x.done();
}

/// SMTP typed on port 25 (where nothing listens in the lab): the recommended outgoing
/// setting is still submission (465), never port 25, and the typed endpoint is in `checks`.
#[test]
fn typed_smtp_port_25_never_becomes_the_recommended_setting() {
    let Some(lab) = lab() else { return };
    let typed = "smtp://mail.lab.example:25";
    let run = maildoctor(
        lab,
        &lab.resolver,
        5,
        None,
        &["--check", typed, "alice@lab.example"],
    );
    let doc = &run.doc;
    let mut x = Expect::new(format!("--check {typed}"), &run);
    x.eq("exit status", run.code, 1);
    x.at("/verdict", json!("partial"));
    x.eq("codes", codes(doc), vec!["check.port_25".to_owned()]);
    let f = finding(doc, "check.port_25");
    x.eq(
        "endpoints",
        endpoints(f),
        vec!["smtp mail.lab.example:25".to_owned()],
    );
    x.says("fix", text(f, "fix"), &["465"]);
    x.at("/settings/outgoing/0/port", json!(465));
    x.eq(
        "outgoing",
        settings(doc, "outgoing"),
        HEALTHY_OUTGOING.map(String::from).to_vec(),
    );
    x.eq("checks", doc["checks"].as_array().map_or(0, Vec::len), 1);
    x.at("/checks/0/endpoint/protocol", json!("smtp"));
    x.at("/checks/0/endpoint/port", json!(25));
    x.at("/checks/0/findings", json!(["check.port_25"]));
    x.done();
}

// ---------------------------------------------------------------------------------------
// The lab itself: the accounts the login scenarios use really work (and POP3 is really
// denied for nopop), checked with a plain TLS client, not maildoctor.

fn tls_config(lab: &Lab) -> Arc<rustls::ClientConfig> {
    let mut roots = rustls::RootCertStore::empty();
    let pem = std::fs::read(&lab.ca).unwrap();
    for cert in rustls_pemfile::certs(&mut pem.as_slice()) {
        roots.add(cert.unwrap()).unwrap();
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Arc::new(
        rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_root_certificates(roots)
            .with_no_client_auth(),
    )
}

/// Logs in over implicit TLS with one command and returns the server's answer line.
fn tls_login(lab: &Lab, host: &str, port: u16, commands: &[String]) -> String {
    let tcp = TcpStream::connect((resolve_lab(host), port)).unwrap();
    tcp.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let conn = rustls::ClientConnection::new(tls_config(lab), host.to_owned().try_into().unwrap())
        .unwrap();
    let mut tls = BufReader::new(rustls::StreamOwned::new(conn, tcp));
    let mut line = String::new();
    tls.read_line(&mut line).unwrap(); // greeting
    let mut last = String::new();
    for c in commands {
        tls.get_mut()
            .write_all(format!("{c}\r\n").as_bytes())
            .unwrap();
        last.clear();
        tls.read_line(&mut last).unwrap();
    }
    let _ = tls.get_mut().write_all(b"QUIT\r\n");
    last
}

/// The lab's fixed address plan (see `tests/realservers/lab`).
fn resolve_lab(host: &str) -> &'static str {
    match host {
        "mail.lab.example" => "127.77.0.10",
        other => panic!("no lab address for {other}"),
    }
}

#[test]
fn lab_accounts_log_in_and_pop3_is_denied_for_one_user() {
    let Some(lab) = lab() else { return };
    let pw = &lab.password;
    let imap = |user: &str, pass: &str| {
        tls_login(
            lab,
            "mail.lab.example",
            993,
            &[format!("a1 LOGIN {user} \"{pass}\"")],
        )
    };
    let pop = |user: &str, pass: &str| {
        tls_login(
            lab,
            "mail.lab.example",
            995,
            &[format!("USER {user}"), format!("PASS {pass}")],
        )
    };
    assert!(imap("alice@lab.example", pw).starts_with("a1 OK"));
    assert!(imap("alice@lab.example", "wrong").starts_with("a1 NO"));
    assert!(pop("alice@lab.example", pw).starts_with("+OK"));
    assert!(imap("nopop@lab.example", pw).starts_with("a1 OK"));
    assert!(pop("nopop@lab.example", pw).starts_with("-ERR"));
}

/// Issue 7: with a password against the lab's server that offers no encryption (plaintext
/// Dovecot/Postfix on 127.77.0.40, which would accept a cleartext login), the password and
/// its encodings never cross the wire. Proved with a tcpdump capture of the loopback
/// traffic to that address during the whole run, and for contrast the same capture shows
/// the login does go out (encrypted) to the healthy server.
#[test]
fn password_never_crosses_the_wire_in_cleartext() {
    use base64::Engine;
    let Some(lab) = lab() else { return };
    let dir = tempfile::tempdir().unwrap();
    let pcap = dir.path().join("plain.pcap");
    let mut tcpdump = Command::new("tcpdump")
        .args(["-i", "lo", "-U", "--immediate-mode", "-n", "-s", "0", "-w"])
        .arg(&pcap)
        .arg("host 127.77.0.40")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("tcpdump is installed for the real-server tier (.ci/run installs it)");
    // Wait until tcpdump is listening (it says so on stderr).
    let mut err = BufReader::new(tcpdump.stderr.take().unwrap());
    let mut line = String::new();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !line.contains("listening on") {
        line.clear();
        assert!(err.read_line(&mut line).unwrap() > 0, "tcpdump ended early");
        assert!(Instant::now() < deadline, "tcpdump did not start");
    }
    let mut cmd = crate::support::cli::maildoctor_cmd();
    cmd.args([
        "--json",
        "--resolver",
        &lab.resolver,
        "--ca-file",
        lab.ca.to_str().unwrap(),
    ])
    .args([
        "--timeout",
        "5",
        "--allow-untrusted-host",
        "--login",
        "carol@plain.example",
    ])
    .env("MAILDOCTOR_PASSWORD", &lab.password);
    let r = crate::support::cli::run_cmd(cmd);
    std::thread::sleep(Duration::from_millis(300)); // let -U flush the last packets
    let _ = Command::new("kill")
        .args(["-INT", &tcpdump.id().to_string()])
        .status();
    let _ = tcpdump.wait();
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    // The run did talk to the plaintext server (greetings, capabilities)...
    let captured = std::fs::read(&pcap).unwrap();
    assert!(
        captured.len() > 1000,
        "the capture saw the probes: {} bytes",
        captured.len()
    );
    assert!(
        captured.windows(4).any(|w| w == b"+OK " || w == b"* OK"),
        "plaintext greetings captured"
    );
    // ...and never sent the password in any form, even with --allow-untrusted-host.
    let pw = lab.password.as_bytes();
    let b64 = base64::engine::general_purpose::STANDARD;
    let plain_sasl = |user: &str| b64.encode(format!("\0{user}\0{}", lab.password));
    for form in [
        pw.to_vec(),
        b64.encode(pw).into_bytes(),
        plain_sasl("carol@plain.example").into_bytes(),
        plain_sasl("carol").into_bytes(),
    ] {
        assert!(
            !captured.windows(form.len()).any(|w| w == form.as_slice()),
            "a form of the password crossed the wire: {}",
            String::from_utf8_lossy(&form)
        );
    }
    assert_eq!(
        codes(&doc)
            .iter()
            .filter(|c| *c != "srv.not_offered")
            .collect::<Vec<_>>(),
        ["security.no_encryption"],
        "{:#}",
        doc["findings"]
    );
    assert!(!r.stdout.contains(&lab.password) && !r.stderr.contains(&lab.password));
}
