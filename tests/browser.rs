//! Browser tier (issue 14): the `--format html` report of the in-process healthy lab and of a
//! broken one (a refused password, hostile server text, `--verbose` transcripts) rendered by
//! Debian's headless chromium, with name resolution disabled (`--host-resolver-rules="MAP *
//! ~NOTFOUND"`), so the page must need no network.
//!
//! Gated by `MAILDOCTOR_BROWSER_TESTS=1` (set by `.ci/run`; `scripts/test` then installs
//! chromium with `tests/browser/install-deps`). Without the variable the test returns at once;
//! with it, a missing chromium is a **failure**. Checks, per report:
//!
//! * `--dump-dom`: the page renders whole (verdict, card, every finding code, footer), holds
//!   no `<script>`, and chromium logs no console message (no error, no Content-Security-Policy
//!   violation, which is what any attempt to load something would log);
//! * the layout at phone width: a test-only harness page (not the report) puts the report in a
//!   390 px wide `<iframe srcdoc>` and measures it with a script: the document is no wider
//!   than its viewport and no element sticks out on the right (no horizontal scrolling);
//! * screenshots at 390×844 (phone) and 1280×800 (desktop), whose PNG sizes must be the
//!   window sizes. They and the pages are kept in `target/browser-artifacts/` to look at.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::e2e_share::{Case, healthy, hostile};

const GATE: &str = "MAILDOCTOR_BROWSER_TESTS";

/// Longest one chromium run may take.
const CHROMIUM_TIMEOUT: Duration = Duration::from_secs(90);

/// `chromium` on `PATH`; panics (with what to run) when it is not there.
fn chromium() -> PathBuf {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join("chromium"))
            .find(|p| p.is_file())
    });
    found.unwrap_or_else(|| {
        panic!(
            "{GATE}=1 but chromium is not installed: run tests/browser/install-deps (as root), \
             or unset {GATE}"
        )
    })
}

/// `target/browser-artifacts/`, created.
fn artifacts() -> PathBuf {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .map_or_else(|| PathBuf::from("target"), Path::to_path_buf);
    let dir = target.join("browser-artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// What one chromium run printed.
struct Output {
    stdout: String,
    stderr: String,
}

/// Runs headless chromium on `page` with the tier's flags plus `extra`, in a fresh profile.
fn run_chromium(bin: &Path, page: &Path, extra: &[&str]) -> Output {
    let profile = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(bin);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--enable-logging=stderr",
        "--v=0",
    ])
    .arg(format!("--user-data-dir={}", profile.path().display()))
    .args(extra)
    .arg(format!("file://{}", page.display()))
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let started = Instant::now();
    let mut child = cmd.spawn().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    let read = |r: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut r) = r {
                let _ = r.read_to_end(&mut buf);
            }
            String::from_utf8_lossy(&buf).into_owned()
        })
    };
    let out = read(child.stdout.take().map(|s| Box::new(s) as _));
    let err = read(child.stderr.take().map(|s| Box::new(s) as _));
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "{cmd:?}: {status}");
            break;
        }
        if started.elapsed() > CHROMIUM_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{cmd:?} still running after {CHROMIUM_TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Output {
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    }
}

/// Console messages, script errors and blocked loads chromium logged.
fn console_problems(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| {
            [
                "CONSOLE",
                "Uncaught",
                "Refused",
                "violates",
                "Failed to load resource",
            ]
            .iter()
            .any(|w| l.contains(w))
        })
        .collect()
}

/// Width and height of a PNG (from its IHDR chunk).
fn png_size(path: &Path) -> (u32, u32) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(
        bytes.len() > 24 && bytes.starts_with(b"\x89PNG\r\n\x1a\n") && &bytes[12..16] == b"IHDR",
        "{} is not a PNG",
        path.display()
    );
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&bytes[16..20]), be(&bytes[20..24]))
}

/// Escapes `s` for a double-quoted HTML attribute (the harness's `srcdoc`).
fn attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The test-only harness: the report in a 390 px wide iframe, measured by a script that
/// writes `viewport=… scrollWidth=… overflow=…` into `<pre id="probe">`.
fn harness(report: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body style=\"margin:0\">\
         <iframe id=\"f\" style=\"width:390px;height:844px;border:0\" srcdoc=\"{}\"></iframe>\
         <script>window.addEventListener('load',function(){{var p=document.createElement('pre');\
         p.id='probe';try{{var d=document.getElementById('f').contentDocument,\
         w=d.documentElement.clientWidth,o=[];d.querySelectorAll('body *').forEach(function(e){{\
         var r=e.getBoundingClientRect();if(r.right>w+0.5)o.push(e.tagName+'.'+e.className+' '+\
         Math.round(r.right)+' '+(e.textContent||'').slice(0,40));}});\
         p.textContent='viewport='+w+' scrollWidth='+d.documentElement.scrollWidth+\
         ' overflow='+o.join(' | ')+' end';}}catch(e){{p.textContent='error '+e;}}\
         document.body.appendChild(p);}});</script></body></html>",
        attr(report)
    )
}

/// Everything the tier checks for one report.
fn check_report(bin: &Path, name: &str, case: &Case, args: &[&str], codes: &[&str]) {
    let dir = artifacts();
    let r = case.run(args);
    assert!(r.code == 0 || r.code == 1, "{name}: {}", r.stderr);
    let html = r.stdout;
    let page = dir.join(format!("{name}.html"));
    std::fs::write(&page, &html).unwrap();

    // It renders, whole, with nothing to run and nothing fetched.
    let dom = run_chromium(bin, &page, &["--dump-dom"]);
    for want in [
        "<main>",
        "class=\"verdict",
        "class=\"card\"",
        "<details>",
        "</footer>",
    ] {
        assert!(
            dom.stdout.contains(want),
            "{name}: no {want} in the DOM:\n{}",
            dom.stdout
        );
    }
    for code in codes {
        assert!(dom.stdout.contains(code), "{name}: {code} not rendered");
    }
    assert!(
        !dom.stdout.to_ascii_lowercase().contains("<script"),
        "{name}: a script in the DOM"
    );
    let problems = console_problems(&dom.stderr);
    assert!(problems.is_empty(), "{name}: chromium logged {problems:#?}");

    // No horizontal scrolling at phone width.
    let probe_page = dir.join(format!("{name}.layout-probe.html"));
    std::fs::write(&probe_page, harness(&html)).unwrap();
    let probe = run_chromium(bin, &probe_page, &["--window-size=1280,900", "--dump-dom"]);
    let measured = probe
        .stdout
        .split("<pre id=\"probe\">")
        .nth(1)
        .and_then(|s| s.split("</pre>").next())
        .unwrap_or_else(|| {
            panic!(
                "{name}: no probe result:\n{}\n{}",
                probe.stdout, probe.stderr
            )
        });
    let num = |key: &str| -> u32 {
        measured
            .split(&format!("{key}="))
            .nth(1)
            .and_then(|s| s.split(' ').next())
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("{name}: {measured}"))
    };
    let (viewport, scroll) = (num("viewport"), num("scrollWidth"));
    assert!((300..=390).contains(&viewport), "{name}: {measured}");
    assert_eq!(
        scroll, viewport,
        "{name}: scrolls sideways on a phone: {measured}"
    );
    assert!(
        measured.ends_with("overflow= end"),
        "{name}: sticks out: {measured}"
    );
    let problems: Vec<&str> = console_problems(&probe.stderr)
        .into_iter()
        .filter(|l| l.contains("Uncaught"))
        .collect();
    assert!(problems.is_empty(), "{name}: {problems:#?}");

    // Screenshots, phone and desktop.
    for (device, w, h) in [("phone", 390, 844), ("desktop", 1280, 800)] {
        let png = dir.join(format!("{name}.{device}.png"));
        let _ = std::fs::remove_file(&png);
        let shot = run_chromium(
            bin,
            &page,
            &[
                &format!("--window-size={w},{h}"),
                &format!("--screenshot={}", png.display()),
            ],
        );
        let problems = console_problems(&shot.stderr);
        assert!(problems.is_empty(), "{name} {device}: {problems:#?}");
        assert_eq!(png_size(&png), (w, h), "{name} {device}: {}", png.display());
    }
}

#[test]
fn html_reports_render_offline_in_chromium_on_phone_and_desktop() {
    if std::env::var(GATE).as_deref() != Ok("1") {
        eprintln!("browser tier not enabled ({GATE}=1 enables it)");
        return;
    }
    let bin = chromium();
    check_report(
        &bin,
        "healthy.en",
        &healthy(),
        &["--format", "html", "--lang", "en"],
        &[],
    );
    check_report(
        &bin,
        "broken.zh-CN",
        &hostile(),
        &["--format", "html", "--lang", "zh-CN", "--verbose"],
        &["auth.failed", "&lt;script&gt;alert"],
    );
    check_report(
        &bin,
        "healthy.zh-TW",
        &healthy(),
        &["--format", "html", "--lang", "zh-TW"],
        &["lang=\"zh-TW\"", "連接埠"],
    );
}

#[test]
fn harness_escapes_the_report_into_its_attribute() {
    let h = harness("<p title=\"a&b\">x</p>");
    assert!(
        h.contains("srcdoc=\"&lt;p title=&quot;a&amp;b&quot;&gt;x&lt;/p&gt;\""),
        "{h}"
    );
    assert_eq!(
        console_problems("ok\n[1:1:INFO:CONSOLE:1] \"x\"\nUncaught TypeError"),
        ["[1:1:INFO:CONSOLE:1] \"x\"", "Uncaught TypeError"]
    );
}
