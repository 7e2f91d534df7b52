//! Orchestration: address → discovery → probes → analysis → [`Report`]. No formatting here.

use std::time::{Duration, Instant};

use crate::address::EmailAddress;
use crate::analyze::analyze;
use crate::batch::ProbeCache;
use crate::config::{Config, Credentials};
use crate::discover::discover;
use crate::dns::Dns;
use crate::error::Error;
use crate::http::HttpClient;
use crate::model::Endpoint;
use crate::net::Net;
use crate::net::connect::Connector;
use crate::net::tls::TlsClient;
use crate::provider::ProviderDb;
use crate::report::{AddressInfo, Report, SCHEMA_VERSION};

/// What to diagnose.
#[derive(Debug, Clone)]
pub struct Request {
    /// The address.
    pub address: EmailAddress,
    /// Endpoints the user typed (`--check`), probed in addition to discovered ones.
    pub checks: Vec<Endpoint>,
}

/// Loaded, reusable run context (provider database, resolver, TLS roots).
#[derive(Debug, Clone)]
pub struct Context {
    /// Provider database.
    pub providers: ProviderDb,
    /// Network handles.
    pub net: Net,
    /// Password and login permissions, when a login was asked for.
    pub credentials: Option<Credentials>,
    /// Keep dialogue transcripts (`--verbose`).
    pub verbose: bool,
    /// HTTP client for autoconfig and Autodiscover.
    pub http: HttpClient,
}

impl Context {
    /// Loads providers, the resolver and the trust store. Fatal errors only.
    pub fn new(config: &Config) -> Result<Self, Error> {
        let providers = ProviderDb::load(config.providers_dir.as_deref())?;
        let dns = Dns::new(&config.resolver, config.limits.dns_timeout)?;
        let tls = TlsClient::new(config.ca_file.as_deref())?;
        let connector = Connector::new(
            dns.clone(),
            config.connect_to.clone(),
            config.limits.connect_timeout,
        );
        let http = HttpClient::new(
            connector.clone(),
            config.ca_file.as_deref(),
            config.limits.read_timeout,
        )
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
        })
    }
}

/// Runs the whole pipeline for one address.
pub async fn run(ctx: &Context, request: &Request) -> Report {
    run_cached(ctx, request, None).await
}

/// Runs the pipeline, taking probe results from `cache` when given (batch mode shares one
/// cache between addresses so each endpoint is probed once).
pub async fn run_cached(ctx: &Context, request: &Request, cache: Option<&ProbeCache>) -> Report {
    let start = Instant::now();
    let addr = &request.address;
    let source_timeout = ctx.net.limits.dns_timeout + Duration::from_secs(1);
    let discovery = discover(
        &ctx.net.dns,
        Some(&ctx.http),
        &ctx.providers,
        addr,
        &request.checks,
        source_timeout,
    )
    .await;
    let endpoints: Vec<Endpoint> = discovery
        .candidates
        .iter()
        .map(|c| c.endpoint.clone())
        .collect();
    // Batch mode shares probe results between addresses and never logs in.
    let probes = match cache {
        Some(cache) => cache.probe(&ctx.net, endpoints).await,
        None => {
            let login = ctx.credentials.as_ref().map(|c| {
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
            };
            crate::probe::run_with(&ctx.net, endpoints, &options).await
        }
    };
    let analysis = analyze(&discovery, &probes);
    Report {
        schema_version: SCHEMA_VERSION,
        address: AddressInfo {
            input: addr.to_string(),
            local: addr.local.clone(),
            domain: addr.domain.clone(),
            domain_unicode: addr.domain_unicode.clone(),
        },
        status: analysis.status,
        settings: analysis.settings,
        provider: discovery.provider,
        domain: discovery.domain,
        findings: analysis.findings,
        sources: discovery.sources,
        probes,
        elapsed_ms: u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX),
    }
}
