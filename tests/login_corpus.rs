//! The login-failure corpus (`tests/fixtures/login-replies/corpus.json`): real replies of
//! real providers and server programs, each with the cause its evidence supports and the
//! public URL it came from. Every entry is replayed over verified TLS by a scripted IMAP /
//! POP3 / SMTP peer that answers the login with the entry's raw bytes in the entry's charset
//! (GB18030, KOI8-R, … as on the wire), and the real `maildoctor --login` run must give the
//! finding of the entry's class.
//!
//! One peer per protocol serves every entry: the login's user name `c<index>@<domain>`
//! says which entry to answer with. Each entry's address is at its provider's domain (the
//! provider database knows it, so provider-aware wording applies) or at `example.com`; a test
//! DNS zone per domain points the SRV record of the entry's protocol at `replay.<domain>`.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

use crate::support::cli::{connect_to, maildoctor_cmd, run_cmd};
use crate::support::dns::TestDns;
use crate::support::mail::Protocol;
use crate::support::pki::{TestPki, acceptor};

const PASSWORD: &str = "corpus-replay-password";

/// One corpus entry (the fields the replay needs).
#[derive(Debug, Clone)]
struct Entry {
    id: String,
    provider: Option<String>,
    protocol: Protocol,
    reply: Vec<String>,
    charset: String,
    class: String,
}

fn corpus() -> Vec<Entry> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/login-replies/corpus.json"
    );
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    doc.as_array()
        .unwrap()
        .iter()
        .map(|e| Entry {
            id: e["id"].as_str().unwrap().to_owned(),
            provider: e["provider"].as_str().map(str::to_ascii_lowercase),
            protocol: match e["protocol"].as_str().unwrap() {
                "imap" => Protocol::Imap,
                "pop3" => Protocol::Pop3,
                "smtp" => Protocol::Smtp,
                p => panic!("{}: unknown protocol {p}", e["id"]),
            },
            reply: e["reply"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| l.as_str().unwrap().to_owned())
                .collect(),
            charset: e["charset"].as_str().unwrap_or("utf-8").to_owned(),
            class: e["class"].as_str().unwrap().to_owned(),
        })
        .collect()
}

impl Entry {
    fn domain(&self) -> String {
        self.provider
            .clone()
            .unwrap_or_else(|| "example.com".into())
    }

    /// `text` in the entry's charset, as raw bytes.
    fn encode(&self, text: &str) -> Vec<u8> {
        let enc = encoding_rs::Encoding::for_label(self.charset.as_bytes())
            .unwrap_or_else(|| panic!("{}: unknown charset {}", self.id, self.charset));
        let (bytes, _, unmappable) = enc.encode(text);
        assert!(
            !unmappable,
            "{}: not encodable in {}",
            self.id, self.charset
        );
        bytes.into_owned()
    }

    /// The reply lines as sent: IMAP tagged lines get the client's tag.
    fn wire(&self, tag: &str) -> Vec<u8> {
        let mut out = Vec::new();
        for l in &self.reply {
            let line = match self.protocol {
                Protocol::Imap if !l.starts_with("* ") && !l.starts_with('+') => {
                    format!("{tag} {l}")
                }
                _ => l.clone(),
            };
            out.extend(self.encode(&line));
            out.extend_from_slice(b"\r\n");
        }
        out
    }

    fn has_cjk(&self) -> bool {
        self.reply
            .iter()
            .flat_map(|l| l.chars())
            .any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
    }
}

/// The finding code each class must produce.
fn code_of(class: &str) -> &'static str {
    match class {
        "wrong_credentials" => "auth.failed",
        "app_password_required" => "auth.app_password_required",
        "oauth_required" => "auth.oauth_required",
        "protocol_disabled" => "auth.protocol_disabled",
        "web_login_required" => "auth.web_login_required",
        "account_blocked" => "auth.account_blocked",
        "too_many_attempts" => "auth.too_many_attempts",
        "temporary" => "auth.temporary",
        "rejected" => "auth.rejected",
        c => panic!("unknown class {c}"),
    }
}

fn port_of(p: Protocol) -> u16 {
    match p {
        Protocol::Imap => 993,
        Protocol::Pop3 => 995,
        Protocol::Smtp => 465,
    }
}

/// The entry index from a SASL PLAIN response whose user name is `c<index>@…`.
fn entry_of(b64: &str) -> Option<usize> {
    let raw = B64.decode(b64.trim()).ok()?;
    let parts: Vec<&[u8]> = raw.split(|b| *b == 0).collect();
    let user = std::str::from_utf8(parts.get(1)?).ok()?;
    user.strip_prefix('c')?.split('@').next()?.parse().ok()
}

/// A server thread with its own runtime; stops (and is joined) on drop.
struct Background {
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Background {
    fn spawn<F, Fut>(make: F) -> Self
    where
        F: FnOnce() -> Fut + Send + 'static,
        Fut: std::future::Future<Output = ()> + 'static,
    {
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                tokio::select! {
                    () = make() => {}
                    _ = stopped => {}
                }
            });
        });
        Self {
            stop: Some(stop),
            thread: Some(thread),
        }
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// A replay peer for one protocol over implicit TLS: greeting, capabilities (PLAIN only),
/// then the login answered with entry bytes; LOGOUT/QUIT end the session.
fn replay_peer(
    protocol: Protocol,
    pki: &TestPki,
    hosts: &[String],
    entries: Arc<Vec<Entry>>,
) -> (SocketAddr, Background) {
    let names: Vec<&str> = hosts.iter().map(String::as_str).collect();
    let tls = acceptor(&pki.valid(&names));
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let addr = listener.local_addr().unwrap();
    let bg = Background::spawn(move || async move {
        let listener = TcpListener::from_std(listener).unwrap();
        loop {
            let Ok((tcp, _)) = listener.accept().await else {
                continue;
            };
            let (tls, entries) = (tls.clone(), Arc::clone(&entries));
            tokio::spawn(async move {
                let Ok(stream) = tls.accept(tcp).await else {
                    return;
                };
                let _ = session(protocol, BufReader::new(stream), &entries).await;
            });
        }
    });
    (addr, bg)
}

async fn session<S>(
    protocol: Protocol,
    mut io: BufReader<S>,
    entries: &[Entry],
) -> std::io::Result<()>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    let greeting: &[u8] = match protocol {
        Protocol::Imap => b"* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] replay ready\r\n",
        Protocol::Pop3 => b"+OK replay ready\r\n",
        Protocol::Smtp => b"220 replay.test ESMTP replay\r\n",
    };
    io.get_mut().write_all(greeting).await?;
    let mut pending_pop3 = false;
    loop {
        let mut line = String::new();
        if io.read_line(&mut line).await? == 0 || line.len() > 4096 {
            return Ok(());
        }
        let line = line.trim_end().to_owned();
        let words: Vec<&str> = line.split(' ').collect();
        let upper = line.to_ascii_uppercase();
        let answer = |i: Option<usize>, tag: &str| -> Vec<u8> {
            match i.and_then(|i| entries.get(i)) {
                Some(e) => e.wire(tag),
                None => b"-ERR no such corpus entry\r\n".to_vec(),
            }
        };
        let reply: Vec<u8> = if pending_pop3 {
            pending_pop3 = false;
            answer(entry_of(&line), "")
        } else {
            match protocol {
                Protocol::Imap => {
                    let tag = words.first().copied().unwrap_or("*");
                    let cmd = words
                        .get(1)
                        .map(|w| w.to_ascii_uppercase())
                        .unwrap_or_default();
                    match cmd.as_str() {
                        "CAPABILITY" => format!(
                            "* CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN\r\n{tag} OK done\r\n"
                        )
                        .into_bytes(),
                        "AUTHENTICATE" => answer(words.get(3).and_then(|w| entry_of(w)), tag),
                        "LOGOUT" => {
                            io.get_mut()
                                .write_all(format!("* BYE bye\r\n{tag} OK done\r\n").as_bytes())
                                .await?;
                            return Ok(());
                        }
                        _ => format!("{tag} OK done\r\n").into_bytes(),
                    }
                }
                Protocol::Pop3 => {
                    if upper == "CAPA" {
                        b"+OK\r\nUSER\r\nSASL PLAIN\r\n.\r\n".to_vec()
                    } else if upper.starts_with("AUTH PLAIN ") {
                        answer(words.get(2).and_then(|w| entry_of(w)), "")
                    } else if upper == "AUTH PLAIN" {
                        pending_pop3 = true;
                        b"+ \r\n".to_vec()
                    } else if upper == "QUIT" {
                        io.get_mut().write_all(b"+OK bye\r\n").await?;
                        return Ok(());
                    } else {
                        b"+OK\r\n".to_vec()
                    }
                }
                Protocol::Smtp => {
                    if upper.starts_with("EHLO") {
                        b"250-replay.test\r\n250-AUTH PLAIN\r\n250 ENHANCEDSTATUSCODES\r\n".to_vec()
                    } else if upper.starts_with("AUTH PLAIN ") {
                        answer(words.get(2).and_then(|w| entry_of(w)), "")
                    } else if upper == "QUIT" {
                        io.get_mut().write_all(b"221 2.0.0 bye\r\n").await?;
                        return Ok(());
                    } else {
                        b"250 2.0.0 OK\r\n".to_vec()
                    }
                }
            }
        };
        io.get_mut().write_all(&reply).await?;
        io.get_mut().flush().await?;
    }
}

/// The replay world: DNS zones for every domain, one TLS peer per protocol.
struct World {
    pki: TestPki,
    dns: TestDns,
    peers: BTreeMap<Protocol, SocketAddr>,
    _bg: Vec<Background>,
}

fn world(entries: &Arc<Vec<Entry>>) -> World {
    let pki = TestPki::new();
    let domains: std::collections::BTreeSet<String> = entries.iter().map(Entry::domain).collect();
    let hosts: Vec<String> = domains.iter().map(|d| format!("replay.{d}")).collect();
    let mut dns = TestDns::builder();
    for d in &domains {
        dns = dns.zone(d).a(&format!("replay.{d}"), "127.0.0.1");
        for (srv, p) in [
            ("_imaps", Protocol::Imap),
            ("_pop3s", Protocol::Pop3),
            ("_submissions", Protocol::Smtp),
        ] {
            dns = dns.srv(
                &format!("{srv}._tcp.{d}"),
                0,
                1,
                port_of(p),
                &format!("replay.{d}"),
            );
        }
    }
    let dns = dns.start();
    let mut peers = BTreeMap::new();
    let mut bg = Vec::new();
    for p in [Protocol::Imap, Protocol::Pop3, Protocol::Smtp] {
        let (addr, b) = replay_peer(p, &pki, &hosts, Arc::clone(entries));
        peers.insert(p, addr);
        bg.push(b);
    }
    World {
        pki,
        dns,
        peers,
        _bg: bg,
    }
}

impl World {
    /// `maildoctor --login` for entry `i`; `extra` adds output options.
    fn run(&self, i: usize, e: &Entry, extra: &[&str]) -> crate::support::cli::Run {
        let d = e.domain();
        let mut cmd = maildoctor_cmd();
        cmd.args([
            "--resolver",
            &self.dns.resolver_arg(),
            "--ca-file",
            self.pki.ca_pem_path().to_str().unwrap(),
            "--timeout",
            "5",
            "--login",
        ]);
        for (p, addr) in &self.peers {
            cmd.args([
                "--connect-to",
                &connect_to(&format!("replay.{d}"), port_of(*p), *addr),
            ]);
        }
        cmd.args(extra).arg(format!("c{i}@{d}"));
        cmd.env("MAILDOCTOR_PASSWORD", PASSWORD)
            .env("COLUMNS", "400");
        let r = run_cmd(cmd);
        assert!(!r.stdout.contains(PASSWORD) && !r.stderr.contains(PASSWORD));
        r
    }
}

/// The `auth.*` finding on the entry's protocol, from a JSON report.
fn finding(doc: &Value, protocol: Protocol) -> Option<&Value> {
    let name = match protocol {
        Protocol::Imap => "imap",
        Protocol::Pop3 => "pop3",
        Protocol::Smtp => "smtp",
    };
    doc["findings"].as_array()?.iter().find(|f| {
        f["code"].as_str().is_some_and(|c| c.starts_with("auth."))
            && f["endpoints"]
                .as_array()
                .is_some_and(|es| es.iter().any(|e| e["protocol"] == name))
    })
}

/// Runs `f` over every entry on a few threads, results in corpus order.
fn each<T: Send>(entries: &[Entry], f: impl Fn(usize, &Entry) -> T + Sync) -> Vec<T> {
    let workers = 4;
    let mut out: Vec<Option<T>> = (0..entries.len()).map(|_| None).collect();
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                let f = &f;
                s.spawn(move || {
                    (w..entries.len())
                        .step_by(workers)
                        .map(|i| (i, f(i, &entries[i])))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for h in handles {
            for (i, t) in h.join().unwrap() {
                out[i] = Some(t);
            }
        }
    });
    out.into_iter().map(Option::unwrap).collect()
}

/// Every corpus entry replayed; at least 95% get the class their evidence supports, and
/// "wrong password" is never claimed for an entry of another class.
#[test]
fn corpus_replies_are_classified_by_their_evidence() {
    let entries = Arc::new(corpus());
    assert!(entries.len() >= 100, "corpus has {} entries", entries.len());
    let w = world(&entries);
    let got: Vec<String> = each(&entries, |i, e| {
        let r = w.run(i, e, &["--json"]);
        let doc: Value = serde_json::from_str(&r.stdout)
            .unwrap_or_else(|err| panic!("{}: not JSON ({err}): {}\n{}", e.id, r.stdout, r.stderr));
        match finding(&doc, e.protocol) {
            Some(f) => f["code"].as_str().unwrap_or_default().to_owned(),
            None => format!("(no auth finding: {})", r.stdout.len()),
        }
    });
    // Confusion summary: expected class → codes found.
    let mut confusion: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    let mut right = 0;
    let mut misses = Vec::new();
    let mut false_wrong_password = Vec::new();
    for (e, code) in entries.iter().zip(&got) {
        *confusion
            .entry(e.class.as_str())
            .or_default()
            .entry(code.as_str())
            .or_default() += 1;
        if code == code_of(&e.class) {
            right += 1;
        } else {
            misses.push(format!(
                "{} ({}): want {} got {code}: {:?}",
                e.id,
                e.protocol,
                code_of(&e.class),
                e.reply
            ));
            if code == "auth.failed" {
                false_wrong_password.push(e.id.clone());
            }
        }
    }
    println!("class → finding codes");
    for (class, codes) in &confusion {
        println!("  {class:<22} {codes:?}");
    }
    for m in &misses {
        println!("MISS {m}");
    }
    let providers: std::collections::BTreeSet<String> = entries.iter().map(Entry::domain).collect();
    let pct = right as f64 * 100.0 / entries.len() as f64;
    println!(
        "corpus: {} entries, {} domains; {right} classified as their evidence supports ({pct:.1}%)",
        entries.len(),
        providers.len()
    );
    assert!(
        false_wrong_password.is_empty(),
        "\"wrong password\" claimed for {false_wrong_password:?}"
    );
    assert!(
        pct >= 95.0,
        "accuracy {pct:.1}% < 95%:\n{}",
        misses.join("\n")
    );
}

/// Every Chinese reply (GB18030 on the wire or UTF-8) reads correctly in the JSON report and
/// in the zh-CN and English tables: no mojibake, no replacement characters.
#[test]
fn chinese_replies_read_correctly_in_every_language() {
    let entries = Arc::new(corpus());
    let chinese: Vec<usize> = (0..entries.len())
        .filter(|i| entries[*i].has_cjk())
        .collect();
    assert!(!chinese.is_empty(), "the corpus has Chinese replies");
    let w = world(&entries);
    let subset: Vec<Entry> = chinese.iter().map(|i| entries[*i].clone()).collect();
    let failures: Vec<String> = each(&subset, |k, e| {
        let i = chinese[k];
        let mut bad = Vec::new();
        // The longest run of CJK text in the reply, as the user must see it.
        let run: String = e
            .reply
            .iter()
            .flat_map(|l| l.split(|c: char| c.is_ascii()))
            .max_by_key(|s| s.chars().count())
            .unwrap_or_default()
            .to_owned();
        let r = w.run(i, e, &["--json"]);
        let doc: Value = serde_json::from_str(&r.stdout).unwrap();
        let reply = finding(&doc, e.protocol)
            .and_then(|f| f["params"]["server_reply"].as_str())
            .unwrap_or_default()
            .to_owned();
        if !reply.contains(&run) || reply.contains('\u{FFFD}') {
            bad.push(format!(
                "{} JSON server_reply {reply:?} lacks {run:?}",
                e.id
            ));
        }
        for lang in ["zh-CN", "en"] {
            let r = w.run(i, e, &["--lang", lang]);
            if !r.stdout.contains(&run) || r.stdout.contains('\u{FFFD}') {
                bad.push(format!(
                    "{} {lang} table lacks {run:?}:\n{}",
                    e.id, r.stdout
                ));
            }
        }
        bad
    })
    .into_iter()
    .flatten()
    .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
