//! End-to-end probe engine (issue 5): login classification with the exact server texts,
//! the password never crossing the wire in cleartext nor reaching a host with a failed
//! certificate or outside the address's domain, `--try-usernames`, masked transcripts,
//! incomplete certificate chains. The real binary against in-process DNS and scripted
//! IMAP/POP3/SMTP peers on 127.0.0.1.

use std::net::SocketAddr;
use std::process::Stdio;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use rcgen::{BasicConstraints, CertificateParams, CustomExtension, DnType, IsCa, Issuer, KeyPair};
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use serde_json::Value;

use crate::support::cli::{connect_to, maildoctor_cmd, run_cmd};
use crate::support::dns::TestDns;
use crate::support::mail::{MailServer, MailSpec, Mode, Protocol};
use crate::support::pki::{Leaf, TestPki};

const PASSWORD: &str = "Tr0ub4dor&3-secret";
const USER: &str = "alice@example.com";

/// Every form the password could take on the wire.
fn password_forms(user: &str) -> Vec<Vec<u8>> {
    let plain = |u: &str| {
        let mut v = vec![0u8];
        v.extend_from_slice(u.as_bytes());
        v.push(0);
        v.extend_from_slice(PASSWORD.as_bytes());
        B64.encode(v).into_bytes()
    };
    vec![
        PASSWORD.as_bytes().to_vec(),
        B64.encode(PASSWORD).into_bytes(),
        plain(user),
        plain("alice"),
    ]
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn assert_no_password(bytes: &[u8], what: &str) {
    for form in password_forms(USER) {
        assert!(
            !contains(bytes, &form),
            "{what}: the password (form {}) crossed the wire",
            String::from_utf8_lossy(&form)
        );
    }
}

/// SRV for IMAP 993, POP3 995 and submission 465 under example.com (or `host_domain`).
fn dns(host_domain: &str) -> TestDns {
    TestDns::builder()
        .zone("example.com")
        .zone(host_domain)
        .mx("example.com", 10, "mx.example.com")
        .a(&format!("imap.{host_domain}"), "127.0.0.1")
        .a(&format!("pop.{host_domain}"), "127.0.0.1")
        .a(&format!("smtp.{host_domain}"), "127.0.0.1")
        .srv(
            "_imaps._tcp.example.com",
            0,
            1,
            993,
            &format!("imap.{host_domain}"),
        )
        .srv(
            "_pop3s._tcp.example.com",
            0,
            1,
            995,
            &format!("pop.{host_domain}"),
        )
        .srv(
            "_submissions._tcp.example.com",
            0,
            1,
            465,
            &format!("smtp.{host_domain}"),
        )
        .srv_not_offered("_imap._tcp.example.com")
        .srv_not_offered("_pop3._tcp.example.com")
        .srv_not_offered("_submission._tcp.example.com")
        .start()
}

struct Trio {
    imap: MailServer,
    pop3: MailServer,
    smtp: MailServer,
}

fn trio(pki: &TestPki, domain: &str, user: &str, fails: [&str; 3]) -> Trio {
    let start = |p: Protocol, host: &str, fail: &str| {
        MailServer::start(
            MailSpec::new(p, Mode::ImplicitTls)
                .cert(pki.valid(&[&format!("{host}.{domain}")]))
                .auth(user, PASSWORD, fail),
        )
    };
    Trio {
        imap: start(Protocol::Imap, "imap", fails[0]),
        pop3: start(Protocol::Pop3, "pop", fails[1]),
        smtp: start(Protocol::Smtp, "smtp", fails[2]),
    }
}

/// `maildoctor --json` against the trio (our resolver, CA and host mappings), for `USER`.
fn trio_cmd(
    dns: &TestDns,
    pki: &TestPki,
    domain: &str,
    t: &Trio,
    extra: &[&str],
) -> std::process::Command {
    let maps: [(String, u16, SocketAddr); 3] = [
        (format!("imap.{domain}"), 993, t.imap.addr),
        (format!("pop.{domain}"), 995, t.pop3.addr),
        (format!("smtp.{domain}"), 465, t.smtp.addr),
    ];
    let mut cmd = maildoctor_cmd();
    cmd.args([
        "--json",
        "--resolver",
        &dns.resolver_arg(),
        "--ca-file",
        pki.ca_pem_path().to_str().unwrap(),
        "--timeout",
        "3",
    ]);
    for (h, p, a) in &maps {
        cmd.args(["--connect-to", &connect_to(h, *p, *a)]);
    }
    cmd.args(extra).arg(USER);
    cmd
}

fn run_login(
    dns: &TestDns,
    pki: &TestPki,
    domain: &str,
    t: &Trio,
    password: &str,
    extra: &[&str],
) -> (i32, Value) {
    let mut cmd = trio_cmd(dns, pki, domain, t, extra);
    cmd.arg("--login");
    cmd.env("MAILDOCTOR_PASSWORD", password);
    let r = run_cmd(cmd);
    assert!(
        !r.stdout.contains(password) && !r.stderr.contains(password),
        "the password was printed"
    );
    let doc: Value = serde_json::from_str(&r.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", r.stdout, r.stderr));
    crate::support::schema::assert_document(&doc);
    (r.code, doc)
}

fn login_of<'a>(doc: &'a Value, protocol: &str) -> &'a Value {
    doc["probes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["endpoint"]["protocol"] == protocol && !p["login"].is_null())
        .map(|p| &p["login"])
        .unwrap_or_else(|| panic!("no {protocol} login in {:#}", doc["probes"]))
}

fn finding_for<'a>(doc: &'a Value, protocol: &str) -> Option<&'a Value> {
    doc["findings"].as_array().unwrap().iter().find(|f| {
        f["code"].as_str().unwrap().starts_with("auth.")
            && f["endpoints"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["protocol"] == protocol)
    })
}

/// Each exact server text from the issue gives its own code, and the server's text is
/// relayed verbatim; one login per protocol.
#[test]
fn login_refusals_are_classified_by_the_servers_own_words() {
    let pki = TestPki::new();
    let dns = dns("example.com");
    let cases: &[[(&str, &str); 3]] = &[
        [
            (
                "NO [AUTHENTICATIONFAILED] Authentication failed.",
                "auth.failed",
            ),
            ("-ERR [AUTH] Authentication failed.", "auth.failed"),
            ("535 5.7.8 Error: authentication failed", "auth.failed"),
        ],
        [
            (
                "NO [ALERT] Please log in via your web browser: https://support.google.com/mail/accounts/answer/78754 (Failure)",
                "auth.web_login_required",
            ),
            (
                "-ERR [SYS/PERM] POP3 access is disabled for this account.",
                "auth.protocol_disabled",
            ),
            (
                "535 Error: 请使用授权码登录。详情请看: http://service.mail.qq.com/detail/0/53",
                "auth.app_password_required",
            ),
        ],
        [
            (
                "NO [ALERT] Application-specific password required: https://support.google.com/accounts/answer/185833 (Failure)",
                "auth.app_password_required",
            ),
            (
                "-ERR POP3/SMTP service not enabled",
                "auth.protocol_disabled",
            ),
            (
                "535 5.7.139 Authentication unsuccessful, basic authentication is disabled.",
                "auth.oauth_required",
            ),
        ],
        [
            ("NO account locked", "auth.account_blocked"),
            ("-ERR web login required", "auth.web_login_required"),
            (
                "535 5.7.8 Username and Password not accepted. Application-specific password required.",
                "auth.app_password_required",
            ),
        ],
        [
            ("NO LOGIN failed.", "auth.rejected"),
            ("-ERR 请使用授权码登录", "auth.app_password_required"),
            ("550 User has no permission", "auth.protocol_disabled"),
        ],
    ];
    for case in cases {
        let t = trio(&pki, "example.com", USER, [case[0].0, case[1].0, case[2].0]);
        let (code, doc) = run_login(&dns, &pki, "example.com", &t, "wrong-password", &[]);
        assert_eq!(code, 1, "{doc:#}");
        assert_eq!(doc["verdict"], "broken", "{doc:#}");
        // One finding per cause: the same refusal on several protocols is one finding
        // naming each of them.
        let codes: Vec<&str> = doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap())
            .collect();
        let mut unique = codes.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(codes.len(), unique.len(), "{codes:?}");
        for (i, protocol) in ["imap", "pop3", "smtp"].iter().enumerate() {
            let (text, want) = case[i];
            let f = finding_for(&doc, protocol)
                .unwrap_or_else(|| panic!("no auth finding for {protocol}: {doc:#}"));
            assert_eq!(f["code"], want, "{protocol}: {text}\n{f:#}");
            assert_eq!(f["severity"], "error");
            let cause = f["cause"].as_str().unwrap();
            assert!(cause.contains(text.trim_start_matches("NO ")), "{cause}");
            // Wrong password is claimed only when the server said so.
            if want != "auth.failed" {
                assert!(!cause.contains("refused the user name"), "{cause}");
            }
            let login = login_of(&doc, protocol);
            assert_eq!(login["ok"], false);
            assert_eq!(login["attempts"], 1);
        }
        assert_eq!(t.imap.login_attempts(), 1, "one attempt, never retried");
        assert_eq!(t.pop3.login_attempts(), 1);
        assert_eq!(t.smtp.login_attempts(), 1);
    }
}

#[test]
fn correct_password_logs_in_once_per_protocol_and_never_in_cleartext() {
    let pki = TestPki::new();
    let dns = dns("example.com");
    let t = trio(
        &pki,
        "example.com",
        USER,
        [
            "NO [AUTHENTICATIONFAILED] x",
            "-ERR [AUTH] x",
            "535 5.7.8 x",
        ],
    );
    let (code, doc) = run_login(&dns, &pki, "example.com", &t, PASSWORD, &["--verbose"]);
    assert_eq!(code, 0, "{doc:#}");
    for p in ["imap", "pop3", "smtp"] {
        let l = login_of(&doc, p);
        assert_eq!(l["ok"], true, "{p}: {l:#}");
        assert_eq!(l["username"], USER);
    }
    assert_eq!(login_of(&doc, "imap")["mechanism"], "AUTHENTICATE PLAIN");
    assert_eq!(login_of(&doc, "pop3")["mechanism"], "AUTH PLAIN");
    assert_eq!(login_of(&doc, "smtp")["mechanism"], "AUTH PLAIN");
    for s in doc["settings"]["incoming"].as_array().unwrap() {
        assert_eq!(s["login_ok"], true);
    }
    // The transcript (verbose) shows the dialogue with the credentials masked.
    let text = doc.to_string();
    assert!(text.contains("\"C: ********\""), "{text}");
    assert!(text.contains("C: AUTH PLAIN ********"), "{text}");
    assert_no_password(text.as_bytes(), "JSON output");
    for (name, s) in [("imap", &t.imap), ("pop3", &t.pop3), ("smtp", &t.smtp)] {
        assert_eq!(s.login_attempts(), 1, "{name}");
        assert_no_password(&s.raw_received(), name);
    }
}

/// STARTTLS-only submission: the password goes only after the upgrade (the raw bytes hold
/// no form of it); a server with an expired certificate and a plaintext-only server never
/// see a login at all.
#[test]
fn no_password_before_tls_or_to_a_failed_certificate() {
    let pki = TestPki::new();
    let imap = MailServer::start(
        MailSpec::new(Protocol::Imap, Mode::ImplicitTls)
            .cert(pki.expired(&["imap.example.com"]))
            .auth(USER, PASSWORD, "NO [AUTHENTICATIONFAILED] x"),
    );
    let pop3 = MailServer::start(
        MailSpec::new(Protocol::Pop3, Mode::Starttls { advertise: false })
            .cert(pki.valid(&["pop.example.com"]))
            .auth(USER, PASSWORD, "-ERR [AUTH] x"),
    );
    let smtp = MailServer::start(
        MailSpec::new(Protocol::Smtp, Mode::Starttls { advertise: true })
            .cert(pki.valid(&["smtp.example.com"]))
            .auth(USER, PASSWORD, "535 5.7.8 x"),
    );
    let dns = TestDns::builder()
        .zone("example.com")
        .mx("example.com", 10, "mx.example.com")
        .a("imap.example.com", "127.0.0.1")
        .a("pop.example.com", "127.0.0.1")
        .a("smtp.example.com", "127.0.0.1")
        .srv("_imaps._tcp.example.com", 0, 1, 993, "imap.example.com")
        .srv("_pop3._tcp.example.com", 0, 1, 110, "pop.example.com")
        .srv(
            "_submission._tcp.example.com",
            0,
            1,
            587,
            "smtp.example.com",
        )
        .srv_not_offered("_imap._tcp.example.com")
        .srv_not_offered("_pop3s._tcp.example.com")
        .srv_not_offered("_submissions._tcp.example.com")
        .start();
    let mut cmd = maildoctor_cmd();
    cmd.args([
        "--json",
        "--password-stdin",
        "--resolver",
        &dns.resolver_arg(),
        "--ca-file",
        pki.ca_pem_path().to_str().unwrap(),
        "--timeout",
        "3",
        "--connect-to",
        &connect_to("imap.example.com", 993, imap.addr),
        "--connect-to",
        &connect_to("pop.example.com", 110, pop3.addr),
        "--connect-to",
        &connect_to("smtp.example.com", 587, smtp.addr),
        USER,
    ]);
    let dir = tempfile::tempdir().unwrap();
    let pw_file = dir.path().join("pw");
    std::fs::write(&pw_file, format!("{PASSWORD}\n")).unwrap();
    cmd.stdin(Stdio::from(std::fs::File::open(&pw_file).unwrap()));
    let r = run_cmd(cmd);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_no_password(r.stdout.as_bytes(), "stdout");
    assert_eq!(
        imap.login_attempts(),
        0,
        "login to a host whose certificate failed"
    );
    assert_eq!(pop3.login_attempts(), 0, "login without STARTTLS");
    assert_no_password(&imap.raw_received(), "imap");
    assert_no_password(&pop3.raw_received(), "pop3");
    // Submission upgraded with STARTTLS: logged in, after the handshake only.
    assert_eq!(smtp.login_attempts(), 1);
    assert_eq!(login_of(&doc, "smtp")["ok"], true);
    let raw = smtp.raw_received();
    assert!(contains(&raw, b"STARTTLS\r\n"));
    assert_no_password(&raw, "smtp (STARTTLS)");
    let codes: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"tls.expired"), "{codes:?}");
    assert!(codes.contains(&"starttls.not_offered"), "{codes:?}");
}

/// SRV pointing outside the address's domain: no login without --allow-untrusted-host.
#[test]
fn no_password_to_a_host_outside_the_domain_without_the_flag() {
    let pki = TestPki::new();
    let dns = dns("hoster.net");
    let t = trio(
        &pki,
        "hoster.net",
        USER,
        [
            "NO [AUTHENTICATIONFAILED] x",
            "-ERR [AUTH] x",
            "535 5.7.8 x",
        ],
    );
    let (_, doc) = run_login(&dns, &pki, "hoster.net", &t, PASSWORD, &[]);
    assert_eq!(
        t.imap.login_attempts() + t.pop3.login_attempts() + t.smtp.login_attempts(),
        0
    );
    let skipped = doc["probes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["steps"].as_array().unwrap())
        .filter(|s| s["step"] == "login" && s["status"] == "skipped")
        .count();
    assert_eq!(skipped, 3, "{:#}", doc["probes"]);
    assert!(doc.to_string().contains("--allow-untrusted-host"));
    // Withheld is said, never silently "OK": the account was not tested.
    assert_eq!(doc["verdict"], "reachable", "{doc:#}");
    assert_ne!(doc["status"], "ok");
    let withheld: Vec<&Value> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "auth.login_withheld")
        .collect();
    assert_eq!(withheld.len(), 1, "{:#}", doc["findings"]);
    assert_eq!(withheld[0]["params"]["flag"], "--allow-untrusted-host");
    assert_eq!(withheld[0]["endpoints"].as_array().unwrap().len(), 3);
    assert_eq!(doc["settings"]["incoming"][0]["login"], "withheld");
    let (code, doc) = run_login(
        &dns,
        &pki,
        "hoster.net",
        &t,
        PASSWORD,
        &["--allow-untrusted-host"],
    );
    assert_eq!(code, 0, "{doc:#}");
    assert_eq!(t.imap.login_attempts(), 1);
    assert_eq!(login_of(&doc, "pop3")["ok"], true);
    assert_eq!(doc["verdict"], "works", "{doc:#}");
}

/// POP3 refuses the password that IMAP and SMTP accept: POP3 is off for the account, not a
/// wrong password. The verdict is partial (use IMAP, it just worked), not broken, and the
/// run exits 0; without a password the same servers are only "reachable".
#[test]
fn pop3_off_while_imap_and_smtp_log_in_is_partial_and_recommends_imap() {
    let pki = TestPki::new();
    let dns = dns("example.com");
    let start = |p: Protocol, host: &str, password: &str, fail: &str| {
        MailServer::start(
            MailSpec::new(p, Mode::ImplicitTls)
                .cert(pki.valid(&[&format!("{host}.example.com")]))
                .auth(USER, password, fail),
        )
    };
    let t = Trio {
        imap: start(
            Protocol::Imap,
            "imap",
            PASSWORD,
            "NO [AUTHENTICATIONFAILED] x",
        ),
        pop3: start(
            Protocol::Pop3,
            "pop",
            "not-this-one",
            "-ERR [AUTH] Authentication failed.",
        ),
        smtp: start(Protocol::Smtp, "smtp", PASSWORD, "535 5.7.8 x"),
    };
    let (code, doc) = run_login(&dns, &pki, "example.com", &t, PASSWORD, &[]);
    assert_eq!(code, 0, "{doc:#}");
    assert_eq!(doc["verdict"], "partial", "{doc:#}");
    assert_eq!(doc["status"], "warning");
    // Beside the domain's SRV "not offered" note (info), exactly one finding.
    let findings: Vec<&Value> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] != "srv.not_offered")
        .collect();
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let f = findings[0];
    assert_eq!(f["code"], "auth.protocol_disabled");
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["endpoint"]["protocol"], "pop3");
    assert_eq!(f["params"]["suggested_protocol"], "imap");
    assert!(f["fix"].as_str().unwrap().starts_with("Use IMAP"), "{f:#}");
    assert!(
        f["cause"]
            .as_str()
            .unwrap()
            .contains("Authentication failed."),
        "the server's words are quoted: {f:#}"
    );
    let inc = &doc["settings"]["incoming"][0];
    assert_eq!(
        (&inc["protocol"], &inc["login"]),
        (&"imap".into(), &"ok".into())
    );
    assert_eq!(doc["settings"]["outgoing"][0]["login"], "ok");

    // The same servers without a password: reachable, nothing claimed about the account.
    let mut cmd = trio_cmd(&dns, &pki, "example.com", &t, &[]);
    cmd.env_remove("MAILDOCTOR_PASSWORD");
    let r = run_cmd(cmd);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    crate::support::schema::assert_document(&doc);
    assert_eq!(r.code, 0);
    assert_eq!(doc["verdict"], "reachable", "{doc:#}");
    assert_eq!(doc["settings"]["incoming"][0]["login"], "not_tested");
}

#[test]
fn try_usernames_retries_once_with_the_local_part() {
    let pki = TestPki::new();
    let dns = dns("example.com");
    let fails = [
        "NO [AUTHENTICATIONFAILED] Authentication failed.",
        "-ERR [AUTH] Authentication failed.",
        "535 5.7.8 Authentication failed",
    ];
    let t = trio(&pki, "example.com", "alice", fails);
    let (code, doc) = run_login(&dns, &pki, "example.com", &t, PASSWORD, &[]);
    assert_eq!(code, 1);
    assert_eq!(finding_for(&doc, "imap").unwrap()["code"], "auth.failed");
    assert_eq!(t.imap.login_attempts(), 1);

    let t = trio(&pki, "example.com", "alice", fails);
    let (code, doc) = run_login(
        &dns,
        &pki,
        "example.com",
        &t,
        PASSWORD,
        &["--try-usernames"],
    );
    assert_eq!(code, 0, "{doc:#}");
    for p in ["imap", "pop3", "smtp"] {
        let f = finding_for(&doc, p).unwrap();
        assert_eq!(f["code"], "auth.username_format", "{f:#}");
        assert_eq!(f["severity"], "warning");
        let l = login_of(&doc, p);
        assert_eq!(
            (
                l["ok"].clone(),
                l["attempts"].clone(),
                l["username"].clone()
            ),
            (Value::Bool(true), 2.into(), "alice".into())
        );
    }
    assert_eq!(t.imap.login_attempts(), 2);
    assert_eq!(t.smtp.login_attempts(), 2);
}

/// A leaf from a public-style CA (it names its issuer's download URL, AIA caIssuers) sent
/// without its intermediate is `tls.chain_incomplete`; with the intermediate it verifies.
#[test]
fn leaf_without_intermediate_is_chain_incomplete() {
    let root_key = KeyPair::generate().unwrap();
    let mut root_p = CertificateParams::new(Vec::<String>::new()).unwrap();
    root_p
        .distinguished_name
        .push(DnType::CommonName, "e2e probe root");
    root_p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let root = root_p.self_signed(&root_key).unwrap();
    let root_issuer = Issuer::new(root_p, root_key);
    let int_key = KeyPair::generate().unwrap();
    let mut int_p = CertificateParams::new(Vec::<String>::new()).unwrap();
    int_p
        .distinguished_name
        .push(DnType::CommonName, "e2e probe intermediate R1");
    int_p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let int = int_p.signed_by(&int_key, &root_issuer).unwrap();
    let int_issuer = Issuer::new(int_p, int_key);
    let leaf = |include: bool| {
        let key = KeyPair::generate().unwrap();
        let mut p = CertificateParams::new(vec!["imap.example.com".to_owned()]).unwrap();
        // AuthorityInfoAccess: caIssuers URI http://ca.test/r1.der (RFC 5280 §4.2.2.1).
        let uri = b"http://ca.test/r1.der";
        let mut ad = vec![
            0x06,
            0x08,
            0x2b,
            0x06,
            0x01,
            0x05,
            0x05,
            0x07,
            0x30,
            0x02,
            0x86,
            uri.len() as u8,
        ];
        ad.extend_from_slice(uri);
        let mut seq = vec![0x30, ad.len() as u8];
        seq.extend(ad);
        let mut aia = vec![0x30, seq.len() as u8];
        aia.extend(seq);
        p.custom_extensions.push(CustomExtension::from_oid_content(
            &[1, 3, 6, 1, 5, 5, 7, 1, 1],
            aia,
        ));
        let cert = p.signed_by(&key, &int_issuer).unwrap();
        let mut chain = vec![cert.der().clone()];
        if include {
            chain.push(int.der().clone());
        }
        Leaf {
            chain,
            key: PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
            names: vec!["imap.example.com".to_owned()],
        }
    };
    let dir = tempfile::tempdir().unwrap();
    let ca = dir.path().join("root.pem");
    std::fs::write(&ca, root.pem()).unwrap();
    let dns = TestDns::builder()
        .zone("example.com")
        .mx("example.com", 10, "mx.example.com")
        .a("imap.example.com", "127.0.0.1")
        .srv("_imaps._tcp.example.com", 0, 1, 993, "imap.example.com")
        .start();
    for include in [false, true] {
        let s =
            MailServer::start(MailSpec::new(Protocol::Imap, Mode::ImplicitTls).cert(leaf(include)));
        let mut cmd = maildoctor_cmd();
        cmd.args([
            "--json",
            "--resolver",
            &dns.resolver_arg(),
            "--ca-file",
            ca.to_str().unwrap(),
            "--timeout",
            "2",
            "--check",
            "imaps://imap.example.com",
            "--connect-to",
            &connect_to("imap.example.com", 993, s.addr),
            USER,
        ]);
        let r = run_cmd(cmd);
        let doc: Value = serde_json::from_str(&r.stdout).unwrap();
        let codes: Vec<String> = doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_owned())
            .collect();
        if include {
            assert!(!codes.iter().any(|c| c.starts_with("tls.")), "{codes:?}");
        } else {
            assert!(
                codes.contains(&"tls.chain_incomplete".to_owned()),
                "{codes:?}"
            );
            let f = doc["findings"]
                .as_array()
                .unwrap()
                .iter()
                .find(|f| f["code"] == "tls.chain_incomplete")
                .unwrap();
            assert!(
                f["cause"].as_str().unwrap().contains("intermediate R1"),
                "{f:#}"
            );
            assert!(f["fix"].as_str().unwrap().contains("server-side"), "{f:#}");
        }
    }
}

/// A certificate that expires in a few days works today: a warning, not an error.
#[test]
fn certificate_expiring_soon_is_a_warning() {
    let pki = TestPki::new();
    let dns = dns("example.com");
    let t = Trio {
        imap: MailServer::start(
            MailSpec::new(Protocol::Imap, Mode::ImplicitTls)
                .cert(pki.expiring_in_days(&["imap.example.com"], 5)),
        ),
        pop3: MailServer::start(
            MailSpec::new(Protocol::Pop3, Mode::ImplicitTls).cert(pki.valid(&["pop.example.com"])),
        ),
        smtp: MailServer::start(
            MailSpec::new(Protocol::Smtp, Mode::ImplicitTls).cert(pki.valid(&["smtp.example.com"])),
        ),
    };
    let mut cmd = maildoctor_cmd();
    cmd.args([
        "--json",
        "--resolver",
        &dns.resolver_arg(),
        "--ca-file",
        pki.ca_pem_path().to_str().unwrap(),
    ]);
    for (h, p, a) in [
        ("imap.example.com", 993, t.imap.addr),
        ("pop.example.com", 995, t.pop3.addr),
        ("smtp.example.com", 465, t.smtp.addr),
    ] {
        cmd.args(["--connect-to", &connect_to(h, p, a)]);
    }
    cmd.arg(USER);
    let r = run_cmd(cmd);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    crate::support::schema::assert_document(&doc);
    assert_eq!(r.code, 0, "{doc:#}");
    assert_eq!(doc["status"], "warning");
    let f = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "tls.expires_soon")
        .expect("tls.expires_soon");
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["endpoint"]["host"], "imap.example.com");
    let cause = f["cause"].as_str().unwrap();
    assert!(
        cause.contains('4') || cause.contains('5'),
        "days left in the cause: {cause}"
    );
    assert_eq!(doc["settings"]["incoming"][0]["verified"], true);
}

/// A server reachable only without encryption is reported, and never gets the password.
#[test]
fn plaintext_only_server_is_no_encryption_and_gets_no_password() {
    let pki = TestPki::new();
    let imap =
        MailServer::start(MailSpec::new(Protocol::Imap, Mode::Plain).auth("alice", PASSWORD, ""));
    let smtp = MailServer::start(
        MailSpec::new(Protocol::Smtp, Mode::ImplicitTls).cert(pki.valid(&["mail.corp.example"])),
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("corp.example.xml"),
        r#"<clientConfig version="1.1"><emailProvider id="corp.example"><domain>corp.example</domain>
<incomingServer type="imap"><hostname>mail.corp.example</hostname><port>143</port><socketType>plain</socketType><username>%EMAILADDRESS%</username></incomingServer>
<outgoingServer type="smtp"><hostname>mail.corp.example</hostname><port>465</port><socketType>SSL</socketType><username>%EMAILADDRESS%</username></outgoingServer>
</emailProvider></clientConfig>"#,
    )
    .unwrap();
    let dns = TestDns::builder()
        .zone("corp.example")
        .a("mail.corp.example", "127.0.0.1")
        .start();
    let mut cmd = maildoctor_cmd();
    cmd.args([
        "--json",
        "--resolver",
        &dns.resolver_arg(),
        "--ca-file",
        pki.ca_pem_path().to_str().unwrap(),
        "--providers",
        dir.path().to_str().unwrap(),
        "--connect-to",
        &connect_to("mail.corp.example", 143, imap.addr),
        "--connect-to",
        &connect_to("mail.corp.example", 465, smtp.addr),
        "--verbose",
        "--login",
        "alice@corp.example",
    ]);
    cmd.env("MAILDOCTOR_PASSWORD", PASSWORD);
    let r = run_cmd(cmd);
    assert!(!r.stdout.contains(PASSWORD) && !r.stderr.contains(PASSWORD));
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    crate::support::schema::assert_document(&doc);
    assert_eq!(r.code, 1, "{doc:#}");
    let f = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "security.no_encryption")
        .expect("security.no_encryption");
    assert_eq!(f["severity"], "error", "no encrypted alternative for IMAP");
    assert_eq!(f["endpoint"]["port"], 143);
    assert_eq!(imap.login_attempts(), 0);
    assert_no_password(&imap.raw_received(), "plaintext IMAP server");
}

/// A server that accepts the connection and never says a word.
#[test]
fn silent_server_is_no_greeting() {
    let pki = TestPki::new();
    let silent = crate::support::net::silent();
    let dns = TestDns::builder()
        .zone("example.com")
        .a("imap.example.com", "127.0.0.1")
        .start();
    let mut cmd = maildoctor_cmd();
    cmd.args([
        "--json",
        "--resolver",
        &dns.resolver_arg(),
        "--ca-file",
        pki.ca_pem_path().to_str().unwrap(),
        "--timeout",
        "1",
        "--check",
        "imap://imap.example.com",
        "--connect-to",
        &connect_to("imap.example.com", 143, silent.addr),
        USER,
    ]);
    let r = run_cmd(cmd);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    crate::support::schema::assert_document(&doc);
    let f = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "net.no_greeting")
        .expect("net.no_greeting");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["endpoint"]["port"], 143);
}

/// The human-readable output never shows the password either, even with --verbose.
#[test]
fn table_output_with_verbose_transcripts_never_shows_the_password() {
    let pki = TestPki::new();
    let dns = dns("example.com");
    let t = trio(&pki, "example.com", USER, ["", "", ""]);
    let mut cmd = maildoctor_cmd();
    cmd.args([
        "--verbose",
        "--resolver",
        &dns.resolver_arg(),
        "--ca-file",
        pki.ca_pem_path().to_str().unwrap(),
    ]);
    for (h, p, a) in [
        ("imap.example.com", 993, t.imap.addr),
        ("pop.example.com", 995, t.pop3.addr),
        ("smtp.example.com", 465, t.smtp.addr),
    ] {
        cmd.args(["--connect-to", &connect_to(h, p, a)]);
    }
    cmd.args(["--login", USER])
        .env("MAILDOCTOR_PASSWORD", PASSWORD);
    let r = run_cmd(cmd);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    for form in password_forms(USER) {
        assert!(
            !contains(r.stdout.as_bytes(), &form),
            "password form in the table output"
        );
    }
    assert!(
        r.stdout.contains("AUTHENTICATE") || r.stdout.contains("AUTH"),
        "transcripts shown: {}",
        r.stdout
    );
}

/// One name, two addresses (A 127.0.0.1, AAAA ::1): each is probed on its own and a
/// failure on one of them is reported, naming it, while the other keeps the setting usable.
#[test]
fn every_address_is_probed_and_a_failing_ipv6_address_is_named() {
    let pki = TestPki::new();
    let v4 = MailServer::start(
        MailSpec::new(Protocol::Imap, Mode::ImplicitTls).cert(pki.valid(&["imap.example.com"])),
    );
    let v6 = MailServer::start(
        MailSpec::new(Protocol::Imap, Mode::ImplicitTls)
            .cert(pki.expired(&["imap.example.com"]))
            .ip("::1".parse().unwrap())
            .port(v4.addr.port()),
    );
    let dns = TestDns::builder()
        .zone("example.com")
        .a("imap.example.com", "127.0.0.1")
        .aaaa("imap.example.com", "::1")
        .srv(
            "_imaps._tcp.example.com",
            0,
            1,
            v4.addr.port(),
            "imap.example.com",
        )
        .srv_not_offered("_imap._tcp.example.com")
        .srv_not_offered("_pop3s._tcp.example.com")
        .srv_not_offered("_pop3._tcp.example.com")
        .srv_not_offered("_submissions._tcp.example.com")
        .srv_not_offered("_submission._tcp.example.com")
        .start();
    let mut cmd = maildoctor_cmd();
    cmd.args([
        "--json",
        "--resolver",
        &dns.resolver_arg(),
        "--ca-file",
        pki.ca_pem_path().to_str().unwrap(),
        USER,
    ]);
    let r = run_cmd(cmd);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    crate::support::schema::assert_document(&doc);
    let probes: Vec<&Value> = doc["probes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["endpoint"]["protocol"] == "imap")
        .collect();
    assert_eq!(probes.len(), 2, "one probe per address: {probes:#?}");
    assert!(v4.connections() >= 1 && v6.connections() >= 1);
    let f = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "net.some_addresses_fail")
        .expect("net.some_addresses_fail");
    assert_eq!(f["severity"], "warning");
    assert!(f["cause"].as_str().unwrap().contains("::1"), "{f}");
    assert_eq!(doc["settings"]["incoming"][0]["verified"], true);
}

/// Issue 13.2: in a single run `MAILDOCTOR_PASSWORD` is used only with `--login`; without
/// it the variable is ignored with a one-line notice and no server sees a login.
#[test]
fn password_in_the_environment_without_login_logs_in_nowhere() {
    let pki = TestPki::new();
    let dns = dns("example.com");
    let t = trio(&pki, "example.com", USER, ["", "", ""]);
    let mut cmd = maildoctor_cmd();
    cmd.args([
        "--json",
        "--resolver",
        &dns.resolver_arg(),
        "--ca-file",
        pki.ca_pem_path().to_str().unwrap(),
        "--timeout",
        "3",
    ]);
    for (h, p, a) in [
        ("imap.example.com", 993, t.imap.addr),
        ("pop.example.com", 995, t.pop3.addr),
        ("smtp.example.com", 465, t.smtp.addr),
    ] {
        cmd.args(["--connect-to", &connect_to(h, p, a)]);
    }
    cmd.arg(USER).env("MAILDOCTOR_PASSWORD", PASSWORD);
    let r = run_cmd(cmd);
    assert!(!r.stdout.contains(PASSWORD) && !r.stderr.contains(PASSWORD));
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    crate::support::schema::assert_document(&doc);
    assert_eq!(
        (
            t.imap.login_attempts(),
            t.pop3.login_attempts(),
            t.smtp.login_attempts()
        ),
        (0, 0, 0),
        "no login without --login"
    );
    assert_eq!(doc["verdict"], "reachable", "{doc:#}");
    assert_eq!(doc["settings"]["incoming"][0]["login"], "not_tested");
    let notice: Vec<&str> = r
        .stderr
        .lines()
        .filter(|l| l.contains("MAILDOCTOR_PASSWORD"))
        .collect();
    assert_eq!(notice.len(), 1, "one-line notice: {}", r.stderr);
    assert!(notice[0].contains("--login"), "{}", r.stderr);
}
