//! Command-line interface: clap-derive [`Args`] mirroring the flags, and
//! [`Args::into_mode`] turning them into a validated [`Config`] and [`Request`].

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

use clap::{CommandFactory, Parser};

use crate::address::EmailAddress;
use crate::app::Request;
use crate::batch::BatchFormat;
use crate::config::{Config, ConnectTo, Credentials, Limits, ResolverChoice, Secret};
use crate::error::Error;
use crate::i18n::Lang;
use crate::model::{Endpoint, Protocol, Security};
use crate::report::card::Client;
use crate::report::export::ExportKind;
use crate::report::{ColorChoice, Format, RenderOptions};

const AFTER_HELP: &str = "\
Examples:
  maildoctor alice@qq.com
  maildoctor --batch addresses.txt --format csv > results.csv
  maildoctor --json alice@example.com
  maildoctor --format html alice@example.com > report.html   (one page to share)
  maildoctor --card --client foxmail --lang zh-CN alice@qq.com
  maildoctor --export thunderbird alice@example.com > config-v1.1.xml
  maildoctor --lang zh-CN alice@qq.com                (causes and fixes in Chinese)
  maildoctor --check pop3s://pop3.example.com:995 alice@example.com
  maildoctor providers show qq.com                    (what the provider database knows)
  maildoctor providers lint ./my-providers            (check files for --providers)
  maildoctor explain '-ERR [AUTH] Authentication failed.'  (what a pasted error means)
  maildoctor explain 0x800CCC0E                       (an Outlook error number)
  MAILDOCTOR_PASSWORD=... maildoctor --login alice@example.com
  maildoctor --login --verbose alice@example.com      (asks for the password)

--check schemes (curl's conventions): imap (143, STARTTLS), imaps (993, SSL/TLS),
pop3 (110, STARTTLS), pop3s (995, SSL/TLS), smtp (25, STARTTLS),
smtps (465, SSL/TLS), submission (587, STARTTLS).

Exit status:
  0  no error finding (the settings shown work)
  1  at least one error finding (something does not work)
  2  usage error or fatal error (bad arguments, unreadable files)
  130 interrupted
  (maildoctor explain: 0 recognised, 1 not recognised)";

/// Find the right POP3/IMAP/SMTP settings for an email address and explain why an
/// account does not connect.
#[derive(Debug, Parser)]
#[command(
    name = "maildoctor",
    version,
    after_help = AFTER_HELP,
    subcommand_negates_reqs = true
)]
pub struct Args {
    /// The email address to diagnose (omit with --batch).
    #[arg(
        required_unless_present_any = ["batch", "completions", "man"],
        conflicts_with = "batch"
    )]
    pub address: Option<String>,

    /// `maildoctor providers …`: read the provider database instead of diagnosing.
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Print a shell completion script (bash, zsh, fish, elvish, powershell) and exit.
    #[arg(long, value_name = "SHELL", exclusive = true)]
    pub completions: Option<clap_complete::Shell>,

    /// Print the manual page (roff, for `man -l -`) and exit.
    #[arg(long, exclusive = true)]
    pub man: bool,

    /// Diagnose every address in FILE ('-' for standard input): one per line, '#' comments,
    /// optional second column of --check URLs separated by spaces, e.g.
    /// "alice@example.com, imaps://imap.example.com". One record per address is written as
    /// each finishes.
    #[arg(long, value_name = "FILE",
          conflicts_with_all = ["json", "check", "login", "password_stdin", "try_usernames"])]
    pub batch: Option<PathBuf>,

    /// Output format: table (default), json (same as --json), md (Markdown for a ticket) or
    /// html (one self-contained page) for one address; ndjson (default) or csv with --batch.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<OutputFormat>,

    /// Print only the settings card: what to type, in the words of --client, a few lines to
    /// paste into a chat message.
    #[arg(long, conflicts_with_all = ["batch", "json", "format", "export"])]
    pub card: bool,

    /// Mail client whose field names the settings card uses (--card, --format md|html).
    #[arg(long, value_enum, value_name = "CLIENT", default_value_t = Client::Generic)]
    pub client: Client,

    /// Print a configuration file built from the settings found, for the domain's admin to
    /// publish: thunderbird (autoconfig clientConfig v1.1), autodiscover (Outlook POX
    /// response), mobileconfig (Apple profile for Mail; never holds a password).
    #[arg(long, value_enum, value_name = "KIND", conflicts_with_all = ["batch", "json", "format"])]
    pub export: Option<ExportKind>,

    /// With --batch: passwords per address, one "ADDRESS<TAB>PASSWORD" per line ('#'
    /// comments); the file must not be readable by group or others (chmod 600). The only
    /// source of batch passwords: MAILDOCTOR_PASSWORD is ignored in batch mode.
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,

    /// Addresses diagnosed at once in --batch mode [default: 64]. Servers and the resolver
    /// are protected apart from this: connections per server address are capped and shrink
    /// when a server shows load, and DNS queries in flight adapt to the resolver.
    #[arg(long, value_name = "N", requires = "batch",
          value_parser = clap::value_parser!(u16).range(1..=256))]
    pub jobs: Option<u16>,

    /// With --batch: diagnose only shard K of N (1 ≤ K ≤ N), chosen by a stable hash of
    /// each line's domain, so N machines given the same input and K = 1…N together cover
    /// it once and every domain stays on one machine.
    #[arg(long, value_name = "K/N", requires = "batch")]
    pub shard: Option<String>,

    /// Print one JSON document (schema_version 1) instead of tables.
    #[arg(long)]
    pub json: bool,

    /// Also check a server you typed, e.g. pop3s://pop.example.com:995 (repeatable).
    #[arg(long, value_name = "URL")]
    pub check: Vec<String>,

    /// Use this DNS server instead of the system configuration (/etc/resolv.conf).
    #[arg(long, value_name = "IP[:PORT]")]
    pub resolver: Option<String>,

    /// Also trust the CA certificates in this PEM file (added to the system trust store).
    #[arg(long, value_name = "PEM")]
    pub ca_file: Option<PathBuf>,

    /// Add or override provider files (Thunderbird clientConfig XML) from this directory.
    #[arg(long, value_name = "DIR", global = true)]
    pub providers: Option<PathBuf>,

    /// Connect to HOST2:PORT2 whenever HOST1:PORT1 is probed, like curl (repeatable).
    /// Certificates are still checked against HOST1.
    #[arg(long, value_name = "HOST1:PORT1:HOST2:PORT2")]
    pub connect_to: Vec<String>,

    /// Timeout of each network step, in seconds (connect, each reply, TLS handshake).
    #[arg(long, value_name = "SECS", default_value_t = 10.0)]
    pub timeout: f64,

    /// Also log in, once per protocol, over verified TLS only. The password comes from
    /// MAILDOCTOR_PASSWORD or, when stdin is a terminal, a prompt (not echoed).
    #[arg(long)]
    pub login: bool,

    /// Read the password from the first line of standard input (implies --login).
    #[arg(long)]
    pub password_stdin: bool,

    /// If the server rejects the user name and password, try once more with the part of
    /// the address before the @ (and report which user name works).
    #[arg(long)]
    pub try_usernames: bool,

    /// Also send the password to servers that were only guessed or lie outside the
    /// address's domain and its provider.
    #[arg(long)]
    pub allow_untrusted_host: bool,

    /// Answer an Autodiscover server that asks for a login (HTTP 401) with the address and
    /// password: over HTTPS only, and only to hosts within the address's registrable domain.
    /// Needs a password (see --login).
    #[arg(long)]
    pub autodiscover_auth: bool,

    /// Show each server dialogue (passwords masked).
    #[arg(long, short = 'v')]
    pub verbose: bool,

    /// Never touch the network: show the settings the built-in provider database (and
    /// --providers, --check) knows, unverified. Works with --batch too.
    #[arg(long, conflicts_with_all = ["login", "password_stdin", "autodiscover_auth"])]
    pub offline: bool,

    /// Language of causes, fixes, headings and verdicts (tables and JSON `cause`/`fix`);
    /// codes, JSON keys and server replies stay as they are [default: from LC_ALL,
    /// LC_MESSAGES or LANG: zh_CN/zh_SG/zh → zh-CN, otherwise en].
    #[arg(long, value_enum, value_name = "LANG", global = true)]
    pub lang: Option<Lang>,

    /// Colour in tables: auto (only on a terminal, and not when NO_COLOR is set), always, never.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// Subcommands.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum Command {
    /// List, show and check the provider database (built in, plus --providers DIR).
    Providers {
        /// What to do.
        #[command(subcommand)]
        action: ProvidersAction,
    },
    /// Explain a pasted error message offline: a server reply ("535 5.7.8 …", "-ERR …"), an
    /// Outlook error number (0x800CCC0E) or a Thunderbird/Apple Mail message gives its
    /// finding code, cause, fix and who must act; a finding code (auth.failed) gives its help
    /// page. Exit status 0 when recognised, 1 when not.
    Explain {
        /// The text as pasted (several arguments are joined by spaces), or a finding code.
        #[arg(
            required_unless_present = "help_pages",
            allow_hyphen_values = true,
            value_name = "TEXT"
        )]
        text: Vec<String>,
        /// One JSON document instead of text.
        #[arg(long)]
        json: bool,
        /// The provider (a domain or an address) for its usual cause and hints; by default a
        /// provider host named in the text (smtp.qq.com) is used.
        #[arg(long, value_name = "DOMAIN_OR_ADDRESS")]
        provider: Option<String>,
        /// Write every finding code's help page as Markdown to DIR/<lang>/<code>.md and exit.
        #[arg(long, value_name = "DIR", conflicts_with_all = ["text", "json", "provider"])]
        help_pages: Option<PathBuf>,
    },
}

/// `maildoctor providers …`.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum ProvidersAction {
    /// One line per provider: id, name, number of domains, where the entry comes from.
    List {
        /// One JSON document instead of lines.
        #[arg(long)]
        json: bool,
    },
    /// The entry serving DOMAIN (an alias domain gives its provider): servers, hints,
    /// documentation and provenance.
    Show {
        /// A domain or an email address.
        domain: String,
        /// One JSON document instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Check the built-in database, or the provider files of DIR: parse errors with
    /// file:line, duplicate domains, bad hosts, port/encryption mismatches, missing hints.
    /// Exit status 1 when an error is found.
    Lint {
        /// A directory of provider files (default: the built-in database).
        dir: Option<PathBuf>,
        /// One JSON document instead of lines.
        #[arg(long)]
        json: bool,
    },
}

/// `--format`: the single-address formats and the `--batch` record formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Tables for people (one address).
    Table,
    /// One JSON document, like --json (one address).
    Json,
    /// Markdown report for a ticket (one address).
    Md,
    /// Self-contained HTML report (one address).
    Html,
    /// One JSON document per line (--batch).
    Ndjson,
    /// CSV rows (--batch).
    Csv,
}

impl OutputFormat {
    fn name(self) -> String {
        clap::ValueEnum::to_possible_value(&self)
            .map(|v| v.get_name().to_owned())
            .unwrap_or_default()
    }
}

/// Environment variable holding the password for `--login`.
pub const PASSWORD_ENV: &str = "MAILDOCTOR_PASSWORD";

/// `--jobs` when not given: enough addresses at once that a batch of cold domains waits
/// on many round trips together (measured in the README's batch benchmark), while the
/// per-server caps and the adaptive DNS window keep the load on each server bounded.
pub const DEFAULT_JOBS: u16 = 64;

/// Where the password comes from, in order: `--password-stdin`, then (for `--login` only)
/// `MAILDOCTOR_PASSWORD`, then a prompt when stdin is a terminal. `None` when no login was
/// asked for (neither flag set): a password is bound to the run that asked for it, so the
/// variable alone never makes a run log in (see [`password_env_notice`]).
pub fn password(
    args: &Args,
    env: Option<String>,
    stdin: &mut dyn std::io::BufRead,
    stdin_is_tty: bool,
) -> Result<Option<Secret>, Error> {
    if args.password_stdin {
        let mut line = String::new();
        stdin
            .read_line(&mut line)
            .map_err(|e| crate::usage!("usage-password-stdin-read", error = e))?;
        let pw = line.strip_suffix('\n').unwrap_or(&line);
        let pw = pw.strip_suffix('\r').unwrap_or(pw);
        let secret = Secret::new(pw);
        line.clear();
        line.extend(std::iter::repeat_n('\0', line.capacity().min(4096)));
        if secret.is_empty() {
            return Err(crate::usage!("usage-password-stdin-empty"));
        }
        return Ok(Some(secret));
    }
    if !args.login {
        return Ok(None);
    }
    if let Some(pw) = env.filter(|p| !p.is_empty()) {
        return Ok(Some(Secret::new(pw)));
    }
    if !stdin_is_tty {
        return Err(crate::usage!(
            "usage-login-needs-password",
            env = PASSWORD_ENV
        ));
    }
    let pw = rpassword::prompt_password(format!(
        "Password for {}: ",
        args.address.as_deref().unwrap_or_default()
    ))
    .map_err(|e| crate::usage!("usage-password-read", error = e))?;
    if pw.is_empty() {
        return Err(crate::usage!("usage-password-empty"));
    }
    Ok(Some(Secret::new(pw)))
}

/// The one-line notice (without the `maildoctor: ` prefix) for a set `MAILDOCTOR_PASSWORD`
/// that this run ignores: always in batch mode (passwords come only from
/// `--password-file`), and in a single run without `--login`/`--password-stdin`. Never
/// contains the password; `None` when the variable is used or unset.
pub fn password_env_notice(args: &Args, env_set: bool, lang: Lang) -> Option<String> {
    if !env_set || args.completions.is_some() || args.man {
        return None;
    }
    if args.batch.is_some() {
        return Some(crate::tr!(lang, "cli-password-env-batch"));
    }
    if args.login || args.password_stdin {
        return None;
    }
    Some(crate::tr!(lang, "cli-password-env-ignored"))
}

/// What the command line asks for.
#[derive(Debug)]
pub enum Mode {
    /// Print generated text (completions, man page) and exit.
    Print(Vec<u8>),
    /// One address.
    Single {
        /// The address and typed endpoints.
        request: Request,
        /// Table or JSON.
        format: Format,
        /// Language, colour and detail of the table view.
        options: RenderOptions,
    },
    /// `maildoctor providers …`.
    Providers {
        /// What to do.
        action: ProvidersAction,
        /// `--json` given before the subcommand.
        json: bool,
    },
    /// `maildoctor explain …`.
    Explain(crate::explain::Request),
    /// Many addresses from a file or standard input.
    Batch {
        /// The input file, `-` for standard input.
        input: PathBuf,
        /// Record format.
        format: BatchFormat,
        /// Addresses at once.
        jobs: usize,
        /// Passwords from `--password-file` (never from `MAILDOCTOR_PASSWORD`).
        passwords: crate::batch::PasswordBook,
        /// `--shard K/N`: only the lines of this shard.
        shard: Option<crate::batch::Shard>,
    },
}

impl Args {
    /// Validates the arguments into a run configuration and what to run; for a single
    /// address, reads the password from stdin, `MAILDOCTOR_PASSWORD` or a prompt when a
    /// login was asked for. Batch mode logs in only with `--password-file` (one password
    /// per address).
    pub fn into_mode(self) -> Result<(Config, Mode), Error> {
        use std::io::IsTerminal;
        let single = self.batch.is_none()
            && self.completions.is_none()
            && !self.man
            && self.command.is_none();
        let pw = if single {
            let stdin = std::io::stdin();
            let tty = stdin.is_terminal();
            password(
                &self,
                std::env::var(PASSWORD_ENV).ok(),
                &mut stdin.lock(),
                tty,
            )?
        } else {
            None
        };
        self.into_mode_with(pw)
    }

    /// [`Args::into_mode`] with the password already known.
    pub fn into_mode_with(self, password: Option<Secret>) -> Result<(Config, Mode), Error> {
        if self.autodiscover_auth && password.is_none() && self.batch.is_none() {
            return Err(crate::usage!(
                "usage-autodiscover-auth-needs-password",
                env = PASSWORD_ENV
            ));
        }
        if !(self.timeout > 0.0 && self.timeout <= 600.0) {
            return Err(crate::usage!("usage-timeout", value = self.timeout));
        }
        let limits = if (self.timeout - 10.0).abs() < f64::EPSILON {
            Limits::default()
        } else {
            Limits::with_timeout(self.timeout)
        };
        let resolver = match &self.resolver {
            None => ResolverChoice::System,
            Some(s) => ResolverChoice::Server(parse_resolver(s)?),
        };
        let connect_to = self
            .connect_to
            .iter()
            .map(|s| parse_connect_to(s))
            .collect::<Result<Vec<_>, _>>()?;
        let checks = self
            .check
            .iter()
            .map(|s| parse_check_url(s))
            .collect::<Result<Vec<_>, _>>()?;
        let config = Config {
            limits,
            resolver,
            ca_file: self.ca_file,
            providers_dir: self.providers,
            connect_to,
            credentials: password.map(|password| Credentials {
                password,
                try_usernames: self.try_usernames,
                allow_untrusted_host: self.allow_untrusted_host,
                autodiscover_auth: self.autodiscover_auth,
            }),
            verbose: self.verbose,
            lang: self.lang.unwrap_or_else(Lang::from_env),
            offline: self.offline,
        };
        if let Some(shell) = self.completions {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Self::command(), "maildoctor", &mut out);
            return Ok((config, Mode::Print(out)));
        }
        if self.man {
            let mut out = Vec::new();
            clap_mangen::Man::new(Self::command())
                .render(&mut out)
                .map_err(Error::Output)?;
            return Ok((config, Mode::Print(out)));
        }
        if let Some(Command::Explain {
            text,
            json,
            provider,
            help_pages,
        }) = self.command
        {
            if self.address.is_some() || self.batch.is_some() {
                return Err(crate::usage!("usage-explain-no-address"));
            }
            let mut config = config;
            let mut request = crate::explain::Request {
                text: String::new(),
                json: json || self.json,
                provider,
                help_pages,
            };
            // TEXT takes values that start with '-' ("-ERR …"), so options written after it
            // arrive as text: take back the ones that are whole arguments.
            let mut words = Vec::new();
            let mut it = text.into_iter();
            while let Some(w) = it.next() {
                let (flag, inline) = match w.split_once('=') {
                    Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
                    _ => (w.clone(), None),
                };
                match flag.as_str() {
                    "--json" if inline.is_none() => request.json = true,
                    "--provider" | "--lang" => {
                        let Some(value) = inline.or_else(|| it.next()) else {
                            return Err(crate::usage!("usage-flag-needs-value", flag = flag));
                        };
                        if flag == "--provider" {
                            request.provider = Some(value);
                        } else {
                            config.lang = <Lang as clap::ValueEnum>::from_str(&value, true)
                                .map_err(|_| crate::usage!("usage-unknown-lang", value = value))?;
                        }
                    }
                    _ => words.push(w),
                }
            }
            request.text = words.join(" ");
            return Ok((config, Mode::Explain(request)));
        }
        if let Some(Command::Providers { action }) = self.command {
            if self.address.is_some() || self.batch.is_some() {
                return Err(crate::usage!("usage-providers-no-address"));
            }
            return Ok((
                config,
                Mode::Providers {
                    action,
                    json: self.json,
                },
            ));
        }
        if self.batch.is_none()
            && (self.jobs.is_some() || self.password_file.is_some() || self.shard.is_some())
        {
            return Err(crate::usage!("usage-batch-only-flags"));
        }
        if let Some(path) = self.batch {
            let passwords = match &self.password_file {
                Some(file) => crate::batch::PasswordBook::load(file)?,
                None => crate::batch::PasswordBook::default(),
            };
            let mode = Mode::Batch {
                input: path,
                format: match self.format {
                    None | Some(OutputFormat::Ndjson) => BatchFormat::Ndjson,
                    Some(OutputFormat::Csv) => BatchFormat::Csv,
                    Some(f) => {
                        return Err(crate::usage!("usage-format-single-only", format = f.name()));
                    }
                },
                jobs: usize::from(self.jobs.unwrap_or(DEFAULT_JOBS)),
                passwords,
                shard: self
                    .shard
                    .as_deref()
                    .map(str::parse::<crate::batch::Shard>)
                    .transpose()
                    .map_err(|_| {
                        crate::usage!(
                            "usage-shard",
                            value = self.shard.as_deref().unwrap_or_default()
                        )
                    })?,
            };
            return Ok((config, mode));
        }
        let Some(address) = self.address else {
            return Err(crate::usage!("usage-address-required"));
        };
        let address = EmailAddress::parse(&address)?;
        let format = match (self.export, self.card, self.format, self.json) {
            (Some(kind), ..) => Format::Export(kind),
            (_, true, ..) => Format::Card(self.client),
            (_, _, None | Some(OutputFormat::Json), true) => Format::Json,
            (_, _, Some(OutputFormat::Json), false) => Format::Json,
            (_, _, None | Some(OutputFormat::Table), false) => Format::Table,
            (_, _, Some(OutputFormat::Md), false) => Format::Markdown(self.client),
            (_, _, Some(OutputFormat::Html), false) => Format::Html(self.client),
            (_, _, Some(f @ (OutputFormat::Ndjson | OutputFormat::Csv)), _) => {
                return Err(crate::usage!("usage-format-batch-only", format = f.name()));
            }
            (_, _, Some(f), true) => {
                return Err(crate::usage!("usage-json-with-format", format = f.name()));
            }
        };
        let options = RenderOptions {
            lang: config.lang,
            color: format == Format::Table && self.color.enabled_for_stdout(),
            verbose: self.verbose,
            width: None,
        };
        Ok((
            config,
            Mode::Single {
                request: Request {
                    address,
                    checks,
                    credentials: None,
                },
                format,
                options,
            },
        ))
    }
}

/// Parses `IP`, `IP:PORT`, `[IPv6]:PORT` (port 53 by default).
pub fn parse_resolver(s: &str) -> Result<SocketAddr, Error> {
    if let Ok(sa) = s.parse::<SocketAddr>() {
        return Ok(sa);
    }
    let trimmed = s.trim_start_matches('[').trim_end_matches(']');
    trimmed
        .parse::<IpAddr>()
        .map(|ip| SocketAddr::new(ip, 53))
        .map_err(|_| crate::usage!("usage-resolver", value = s))
}

/// Splits `a:b:c:d` where parts may be `[v6]` literals.
fn split_colon_fields(s: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut cur = String::new();
    let mut in_bracket = false;
    for c in s.chars() {
        match c {
            '[' => in_bracket = true,
            ']' => in_bracket = false,
            ':' if !in_bracket => {
                fields.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        if c != '[' && c != ']' {
            cur.push(c);
        }
    }
    fields.push(cur);
    fields
}

fn parse_port(s: &str, what: &str, whole: &str) -> Result<u16, Error> {
    if s.is_empty() {
        return Ok(0);
    }
    s.parse::<u16>().map_err(|_| {
        crate::usage!(
            "usage-connect-to-port",
            value = whole,
            field = what,
            port = s
        )
    })
}

/// Parses curl's `HOST1:PORT1:HOST2:PORT2` (empty fields are wildcards / unchanged).
pub fn parse_connect_to(s: &str) -> Result<ConnectTo, Error> {
    let f = split_colon_fields(s);
    if f.len() != 4 {
        return Err(crate::usage!("usage-connect-to", value = s));
    }
    Ok(ConnectTo {
        from_host: crate::model::normalize_host(&f[0]),
        from_port: parse_port(&f[1], "PORT1", s)?,
        to_host: crate::model::normalize_host(&f[2]),
        to_port: parse_port(&f[3], "PORT2", s)?,
    })
}

/// Parses a `--check` URL into an endpoint.
pub fn parse_check_url(s: &str) -> Result<Endpoint, Error> {
    let Some((scheme, rest)) = s.split_once("://") else {
        return Err(crate::usage!("usage-check-no-scheme", value = s));
    };
    let (protocol, default_port, security) = match scheme.to_ascii_lowercase().as_str() {
        "imap" => (Protocol::Imap, 143, Security::Starttls),
        "imaps" => (Protocol::Imap, 993, Security::Tls),
        "pop3" => (Protocol::Pop3, 110, Security::Starttls),
        "pop3s" => (Protocol::Pop3, 995, Security::Tls),
        "smtp" => (Protocol::Smtp, 25, Security::Starttls),
        "smtps" => (Protocol::Smtp, 465, Security::Tls),
        "submission" => (Protocol::Smtp, 587, Security::Starttls),
        other => {
            return Err(crate::usage!(
                "usage-check-scheme",
                value = s,
                scheme = other
            ));
        }
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let Some((ip, after)) = v6.split_once(']') else {
            return Err(crate::usage!("usage-check-unclosed-bracket", value = s));
        };
        let port = match after.strip_prefix(':') {
            Some(p) => Some(p),
            None if after.is_empty() => None,
            None => return Err(crate::usage!("usage-check-after-bracket", value = s)),
        };
        (ip.to_owned(), port)
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h.to_owned(), Some(p)),
            None => (authority.to_owned(), None),
        }
    };
    let port = match port {
        None => default_port,
        Some(p) => p
            .parse::<u16>()
            .ok()
            .filter(|p| *p != 0)
            .ok_or_else(|| crate::usage!("usage-check-port", value = s, port = p))?,
    };
    if host.is_empty() {
        return Err(crate::usage!("usage-check-no-host", value = s));
    }
    let host = if host.parse::<IpAddr>().is_ok() {
        host
    } else {
        idna::domain_to_ascii(&host)
            .map_err(|_| crate::usage!("usage-check-host", value = s, host = host.as_str()))?
    };
    Ok(Endpoint::new(protocol, &host, port, security))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_urls_follow_curl_schemes() {
        let e = parse_check_url("pop3s://pop3.Example.com:995").unwrap();
        assert_eq!(
            e,
            Endpoint::new(Protocol::Pop3, "pop3.example.com", 995, Security::Tls)
        );
        let e = parse_check_url("imap://imap.example.com").unwrap();
        assert_eq!((e.port, e.security), (143, Security::Starttls));
        let e = parse_check_url("submission://smtp.example.com/").unwrap();
        assert_eq!((e.protocol, e.port), (Protocol::Smtp, 587));
        let e = parse_check_url("smtps://[::1]:4465").unwrap();
        assert_eq!((e.host.as_str(), e.port), ("::1", 4465));
        let e = parse_check_url("imaps://mail.bücher.example").unwrap();
        assert_eq!(e.host, "mail.xn--bcher-kva.example");
        assert!(parse_check_url("http://x").is_err());
        assert!(parse_check_url("imaps://x:99999").is_err());
        assert!(parse_check_url("imaps://:993").is_err());
        assert!(parse_check_url("imap.example.com").is_err());
    }

    #[test]
    fn connect_to_parses_curl_syntax() {
        let c = parse_connect_to("imap.example.com:993:127.0.0.1:10993").unwrap();
        assert_eq!(c.from_host, "imap.example.com");
        assert_eq!((c.from_port, c.to_port), (993, 10993));
        assert_eq!(c.to_host, "127.0.0.1");
        let c = parse_connect_to("::[::1]:").unwrap();
        assert_eq!(
            (
                c.from_host.as_str(),
                c.from_port,
                c.to_host.as_str(),
                c.to_port
            ),
            ("", 0, "::1", 0)
        );
        assert!(parse_connect_to("a:1:b").is_err());
        assert!(parse_connect_to("a:x:b:1").is_err());
    }

    #[test]
    fn completions_and_man_page_are_generated_from_the_definition() {
        let a = Args::try_parse_from(["maildoctor", "--completions", "bash"]).unwrap();
        let Ok((_, Mode::Print(text))) = a.into_mode() else {
            panic!("completions")
        };
        let text = String::from_utf8(text).unwrap();
        assert!(
            text.contains("maildoctor") && text.contains("--check"),
            "{text}"
        );
        let a = Args::try_parse_from(["maildoctor", "--man"]).unwrap();
        let Ok((_, Mode::Print(text))) = a.into_mode() else {
            panic!("man")
        };
        let text = String::from_utf8(text).unwrap();
        assert!(
            text.contains(".TH maildoctor") && text.contains("Exit status"),
            "{text}"
        );
        assert!(Args::try_parse_from(["maildoctor", "--man", "a@example.com"]).is_err());
    }

    #[test]
    fn lang_and_color_flags() {
        let parse = |extra: &[&str]| {
            let mut v = vec!["maildoctor"];
            v.extend_from_slice(extra);
            v.push("a@example.com");
            let (cfg, mode) = Args::try_parse_from(v)
                .unwrap()
                .into_mode_with(None)
                .unwrap();
            let Mode::Single { options, .. } = mode else {
                panic!("single")
            };
            (cfg, options)
        };
        let (cfg, o) = parse(&["--lang", "zh-CN", "--color", "always"]);
        assert_eq!((cfg.lang, o.lang, o.color), (Lang::ZhCn, Lang::ZhCn, true));
        let (_, o) = parse(&["--lang", "en", "--color", "never", "-v"]);
        assert_eq!((o.lang, o.color, o.verbose), (Lang::En, false, true));
        let (_, o) = parse(&["--json", "--color", "always"]);
        assert!(!o.color, "JSON is never coloured");
        assert!(Args::try_parse_from(["maildoctor", "--lang", "fr", "a@example.com"]).is_err());
        assert!(Args::try_parse_from(["maildoctor", "--color", "red", "a@example.com"]).is_err());
    }

    #[test]
    fn resolver_parses_with_and_without_port() {
        assert_eq!(
            parse_resolver("127.0.0.1").unwrap(),
            "127.0.0.1:53".parse().unwrap()
        );
        assert_eq!(
            parse_resolver("127.0.0.1:5353").unwrap(),
            "127.0.0.1:5353".parse().unwrap()
        );
        assert_eq!(
            parse_resolver("[::1]:5353").unwrap(),
            "[::1]:5353".parse().unwrap()
        );
        assert_eq!(parse_resolver("::1").unwrap(), "[::1]:53".parse().unwrap());
        assert!(parse_resolver("dns.example").is_err());
    }

    #[test]
    fn password_sources() {
        let args = |extra: &[&str]| {
            let mut v = vec!["maildoctor"];
            v.extend_from_slice(extra);
            v.push("a@example.com");
            Args::try_parse_from(v).unwrap()
        };
        let mut input = std::io::Cursor::new(b"s3cret\r\nnext\n".to_vec());
        let pw = password(&args(&["--password-stdin"]), None, &mut input, false).unwrap();
        assert_eq!(pw.unwrap().expose(), "s3cret");
        let mut empty = std::io::Cursor::new(Vec::new());
        assert!(password(&args(&["--password-stdin"]), None, &mut empty, false).is_err());
        // The variable counts only with --login (issue 13.2).
        let pw = password(
            &args(&["--login"]),
            Some("env-pw".into()),
            &mut empty,
            false,
        );
        assert_eq!(pw.unwrap().unwrap().expose(), "env-pw");
        let pw = password(&args(&[]), Some("env-pw".into()), &mut empty, false).unwrap();
        assert!(
            pw.is_none(),
            "MAILDOCTOR_PASSWORD without --login is ignored"
        );
        assert!(
            password(&args(&[]), None, &mut empty, false)
                .unwrap()
                .is_none()
        );
        // --login without a terminal and without a password: a usage error, never a hang.
        assert!(matches!(
            password(&args(&["--login"]), None, &mut empty, false),
            Err(Error::Usage(_))
        ));
        let (cfg, _) = args(&["--try-usernames", "--verbose"])
            .into_mode_with(Some(Secret::new("x")))
            .unwrap();
        assert!(cfg.verbose);
        let c = cfg.credentials.unwrap();
        assert!(c.try_usernames && !c.allow_untrusted_host);
    }

    #[test]
    fn an_ignored_password_variable_is_said_once_and_never_quoted() {
        let parse = |v: &[&str]| Args::try_parse_from(v).unwrap();
        let single = parse(&["maildoctor", "a@example.com"]);
        let batch = parse(&["maildoctor", "--batch", "-"]);
        let login = parse(&["maildoctor", "--login", "a@example.com"]);
        let stdin = parse(&["maildoctor", "--password-stdin", "a@example.com"]);
        let n = password_env_notice(&single, true, Lang::En).unwrap();
        assert!(
            n.contains("MAILDOCTOR_PASSWORD") && n.contains("--login"),
            "{n}"
        );
        assert!(!n.contains('\n'));
        let n = password_env_notice(&batch, true, Lang::En).unwrap();
        assert!(n.contains("batch") && n.contains("--password-file"), "{n}");
        let n = password_env_notice(&batch, true, Lang::ZhCn).unwrap();
        assert!(n.contains("批量"), "{n}");
        let n = password_env_notice(&batch, true, Lang::ZhTw).unwrap();
        assert!(n.contains("批次模式"), "{n}");
        assert_eq!(password_env_notice(&login, true, Lang::En), None);
        assert_eq!(password_env_notice(&stdin, true, Lang::En), None);
        assert_eq!(password_env_notice(&single, false, Lang::En), None);
        assert_eq!(password_env_notice(&batch, false, Lang::En), None);
    }

    #[test]
    fn bad_timeout_and_address_are_usage_errors() {
        let a = Args::try_parse_from(["maildoctor", "--timeout", "0", "a@example.com"]).unwrap();
        assert!(matches!(a.into_mode(), Err(Error::Usage(_))));
        let a = Args::try_parse_from(["maildoctor", "not-an-address"]).unwrap();
        assert!(matches!(a.into_mode(), Err(Error::Address(_))));
        assert!(
            Args::try_parse_from(["maildoctor"]).is_err(),
            "address or --batch required"
        );
        assert!(Args::try_parse_from(["maildoctor", "--batch", "-", "a@example.com"]).is_err());
        let a = Args::try_parse_from(["maildoctor", "--jobs", "4", "a@example.com"]).unwrap();
        assert!(matches!(a.into_mode(), Err(Error::Usage(_))));
        let a = Args::try_parse_from(["maildoctor", "--batch", "-", "--format", "csv"]).unwrap();
        let Ok((_, Mode::Batch { format, jobs, .. })) = a.into_mode() else {
            panic!("batch mode expected");
        };
        assert_eq!(format, BatchFormat::Csv);
        assert_eq!(jobs, 64, "the documented default");
    }
}
