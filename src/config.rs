//! Run configuration: limits (timeouts, concurrency, read caps) and network overrides.
//!
//! `cli::Args::into_config()` builds a [`Config`]; library users build one directly.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Timeouts, concurrency and read caps. Every network step is bounded by one of these.
#[derive(Debug, Clone)]
pub struct Limits {
    /// TCP connect timeout, per address.
    pub connect_timeout: Duration,
    /// Timeout for each read (one reply) and for a TLS handshake.
    pub read_timeout: Duration,
    /// Timeout of each DNS query.
    pub dns_timeout: Duration,
    /// Upper bound for the whole run; whatever has not finished by then is reported as timed out.
    pub run_timeout: Duration,
    /// Probes running at once, in total.
    pub max_concurrency: usize,
    /// Probes running at once against one host name: enough for one server's usual six or
    /// seven mail ports to go in one wave (issue 12: with 4 they went in two).
    pub per_host: usize,
    /// Longest protocol line accepted, in bytes (longer: protocol error).
    pub max_line_len: usize,
    /// Most lines accepted in one multi-line reply.
    pub max_reply_lines: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(10),
            dns_timeout: Duration::from_secs(5),
            run_timeout: Duration::from_secs(60),
            max_concurrency: 16,
            per_host: 8,
            max_line_len: 8 * 1024,
            max_reply_lines: 200,
        }
    }
}

impl Limits {
    /// Limits where every per-step timeout is `secs` (the `--timeout` flag), the whole run
    /// bounded by a multiple of it.
    pub fn with_timeout(secs: f64) -> Self {
        let step = Duration::from_secs_f64(secs);
        Self {
            connect_timeout: step,
            read_timeout: step,
            dns_timeout: step.min(Duration::from_secs(5)),
            // resolve + connect + greeting + caps + starttls + handshake + caps: a chain is at
            // most a handful of steps; never let a run exceed six steps' worth.
            run_timeout: step * 6,
            ..Self::default()
        }
    }
}

/// curl-style `--connect-to HOST1:PORT1:HOST2:PORT2`: connect to HOST2:PORT2 whenever a probe
/// would connect to HOST1:PORT1. TLS still verifies the certificate against HOST1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectTo {
    /// Host name to match (lowercase ASCII); empty matches every host.
    pub from_host: String,
    /// Port to match; 0 matches every port.
    pub from_port: u16,
    /// Host name or IP literal to connect to instead; empty keeps the original host.
    pub to_host: String,
    /// Port to connect to instead; 0 keeps the original port.
    pub to_port: u16,
}

/// Which DNS resolver to use.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ResolverChoice {
    /// The system configuration (/etc/resolv.conf), like curl and openssl.
    #[default]
    System,
    /// One name server at this address (UDP and TCP).
    Server(SocketAddr),
}

/// Everything a run needs besides the address.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Timeouts and caps.
    pub limits: Limits,
    /// DNS resolver.
    pub resolver: ResolverChoice,
    /// Extra trusted CA certificates (PEM), added to the system trust store.
    pub ca_file: Option<PathBuf>,
    /// Directory of extra provider files that add to or override the built-in database.
    pub providers_dir: Option<PathBuf>,
    /// Connection overrides, first match wins.
    pub connect_to: Vec<ConnectTo>,
    /// Log in with these (only when a password was given).
    pub credentials: Option<Credentials>,
    /// Keep a transcript of each dialogue (`--verbose`), passwords masked.
    pub verbose: bool,
    /// Language of causes, fixes and labels (`--lang`, default from the locale).
    pub lang: crate::i18n::Lang,
    /// `--offline`: no network at all; settings from the provider database (and `--check`),
    /// verdict `unverified`.
    pub offline: bool,
}

/// A password. Its `Debug`, `Display` and `Serialize` never reveal it; only
/// [`Secret::expose`] does, for the one place that sends it over TLS.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a password.
    pub fn new(s: impl Into<String>) -> Self {
        Self(s.into())
    }

    /// The password itself.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// True for an empty password.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(********)")
    }
}

impl std::fmt::Display for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("********")
    }
}

impl serde::Serialize for Secret {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str("********")
    }
}

impl Drop for Secret {
    fn drop(&mut self) {
        // Best effort: overwrite the bytes before the allocation is freed.
        let len = self.0.len();
        self.0.clear();
        self.0.extend(std::iter::repeat_n('\0', len));
    }
}

/// What a login needs: the password and what the user allowed.
#[derive(Debug, Clone)]
pub struct Credentials {
    /// The password (or app password / authorization code).
    pub password: Secret,
    /// `--try-usernames`: after "wrong credentials", try the local part once more.
    pub try_usernames: bool,
    /// `--allow-untrusted-host`: also send the password to guessed hosts and hosts outside
    /// the address's domain and its provider.
    pub allow_untrusted_host: bool,
    /// `--autodiscover-auth`: answer an Autodiscover server's 401 with these credentials
    /// (HTTPS only, only within the address's registrable domain).
    pub autodiscover_auth: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_never_shows() {
        let s = Secret::new("hunter2");
        assert!(!format!("{s:?}").contains("hunter2"));
        assert!(!format!("{s}").contains("hunter2"));
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"********\"");
        let c = Credentials {
            password: s.clone(),
            try_usernames: false,
            allow_untrusted_host: false,
            autodiscover_auth: false,
        };
        assert!(!format!("{c:?}").contains("hunter2"));
        assert_eq!(s.expose(), "hunter2");
    }
}
