//! Orchestration: address → discovery → probes → analysis → [`Report`]. No formatting here.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use crate::address::EmailAddress;
use crate::analyze::{RunFacts, analyze_run};
use crate::batch::ProbeCache;
use crate::config::{Config, Credentials};
use crate::discover::{Handles, discover};
use crate::dns::Dns;
use crate::error::Error;
use crate::http::HttpClient;
use crate::i18n::Lang;
use crate::model::{Endpoint, ProbeResult};
use crate::net::Net;
use crate::net::connect::Connector;
use crate::net::tls::TlsClient;
use crate::provider::ProviderDb;
use crate::report::{AddressInfo, Report, SCHEMA_VERSION};
use tokio_util::sync::CancellationToken;

/// What to diagnose.
#[derive(Debug, Clone)]
pub struct Request {
    /// The address.
    pub address: EmailAddress,
    /// Endpoints the user typed (`--check`), probed in addition to discovered ones.
    pub checks: Vec<Endpoint>,
    /// Login for this address only (batch mode's password file); otherwise the context's.
    pub credentials: Option<Credentials>,
}

/// Loaded, reusable run context (provider database, resolver, TLS roots).
#[derive(Debug, Clone)]
pub struct Context {
    /// Provider database.
    pub providers: ProviderDb,
    /// Network handles.
    pub net: Net,
    /// Language of causes and fixes.
    pub lang: Lang,
    /// Password and login permissions, when a login was asked for.
    pub credentials: Option<Credentials>,
    /// Keep dialogue transcripts (`--verbose`).
    pub verbose: bool,
    /// HTTP client for autoconfig and Autodiscover.
    pub http: HttpClient,
    /// `--offline`: no network at all.
    pub offline: bool,
}

impl Context {
    /// Loads providers, the resolver and the trust store. Fatal errors only.
    pub fn new(config: &Config) -> Result<Self, Error> {
        let providers = ProviderDb::load(config.providers_dir.as_deref())?;
        let dns = Dns::new(&config.resolver, config.limits.dns_timeout)?;
        // One trust store, loaded once, for the mail probes and the HTTPS sources.
        let roots = crate::net::tls::load_roots(config.ca_file.as_deref())?;
        let tls = TlsClient::from_roots(roots.clone())?;
        let connector = Connector::new(
            dns.clone(),
            config.connect_to.clone(),
            config.limits.connect_timeout,
        );
        let http = HttpClient::from_roots(connector.clone(), roots, config.limits.read_timeout)
            .map_err(|e| Error::Tls(crate::net::tls::TlsInitError(e.0)))?;
        Ok(Self {
            providers,
            http,
            net: Net {
                dns,
                connector,
                tls,
                limits: config.limits.clone(),
            },
            credentials: config.credentials.clone(),
            verbose: config.verbose,
            lang: config.lang,
            offline: config.offline,
        })
    }
}

/// Runs the whole pipeline for one address.
pub async fn run(ctx: &Context, request: &Request) -> Report {
    run_full(ctx, request, None, &CancellationToken::new()).await
}

/// Runs the pipeline, taking probe results from `cache` when given (batch mode shares one
/// cache between addresses so each endpoint is probed once).
pub async fn run_cached(ctx: &Context, request: &Request, cache: Option<&ProbeCache>) -> Report {
    run_full(ctx, request, cache, &CancellationToken::new()).await
}

/// Runs the pipeline until it finishes or `cancel` fires (Ctrl-C). When cancelled, every
/// source and probe still running stops at once and is reported as interrupted; what was
/// already found is kept, so the partial report is still worth printing.
pub async fn run_full(
    ctx: &Context,
    request: &Request,
    cache: Option<&ProbeCache>,
    cancel: &CancellationToken,
) -> Report {
    let start = Instant::now();
    let generated_at = crate::net::cert::rfc3339(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX)),
    );
    let addr = &request.address;
    let credentials = request.credentials.as_ref().or(ctx.credentials.as_ref());
    let source_timeout = ctx.net.limits.dns_timeout + Duration::from_secs(1);
    let discover_with = |early| {
        let handles = Handles {
            dns: &ctx.net.dns,
            http: Some(&ctx.http),
            providers: &ctx.providers,
            autodiscover_password: credentials
                .filter(|c| c.autodiscover_auth)
                .map(|c| &c.password),
        };
        discover(
            handles,
            addr,
            &request.checks,
            source_timeout,
            early,
            cancel,
        )
    };
    let (mut discovery, probes) = if ctx.offline {
        // No network at all: the provider database and what the user typed.
        let discovery = crate::discover::offline(&ctx.providers, addr, &request.checks);
        (discovery, Vec::new())
    } else if credentials.is_none() {
        // Probe what DNS and the provider database propose while the HTTP sources are still
        // running; then probe only what those added. Total time tracks the slowest chain.
        let (tx, rx) = tokio::sync::oneshot::channel();
        let early_probes = async {
            match rx.await {
                Ok(endpoints) => probe_plain(ctx, cache, endpoints, cancel).await,
                Err(_) => Vec::new(),
            }
        };
        let (discovery, early) = tokio::join!(discover_with(Some(tx)), early_probes);
        let wanted: BTreeSet<&Endpoint> =
            discovery.candidates.iter().map(|c| &c.endpoint).collect();
        let done: BTreeSet<&Endpoint> = early.iter().map(|p| &p.endpoint).collect();
        let late: Vec<Endpoint> = wanted
            .iter()
            .filter(|e| !done.contains(*e))
            .map(|e| (*e).clone())
            .collect();
        let late = if late.is_empty() {
            Vec::new()
        } else {
            probe_plain(ctx, cache, late, cancel).await
        };
        // Early guesses that better HTTP sources made unnecessary are dropped.
        let mut probes: Vec<ProbeResult> = early
            .into_iter()
            .filter(|p| wanted.contains(&p.endpoint))
            .chain(late)
            .collect();
        probes.sort_by(|a, b| a.endpoint.cmp(&b.endpoint).then(a.addr.cmp(&b.addr)));
        (discovery, probes)
    } else {
        // A login picks its server from the final candidates and the probe results of one
        // run, so discovery completes first.
        let discovery = discover_with(None).await;
        let endpoints: Vec<Endpoint> = discovery
            .candidates
            .iter()
            .map(|c| c.endpoint.clone())
            .collect();
        let login = credentials.map(|c| {
            crate::probe::LoginPlan::new(
                c.password.clone(),
                &addr.local,
                &addr.domain,
                &discovery.candidates,
                c.try_usernames,
                c.allow_untrusted_host,
            )
        });
        let options = crate::probe::ProbeOptions {
            transcript: ctx.verbose,
            login,
            cancel: Some(cancel.clone()),
        };
        let probes = crate::probe::run_with(&ctx.net, endpoints, &options).await;
        (discovery, probes)
    };
    // Problems with --providers files: one source entry each (file:line, no directory).
    discovery
        .sources
        .extend(ctx.providers.warning_sources(ctx.lang));
    let run = RunFacts {
        domain: addr.domain.clone(),
        resolver: ctx.net.dns.servers().to_vec(),
        password_given: credentials.is_some() && !ctx.offline,
        allow_untrusted_host: credentials.is_some_and(|c| c.allow_untrusted_host),
        offline: ctx.offline,
    };
    let mut analysis = analyze_run(&discovery, &probes, &run, ctx.lang);
    let interrupted = cancel.is_cancelled();
    if interrupted {
        crate::analyze::mark_interrupted(&mut analysis, ctx.lang);
    }
    Report {
        schema_version: SCHEMA_VERSION,
        address: AddressInfo {
            input: addr.to_string(),
            local: addr.local.clone(),
            domain: addr.domain.clone(),
            domain_unicode: addr.domain_unicode.clone(),
        },
        status: analysis.status,
        verdict: analysis.verdict,
        settings: analysis.settings,
        checks: analysis.checks,
        provider: discovery.provider,
        domain: discovery.domain,
        findings: analysis.findings,
        sources: discovery.sources,
        probes,
        interrupted,
        elapsed_ms: u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX),
        lang: ctx.lang.as_str().to_owned(),
        tool_version: env!("CARGO_PKG_VERSION").to_owned(),
        generated_at,
        resolver: run.resolver,
    }
}

/// Probes without logging in: through the batch cache when there is one.
async fn probe_plain(
    ctx: &Context,
    cache: Option<&ProbeCache>,
    endpoints: Vec<Endpoint>,
    cancel: &CancellationToken,
) -> Vec<ProbeResult> {
    match cache {
        Some(cache) => cache.probe(&ctx.net, endpoints).await,
        None => {
            let options = crate::probe::ProbeOptions {
                transcript: ctx.verbose,
                login: None,
                cancel: Some(cancel.clone()),
            };
            crate::probe::run_with(&ctx.net, endpoints, &options).await
        }
    }
}
