//! Orchestration: address → discovery → probes → analysis → [`Report`]. No formatting here.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::address::EmailAddress;
use crate::analyze::{RunFacts, analyze_run};
use crate::batch::ProbeCache;
use crate::config::{Config, Credentials};
use crate::discover::{Handles, Progress, discover};
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
    let (mut discovery, probes) = if ctx.offline {
        // No network at all: the provider database and what the user typed.
        let discovery = crate::discover::offline(&ctx.providers, addr, &request.checks);
        (discovery, Vec::new())
    } else {
        // One streaming pipeline: every endpoint a source names is probed at once, while the
        // other sources are still running; with a password, the probe the login plan picks
        // logs in on its own connection (batch runs, with a cache, never log in).
        let login = credentials.filter(|_| cache.is_none()).map(|c| {
            Arc::new(crate::probe::LoginPlan::new(
                c.password.clone(),
                &addr.local,
                &addr.domain,
                c.try_usernames,
                c.allow_untrusted_host,
            ))
        });
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel::<Vec<Endpoint>>();
        let emit = {
            let login = login.clone();
            move |p: Progress| match p {
                // The receiver lives until every probe ended.
                Progress::Endpoints(e) => {
                    let _ = tx.send(e);
                }
                Progress::Trusted(c) => {
                    if let Some(plan) = &login {
                        plan.trusted(&c);
                    }
                }
            }
        };
        let discovery = async {
            let handles = Handles {
                dns: &ctx.net.dns,
                http: Some(&ctx.http),
                providers: &ctx.providers,
                autodiscover_password: credentials
                    .filter(|c| c.autodiscover_auth)
                    .map(|c| &c.password),
            };
            let d = discover(
                handles,
                addr,
                &request.checks,
                source_timeout,
                Some(&emit),
                cancel,
            )
            .await;
            if let Some(plan) = &login {
                plan.complete(&d.candidates);
            }
            // Closes the channel: probing ends once the last probe ended.
            drop(emit);
            d
        };
        let probing = async {
            match cache {
                Some(cache) => probe_cached(ctx, cache, rx).await,
                None => {
                    let options = crate::probe::ProbeOptions {
                        transcript: ctx.verbose,
                        login: login.clone(),
                        cancel: Some(cancel.clone()),
                    };
                    crate::probe::run_stream(&ctx.net, rx, &options).await
                }
            }
        };
        let (discovery, probes) = tokio::join!(discovery, probing);
        // Every candidate was emitted; keep only the probes of the final candidates.
        let wanted: BTreeSet<&Endpoint> =
            discovery.candidates.iter().map(|c| &c.endpoint).collect();
        let probes: Vec<ProbeResult> = probes
            .into_iter()
            .filter(|p| wanted.contains(&p.endpoint))
            .collect();
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

/// Probes endpoints as they arrive, through the batch cache (each endpoint once per batch);
/// never logs in.
async fn probe_cached(
    ctx: &Context,
    cache: &ProbeCache,
    mut rx: tokio::sync::mpsc::UnboundedReceiver<Vec<Endpoint>>,
) -> Vec<ProbeResult> {
    let mut seen: BTreeSet<Endpoint> = BTreeSet::new();
    let mut running = futures_util::stream::FuturesUnordered::new();
    let mut out = Vec::new();
    let mut open = true;
    loop {
        tokio::select! {
            batch = rx.recv(), if open => match batch {
                Some(endpoints) => {
                    let fresh: Vec<Endpoint> =
                        endpoints.into_iter().filter(|e| seen.insert(e.clone())).collect();
                    if !fresh.is_empty() {
                        running.push(cache.probe(&ctx.net, fresh));
                    }
                }
                None => open = false,
            },
            Some(done) = futures_util::StreamExt::next(&mut running) => out.extend(done),
            else => break,
        }
    }
    out.sort_by(|a, b| a.endpoint.cmp(&b.endpoint).then(a.addr.cmp(&b.addr)));
    out
}
