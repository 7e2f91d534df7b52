//! End-to-end discovery (issue 4): autoconfig and Autodiscover served by in-process HTTP and
//! HTTPS servers, MX-hosted domains, null MX, SERVFAIL, cross-source findings and hostile
//! answers, all reached through `--resolver`, `--ca-file` and `--connect-to`.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::cli::{connect_to, run_json};
use crate::support::dns::{TestDns, TestDnsBuilder};
use crate::support::http::{HttpServer, HttpSpec, Reply};
use crate::support::mail::{MailServer, MailSpec, Mode, Protocol};
use crate::support::pki::TestPki;

const CONFIG_PATH: &str = "/mail/config-v1.1.xml";
const WELL_KNOWN: &str = "/.well-known/autoconfig/mail/config-v1.1.xml";
const AD_PATH: &str = "/autodiscover/autodiscover.xml";

fn args(dns: &TestDns, pki: &TestPki, maps: &[(&str, u16, SocketAddr)], addr: &str) -> Vec<String> {
    let mut a = vec![
        "--resolver".to_owned(),
        dns.resolver_arg(),
        "--ca-file".to_owned(),
        pki.ca_pem_path().to_str().unwrap().to_owned(),
        "--timeout".to_owned(),
        "2".to_owned(),
    ];
    for (host, port, to) in maps {
        a.push("--connect-to".to_owned());
        a.push(connect_to(host, *port, *to));
    }
    a.push(addr.to_owned());
    a
}

fn client_config(domain: &str, imap: &str, imap_port: u16, socket: &str, smtp: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="{domain}">
    <domain>{domain}</domain>
    <displayName>Test Mail</displayName>
    <incomingServer type="imap">
      <hostname>{imap}</hostname><port>{imap_port}</port><socketType>{socket}</socketType>
      <username>%EMAILLOCALPART%</username><authentication>password-cleartext</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>{smtp}</hostname><port>465</port><socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication>
    </outgoingServer>
  </emailProvider>
</clientConfig>"#
    )
}

fn pox_settings(imap: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006">
  <Response xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a">
    <Account><AccountType>email</AccountType><Action>settings</Action>
      <Protocol><Type>IMAP</Type><Server>{imap}</Server><Port>993</Port><SSL>on</SSL>
        <LoginName>alice@example.com</LoginName></Protocol>
    </Account>
  </Response>
</Autodiscover>"#
    )
}

fn pox_redirect_url(url: &str) -> String {
    format!(
        r#"<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006">
  <Response xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a">
    <Account><Action>redirectUrl</Action><RedirectUrl>{url}</RedirectUrl></Account>
  </Response></Autodiscover>"#
    )
}

const POX_ERROR_600: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006">
  <Response><Error Time="10:00:00" Id="1"><ErrorCode>600</ErrorCode><Message>Invalid Request</Message>
  <DebugData /></Error></Response></Autodiscover>"#;

fn sources_of<'a>(doc: &'a Value, kind: &str) -> Vec<&'a Value> {
    doc["sources"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["source"] == kind)
        .collect()
}

fn source<'a>(doc: &'a Value, target_contains: &str) -> &'a Value {
    doc["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["target"].as_str().unwrap().contains(target_contains))
        .unwrap_or_else(|| panic!("no source {target_contains} in {:#}", doc["sources"]))
}

fn codes(doc: &Value) -> Vec<String> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .collect()
}

fn zone(domain: &str) -> TestDnsBuilder {
    TestDns::builder()
        .zone(domain)
        .mx(domain, 10, &format!("mx.{domain}"))
        .a(&format!("mx.{domain}"), "127.0.0.1")
}

#[test]
fn autoconfig_over_https_gives_verified_settings() {
    let pki = TestPki::new();
    let web = HttpServer::start(
        HttpSpec::https(pki.valid(&["autoconfig.example.com"])).route(
            "autoconfig.example.com",
            CONFIG_PATH,
            Reply::xml(&client_config(
                "example.com",
                "imap.%EMAILDOMAIN%",
                993,
                "SSL",
                "smtp.example.com",
            )),
        ),
    );
    let imap = MailServer::start(
        MailSpec::new(Protocol::Imap, Mode::ImplicitTls).cert(pki.valid(&["imap.example.com"])),
    );
    let smtp = MailServer::start(
        MailSpec::new(Protocol::Smtp, Mode::ImplicitTls).cert(pki.valid(&["smtp.example.com"])),
    );
    let dns = zone("example.com").start();
    let maps = [
        ("autoconfig.example.com", 443, web.addr),
        ("imap.example.com", 993, imap.addr),
        ("smtp.example.com", 465, smtp.addr),
    ];
    let (code, doc, stderr) = run_json(args(&dns, &pki, &maps, "alice@example.com"));
    assert_eq!(code, 0, "{stderr}\n{doc:#}");
    let incoming = &doc["settings"]["incoming"][0];
    assert_eq!(incoming["host"], "imap.example.com");
    assert_eq!(
        incoming["username"], "alice",
        "%EMAILLOCALPART% substituted"
    );
    assert_eq!(incoming["verified"], true);
    assert!(
        incoming["sources"]
            .as_array()
            .unwrap()
            .contains(&Value::from("autoconfig"))
    );
    assert_eq!(
        doc["settings"]["outgoing"][0]["username"],
        "alice@example.com"
    );
    let s = source(&doc, "https://autoconfig.example.com/");
    assert_eq!(s["status"], "found", "{s:#}");
    assert_eq!(s["http_status"], 200);
    assert_eq!(s["candidates"], 2);
    // The address is sent as the documented query parameter, over HTTPS only.
    let reqs = web.requests();
    assert_eq!(reqs.len(), 1, "{reqs:#?}");
    assert_eq!(
        reqs[0].uri,
        format!("{CONFIG_PATH}?emailaddress=alice%40example.com")
    );
    assert_eq!(reqs[0].host, "autoconfig.example.com");
    // Guessing only for the protocol autoconfig did not cover.
    assert_eq!(sources_of(&doc, "guess")[0]["detail"], "guessed POP3");
    assert!(
        !dns.was_asked("imap.example.com", "A"),
        "mapped, never guessed"
    );
    // Every HTTP source is in the trace: 4 autoconfig URLs, the MX one, 4 Autodiscover.
    assert_eq!(sources_of(&doc, "autoconfig").len(), 2);
    assert_eq!(sources_of(&doc, "autoconfig_http").len(), 2);
    assert_eq!(sources_of(&doc, "autoconfig_mx").len(), 1);
    assert_eq!(sources_of(&doc, "autodiscover").len(), 4);
    let missing = source(&doc, "http://autoconfig.example.com/");
    assert_eq!(missing["status"], "nx_domain", "{missing:#}");
}

#[test]
fn customer_domain_hosted_at_a_provider_gets_the_providers_autoconfig() {
    let pki = TestPki::new();
    let web = HttpServer::start(
        HttpSpec::https(pki.valid(&["autoconfig.hostco.example"])).route(
            "autoconfig.hostco.example",
            CONFIG_PATH,
            Reply::xml(&client_config(
                "hostco.example",
                "imap.hostco.example",
                993,
                "SSL",
                "smtp.hostco.example",
            )),
        ),
    );
    let imap = MailServer::start(
        MailSpec::new(Protocol::Imap, Mode::ImplicitTls).cert(pki.valid(&["imap.hostco.example"])),
    );
    let dns = TestDns::builder()
        .zone("customer.example")
        .zone("hostco.example")
        .mx("customer.example", 10, "mx1.hostco.example")
        .a("mx1.hostco.example", "127.0.0.1")
        .start();
    let maps = [
        ("autoconfig.hostco.example", 443, web.addr),
        ("imap.hostco.example", 993, imap.addr),
    ];
    let (_, doc, stderr) = run_json(args(&dns, &pki, &maps, "bob@customer.example"));
    let incoming = &doc["settings"]["incoming"][0];
    assert_eq!(incoming["host"], "imap.hostco.example", "{stderr}\n{doc:#}");
    assert_eq!(incoming["verified"], true);
    assert_eq!(incoming["sources"], serde_json::json!(["autoconfig_mx"]));
    let s = &sources_of(&doc, "autoconfig_mx")[0];
    assert_eq!(s["status"], "found", "{s:#}");
    assert!(
        s["detail"]
            .as_str()
            .unwrap()
            .contains("MX mx1.hostco.example")
    );
    let reqs = web.requests();
    assert_eq!(
        reqs[0].uri,
        format!("{CONFIG_PATH}?emailaddress=bob%40customer.example")
    );
    // Hosted elsewhere by explicit MX detection: no "other domain" alarm.
    assert!(!codes(&doc).contains(&"source.other_domain".to_owned()));
}

#[test]
fn autodiscover_follows_redirects_and_never_sends_credentials() {
    let pki = TestPki::new();
    let ad = HttpServer::start(
        HttpSpec::https(pki.valid(&[
            "autodiscover.example.com",
            "example.com",
            "ad.example.com",
            "srv-ad.example.com",
        ]))
        .route(
            "autodiscover.example.com",
            AD_PATH,
            Reply::xml(&pox_redirect_url(
                "https://ad.example.com/autodiscover/autodiscover.xml",
            )),
        )
        .route(
            "ad.example.com",
            AD_PATH,
            Reply::xml(&pox_settings("imap.example.com")),
        )
        .route("example.com", AD_PATH, Reply::unauthorized())
        .route("srv-ad.example.com", AD_PATH, Reply::xml(POX_ERROR_600)),
    );
    let plain = HttpServer::start(HttpSpec::http().route(
        "autodiscover.example.com",
        AD_PATH,
        Reply::redirect(302, "https://ad.example.com/autodiscover/autodiscover.xml"),
    ));
    let imap = MailServer::start(
        MailSpec::new(Protocol::Imap, Mode::ImplicitTls).cert(pki.valid(&["imap.example.com"])),
    );
    let dns = zone("example.com")
        .srv(
            "_autodiscover._tcp.example.com",
            0,
            0,
            8443,
            "srv-ad.example.com",
        )
        .start();
    let maps = [
        ("autodiscover.example.com", 443, ad.addr),
        ("example.com", 443, ad.addr),
        ("ad.example.com", 443, ad.addr),
        ("srv-ad.example.com", 8443, ad.addr),
        ("autodiscover.example.com", 80, plain.addr),
        ("imap.example.com", 993, imap.addr),
    ];
    let (_, doc, stderr) = run_json(args(&dns, &pki, &maps, "alice@example.com"));
    let incoming = &doc["settings"]["incoming"][0];
    assert_eq!(incoming["host"], "imap.example.com", "{stderr}\n{doc:#}");
    assert_eq!(incoming["verified"], true);
    assert_eq!(incoming["username"], "alice@example.com");

    let first = source(&doc, "POST https://autodiscover.example.com/");
    assert_eq!(first["status"], "found", "{first:#}");
    assert_eq!(
        first["redirects"],
        serde_json::json!(["https://ad.example.com/autodiscover/autodiscover.xml"])
    );
    let bare = source(&doc, "POST https://example.com/");
    assert_eq!(bare["status"], "failed");
    assert_eq!(bare["http_status"], 401);
    assert!(
        bare["detail"]
            .as_str()
            .unwrap()
            .contains("no credentials were sent")
    );
    let srv = source(&doc, "_autodiscover._tcp.example.com");
    assert_eq!(srv["status"], "invalid", "{srv:#}");
    assert!(
        srv["detail"]
            .as_str()
            .unwrap()
            .contains("Autodiscover error 600")
    );
    let get = source(&doc, "GET http://autodiscover.example.com/");
    assert_eq!(get["status"], "found", "{get:#}");

    // Nothing that could be a credential ever left: no Authorization header, no password
    // element, only the address in the POX request. (Break `request_body` or add a header
    // in `http.rs` and this fails.)
    let all: Vec<_> = ad.requests().into_iter().chain(plain.requests()).collect();
    assert!(all.len() >= 5, "{all:#?}");
    for r in &all {
        assert!(r.header("authorization").is_none(), "{r:#?}");
        assert!(!r.body.to_ascii_lowercase().contains("password"), "{r:#?}");
        if r.method == "POST" {
            assert!(
                r.body
                    .contains("<EMailAddress>alice@example.com</EMailAddress>"),
                "{r:#?}"
            );
        }
    }
    // The 8443 SRV port was honoured (through --connect-to on that port).
    assert!(
        all.iter().any(|r| r.host == "srv-ad.example.com:8443"),
        "{all:#?}"
    );
}

#[test]
fn hostile_and_broken_answers_are_outcomes_and_the_run_ends_in_time() {
    let pki = TestPki::new();
    let other_ca = TestPki::new();
    let good = HttpServer::start(
        HttpSpec::https(pki.valid(&["autoconfig.example.com", "example.com"]))
            .route(
                "autoconfig.example.com",
                CONFIG_PATH,
                Reply::html("<!DOCTYPE html><html><body><form>Login</form></body></html>"),
            )
            .route("example.com", WELL_KNOWN, Reply::Huge(10 * 1024 * 1024))
            .route("example.com", AD_PATH, Reply::Hang),
    );
    let untrusted = HttpServer::start(HttpSpec::https(
        other_ca.valid(&["autodiscover.example.com"]),
    ));
    let plain = HttpServer::start(
        HttpSpec::http()
            .route(
                "autoconfig.example.com",
                CONFIG_PATH,
                Reply::redirect(302, "/loop"),
            )
            .route(
                "autoconfig.example.com",
                "/loop",
                Reply::redirect(301, "/loop"),
            )
            .route("example.com", WELL_KNOWN, Reply::xml("")),
    );
    let dns = zone("example.com").start();
    let maps = [
        ("autoconfig.example.com", 443, good.addr),
        ("example.com", 443, good.addr),
        ("autodiscover.example.com", 443, untrusted.addr),
        ("autoconfig.example.com", 80, plain.addr),
        ("example.com", 80, plain.addr),
        ("autodiscover.example.com", 80, plain.addr),
    ];
    let start = Instant::now();
    let (code, doc, stderr) = run_json(args(&dns, &pki, &maps, "alice@example.com"));
    let took = start.elapsed();
    assert!(code == 0 || code == 1, "exit {code}: {stderr}");
    // Step timeout 2 s: HTTP sources are bounded by 4 s, probes follow.
    assert!(took < Duration::from_secs(20), "took {took:?}");

    let html = source(&doc, "https://autoconfig.example.com/");
    assert_eq!(html["status"], "invalid");
    assert!(
        html["detail"].as_str().unwrap().contains("HTML page"),
        "{html:#}"
    );
    let huge = source(&doc, "https://example.com/.well-known/");
    assert_eq!(huge["status"], "invalid");
    assert!(
        huge["detail"].as_str().unwrap().contains("stopped reading"),
        "{huge:#}"
    );
    let looped = source(&doc, "http://autoconfig.example.com/");
    assert_eq!(looped["status"], "invalid");
    assert!(
        looped["detail"].as_str().unwrap().contains("redirect loop"),
        "{looped:#}"
    );
    let empty = source(&doc, "http://example.com/.well-known/");
    assert_eq!(empty["status"], "invalid");
    assert!(
        empty["detail"].as_str().unwrap().contains("empty"),
        "{empty:#}"
    );
    let tls = source(&doc, "POST https://autodiscover.example.com/");
    assert_eq!(tls["status"], "failed");
    assert!(
        tls["detail"].as_str().unwrap().contains("TLS error"),
        "{tls:#}\n{stderr}"
    );
    let hang = source(&doc, "POST https://example.com/");
    assert_eq!(hang["status"], "timeout", "{hang:#}");
    assert!(hang["elapsed_ms"].as_u64().unwrap() < 5000, "{hang:#}");
    let get = source(&doc, "GET http://autodiscover.example.com/");
    assert_eq!(get["status"], "not_found");
    assert_eq!(get["http_status"], 404);
    // None of it produced a candidate.
    for s in doc["sources"].as_array().unwrap() {
        if s["source"].as_str().unwrap().starts_with("auto") {
            assert_eq!(s["candidates"], 0, "{s:#}");
        }
    }
}

#[test]
fn null_mx_accepts_no_mail_and_http_settings_are_ignored() {
    let pki = TestPki::new();
    let web = HttpServer::start(
        HttpSpec::https(pki.valid(&["autoconfig.example.com"])).route(
            "autoconfig.example.com",
            CONFIG_PATH,
            Reply::xml(&client_config(
                "example.com",
                "imap.example.com",
                993,
                "SSL",
                "smtp.example.com",
            )),
        ),
    );
    let dns = TestDns::builder()
        .zone("example.com")
        .mx("example.com", 0, ".")
        .start();
    let maps = [("autoconfig.example.com", 443, web.addr)];
    let (code, doc, stderr) = run_json(args(&dns, &pki, &maps, "alice@example.com"));
    assert_eq!(code, 1, "{stderr}\n{doc:#}");
    assert!(codes(&doc).contains(&"dns.null_mx".to_owned()));
    assert_eq!(doc["domain"]["state"], "null_mx");
    let s = source(&doc, "https://autoconfig.example.com/");
    assert!(s["detail"].as_str().unwrap().contains("ignored"), "{s:#}");
    assert_eq!(s["candidates"], 0);
    assert!(
        doc["probes"].as_array().unwrap().is_empty(),
        "{:#}",
        doc["probes"]
    );
    // No fallback to the domain's A record or to guesses.
    assert!(!dns.was_asked("imap.example.com", "A"));
    assert!(!dns.was_asked("mail.example.com", "A"));
}

#[test]
fn servfail_is_a_failed_lookup_not_a_missing_domain() {
    let pki = TestPki::new();
    let dns = TestDns::builder().servfail_zone("broken.example").start();
    let (_, doc, stderr) = run_json(args(&dns, &pki, &[], "alice@broken.example"));
    assert!(
        codes(&doc).contains(&"dns.zone_failed".to_owned()),
        "{stderr}\n{doc:#}"
    );
    assert!(!codes(&doc).contains(&"dns.domain_not_found".to_owned()));
    let s = source(&doc, "https://autoconfig.broken.example/");
    assert_eq!(s["status"], "failed", "{s:#}");
    assert!(s["detail"].as_str().unwrap().contains("SERVFAIL"), "{s:#}");
    let srv = source(&doc, "_autodiscover._tcp.broken.example");
    assert_eq!(srv["status"], "failed", "{srv:#}");
}

#[test]
fn sources_that_disagree_and_plain_http_configs_are_findings() {
    let pki = TestPki::new();
    // SRV says imap.example.com:993 (TLS); autoconfig over plain HTTP says
    // mail.example.com:143 without encryption.
    let plain = HttpServer::start(HttpSpec::http().route(
        "autoconfig.example.com",
        CONFIG_PATH,
        Reply::xml(&client_config(
            "example.com",
            "mail.example.com",
            143,
            "plain",
            "smtp.example.com",
        )),
    ));
    let imap = MailServer::start(
        MailSpec::new(Protocol::Imap, Mode::ImplicitTls).cert(pki.valid(&["imap.example.com"])),
    );
    let dns = zone("example.com")
        .srv("_imaps._tcp.example.com", 0, 1, 993, "imap.example.com")
        .start();
    let maps = [
        ("autoconfig.example.com", 80, plain.addr),
        ("imap.example.com", 993, imap.addr),
    ];
    let (_, doc, stderr) = run_json(args(&dns, &pki, &maps, "alice@example.com"));
    let c = codes(&doc);
    assert!(
        c.contains(&"source.disagreement".to_owned()),
        "{stderr}\n{c:?}\n{doc:#}"
    );
    assert!(
        c.contains(&"source.plaintext_advertised".to_owned()),
        "{c:?}"
    );
    let f = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "source.disagreement")
        .unwrap();
    let cause = f["cause"].as_str().unwrap();
    assert!(
        cause.contains("imap.example.com:993") && cause.contains("mail.example.com:143"),
        "{cause}"
    );
    // The SRV (published, encrypted) server ranks first and works.
    assert_eq!(doc["settings"]["incoming"][0]["host"], "imap.example.com");
    let s = source(&doc, "http://autoconfig.example.com/");
    assert_eq!(s["source"], "autoconfig_http");
    assert_eq!(s["status"], "found");
}

/// `--autodiscover-auth`: a 401 from an HTTPS Autodiscover host inside the address's
/// registrable domain is answered once with the address and password; a host outside the
/// domain (reached by RedirectUrl) never gets it; without the flag nobody gets it.
#[test]
fn autodiscover_auth_only_within_the_domain_and_only_with_the_flag() {
    use base64::Engine;
    const PW: &str = "s3cret-Autodiscover";
    let basic = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("alice@example.com:{PW}"))
    );
    let pki = TestPki::new();
    let ad = HttpServer::start(
        HttpSpec::https(pki.valid(&[
            "autodiscover.example.com",
            "example.com",
            "autodiscover.evil.example",
        ]))
        .route(
            "autodiscover.example.com",
            AD_PATH,
            Reply::AuthGate {
                authorization: basic,
                ok: Box::new(Reply::xml(&pox_settings("imap.example.com"))),
            },
        )
        .route(
            "example.com",
            AD_PATH,
            Reply::xml(&pox_redirect_url(
                "https://autodiscover.evil.example/autodiscover/autodiscover.xml",
            )),
        )
        .route("autodiscover.evil.example", AD_PATH, Reply::unauthorized()),
    );
    let imap = MailServer::start(
        MailSpec::new(Protocol::Imap, Mode::ImplicitTls).cert(pki.valid(&["imap.example.com"])),
    );
    let dns = zone("example.com").start();
    let maps = [
        ("autodiscover.example.com", 443, ad.addr),
        ("example.com", 443, ad.addr),
        ("autodiscover.evil.example", 443, ad.addr),
        ("imap.example.com", 993, imap.addr),
    ];
    let run = |flag: bool| {
        let mut cmd = crate::support::cli::maildoctor_cmd();
        cmd.arg("--json")
            .args(args(&dns, &pki, &maps, "alice@example.com"));
        if flag {
            cmd.arg("--autodiscover-auth");
        }
        cmd.arg("--login").env("MAILDOCTOR_PASSWORD", PW);
        let r = crate::support::cli::run_cmd(cmd);
        assert!(
            !r.stdout.contains(PW) && !r.stderr.contains(PW),
            "password printed"
        );
        let doc: Value = serde_json::from_str(&r.stdout).unwrap();
        crate::support::schema::assert_document(&doc);
        doc
    };
    let with_auth = |host: &str| {
        ad.requests()
            .iter()
            .filter(|r| r.host.starts_with(host) && r.header("authorization").is_some())
            .count()
    };

    // Without the flag: the 401 is an outcome, nothing is sent.
    let doc = run(false);
    assert_eq!(
        ad.requests()
            .iter()
            .filter(|r| r.header("authorization").is_some())
            .count(),
        0
    );
    let s = source(&doc, "POST https://autodiscover.example.com/");
    assert!(
        s["detail"]
            .as_str()
            .unwrap()
            .contains("--autodiscover-auth"),
        "{s:#}"
    );

    // With the flag: exactly one authorised retry to the host inside the domain.
    let doc = run(true);
    assert_eq!(with_auth("autodiscover.example.com"), 1);
    assert_eq!(
        with_auth("autodiscover.evil.example"),
        0,
        "never outside the domain"
    );
    let s = source(&doc, "POST https://autodiscover.example.com/");
    assert_eq!(s["status"], "found", "{s:#}");
    let evil = source(&doc, "POST https://example.com/");
    assert!(
        evil["detail"].as_str().unwrap().contains("withheld"),
        "{evil:#}"
    );
    assert!(
        doc["settings"]["incoming"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["host"] == "imap.example.com"
                && s["sources"]
                    .as_array()
                    .unwrap()
                    .contains(&Value::from("autodiscover")))
    );
}

/// An XML entity bomb ("billion laughs") served as autoconfig and as Autodiscover is
/// rejected at once (no DOCTYPE, no entity expansion): an invalid-answer outcome in the
/// trace, small memory, and the run ends promptly.
#[test]
fn xml_entity_bomb_is_rejected_not_expanded() {
    let mut bomb =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
    for i in 1..10 {
        let prev = if i == 1 {
            "lol".to_owned()
        } else {
            format!("lol{}", i - 1)
        };
        bomb.push_str(&format!(
            " <!ENTITY lol{i} \"{}\">\n",
            format!("&{prev};").repeat(10)
        ));
    }
    bomb.push_str("]>\n<clientConfig version=\"1.1\"><emailProvider id=\"x\"><domain>&lol9;</domain></emailProvider></clientConfig>\n");
    let pki = TestPki::new();
    let web = HttpServer::start(
        HttpSpec::https(pki.valid(&["autoconfig.example.com", "autodiscover.example.com"]))
            .route("autoconfig.example.com", CONFIG_PATH, Reply::xml(&bomb))
            .route(
                "autodiscover.example.com",
                AD_PATH,
                Reply::xml(&bomb.replace("clientConfig", "Autodiscover")),
            ),
    );
    let dns = zone("example.com").start();
    let maps = [
        ("autoconfig.example.com", 443, web.addr),
        ("autodiscover.example.com", 443, web.addr),
    ];
    let started = Instant::now();
    let (_, doc, _) = run_json(args(&dns, &pki, &maps, "alice@example.com"));
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "took {:?}",
        started.elapsed()
    );
    let ac = source(&doc, "https://autoconfig.example.com/");
    assert_eq!(ac["status"], "invalid", "{ac:#}");
    assert_eq!(ac["candidates"], 0);
    let ad = source(&doc, "POST https://autodiscover.example.com/");
    assert_eq!(ad["status"], "invalid", "{ad:#}");
    assert!(
        !doc.to_string().contains("lollollol"),
        "nothing was expanded"
    );
}
