//! Running the real `maildoctor` binary hermetically.
//!
//! [`maildoctor_cmd`] gives a `Command` with a fresh empty `HOME` (and XDG dirs inside it),
//! `NO_COLOR=1`, `LANG=C`/`LC_ALL=C`, and no `MAILDOCTOR_*`, `SSL_CERT_*`, `RUST_LOG` or
//! `COLUMNS` variables inherited. [`run`] / [`run_json`] execute it with a hard timeout, reading
//! stdout and stderr concurrently.
//!
//! ```ignore
//! let dns = TestDns::builder().zone("example.com") /* … */ .start();
//! let (code, json, stderr) = run_json([
//!     "--resolver", &dns.resolver_arg(),
//!     "--ca-file", pki.ca_pem_path().to_str().unwrap(),
//!     "--connect-to", &connect_to("imap.example.com", 993, imap.addr),
//!     "--timeout", "2",
//!     "user@example.com",
//! ]);
//! ```

use std::ffi::OsStr;
use std::io::Read;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// Longest a [`run`] may take before the child is killed and the test fails.
pub const RUN_TIMEOUT: Duration = Duration::from_secs(60);

/// Path of the binary under test (built by cargo for this test target).
pub fn maildoctor_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_maildoctor"))
}

/// A fresh, empty directory under cargo's per-target temp dir (`target/tmp`), kept after the
/// test so a failing run can be inspected; `cargo clean` removes it.
pub fn fresh_home() -> PathBuf {
    tempfile::Builder::new()
        .prefix("home-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .expect("temp HOME")
        .keep()
}

/// `maildoctor` with a hermetic environment (see the module docs); add arguments and run.
/// `tests/fixtures/providers`: test-only provider files (the fictional
/// `bigprovider.example`), never embedded in the binary; tests pass it with `--providers`.
pub fn fixture_providers_dir() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/providers").to_owned()
}

pub fn maildoctor_cmd() -> Command {
    let home = fresh_home();
    let mut cmd = Command::new(maildoctor_bin());
    for (key, _) in std::env::vars_os() {
        let k = key.to_string_lossy();
        // COLUMNS sets the table width: tests that want one set it themselves.
        if k.starts_with("MAILDOCTOR_")
            || k.starts_with("SSL_CERT_")
            || k == "RUST_LOG"
            || k == "COLUMNS"
        {
            cmd.env_remove(&key);
        }
    }
    cmd.env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_CACHE_HOME", home.join(".cache"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("NO_COLOR", "1")
        .env("TERM", "dumb")
        .env("LANG", "C")
        .env("LC_ALL", "C")
        .stdin(Stdio::null());
    cmd
}

/// The outcome of one run.
#[derive(Debug, Clone)]
pub struct Run {
    /// Exit code (a run killed by a signal fails the test instead).
    pub code: i32,
    /// Standard output, lossily decoded.
    pub stdout: String,
    /// Standard error, lossily decoded.
    pub stderr: String,
}

/// Runs `cmd` to completion (killing it after [`RUN_TIMEOUT`]) and collects its output.
pub fn run_cmd(mut cmd: Command) -> Run {
    let started = Instant::now();
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn {cmd:?}: {e}"));
    let drain = |mut r: Box<dyn Read + Send>| {
        thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = r.read_to_end(&mut buf);
            String::from_utf8_lossy(&buf).into_owned()
        })
    };
    let out = drain(Box::new(child.stdout.take().expect("stdout")));
    let err = drain(Box::new(child.stderr.take().expect("stderr")));
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > RUN_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "{cmd:?} still running after {RUN_TIMEOUT:?}; stderr so far:\n{}",
                err.join().unwrap_or_default()
            );
        }
        thread::sleep(Duration::from_millis(10));
    };
    let stdout = out.join().expect("stdout reader");
    let stderr = err.join().expect("stderr reader");
    let code = status
        .code()
        .unwrap_or_else(|| panic!("{cmd:?} killed by a signal ({status}); stderr:\n{stderr}"));
    Run {
        code,
        stdout,
        stderr,
    }
}

/// Runs `maildoctor ARGS…` hermetically.
pub fn run<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut cmd = maildoctor_cmd();
    cmd.args(args);
    run_cmd(cmd)
}

/// Runs `maildoctor --json ARGS…` and parses stdout as one JSON document.
///
/// Returns `(exit code, JSON, stderr)`. Panics, showing stdout and stderr, if stdout is not
/// valid JSON.
pub fn run_json<I, S>(args: I) -> (i32, serde_json::Value, String)
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut cmd = maildoctor_cmd();
    cmd.arg("--json").args(args);
    let r = run_cmd(cmd);
    let json = serde_json::from_str(&r.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}); exit {}\n--- stdout\n{}\n--- stderr\n{}",
            r.code, r.stdout, r.stderr
        )
    });
    // Every document any test produces must match the published schema.
    super::schema::assert_document(&json);
    (r.code, json, r.stderr)
}

/// `HOST:PORT:IP:PORT` for `--connect-to` (curl semantics): connections to `host:port` go to
/// `to` instead, TLS still checks `host`.
pub fn connect_to(host: &str, port: u16, to: SocketAddr) -> String {
    format!("{host}:{port}:{}:{}", to.ip(), to.port())
}
