//! The `maildoctor` binary: parse arguments, run the pipeline, render, exit.
//! Exit codes are documented in `--help` and in `maildoctor::exit`.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use maildoctor::analyze::Status;
use maildoctor::app::{Context, run};
use maildoctor::cli::Args;
use maildoctor::error::Error;
use maildoctor::exit;
use maildoctor::report;

fn main() -> ExitCode {
    let json_requested = std::env::args_os().any(|a| a == "--json");
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
    match real_main(args) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            if json_requested {
                let kind = match &err {
                    Error::Usage(_) | Error::Address(_) => "usage",
                    _ => "fatal",
                };
                let _ = report::json::render_error(kind, &err.to_string(), &mut std::io::stdout());
            }
            eprintln!("maildoctor: error: {err}");
            ExitCode::from(err.exit_code())
        }
    }
}

fn real_main(args: Args) -> Result<u8, Error> {
    let (config, request, format) = args.into_request()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(Error::Output)?;
    let report = runtime.block_on(async {
        let ctx = Context::new(&config)?;
        tokio::select! {
            r = run(&ctx, &request) => Ok(Some(r)),
            _ = tokio::signal::ctrl_c() => Ok::<_, Error>(None),
        }
    })?;
    let Some(report) = report else {
        eprintln!("maildoctor: interrupted");
        return Ok(exit::CANCELLED);
    };
    let mut out = std::io::stdout().lock();
    let written = report::render(&report, format, &mut out).and_then(|()| out.flush());
    match written {
        // A closed pipe (`maildoctor … | head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(Error::Output(e)),
        Ok(()) => {}
    }
    Ok(match report.status {
        Status::Error => exit::PROBLEMS,
        Status::Ok | Status::Warning => exit::OK,
    })
}
