//! Thunderbird-autoconfig conformance: every vector of the peer corpus
//! (`../shared/conformance/autoconfig-peers`, or `$MAILDOCTOR_CONFORMANCE_DIR`) through
//! maildoctor's clientConfig parser (and the POX parser for Autodiscover vectors), the way
//! the autoconfig source reads a served document: parse, then every provider's incoming and
//! outgoing servers in document order, placeholders expanded for the vector's `address`.
//!
//! Checks that need the HTTP layer (status codes, redirects, request logs) are listed as
//! `http` and not evaluated here; `na` checks are recorded, not counted (see the corpus
//! README). Without the corpus the test prints a notice and passes, unless
//! `MAILDOCTOR_REQUIRE_ISPDB=1` or `MAILDOCTOR_REQUIRE_CONFORMANCE=1` (CI sets them).
//!
//! Deliberate differences from a peer are listed in [`DELIBERATE`] with the reason; any
//! other disagreement fails the test.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use maildoctor::address::EmailAddress;
use maildoctor::discover::autodiscover::{self, Pox};
use maildoctor::model::Endpoint;
use maildoctor::provider::Provider;
use maildoctor::provider::clientconfig;
use serde_json::Value;

/// Vectors where maildoctor knowingly disagrees with **every** peer that asserts something,
/// and why. (Other differences the corpus records are `na` checks, a feature maildoctor does
/// not have, reason in the vector, or PASS*: the peer rejects the whole document for one
/// broken entry, maildoctor drops only that entry, as Thunderbird does.)
const DELIBERATE: &[(&str, &str)] = &[(
    "em-01-1und1",
    "'<displayName>1&1</displayName>' is not well-formed XML (a bare '&'): enough_mail \
     is lenient, but Thunderbird's DOMParser rejects the document as we do, and a parser \
     that guesses at broken markup is an attack surface; em-01b, the same file with \
     '&amp;', passes",
)];

/// What discovery derived from one document.
struct Derived {
    /// `found`, `not_found` or `invalid`, as the autoconfig source reports it.
    status: &'static str,
    /// `(endpoint, user name)` in document order, incoming before outgoing per provider.
    found: Vec<(Endpoint, String)>,
}

fn derive(kind: &str, xml: &str, addr: &EmailAddress) -> Derived {
    let mut found = Vec::new();
    if kind == "pox" {
        return match autodiscover::parse(xml) {
            Ok(Pox::Settings(protocols)) => {
                for p in &protocols {
                    if let Some(e) = p.endpoint() {
                        let user = p.login_name.clone().unwrap_or_else(|| addr.ascii());
                        found.push((e, user));
                    }
                }
                let status = if found.is_empty() {
                    "not_found"
                } else {
                    "found"
                };
                Derived { status, found }
            }
            Ok(_) => Derived {
                status: "not_found",
                found,
            },
            Err(_) => Derived {
                status: "invalid",
                found,
            },
        };
    }
    if maildoctor::discover::autoconfig::looks_like_html(xml) {
        return Derived {
            status: "invalid",
            found,
        };
    }
    let Ok(config) = clientconfig::parse(xml) else {
        return Derived {
            status: "invalid",
            found,
        };
    };
    for p in config.providers {
        let p = Provider::from(p);
        for s in p.incoming.iter().chain(&p.outgoing) {
            found.push((s.endpoint_for(addr), s.username_for(addr)));
        }
    }
    let status = if found.is_empty() {
        "not_found"
    } else {
        "found"
    };
    Derived { status, found }
}

/// Whether a derived endpoint matches an expected/pattern object (absent keys match all).
fn matches(pattern: &Value, e: &Endpoint, user: &str) -> bool {
    let s = |k: &str| pattern.get(k).and_then(Value::as_str);
    s("protocol").is_none_or(|p| p == e.protocol.as_str())
        && s("host").is_none_or(|h| h.eq_ignore_ascii_case(&e.host))
        && pattern
            .get("port")
            .and_then(Value::as_u64)
            .is_none_or(|p| p == u64::from(e.port))
        && match pattern.get("security") {
            None => true,
            Some(Value::String(sec)) => sec == e.security.as_str(),
            Some(Value::Array(list)) => list.iter().any(|v| v == e.security.as_str()),
            Some(_) => false,
        }
        && s("username").is_none_or(|u| u == user)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Pass,
    Star,
    Fail,
    /// Evaluated or not, but not counted (`na`).
    Na,
    /// Needs the HTTP layer.
    Http,
}

/// Evaluates one check; `Err` carries the reason of a failure.
fn check(c: &Value, d: &Derived, scope: Option<&Vec<Value>>) -> Result<(), String> {
    let kind = c["check"].as_str().unwrap_or_default();
    match kind {
        "source" => {
            let allowed: Vec<&str> = c["status"]
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            if allowed.contains(&d.status) {
                Ok(())
            } else {
                Err(format!("status {} not in {allowed:?}", d.status))
            }
        }
        "endpoints" => {
            let expected = c["expected"].as_array().cloned().unwrap_or_default();
            let protocols: Option<Vec<&str>> = c["protocols"]
                .as_array()
                .or(scope)
                .map(|a| a.iter().filter_map(Value::as_str).collect());
            let got: Vec<&(Endpoint, String)> = d
                .found
                .iter()
                .filter(|(e, _)| {
                    protocols
                        .as_ref()
                        .is_none_or(|ps| ps.contains(&e.protocol.as_str()))
                })
                .collect();
            let exact = c["mode"].as_str() != Some("contains");
            let ordered = c["ordered"].as_bool().unwrap_or(true);
            let shown = || {
                got.iter()
                    .map(|(e, u)| format!("{e} ({u})"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            if exact && got.len() != expected.len() {
                return Err(format!(
                    "expected {} endpoints, got {}: {}",
                    expected.len(),
                    got.len(),
                    shown()
                ));
            }
            if exact && ordered {
                for (x, (e, u)) in expected.iter().zip(&got) {
                    if !matches(x, e, u) {
                        return Err(format!("expected {x} in order, got {}", shown()));
                    }
                }
            } else {
                for x in &expected {
                    if !got.iter().any(|(e, u)| matches(x, e, u)) {
                        return Err(format!("missing {x}; got {}", shown()));
                    }
                }
            }
            Ok(())
        }
        "absent" => {
            for p in c["patterns"].as_array().into_iter().flatten() {
                if let Some((e, _)) = d.found.iter().find(|(e, u)| matches(p, e, u)) {
                    return Err(format!("{e} matches the absent pattern {p}"));
                }
            }
            Ok(())
        }
        "username" => {
            let x = &c["endpoint"];
            let want = x["username"].as_str().unwrap_or_default();
            let mut bare = x.clone();
            if let Some(o) = bare.as_object_mut() {
                o.remove("username");
            }
            match d.found.iter().find(|(e, u)| matches(&bare, e, u)) {
                Some((_, u)) if u == want => Ok(()),
                Some((e, u)) => Err(format!("{e}: user name {u}, expected {want}")),
                None => Err(format!("no endpoint {bare}")),
            }
        }
        "preferred" => {
            let incoming = c["direction"].as_str() == Some("incoming");
            let first = d
                .found
                .iter()
                .find(|(e, _)| e.protocol.is_incoming() == incoming);
            match first {
                Some((e, u)) if matches(&c["expected"], e, u) => Ok(()),
                other => Err(format!("first {}: {other:?}", c["direction"])),
            }
        }
        other => Err(format!("unknown check {other}")),
    }
}

fn evaluate(c: &Value, d: &Derived, scope: Option<&Vec<Value>>) -> (Outcome, String) {
    let kind = c["check"].as_str().unwrap_or_default();
    let http_level = kind == "request"
        || kind == "na"
        || [
            "http_status",
            "redirects",
            "detail_contains",
            "target_prefix",
        ]
        .iter()
        .any(|k| c.get(*k).is_some());
    if kind == "na" || c.get("na").is_some() && http_level {
        return (Outcome::Na, c["na"].as_str().unwrap_or_default().to_owned());
    }
    if http_level {
        return (Outcome::Http, String::new());
    }
    let r = check(c, d, scope);
    match (r, c.get("na").is_some(), c.get("star").is_some()) {
        (_, true, _) => (Outcome::Na, String::new()),
        (Ok(()), _, true) => (Outcome::Star, String::new()),
        (Ok(()), _, false) => (Outcome::Pass, String::new()),
        (Err(e), _, _) => (Outcome::Fail, e),
    }
}

fn corpus_dir() -> PathBuf {
    std::env::var_os("MAILDOCTOR_CONFORMANCE_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/conformance/autoconfig-peers"),
        PathBuf::from,
    )
}

/// Runs one vector: its verdict and, for a failure, why.
fn run_vector(dir: &Path, v: &Value) -> (&'static str, String) {
    let xml_file = v["xml"].as_str().unwrap_or_default();
    let xml = std::fs::read_to_string(dir.join(xml_file))
        .unwrap_or_else(|e| panic!("{}: {e}", dir.join(xml_file).display()));
    let addr = EmailAddress::parse(v["address"].as_str().unwrap_or_default())
        .unwrap_or_else(|e| panic!("{}: address: {e:?}", v["id"]));
    let derived = derive(v["kind"].as_str().unwrap_or_default(), &xml, &addr);
    let checks: Vec<Value> = match v.get("checks").and_then(Value::as_array) {
        Some(c) => c.clone(),
        None => v["runs"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|r| r["checks"].as_array().cloned().unwrap_or_default())
            .collect(),
    };
    let scope = v.get("scope").and_then(Value::as_array);
    let outcomes: Vec<(Outcome, String)> = checks
        .iter()
        .map(|c| evaluate(c, &derived, scope))
        .collect();
    if let Some((_, why)) = outcomes.iter().find(|(o, _)| *o == Outcome::Fail) {
        return ("FAIL", why.clone());
    }
    let counted: Vec<Outcome> = outcomes
        .iter()
        .map(|(o, _)| *o)
        .filter(|o| matches!(o, Outcome::Pass | Outcome::Star))
        .collect();
    if counted.is_empty() {
        return if outcomes.iter().any(|(o, _)| *o == Outcome::Na) {
            ("N/A", String::new())
        } else {
            ("HTTP", String::new())
        };
    }
    if counted.contains(&Outcome::Star) {
        ("PASS*", String::new())
    } else {
        ("PASS", String::new())
    }
}

#[test]
fn autoconfig_peer_vectors() {
    let dir = corpus_dir();
    let required = ["MAILDOCTOR_REQUIRE_ISPDB", "MAILDOCTOR_REQUIRE_CONFORMANCE"]
        .iter()
        .any(|k| std::env::var(k).is_ok_and(|v| v == "1"));
    if !dir.is_dir() {
        assert!(
            !required,
            "the conformance corpus is required but not at {} (set MAILDOCTOR_CONFORMANCE_DIR)",
            dir.display()
        );
        eprintln!(
            "NOTICE: autoconfig peer vectors not found at {}: conformance test SKIPPED \
             (set MAILDOCTOR_CONFORMANCE_DIR; MAILDOCTOR_REQUIRE_CONFORMANCE=1 makes this a failure)",
            dir.display()
        );
        return;
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 80,
        "only {} vectors in {}",
        files.len(),
        dir.display()
    );

    let mut table = String::new();
    let mut failures = Vec::new();
    let mut counts = std::collections::BTreeMap::<&str, usize>::new();
    for f in &files {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(f).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let id = v["id"].as_str().unwrap_or_default().to_owned();
        let (verdict, why) = run_vector(&dir, &v);
        let diagnostic = v["diagnostic"].as_bool().unwrap_or(false);
        if !diagnostic {
            *counts.entry(verdict).or_default() += 1;
        }
        let deliberate = DELIBERATE.iter().find(|(d, _)| *d == id);
        let _ = writeln!(
            table,
            "{verdict:6} {id}{}{}",
            if diagnostic { " (diagnostic)" } else { "" },
            match (deliberate, why.is_empty()) {
                (Some((_, reason)), _) => format!(": deliberate: {reason}"),
                (None, false) => format!(": {why}"),
                (None, true) => String::new(),
            }
        );
        if verdict == "FAIL" && deliberate.is_none() {
            failures.push(format!("{id}: {why}"));
        }
    }
    eprintln!("{table}{counts:?} from {}", dir.display());
    assert!(
        failures.is_empty(),
        "maildoctor disagrees with peers:\n{}",
        failures.join("\n")
    );
    for (id, _) in DELIBERATE {
        assert!(
            table.contains(&format!("FAIL   {id}")),
            "{id} is listed as a deliberate difference but no longer fails"
        );
    }
}
