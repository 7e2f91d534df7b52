//! Batch mode: many addresses, one record each, written as each finishes (NDJSON or CSV),
//! with bounded concurrency and per-endpoint de-duplication of probe work, so 1,000
//! addresses on ten domains probe each server once.
//!
//! Input: one address per line; `#` starts a comment; blank lines are ignored; an optional
//! second comma-separated column holds `--check` URLs separated by spaces. Passwords are
//! never read from the input, nor from `MAILDOCTOR_PASSWORD`: only from a private
//! `--password-file` ([`PasswordBook`]), each bound to its own address.

use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, Mutex, PoisonError};

use serde::Serialize;
use tokio::sync::OnceCell;

use crate::address::EmailAddress;
use crate::analyze::{LoginState, Setting, Status, Verdict};
use crate::app::{Context, Request, run_cached};
use crate::cli::parse_check_url;
use crate::config::{Credentials, Secret};
use crate::model::{Endpoint, ProbeResult, Protocol};
use crate::net::Net;
use crate::report::{Report, SCHEMA_VERSION};

/// One input line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchLine {
    /// 1-based line number in the input.
    pub line: usize,
    /// The address as written (for a line that could not be read: its escaped beginning).
    pub input: String,
    /// The `--check` URLs of the second column.
    pub checks: Vec<String>,
    /// Why the line itself could not be read (longer than [`MAX_INPUT_LINE`], not UTF-8):
    /// it becomes that line's invalid record.
    pub error: Option<String>,
}

/// Longest input line kept, in bytes (an address is at most 254 octets, RFC 5321, plus a
/// few `--check` URLs). Of a longer line only this much is ever held in memory; the line
/// becomes its invalid record.
pub const MAX_INPUT_LINE: usize = 4096;
/// How much of an unreadable line an invalid record shows, in characters.
const SHOWN_CHARS: usize = 64;

/// Parses batch input text: comments, blank lines, optional check column.
pub fn parse_input(text: &str) -> Vec<BatchLine> {
    split_lines(text.as_bytes()).unwrap_or_default()
}

/// Reads batch input as bytes and splits the lines itself: a UTF-8 byte order mark at the
/// start is dropped, CRLF and LF both end a line, a line that is not UTF-8 or is longer
/// than [`MAX_INPUT_LINE`] becomes an invalid line (the others still run), and memory stays
/// bounded by the line cap whatever the input holds.
pub fn split_lines(mut input: impl std::io::BufRead) -> std::io::Result<Vec<BatchLine>> {
    let mut lines = Vec::new();
    let mut buf: Vec<u8> = Vec::new();
    let mut dropped = false;
    let mut number = 0;
    loop {
        let chunk = input.fill_buf()?;
        if chunk.is_empty() {
            if !buf.is_empty() || dropped {
                number += 1;
                lines.extend(decode_line(number, &buf, dropped));
            }
            return Ok(lines);
        }
        let (part, end_of_line) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (&chunk[..i], true),
            None => (chunk, false),
        };
        let room = (MAX_INPUT_LINE + 1).saturating_sub(buf.len());
        if part.len() > room {
            dropped = true;
        }
        buf.extend_from_slice(&part[..part.len().min(room)]);
        let used = part.len() + usize::from(end_of_line);
        input.consume(used);
        if end_of_line {
            number += 1;
            lines.extend(decode_line(number, &buf, dropped));
            buf.clear();
            dropped = false;
        }
    }
}

/// One raw line (without its LF; `dropped` when bytes beyond the cap were skipped) as a
/// [`BatchLine`], or `None` for a blank or comment line.
fn decode_line(number: usize, raw: &[u8], dropped: bool) -> Option<BatchLine> {
    let raw = if number == 1 {
        raw.strip_prefix(b"\xef\xbb\xbf").unwrap_or(raw)
    } else {
        raw
    };
    let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
    // Blank or comment-only, judged on bytes so a comment may hold anything.
    let before_comment = raw.split(|&b| b == b'#').next().unwrap_or_default();
    if before_comment.trim_ascii().is_empty() {
        return None;
    }
    let shown = || {
        let text = String::from_utf8_lossy(raw);
        let mut s: String = text.trim().chars().take(SHOWN_CHARS).collect();
        if text.trim().chars().nth(SHOWN_CHARS).is_some() || dropped {
            s.push('…');
        }
        crate::report::escape(&s)
    };
    let invalid = |error: String| BatchLine {
        line: number,
        input: shown(),
        checks: Vec::new(),
        error: Some(error),
    };
    if dropped || raw.len() > MAX_INPUT_LINE {
        return Some(invalid(format!(
            "line {number} is longer than {MAX_INPUT_LINE} bytes; not read"
        )));
    }
    let Ok(text) = std::str::from_utf8(raw) else {
        return Some(invalid(format!("line {number} is not valid UTF-8")));
    };
    let content = text.split('#').next().unwrap_or_default().trim();
    if content.is_empty() {
        return None;
    }
    let (addr, checks) = match content.split_once(',') {
        Some((a, c)) => (a.trim(), c.split_whitespace().map(str::to_owned).collect()),
        None => (content, Vec::new()),
    };
    Some(BatchLine {
        line: number,
        input: addr.to_owned(),
        checks,
        error: None,
    })
}

/// `--shard K/N`: the part of a batch one machine diagnoses. A line belongs to shard
/// `shard_of(domain, N)`, so every line of a domain lands on the same machine (the
/// per-domain sharing of discovery and probes keeps working) and N machines given the same
/// input together diagnose every line exactly once. Records keep their input line numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// 1-based shard number K.
    pub index: u64,
    /// Number of shards N.
    pub count: u64,
}

impl std::str::FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("--shard '{s}': expected K/N with 1 <= K <= N, e.g. 2/8");
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let index: u64 = k.trim().parse().map_err(|_| bad())?;
        let count: u64 = n.trim().parse().map_err(|_| bad())?;
        if index == 0 || count == 0 || index > count {
            return Err(bad());
        }
        Ok(Self { index, count })
    }
}

impl Shard {
    /// Whether this shard diagnoses `line`.
    pub fn keeps(&self, line: &BatchLine) -> bool {
        shard_of(&shard_key(line), self.count) == self.index
    }
}

/// The key a line is sharded by: the address's domain in its normalised ASCII (IDNA) form,
/// lowercase; for a line that is not a valid address, the text after its last `@` (or the
/// whole line), trimmed and lowercased.
fn shard_key(line: &BatchLine) -> String {
    match EmailAddress::parse(&line.input) {
        Ok(a) if line.error.is_none() => a.domain.to_ascii_lowercase(),
        _ => {
            let text = line.input.trim();
            let domain = text.rsplit_once('@').map_or(text, |(_, d)| d);
            domain.trim_end_matches('.').to_lowercase()
        }
    }
}

/// The shard (1…`count`) of a key: FNV-1a 64-bit (offset basis 0xcbf29ce484222325, prime
/// 0x100000001b3) over the key's UTF-8 bytes, modulo `count`, plus one. A fixed, documented
/// function, independent of the platform, the Rust version and this program's version, so
/// every machine computes the same split.
pub fn shard_of(key: &str, count: u64) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h % count.max(1) + 1
}

/// Output format of batch records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum BatchFormat {
    /// One JSON document (the `--json` report) per line.
    #[default]
    Ndjson,
    /// One CSV row per address with the main settings and the finding codes.
    Csv,
}

/// A line that could not be diagnosed (malformed address or check URL).
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct BatchError {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Input line number.
    pub line: usize,
    /// The text of the line.
    pub input: String,
    /// Always `invalid`.
    pub status: &'static str,
    /// Why.
    pub error: String,
}

/// Counts for the summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Status ok.
    pub ok: usize,
    /// Status warning.
    pub warning: usize,
    /// Status error.
    pub broken: usize,
    /// Lines that could not be parsed.
    pub invalid: usize,
}

impl Summary {
    /// Total records.
    pub fn total(&self) -> usize {
        self.ok + self.warning + self.broken + self.invalid
    }
}

/// Shares probe results between addresses: every endpoint is probed at most once per batch;
/// concurrent requests for the same endpoint wait for the first.
///
/// Load must never change a verdict: when an endpoint fails the way a server at its
/// connection limit fails (closes at once, says nothing, refuses the session, stops
/// answering after the connect), its server address gets fewer connections at once
/// ([`crate::net::budget::Budget::congested`]) and the endpoint is probed again after a
/// back-off, up to [`LOAD_RETRIES`] times, before the failure is believed. A failure of
/// this computer (out of sockets) is never kept: the next address probes again.
#[derive(Debug, Default)]
pub struct ProbeCache {
    cells: Mutex<HashMap<Endpoint, Arc<OnceCell<Vec<ProbeResult>>>>>,
}

/// Extra probes of an endpoint that failed the way a loaded server fails.
pub const LOAD_RETRIES: u32 = 2;

/// Whether a probe failed the way a server at its connection limit (or this computer out
/// of sockets) makes it fail, rather than the way a broken server does.
pub fn load_failure(r: &ProbeResult) -> bool {
    use crate::model::{FailureKind as K, Step};
    let Some((step, f)) = r.connection_failure() else {
        return false;
    };
    match (&f.kind, step) {
        (K::LocalResources | K::ConnectionClosed | K::NoGreeting, _) => true,
        // Closed or reset during the TLS handshake (implicit TLS ports at their limit);
        // a server whose TLS is really broken fails the same way again.
        (K::HandshakeFailed, _) => true,
        // "421 too many connections", "* BYE", "-ERR [SYS/TEMP]" at the greeting.
        (K::ProtocolError, Step::Greeting) => f.message.starts_with("the server refused"),
        // Connected, then silence: a server busy with other clients.
        (K::Timeout, s) => s != Step::Connect,
        _ => false,
    }
}

/// Whether retry `attempt` (1, 2, …) of a probe that ended as `r` is worth making: every
/// load failure up to [`LOAD_RETRIES`], and a connect timeout once. A full accept queue (a
/// server, or this computer's loopback, flooded with connections) drops SYNs the way a
/// firewall does; one more try tells the two apart at the cost of one timeout for an
/// endpoint that really is firewalled (probed once per batch).
fn worth_retry(r: &ProbeResult, attempt: u32) -> bool {
    use crate::model::{FailureKind as K, Step};
    load_failure(r)
        || (attempt == 1
            && r.connection_failure()
                .is_some_and(|(s, f)| s == Step::Connect && f.kind == K::Timeout))
}

impl ProbeCache {
    /// Probes the endpoints not probed yet and returns results for all of them.
    pub async fn probe(&self, net: &Net, endpoints: Vec<Endpoint>) -> Vec<ProbeResult> {
        let cells: Vec<(Endpoint, Arc<OnceCell<Vec<ProbeResult>>>)> = {
            let mut map = match self.cells.lock() {
                Ok(m) => m,
                Err(poisoned) => poisoned.into_inner(),
            };
            endpoints
                .into_iter()
                .map(|e| {
                    let cell = map.entry(e.clone()).or_default().clone();
                    (e, cell)
                })
                .collect()
        };
        let futs = cells.iter().map(|(e, cell)| async move {
            let results = cell.get_or_init(|| probe_patiently(net, e)).await.clone();
            if results.iter().any(|r| {
                r.connection_failure()
                    .is_some_and(|(_, f)| f.kind == crate::model::FailureKind::LocalResources)
            }) {
                // This computer's problem: not this endpoint's result for later addresses.
                let mut map = self.cells.lock().unwrap_or_else(PoisonError::into_inner);
                if map.get(e).is_some_and(|c| Arc::ptr_eq(c, cell)) {
                    map.remove(e);
                }
            }
            results
        });
        let mut out: Vec<ProbeResult> = futures_util::future::join_all(futs)
            .await
            .into_iter()
            .flatten()
            .collect();
        out.sort_by(|a, b| a.endpoint.cmp(&b.endpoint).then(a.addr.cmp(&b.addr)));
        out
    }
}

/// Probes one endpoint; while it fails the way a loaded server fails, lowers the
/// concurrency towards its addresses, backs off and probes it again.
async fn probe_patiently(net: &Net, e: &Endpoint) -> Vec<ProbeResult> {
    let mut results = crate::probe::run(net, vec![e.clone()]).await;
    for attempt in 1..=LOAD_RETRIES {
        let loaded: Vec<std::net::IpAddr> = results
            .iter()
            .filter(|r| worth_retry(r, attempt))
            .filter_map(|r| r.addr.map(|a| a.ip()))
            .collect();
        if loaded.is_empty() {
            break;
        }
        for ip in &loaded {
            net.connector.budget().congested(*ip);
        }
        tokio::time::sleep(std::time::Duration::from_millis(200 << attempt)).await;
        results = crate::probe::run(net, vec![e.clone()]).await;
    }
    results
}

/// One finished record.
#[derive(Debug)]
pub enum Record {
    /// A diagnosed address.
    Report(Box<Report>),
    /// A line that could not be diagnosed.
    Invalid(BatchError),
}

/// Passwords for batch logins, per address from `--password-file`. An address the file
/// does not list has no password and never logs in. Never from the input file.
#[derive(Debug, Clone, Default)]
pub struct PasswordBook {
    by_address: HashMap<String, Secret>,
}

impl PasswordBook {
    /// Reads `ADDRESS<TAB>PASSWORD` lines ('#' comments, blank lines ignored). Refuses a
    /// file that group or others may read. An error names the line and what is wrong but
    /// never quotes the line: with the columns swapped the first column is the password.
    pub fn load(path: &std::path::Path) -> Result<Self, crate::error::Error> {
        use std::os::unix::fs::PermissionsExt;
        let meta = std::fs::metadata(path).map_err(|e| {
            crate::usage!("usage-password-file-read", path = path.display(), error = e)
        })?;
        let mode = meta.permissions().mode();
        if mode & 0o077 != 0 {
            return Err(crate::usage!(
                "usage-password-file-mode",
                path = path.display(),
                mode = format!("{:o}", mode & 0o777)
            ));
        }
        let bytes = std::fs::read(path).map_err(|e| {
            crate::usage!("usage-password-file-read", path = path.display(), error = e)
        })?;
        let book = Self::parse(&bytes).map_err(|(line, id)| {
            crate::error::Error::Usage(crate::error::Usage {
                id,
                args: vec![
                    ("path", path.display().to_string()),
                    ("line", line.to_string()),
                ],
            })
        });
        // Best effort: do not leave the passwords in the freed buffer.
        let mut bytes = bytes;
        bytes.fill(0);
        book
    }

    /// Parses the file's bytes; an error is (line number, the catalog message saying what is
    /// wrong: `usage-password-file-…`, variables `path` and `line`), never the text.
    fn parse(bytes: &[u8]) -> Result<Self, (usize, &'static str)> {
        let mut book = Self::default();
        for (i, raw) in bytes.split(|&b| b == b'\n').enumerate() {
            let number = i + 1;
            let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
            let raw = if number == 1 {
                raw.strip_prefix(b"\xef\xbb\xbf").unwrap_or(raw)
            } else {
                raw
            };
            let trimmed = raw.trim_ascii_start();
            if trimmed.is_empty() || trimmed.starts_with(b"#") {
                continue;
            }
            let Ok(line) = std::str::from_utf8(raw) else {
                return Err((number, "usage-password-file-not-utf8"));
            };
            let Some((addr, pw)) = line.split_once('\t') else {
                return Err((number, "usage-password-file-no-tab"));
            };
            let Ok(addr) = EmailAddress::parse(addr.trim()) else {
                return Err((number, "usage-password-file-address"));
            };
            if pw.is_empty() {
                return Err((number, "usage-password-file-empty-password"));
            }
            book.by_address
                .insert(addr.ascii().to_ascii_lowercase(), Secret::new(pw));
        }
        Ok(book)
    }

    /// The password for an address, if any.
    pub fn get(&self, addr: &EmailAddress) -> Option<&Secret> {
        self.by_address.get(&addr.ascii().to_ascii_lowercase())
    }
}

fn prepare(line: &BatchLine, passwords: &PasswordBook) -> Result<Request, String> {
    if let Some(e) = &line.error {
        return Err(e.clone());
    }
    let address = EmailAddress::parse(&line.input).map_err(|e| e.to_string())?;
    let checks = line
        .checks
        .iter()
        .map(|c| parse_check_url(c).map_err(|e| e.to_string()))
        .collect::<Result<Vec<_>, _>>()?;
    let credentials = passwords.get(&address).map(|pw| Credentials {
        password: pw.clone(),
        try_usernames: false,
        allow_untrusted_host: false,
        autodiscover_auth: false,
    });
    Ok(Request {
        address,
        checks,
        credentials,
    })
}

/// Diagnoses every line with at most `jobs` addresses in flight, calling `emit` with each
/// record as soon as it is finished (completion order). Returns the counts.
///
/// Every address runs as its own task, so the runtime's worker threads share the work
/// (analysis, reports and TLS of many addresses at once use every core). Dropping the
/// returned future (Ctrl-C) aborts the addresses still running.
pub async fn run(
    ctx: Arc<Context>,
    lines: Vec<BatchLine>,
    jobs: usize,
    passwords: Arc<PasswordBook>,
    mut emit: impl FnMut(Record) -> std::io::Result<()>,
) -> std::io::Result<Summary> {
    use futures_util::stream::{self, StreamExt};
    // A resolver that drops a query under load gets a second chance (never NXDOMAIN).
    ctx.net.dns.set_retry_timeouts(true);
    // Discovery's HTTP answers once per domain, shared by its addresses (crate::share).
    ctx.http.share_responses(true);
    // A web server at its connection limit gets a second and third try (crate::http).
    ctx.http.set_load_retries(true);
    let cache = Arc::new(ProbeCache::default());
    let mut summary = Summary::default();
    let mut records = stream::iter(lines)
        .map(|line| {
            let (ctx, cache, passwords) = (ctx.clone(), cache.clone(), passwords.clone());
            let (number, input) = (line.line, line.input.clone());
            let task = tokio::spawn(async move { diagnose(&ctx, &cache, &passwords, line).await });
            async move {
                match AbortOnDrop(task).join().await {
                    Ok(record) => record,
                    // A panic in one address is a bug: let it end the run as it would
                    // have without the task.
                    Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
                    // Aborted only while the runtime shuts down.
                    Err(_) => Record::Invalid(BatchError {
                        schema_version: SCHEMA_VERSION,
                        line: number,
                        input,
                        status: "invalid",
                        error: "interrupted".to_owned(),
                    }),
                }
            }
        })
        .buffer_unordered(jobs.max(1));
    while let Some(record) = records.next().await {
        match &record {
            Record::Report(r) => match r.status {
                Status::Ok => summary.ok += 1,
                Status::Warning => summary.warning += 1,
                Status::Error => summary.broken += 1,
            },
            Record::Invalid(_) => summary.invalid += 1,
        }
        emit(record)?;
    }
    Ok(summary)
}

/// One line's record.
async fn diagnose(
    ctx: &Context,
    cache: &ProbeCache,
    passwords: &PasswordBook,
    line: BatchLine,
) -> Record {
    match prepare(&line, passwords) {
        // A login needs its own probe run (it picks its server from it); an address
        // without a password shares the batch's probe cache.
        Ok(req) if req.credentials.is_some() => {
            Record::Report(Box::new(run_cached(ctx, &req, None).await))
        }
        Ok(req) => Record::Report(Box::new(run_cached(ctx, &req, Some(cache)).await)),
        Err(error) => Record::Invalid(BatchError {
            schema_version: SCHEMA_VERSION,
            line: line.line,
            input: line.input,
            status: "invalid",
            error,
        }),
    }
}

/// A spawned address that is aborted when its handle is dropped (the batch was stopped).
struct AbortOnDrop<T>(tokio::task::JoinHandle<T>);

impl<T> AbortOnDrop<T> {
    async fn join(mut self) -> Result<T, tokio::task::JoinError> {
        (&mut self.0).await
    }
}

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// CSV header row. The first 13 columns are the original layout (kept, so scripts that
/// read columns by position keep working); the columns after `error` were added with the
/// verdict: the verdict, one host/port/security triple per incoming protocol (the best
/// setting of each), and the login outcome per protocol (`imap:ok;smtp:withheld`).
pub const CSV_HEADER: [&str; 21] = [
    "address",
    "status",
    "provider",
    "incoming_protocol",
    "incoming_host",
    "incoming_port",
    "incoming_security",
    "outgoing_host",
    "outgoing_port",
    "outgoing_security",
    "username",
    "findings",
    "error",
    "verdict",
    "imap_host",
    "imap_port",
    "imap_security",
    "pop3_host",
    "pop3_port",
    "pop3_security",
    "login",
];

/// Writes one record in the chosen format, flushing so nothing finished is ever lost.
pub fn write_record(
    record: &Record,
    format: BatchFormat,
    out: &mut impl Write,
) -> std::io::Result<()> {
    match format {
        BatchFormat::Ndjson => {
            // One write per record: a reader never sees half a line from us.
            let mut line = Vec::new();
            match record {
                Record::Report(r) => crate::report::json::to_writer(&mut line, r, false)?,
                Record::Invalid(e) => crate::report::json::to_writer(&mut line, e, false)?,
            }
            line.push(b'\n');
            out.write_all(&line)?;
        }
        BatchFormat::Csv => {
            let bytes = csv_line(&csv_row(record))?;
            out.write_all(&bytes)?;
        }
    }
    out.flush()
}

/// One CSV line (RFC 4180 quoting by the `csv` crate), newline included.
pub fn csv_line<S: AsRef<[u8]>>(fields: &[S]) -> std::io::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(fields).map_err(std::io::Error::other)?;
    w.into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))
}

/// One CSV cell made safe to open in a spreadsheet (OWASP "CSV Injection"): control
/// characters (ESC, BEL, NUL, C1, …) and invisible formatting characters are escaped as
/// `\xNN`/`\u{..}` ([`crate::report::escape`]), and a cell that would start with `=`, `+`,
/// `-`, `@`, TAB or CR gets a leading `'` so no spreadsheet reads it as a formula.
pub fn csv_cell(s: &str) -> String {
    let escaped = crate::report::escape(s);
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{escaped}")
    } else {
        escaped
    }
}

/// The cells of a record, each through [`csv_cell`]: input lines, server-chosen user names
/// and error texts alike.
fn csv_row(record: &Record) -> Vec<String> {
    csv_fields(record).iter().map(|c| csv_cell(c)).collect()
}

fn csv_fields(record: &Record) -> Vec<String> {
    match record {
        Record::Invalid(e) => {
            let mut row = vec![String::new(); CSV_HEADER.len()];
            row[0] = e.input.clone();
            row[1] = "invalid".to_owned();
            row[12] = e.error.clone();
            row
        }
        Record::Report(r) => {
            let inc = r.settings.incoming.first();
            let out = r.settings.outgoing.first();
            let status = match r.status {
                Status::Ok => "ok",
                Status::Warning => "warning",
                Status::Error => "error",
            };
            // Codes once each, in the report's order (most severe first).
            let mut codes: Vec<&str> = Vec::new();
            for f in &r.findings {
                if !codes.contains(&f.code) {
                    codes.push(f.code);
                }
            }
            let best = |p: Protocol| r.settings.incoming.iter().find(|s| s.protocol == p);
            let triple = |s: Option<&Setting>| {
                [
                    s.map(|s| s.host.clone()).unwrap_or_default(),
                    s.map(|s| s.port.to_string()).unwrap_or_default(),
                    s.map(|s| s.security.as_str().to_owned())
                        .unwrap_or_default(),
                ]
            };
            let mut logins: Vec<String> = Vec::new();
            for p in [Protocol::Imap, Protocol::Pop3, Protocol::Smtp] {
                let setting = r
                    .settings
                    .incoming
                    .iter()
                    .chain(&r.settings.outgoing)
                    .find(|s| s.protocol == p);
                if let Some(s) = setting {
                    logins.push(format!("{}:{}", p.as_str(), login_name(s.login)));
                }
            }
            let mut row = vec![
                r.address.input.clone(),
                status.to_owned(),
                r.provider
                    .as_ref()
                    .map(|p| p.id.clone())
                    .unwrap_or_default(),
                inc.map(|s| s.protocol.as_str().to_owned())
                    .unwrap_or_default(),
                inc.map(|s| s.host.clone()).unwrap_or_default(),
                inc.map(|s| s.port.to_string()).unwrap_or_default(),
                inc.map(|s| s.security.as_str().to_owned())
                    .unwrap_or_default(),
                out.map(|s| s.host.clone()).unwrap_or_default(),
                out.map(|s| s.port.to_string()).unwrap_or_default(),
                out.map(|s| s.security.as_str().to_owned())
                    .unwrap_or_default(),
                inc.or(out).map(|s| s.username.clone()).unwrap_or_default(),
                codes.join(";"),
                String::new(),
                verdict_name(r.verdict).to_owned(),
            ];
            row.extend(triple(best(Protocol::Imap)));
            row.extend(triple(best(Protocol::Pop3)));
            row.push(logins.join(";"));
            row
        }
    }
}

/// The verdict as in JSON.
pub fn verdict_name(v: Verdict) -> &'static str {
    match v {
        Verdict::Works => "works",
        Verdict::Reachable => "reachable",
        Verdict::Partial => "partial",
        Verdict::Broken => "broken",
        Verdict::Unverified => "unverified",
    }
}

fn login_name(l: LoginState) -> &'static str {
    match l {
        LoginState::Ok => "ok",
        LoginState::Failed => "failed",
        LoginState::NotTested => "not_tested",
        LoginState::Withheld => "withheld",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failed_at(step: crate::model::Step, kind: crate::model::FailureKind) -> ProbeResult {
        use crate::model::{Failure, Security, StepResult, StepStatus};
        ProbeResult {
            endpoint: Endpoint::new(Protocol::Imap, "imap.example.com", 993, Security::Tls),
            addr: Some(std::net::SocketAddr::from(([127, 0, 0, 1], 993))),
            steps: vec![StepResult {
                step,
                status: StepStatus::Failed(Failure {
                    kind,
                    message: "x".into(),
                }),
                elapsed_ms: 1,
            }],
            greeting: None,
            capabilities: vec![],
            capabilities_after_tls: vec![],
            tls: None,
            elapsed_ms: 1,
            auth_mechanisms: vec![],
            login: None,
            transcript: vec![],
        }
    }

    #[test]
    fn a_connect_timeout_is_retried_once_and_load_failures_up_to_the_limit() {
        use crate::model::{FailureKind as K, Step};
        let timeout = failed_at(Step::Connect, K::Timeout);
        assert!(worth_retry(&timeout, 1));
        assert!(!worth_retry(&timeout, 2));
        let busy = failed_at(Step::Greeting, K::Timeout);
        assert!((1..=LOAD_RETRIES).all(|a| worth_retry(&busy, a)));
        let refused = failed_at(Step::Connect, K::Refused);
        assert!(!worth_retry(&refused, 1));
    }

    #[test]
    fn input_skips_comments_and_blank_lines_and_reads_checks() {
        let lines = parse_input(
            "# helpdesk list\n\nalice@example.com\n  bob@example.org , imaps://imap.example.org pop3s://pop.example.org # vip\n#x@y.z\n",
        );
        assert_eq!(lines.len(), 2);
        assert_eq!(
            lines[0],
            BatchLine {
                line: 3,
                input: "alice@example.com".into(),
                checks: vec![],
                error: None,
            }
        );
        assert_eq!(lines[1].line, 4);
        assert_eq!(lines[1].input, "bob@example.org");
        assert_eq!(
            lines[1].checks,
            vec!["imaps://imap.example.org", "pop3s://pop.example.org"]
        );
    }

    #[test]
    fn input_bytes_bom_crlf_invalid_utf8_and_overlong_lines() {
        let mut input =
            b"\xef\xbb\xbfa@example.com\r\n\xff\xfe@x.example\n# \xff comment\n".to_vec();
        input.extend(vec![b'y'; MAX_INPUT_LINE * 3]);
        input.extend(b"@example.com\n\xef\xbb\xbfb@example.com\nlast@example.com");
        let lines = split_lines(&input[..]).unwrap();
        let brief: Vec<(usize, &str, bool)> = lines
            .iter()
            .map(|l| (l.line, l.input.as_str(), l.error.is_some()))
            .collect();
        assert_eq!(brief[0], (1, "a@example.com", false), "BOM and CR dropped");
        assert_eq!((brief[1].0, brief[1].2), (2, true));
        assert!(lines[1].error.as_deref().unwrap().contains("UTF-8"));
        assert_eq!(lines[1].input, "\u{fffd}\u{fffd}@x.example");
        assert_eq!((brief[2].0, brief[2].2), (4, true), "line 3 is a comment");
        assert!(lines[2].error.as_deref().unwrap().contains("longer than"));
        assert!(lines[2].input.chars().count() <= SHOWN_CHARS + 1);
        // A BOM after the first line is not dropped: that address is malformed.
        assert_eq!(brief[3], (5, "\u{feff}b@example.com", false));
        assert_eq!(brief[4], (6, "last@example.com", false));
        assert_eq!(lines.len(), 5);
    }

    /// Issue 13.6b: with the columns swapped the first column is the password; no error
    /// quotes any column, only the line number and what is wrong.
    #[test]
    fn password_file_errors_never_quote_the_line() {
        use std::os::unix::fs::PermissionsExt;
        let load = |content: &[u8]| {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("pw");
            std::fs::write(&path, content).unwrap();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
            PasswordBook::load(&path)
                .map(|_| ())
                .map_err(|e| e.to_string())
        };
        let secret = "S3cret-pw";
        for (content, line, what) in [
            (format!("# ok\n{secret}\talice@example.com\n"), 2, "swapped"),
            (
                format!("alice@example.com\t{secret}\n{secret} x\n"),
                2,
                "TAB",
            ),
            (
                format!("alice@example.com\t{secret}\n{secret}@\tpw\n"),
                2,
                "swapped",
            ),
            ("alice@example.com\t\n".to_owned(), 1, "empty"),
        ] {
            let err = load(content.as_bytes()).unwrap_err();
            assert!(!err.contains(secret), "{err}");
            assert!(!err.contains("alice"), "{err}");
            assert!(err.contains(&format!("line {line}:")), "{err}");
            assert!(err.contains(what), "{err}");
        }
        let err = load(b"alice@example.com\tS3cret-\xff\n").unwrap_err();
        assert!(err.contains("line 1: not valid UTF-8"), "{err}");
        assert!(!err.contains("S3cret"), "{err}");
        // BOM, CRLF, comments: fine; the password is taken as is.
        let book = {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("pw");
            std::fs::write(&path, "\u{feff}Alice@Example.com\tp w\r\n# c\n\n").unwrap();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
            PasswordBook::load(&path).unwrap()
        };
        let a = EmailAddress::parse("alice@example.com").unwrap();
        assert_eq!(book.get(&a).unwrap().expose(), "p w");
        assert!(
            book.get(&EmailAddress::parse("bob@example.com").unwrap())
                .is_none()
        );
    }

    #[test]
    fn csv_cells_never_start_a_formula_nor_carry_controls() {
        for (raw, want) in [
            ("=1+2", "'=1+2"),
            ("+1", "'+1"),
            ("-alice@example.com", "'-alice@example.com"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=x", "'\\x09=x"),
            ("\rx", "'\\x0dx"),
            ("a\u{1b}[31mb\u{7}\u{0}\u{9b}", "a\\x1b[31mb\\x07\\x00\\x9b"),
            ("x\u{202e}y", "x\\u{202e}y"),
            ("alice@example.com", "alice@example.com"),
            ("imap:ok;smtp:failed", "imap:ok;smtp:failed"),
            ("", ""),
        ] {
            assert_eq!(csv_cell(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn invalid_lines_become_csv_rows_with_the_error() {
        let rec = Record::Invalid(BatchError {
            schema_version: 1,
            line: 2,
            input: "nope".into(),
            status: "invalid",
            error: "'nope' is not an email address".into(),
        });
        let mut out = Vec::new();
        write_record(&rec, BatchFormat::Csv, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "nope,invalid,,,,,,,,,,,'nope' is not an email address,,,,,,,,\n"
        );
        let rec = Record::Invalid(BatchError {
            schema_version: 1,
            line: 3,
            input: "=2+5\u{1b}".into(),
            status: "invalid",
            error: "-\u{7} bad".into(),
        });
        let mut out = Vec::new();
        write_record(&rec, BatchFormat::Csv, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "'=2+5\\x1b,invalid,,,,,,,,,,,'-\\x07 bad,,,,,,,,\n"
        );
    }
}
