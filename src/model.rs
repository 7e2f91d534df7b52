//! Shared vocabulary of the pipeline: protocols, security modes, endpoints, candidates,
//! source reports, probe results and findings.
//!
//! Every stage (discover → probe → analyze → report) speaks in these types only. They are
//! plain data: `serde::Serialize` so the report can be printed as JSON, `Ord` where they
//! are used as keys so every output is deterministic. Security terms follow RFC 8314
//! ("implicit TLS" is `tls`, upgrade in-band is `starttls`).

use std::fmt;
use std::net::SocketAddr;

use serde::{Deserialize, Serialize};

/// A mail access or submission protocol.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Protocol {
    /// IMAP4rev1/IMAP4rev2 (RFC 9051), incoming.
    Imap,
    /// POP3 (RFC 1939), incoming.
    Pop3,
    /// SMTP submission (RFC 6409) or relay, outgoing.
    Smtp,
}

impl Protocol {
    /// Lowercase name, as used in JSON and URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Imap => "imap",
            Self::Pop3 => "pop3",
            Self::Smtp => "smtp",
        }
    }

    /// Upper-case name, as people see it in mail clients.
    pub fn display_name(self) -> &'static str {
        match self {
            Self::Imap => "IMAP",
            Self::Pop3 => "POP3",
            Self::Smtp => "SMTP",
        }
    }

    /// True for IMAP and POP3.
    pub fn is_incoming(self) -> bool {
        !matches!(self, Self::Smtp)
    }
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a connection is secured (RFC 8314 terms).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Security {
    /// Implicit TLS: the TLS handshake starts as soon as TCP connects (993, 995, 465).
    Tls,
    /// Plaintext greeting, then an in-band upgrade (IMAP `STARTTLS`, POP3 `STLS`, SMTP `STARTTLS`).
    Starttls,
    /// No encryption at all.
    None,
}

impl Security {
    /// Lowercase name, as used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Tls => "tls",
            Self::Starttls => "starttls",
            Self::None => "none",
        }
    }

    /// The label mail clients use for this mode.
    pub fn display_name(self) -> &'static str {
        match self {
            Self::Tls => "SSL/TLS",
            Self::Starttls => "STARTTLS",
            Self::None => "None",
        }
    }
}

impl fmt::Display for Security {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing to connect to: protocol, host name (ASCII/punycode), port and security mode.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct Endpoint {
    /// Protocol spoken on the port.
    pub protocol: Protocol,
    /// Host name in ASCII (IDNA) form, lowercase, without a trailing dot.
    pub host: String,
    /// TCP port.
    pub port: u16,
    /// Security mode.
    pub security: Security,
}

impl Endpoint {
    /// Builds an endpoint, normalising the host name (lowercase, no trailing dot).
    pub fn new(protocol: Protocol, host: &str, port: u16, security: Security) -> Self {
        Self {
            protocol,
            host: normalize_host(host),
            port,
            security,
        }
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}:{} ({})",
            self.protocol.display_name(),
            self.host,
            self.port,
            self.security.display_name()
        )
    }
}

/// Lowercases a host name and strips one trailing dot.
pub fn normalize_host(host: &str) -> String {
    host.trim().trim_end_matches('.').to_ascii_lowercase()
}

/// Where a candidate or a piece of evidence came from.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// What the user typed with `--check`.
    User,
    /// The built-in (or `--providers`) provider database, matched by the address's domain.
    Provider,
    /// DNS SRV records (RFC 6186, RFC 8314).
    Srv,
    /// DNS MX records; a provider matched by the MX host.
    Mx,
    /// Common host names and ports, tried when nothing better exists.
    Guess,
    /// Thunderbird autoconfig fetched over HTTPS from the address's domain.
    Autoconfig,
    /// Thunderbird autoconfig fetched over plain HTTP (can be forged on the way).
    AutoconfigHttp,
    /// Thunderbird autoconfig over HTTPS from the domain of the address's MX host.
    AutoconfigMx,
    /// Microsoft Autodiscover (POX, Outlook schema) over HTTPS.
    Autodiscover,
}

impl SourceKind {
    /// Lowercase name, as used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::User => "user",
            Self::Provider => "provider",
            Self::Srv => "srv",
            Self::Mx => "mx",
            Self::Guess => "guess",
            Self::Autoconfig => "autoconfig",
            Self::AutoconfigHttp => "autoconfig_http",
            Self::AutoconfigMx => "autoconfig_mx",
            Self::Autodiscover => "autodiscover",
        }
    }
}

/// One origin of a candidate: the source and what in it (provider id, SRV name, MX host).
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct Origin {
    /// The source.
    pub source: SourceKind,
    /// Human-readable detail, e.g. `qq.com`, `_imaps._tcp.example.com`, `mx via mxbiz1.qq.com`.
    pub detail: String,
}

/// A server setting that discovery proposes, to be probed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Candidate {
    /// Where to connect.
    pub endpoint: Endpoint,
    /// User name to log in with, already expanded (e.g. the full address).
    pub username: String,
    /// Every source that proposed this endpoint.
    pub origins: Vec<Origin>,
    /// Lower is better: sources and security mode decide it (see `discover::rank`).
    pub rank: u32,
}

/// Outcome class of one discovery source.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum SourceStatus {
    /// The source produced candidates.
    Found,
    /// The source answered but had nothing for us (no records, no provider entry).
    NotFound,
    /// DNS: the name does not exist (NXDOMAIN).
    NxDomain,
    /// DNS or network failure (SERVFAIL, REFUSED, unreachable resolver…).
    Failed,
    /// The source did not answer in time.
    Timeout,
    /// The source was not consulted (e.g. guessing when better candidates exist).
    Skipped,
    /// The source answered with something unusable: an HTML page, malformed XML, a body
    /// over the size cap, a redirect loop, an Autodiscover error code.
    Invalid,
}

/// What one discovery source did, kept for the report even when it found nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct SourceReport {
    /// Which source.
    pub source: SourceKind,
    /// What was queried: a DNS name with type, a provider id, a file.
    pub target: String,
    /// Outcome class.
    pub status: SourceStatus,
    /// Human-readable outcome detail (escaped before printing).
    pub detail: String,
    /// How many candidates the source contributed.
    pub candidates: usize,
    /// Elapsed wall time in milliseconds.
    pub elapsed_ms: u64,
    /// HTTP sources: the status code of the last response, when there was one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
    /// HTTP sources: every URL requested after the first (redirects, Autodiscover
    /// RedirectUrl/RedirectAddr), in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub redirects: Vec<String>,
}

/// One step of an endpoint probe.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Resolve the host name to addresses (A/AAAA).
    Resolve,
    /// TCP connect.
    Connect,
    /// Implicit TLS handshake, or the handshake after STARTTLS.
    TlsHandshake,
    /// Read the server greeting.
    Greeting,
    /// Ask for capabilities (IMAP `CAPABILITY`, POP3 `CAPA`, SMTP `EHLO`).
    Capabilities,
    /// Send the STARTTLS command (`STARTTLS`/`STLS`) and read the go-ahead.
    Starttls,
    /// Capabilities again after the STARTTLS upgrade.
    CapabilitiesAfterTls,
    /// Pick the login mechanism from what the server offers (connection used for login only).
    AuthMechs,
    /// The single login attempt (only with a password, only over verified TLS).
    Login,
}

impl Step {
    /// Lowercase name, as used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Resolve => "resolve",
            Self::Connect => "connect",
            Self::TlsHandshake => "tls_handshake",
            Self::Greeting => "greeting",
            Self::Capabilities => "capabilities",
            Self::Starttls => "starttls",
            Self::CapabilitiesAfterTls => "capabilities_after_tls",
            Self::AuthMechs => "auth_mechs",
            Self::Login => "login",
        }
    }
}

/// Why a step failed: a closed set, classified from types (never from message strings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FailureKind {
    /// DNS: the host name does not exist.
    NxDomain,
    /// DNS: the name exists but has no A/AAAA records.
    NoAddress,
    /// DNS lookup failed (SERVFAIL, REFUSED, resolver unreachable).
    DnsFailed,
    /// DNS lookup timed out.
    DnsTimeout,
    /// TCP RST: nothing listens on the port.
    Refused,
    /// No answer in time (connect: SYN dropped by a firewall; read: server silent).
    Timeout,
    /// Network or host unreachable.
    Unreachable,
    /// The peer closed the connection unexpectedly.
    ConnectionClosed,
    /// The server's reply was not valid for the protocol.
    ProtocolError,
    /// The greeting came from a different protocol than the one probed.
    WrongProtocol {
        /// The protocol that actually answered, when recognisable.
        actual: Option<Protocol>,
    },
    /// Plaintext greeting where a TLS handshake was expected (implicit TLS on a plaintext port).
    PlaintextOnTlsPort,
    /// TLS handshake bytes where a plaintext greeting was expected.
    TlsOnPlaintextPort,
    /// The certificate has expired.
    CertExpired {
        /// Expiry date, RFC 3339.
        not_after: String,
    },
    /// The certificate is not valid yet.
    CertNotYetValid {
        /// Start date, RFC 3339.
        not_before: String,
    },
    /// The certificate does not cover the host name.
    CertNameMismatch {
        /// Names the certificate has (SAN DNS names, or the CN when there are none).
        presented: Vec<String>,
    },
    /// The certificate is self-signed and not trusted.
    CertSelfSigned,
    /// The certificate chains to no trusted root (unknown CA, or missing intermediate).
    CertUntrusted,
    /// Another certificate problem.
    CertInvalid,
    /// The TLS handshake failed for a reason other than the certificate.
    HandshakeFailed,
    /// The server does not advertise STARTTLS/STLS.
    StarttlsNotOffered,
    /// The server refused the STARTTLS command.
    StarttlsRejected,
    /// The run was interrupted (Ctrl-C) before this step finished.
    Interrupted,
    /// This computer ran out of file descriptors, sockets or buffers (`EMFILE`, `ENFILE`,
    /// `ENOBUFS`): a local condition, never the server's fault.
    LocalResources,
    /// TCP connected but the server sent not a single byte of greeting in time.
    NoGreeting,
    /// The server sent its certificate without the intermediate certificate(s) that link it
    /// to a trusted root (a server-side configuration fix).
    ChainIncomplete {
        /// Issuer of the last certificate the server sent (the missing certificate's subject).
        missing_issuer: String,
    },
    /// The server only speaks a TLS version older than 1.2.
    TlsVersionTooOld,
    /// Login refused: wrong user name or password (`[AUTHENTICATIONFAILED]`, `[AUTH]`, `535`).
    AuthFailed,
    /// Login refused because this protocol is switched off for the account (e.g. POP3/SMTP
    /// must be enabled in the web settings).
    AuthProtocolDisabled,
    /// Login refused because the account is locked, suspended or disabled: the provider
    /// (or the administrator) must act.
    AuthAccountBlocked,
    /// Login refused: the provider wants an app password / authorization code instead of
    /// the account password.
    AuthAppPasswordRequired,
    /// Login refused: password (basic) authentication is switched off; only OAuth2 sign-in.
    AuthOauthRequired,
    /// Login refused until the person logs in on the web (captcha, "prove you are not a
    /// robot", verify the account, change an expired password).
    AuthWebLoginRequired,
    /// Login refused for too many attempts or connections; try later.
    AuthTooManyAttempts,
    /// Login refused by a temporary server-side failure; try later.
    AuthTemporary,
    /// Login refused for a reason the server's text does not make clear.
    AuthRejected,
    /// The server offers no password mechanism we use (e.g. only OAuth2, or LOGINDISABLED).
    AuthNoMechanism {
        /// Mechanisms the server offered.
        offered: Vec<String>,
    },
}

impl FailureKind {
    /// A failure of this computer, not of the server: the run was interrupted, or ran out
    /// of descriptors. Never a finding about the server, never cached between addresses.
    pub fn is_local(&self) -> bool {
        matches!(self, Self::Interrupted | Self::LocalResources)
    }
}

/// A failed step: its class and a human-readable message (escaped before printing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Failure {
    /// Class of failure.
    #[serde(flatten)]
    pub kind: FailureKind,
    /// Detail, e.g. the OS error or the server's reply.
    pub message: String,
}

/// State of one step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum StepStatus {
    /// Completed.
    Ok,
    /// Failed; the probe stops here.
    Failed(Failure),
    /// Not run, with the reason.
    Skipped {
        /// Why the step was not run.
        reason: String,
    },
}

/// One step's outcome and duration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct StepResult {
    /// Which step.
    pub step: Step,
    /// What happened.
    #[serde(flatten)]
    pub status: StepStatus,
    /// Elapsed wall time in milliseconds.
    pub elapsed_ms: u64,
}

/// What we learned about a certificate (from x509-parser; pure data).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct CertInfo {
    /// Subject distinguished name.
    pub subject: String,
    /// Issuer distinguished name.
    pub issuer: String,
    /// DNS names from the subjectAltName extension.
    pub dns_names: Vec<String>,
    /// Start of validity, RFC 3339.
    pub not_before: String,
    /// End of validity, RFC 3339.
    pub not_after: String,
    /// Whole days from now until `not_after` (negative when expired).
    pub days_left: i64,
    /// Subject equals issuer.
    pub self_signed: bool,
}

/// The negotiated TLS session and the certificate verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct TlsInfo {
    /// Protocol version, e.g. `TLSv1.3`.
    pub version: String,
    /// Cipher suite name.
    pub cipher: String,
    /// True when the chain verified against the trust store for the host name.
    pub verified: bool,
    /// The presented chain, leaf first.
    pub chain: Vec<CertInfo>,
}

/// What the single login attempt (per protocol) did. Never holds the password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct LoginInfo {
    /// The user name the settings give.
    pub settings_username: String,
    /// The user name of the last attempt (the local part after `--try-usernames`).
    pub username: String,
    /// What was sent, e.g. `AUTHENTICATE PLAIN`, `LOGIN`, `AUTH PLAIN`, `USER/PASS`.
    pub mechanism: String,
    /// Attempts made: 1, or 2 with `--try-usernames`.
    pub attempts: u8,
    /// True when the server accepted the login.
    pub ok: bool,
    /// The server's reply to the (last) attempt, verbatim but capped; escaped by renderers.
    pub server_reply: String,
}

/// Everything one probe of one endpoint at one address observed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ProbeResult {
    /// The endpoint probed.
    pub endpoint: Endpoint,
    /// The address connected to; `None` when resolution failed.
    pub addr: Option<SocketAddr>,
    /// Steps in order; the first failed step ends the probe.
    pub steps: Vec<StepResult>,
    /// Server greeting (first line), escaped later by the renderer.
    pub greeting: Option<String>,
    /// Capabilities before TLS (STARTTLS mode) or after the implicit handshake.
    pub capabilities: Vec<String>,
    /// Capabilities after the STARTTLS upgrade.
    pub capabilities_after_tls: Vec<String>,
    /// TLS session, when a handshake completed or presented a certificate.
    pub tls: Option<TlsInfo>,
    /// Total elapsed wall time in milliseconds.
    pub elapsed_ms: u64,
    /// Login mechanisms the server offered over TLS (IMAP `AUTH=`, POP3 `SASL`, SMTP `AUTH`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub auth_mechanisms: Vec<String>,
    /// The login attempt, when a password was given and this endpoint was chosen for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub login: Option<LoginInfo>,
    /// The dialogue (`C:`/`S:` lines, credentials masked), only with `--verbose`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transcript: Vec<String>,
}

impl ProbeResult {
    /// The first failed step and its failure, if any.
    pub fn failure(&self) -> Option<(Step, &Failure)> {
        self.steps.iter().find_map(|s| match &s.status {
            StepStatus::Failed(f) => Some((s.step, f)),
            _ => None,
        })
    }

    /// True when no step failed.
    pub fn ok(&self) -> bool {
        self.failure().is_none()
    }

    /// The first failed step before the login steps: the connection itself (DNS, TCP, TLS,
    /// STARTTLS, capabilities). Login problems are the account's, not the server's.
    pub fn connection_failure(&self) -> Option<(Step, &Failure)> {
        self.failure()
            .filter(|(s, _)| !matches!(s, Step::AuthMechs | Step::Login))
    }

    /// True when the connection chain worked, whatever the login said.
    pub fn connection_ok(&self) -> bool {
        self.connection_failure().is_none()
    }

    /// The failed login step, if login was attempted and failed.
    pub fn login_failure(&self) -> Option<(Step, &Failure)> {
        self.failure()
            .filter(|(s, _)| matches!(s, Step::AuthMechs | Step::Login))
    }
}

/// How bad a finding is.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Works, but something should be fixed.
    Warning,
    /// Does not work.
    Error,
}

impl Severity {
    /// Lowercase name, as used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

/// Who must act to fix a finding.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    /// The person setting up the mail client (what they typed, their password, their
    /// account's web settings).
    User,
    /// The helpdesk or IT support that looks after the user.
    Helpdesk,
    /// The mail provider (the company running the mail service).
    Provider,
    /// The administrator of the mail server.
    ServerAdmin,
    /// Whoever manages the domain's DNS records.
    DomainAdmin,
    /// The network between this computer and the server (firewall, proxy, ISP).
    Network,
    /// This computer: its resolver configuration, its clock, its trust store.
    ThisComputer,
}

impl Actor {
    /// snake_case name, as used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::User => "user",
            Self::Helpdesk => "helpdesk",
            Self::Provider => "provider",
            Self::ServerAdmin => "server_admin",
            Self::DomainAdmin => "domain_admin",
            Self::Network => "network",
            Self::ThisComputer => "this_computer",
        }
    }
}

/// Structured facts behind a finding, for programs (the cause and fix say the same in
/// words). Every field is optional; only the ones that apply are present.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Params {
    /// What the server said (greeting, login reply, STARTTLS refusal), escaped by renderers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server_reply: Option<String>,
    /// The host name concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// Ports concerned, ascending.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<u16>,
    /// IP addresses concerned (the failing ones, for per-address findings).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<String>,
    /// IP addresses where the same endpoint works.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub working_addresses: Vec<String>,
    /// Names the certificate covers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cert_names: Vec<String>,
    /// Certificate subject.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cert_subject: Option<String>,
    /// Certificate issuer (for a missing intermediate: the certificate that is missing).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cert_issuer: Option<String>,
    /// Certificate start of validity, RFC 3339.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_before: Option<String>,
    /// Certificate end of validity, RFC 3339.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_after: Option<String>,
    /// Whole days until the certificate expires (negative when expired).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_left: Option<i64>,
    /// TLS version negotiated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tls_version: Option<String>,
    /// A host to use instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggested_host: Option<String>,
    /// A port to use instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggested_port: Option<u16>,
    /// A security mode to use instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggested_security: Option<Security>,
    /// A protocol to use instead (e.g. IMAP when POP3 is switched off).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggested_protocol: Option<Protocol>,
    /// The resolver that was asked (`ip:port`, or `system`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resolver: Vec<String>,
    /// The DNS record that points at the problem, e.g. `_imaps._tcp.example.com SRV`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
    /// A DNS name concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The protocol that actually answered (protocol mismatches).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual_protocol: Option<Protocol>,
    /// The user name used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// Login mechanisms offered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mechanisms: Vec<String>,
    /// The command-line flag that would change the outcome (e.g. `--allow-untrusted-host`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flag: Option<String>,
    /// A short machine-readable reason or detail (e.g. the DNS error, `not_offered`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// One diagnosis: one root cause with a stable code, a severity, who must act, one plain
/// cause and one fix, and every endpoint it affects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Finding {
    /// Stable machine-readable code, e.g. `tls.expired` (see `analyze::codes::ALL`).
    #[schemars(schema_with = "crate::analyze::codes::schema")]
    pub code: &'static str,
    /// How bad it is.
    pub severity: Severity,
    /// The first of `endpoints` (kept for compatibility), when it concerns one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<Endpoint>,
    /// Every endpoint this root cause affects, most relevant first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub endpoints: Vec<Endpoint>,
    /// Who must act.
    pub actor: Actor,
    /// Structured facts (server reply, certificate names and dates, suggestion, resolver…).
    #[serde(default, skip_serializing_if = "is_default_params")]
    pub params: Params,
    /// Plain-language cause.
    pub cause: String,
    /// What to do about it.
    pub fix: String,
}

fn is_default_params(p: &Params) -> bool {
    *p == Params::default()
}

impl Finding {
    /// A finding about no endpoint in particular.
    pub fn new(
        code: &'static str,
        severity: Severity,
        actor: Actor,
        (cause, fix): (String, String),
    ) -> Self {
        Self {
            code,
            severity,
            endpoint: None,
            endpoints: Vec::new(),
            actor,
            params: Params::default(),
            cause,
            fix,
        }
    }

    /// Sets the endpoints (sorted, de-duplicated, `first` kept first) and `endpoint`.
    pub fn at(mut self, first: &Endpoint, others: impl IntoIterator<Item = Endpoint>) -> Self {
        let mut rest: Vec<Endpoint> = others.into_iter().filter(|e| e != first).collect();
        rest.sort();
        rest.dedup();
        self.endpoints = std::iter::once(first.clone()).chain(rest).collect();
        self.endpoint = Some(first.clone());
        self
    }

    /// A finding on one endpoint, or none.
    pub fn on(
        code: &'static str,
        severity: Severity,
        actor: Actor,
        endpoint: Option<Endpoint>,
        cause: String,
        fix: String,
    ) -> Self {
        let f = Self::new(code, severity, actor, (cause, fix));
        match endpoint {
            Some(e) => f.at(&e, []),
            None => f,
        }
    }

    /// Sets the structured parameters.
    pub fn with(mut self, params: Params) -> Self {
        self.params = params;
        self
    }
}

/// A provider hint: something a person must know to make the account work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Hint {
    /// Stable code, e.g. `app_password`, `enable_pop3`, `bridge_only`.
    pub code: String,
    /// English text.
    pub text: String,
    /// Simplified Chinese text, when the provider file has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text_zh: Option<String>,
}
