//! The `maildoctor` binary: parse arguments, run the pipeline, render, exit.
//! Exit codes are documented in `--help` and in `maildoctor::exit`.
//!
//! # Signals and a closed stdout
//!
//! SIGINT and SIGTERM mean the same: stop, finish the record being written, exit with
//! [`exit::CANCELLED`]. Their handlers are installed before any work starts ([`Stop`]), so a
//! signal that arrives while the main thread is blocked writing to a full pipe is kept, not
//! lost and never fatal mid-record (the interrupted `write` is resumed); a second signal
//! quits at once. A closed stdout (`maildoctor --json … | head -c 10`) ends the run
//! quietly: a single report exits with its verdict's status, a batch with 0 (nobody reads
//! the rest), never with a "Broken pipe" error.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use clap::Parser;
use maildoctor::analyze::Status;
use maildoctor::app::{Context, Request, run_full};
use maildoctor::batch::{self, BatchFormat, Record};
use maildoctor::cli::{Args, Mode};
use maildoctor::error::Error;
use maildoctor::exit;
use maildoctor::i18n::Lang;
use maildoctor::report::{self, Format, RenderOptions};
use maildoctor::tr;
use tokio_util::sync::CancellationToken;

/// mimalloc instead of the C library's allocator: a batch allocates from every worker
/// thread at once, where glibc's malloc spent about a fifth of the run's CPU.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let argv: Vec<_> = std::env::args_os().collect();
    let json_requested = argv.iter().any(|a| a == "--json" || a == "--format=json")
        || argv
            .windows(2)
            .any(|w| w[0] == "--format" && w[1] == "json");
    let args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            // --help/--version are not errors.
            let code = if e.use_stderr() {
                exit::USAGE
            } else {
                exit::OK
            };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let lang = args.lang.unwrap_or_else(Lang::from_env);
    let env_set = std::env::var_os(maildoctor::cli::PASSWORD_ENV).is_some_and(|v| !v.is_empty());
    if let Some(notice) = maildoctor::cli::password_env_notice(&args, env_set, lang) {
        eprintln!("{}", tr!(lang, "cli-notice-line", message = notice));
    }
    match real_main(args) {
        Ok(code) => ExitCode::from(code),
        // Nobody reads stdout any more: nothing to say, and nowhere to say it.
        Err(Error::Output(e)) if is_broken_pipe(&e) => ExitCode::from(exit::OK),
        Err(err) => {
            let message = err.localized(lang);
            if json_requested {
                let kind = match &err {
                    Error::Usage(_) | Error::Address(_) => "usage",
                    _ => "fatal",
                };
                let _ = report::json::render_error(kind, &message, &mut std::io::stdout());
            }
            eprintln!("{}", tr!(lang, "cli-error-line", message = message));
            ExitCode::from(err.exit_code())
        }
    }
}

fn real_main(args: Args) -> Result<u8, Error> {
    let (config, mode) = args.into_mode()?;
    // Every socket the run opens counts against a budget derived from this limit
    // (maildoctor::net::budget); raise the soft limit to the hard one first.
    maildoctor::net::budget::raise_nofile_limit();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(Error::Output)?;
    // The resolver needs a runtime; providers, resolver and trust store load only when needed.
    let load = || {
        let ctx = runtime.block_on(async { Context::new(&config) })?;
        // A bad --providers file is left out, never fatal: say so once.
        for w in ctx.providers.warnings() {
            eprintln!(
                "{}",
                tr!(
                    config.lang,
                    "cli-warning-line",
                    message = w.localized(config.lang)
                )
            );
        }
        Ok::<_, Error>(ctx)
    };
    match mode {
        Mode::Print(bytes) => {
            let mut out = std::io::stdout().lock();
            quiet_pipe(out.write_all(&bytes).and_then(|()| out.flush()))?;
            Ok(exit::OK)
        }
        Mode::Single {
            request,
            format,
            options,
        } => {
            let ctx = load()?;
            runtime.block_on(single(&ctx, &request, format, &options))
        }
        Mode::Providers { action, json } => {
            let (bytes, code) = maildoctor::providers_cmd::run(&action, json, &config)?;
            let mut out = std::io::stdout().lock();
            quiet_pipe(out.write_all(&bytes).and_then(|()| out.flush()))?;
            Ok(code)
        }
        Mode::Explain(request) => {
            let dir = config.providers_dir.as_deref();
            let (bytes, code) = maildoctor::explain::run(&request, dir, config.lang)?;
            let mut out = std::io::stdout().lock();
            quiet_pipe(out.write_all(&bytes).and_then(|()| out.flush()))?;
            Ok(code)
        }
        Mode::Batch {
            input,
            format,
            jobs,
            passwords,
            shard,
        } => {
            let mut lines = read_input(&input)?;
            if let Some(shard) = shard {
                lines.retain(|l| shard.keeps(l));
            }
            let ctx = load()?;
            let lang = config.lang;
            runtime.block_on(batch_main(
                Arc::new(ctx),
                lines,
                format,
                jobs,
                passwords,
                lang,
            ))
        }
    }
}

/// Ignores a closed stdout (`maildoctor … | head`): not an error.
fn quiet_pipe(r: std::io::Result<()>) -> Result<(), Error> {
    match r {
        Err(e) if is_broken_pipe(&e) => Ok(()),
        Err(e) => Err(Error::Output(e)),
        Ok(()) => Ok(()),
    }
}

/// A write to a closed pipe, also when wrapped (the JSON writer wraps `serde_json::Error`,
/// whose own `source()` skips the io error it carries).
fn is_broken_pipe(e: &std::io::Error) -> bool {
    let mut current = e;
    loop {
        if current.kind() == std::io::ErrorKind::BrokenPipe {
            return true;
        }
        let Some(inner) = current.get_ref() else {
            return false;
        };
        if let Some(json) = inner.downcast_ref::<serde_json::Error>() {
            return json.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe);
        }
        match inner.downcast_ref::<std::io::Error>() {
            Some(io) => current = io,
            None => return false,
        }
    }
}

/// SIGINT and SIGTERM, their handlers installed when this is built (not on first poll), so
/// none is lost while the runtime is busy.
struct Stop {
    #[cfg(unix)]
    int: tokio::signal::unix::Signal,
    #[cfg(unix)]
    term: tokio::signal::unix::Signal,
}

impl Stop {
    /// Installs the handlers; needs the runtime.
    fn install() -> Result<Self, Error> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(Self {
                int: signal(SignalKind::interrupt()).map_err(Error::Output)?,
                term: signal(SignalKind::terminate()).map_err(Error::Output)?,
            })
        }
        #[cfg(not(unix))]
        Ok(Self {})
    }

    /// The next SIGINT or SIGTERM.
    async fn next(&mut self) {
        #[cfg(unix)]
        {
            tokio::select! {
                _ = self.int.recv() => {}
                _ = self.term.recv() => {}
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

async fn single(
    ctx: &Context,
    request: &Request,
    format: Format,
    options: &RenderOptions,
) -> Result<u8, Error> {
    // Ctrl-C (or SIGTERM) stops every check at once and prints what was found so far; a
    // second one quits without a report.
    let mut stop = Stop::install()?;
    let cancel = CancellationToken::new();
    let watcher = {
        let cancel = cancel.clone();
        let lang = options.lang;
        tokio::spawn(async move {
            stop.next().await;
            eprintln!("{}", tr!(lang, "cli-interrupted-report"));
            cancel.cancel();
            stop.next().await;
            std::process::exit(i32::from(exit::CANCELLED));
        })
    };
    let report = run_full(ctx, request, None, &cancel).await;
    watcher.abort();
    let mut out = std::io::stdout().lock();
    quiet_pipe(report::render(&report, format, options, &mut out).and_then(|()| out.flush()))?;
    Ok(match report.status {
        _ if report.interrupted => exit::CANCELLED,
        Status::Error => exit::PROBLEMS,
        Status::Ok | Status::Warning => exit::OK,
    })
}

/// Reads the batch input as bytes, line by line, never holding more than one capped line
/// beyond the lines kept (see [`batch::split_lines`]).
fn read_input(path: &Path) -> Result<Vec<batch::BatchLine>, Error> {
    let result = if path.as_os_str() == "-" {
        batch::split_lines(std::io::stdin().lock())
    } else {
        std::fs::File::open(path).and_then(|f| batch::split_lines(std::io::BufReader::new(f)))
    };
    result.map_err(|e| maildoctor::usage!("usage-batch-input", path = path.display(), error = e))
}

async fn batch_main(
    ctx: Arc<Context>,
    lines: Vec<batch::BatchLine>,
    format: BatchFormat,
    jobs: usize,
    passwords: batch::PasswordBook,
    lang: Lang,
) -> Result<u8, Error> {
    let start = Instant::now();
    // A signal stops the batch between records: the record being written is finished, no
    // other is begun. The watcher runs on a worker thread, so it sees the signal even while
    // this thread is blocked writing to a full pipe.
    let mut signals = Stop::install()?;
    let stopped = Arc::new(AtomicBool::new(false));
    let stop_token = CancellationToken::new();
    let watcher = {
        let stopped = Arc::clone(&stopped);
        let stop_token = stop_token.clone();
        tokio::spawn(async move {
            signals.next().await;
            stopped.store(true, Ordering::SeqCst);
            stop_token.cancel();
            signals.next().await;
            std::process::exit(i32::from(exit::CANCELLED));
        })
    };
    let progress = if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(u64::try_from(lines.len()).unwrap_or(u64::MAX));
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed} {msg}")
        {
            bar.set_style(style);
        }
        Some(bar)
    } else {
        None
    };
    let mut out = std::io::stdout().lock();
    if format == BatchFormat::Csv {
        quiet_pipe(batch::csv_line(&batch::CSV_HEADER).and_then(|b| out.write_all(&b)))?;
    }
    let emit = |record: Record| {
        if stopped.load(Ordering::SeqCst) {
            return Ok(());
        }
        if let Some(bar) = &progress {
            bar.inc(1);
        }
        batch::write_record(&record, format, &mut out)
    };
    let summary = tokio::select! {
        biased;
        () = stop_token.cancelled() => None,
        s = batch::run(ctx, lines, jobs, Arc::new(passwords), emit) => Some(s),
    };
    let summary = if stopped.load(Ordering::SeqCst) {
        None
    } else {
        watcher.abort();
        summary
    };
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }
    let Some(summary) = summary else {
        eprintln!("{}", tr!(lang, "cli-interrupted-batch"));
        return Ok(exit::CANCELLED);
    };
    let summary = match summary {
        Ok(s) => s,
        Err(e) if is_broken_pipe(&e) => return Ok(exit::OK),
        Err(e) => return Err(Error::Output(e)),
    };
    let (total, secs) = (summary.total(), start.elapsed().as_secs_f64());
    let (ok, warning, broken, invalid) =
        (summary.ok, summary.warning, summary.broken, summary.invalid);
    eprintln!(
        "{}",
        tr!(
            lang,
            "cli-batch-summary",
            total = total,
            seconds = format!("{secs:.1}"),
            ok = ok,
            warning = warning,
            broken = broken,
            invalid = invalid
        )
    );
    Ok(if summary.broken + summary.invalid > 0 {
        exit::PROBLEMS
    } else {
        exit::OK
    })
}
