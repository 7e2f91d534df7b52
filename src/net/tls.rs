//! TLS client: rustls (ring) with the system trust store plus `--ca-file`, and a
//! [`RecordingVerifier`] that records the certificate verdict instead of aborting.
//!
//! A diagnostic tool must see a bad certificate to explain it, so the verifier lets the
//! handshake finish (signatures are still checked, so the peer really holds the key), keeps
//! the presented chain and rustls's typed verdict ([`rustls::Error`] /
//! [`CertificateError`]), and the probe then reports that verdict as the `tls_handshake`
//! step's failure. No application data is ever sent over a connection whose certificate
//! failed. Session resumption is disabled so that every handshake presents a certificate.
//!
//! Used for implicit TLS (RFC 8314 §3) and after an in-band upgrade (IMAP STARTTLS,
//! RFC 9051 §6.2.1 / RFC 3501 §6.2.1; POP3 STLS, RFC 2595 §4; SMTP STARTTLS, RFC 3207).
//! Host name checks follow RFC 6125 as implemented by webpki.

use std::fmt;
use std::fs::File;
use std::io::{self, BufReader};
use std::path::Path;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::{Duration, SystemTime};

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{
    CertificateError, ClientConfig, ClientConnection, DigitallySignedStruct, ProtocolVersion,
    RootCertStore, SignatureScheme,
};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio_rustls::TlsConnector;

use crate::model::{CertInfo, Failure, FailureKind, TlsInfo};
use crate::net::cert;

/// The trust store or CA file could not be loaded.
#[derive(Debug, thiserror::Error)]
#[error("cannot load trusted certificates: {0}")]
pub struct TlsInitError(pub String);

/// A TLS client stream over a [`Sniff`]-wrapped transport.
pub type ClientStream<S> = tokio_rustls::client::TlsStream<Sniff<S>>;

/// TLS client configuration: system trust store plus `--ca-file`. Cheap to clone.
#[derive(Clone)]
pub struct TlsClient {
    provider: Arc<CryptoProvider>,
    /// `None` when no root could be loaded at all: every chain is then untrusted.
    webpki: Option<Arc<WebPkiServerVerifier>>,
    base: Arc<ClientConfig>,
    roots: usize,
}

impl fmt::Debug for TlsClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TlsClient")
            .field("roots", &self.roots)
            .finish_non_exhaustive()
    }
}

/// The trust store every TLS connection uses (mail probes and HTTPS discovery alike): the
/// system store, like curl and openssl (unparsable certificates skipped, an empty store is
/// not an error), plus every certificate of the PEM `ca_file`, which must be readable and
/// hold at least one.
pub fn load_roots(ca_file: Option<&Path>) -> Result<RootCertStore, TlsInitError> {
    let mut roots = RootCertStore::empty();
    let native = rustls_native_certs::load_native_certs();
    let _ = roots.add_parsable_certificates(native.certs);
    if let Some(path) = ca_file {
        for der in read_pem_certs(path)? {
            roots.add(der).map_err(|e| {
                TlsInitError(format!(
                    "{}: not a usable CA certificate: {e}",
                    path.display()
                ))
            })?;
        }
    }
    Ok(roots)
}

/// What a handshake produced: the stream (only when the handshake completed *and* the
/// certificate verified) and what was learned about the session, even on failure.
pub struct TlsOutcome<S> {
    /// The encrypted stream, or why the `tls_handshake` step failed.
    pub stream: Result<ClientStream<S>, Failure>,
    /// Session and chain, when a handshake completed or a certificate was presented.
    pub info: Option<TlsInfo>,
}

impl TlsClient {
    /// Loads the system trust store and the optional extra CA file.
    ///
    /// Unparsable system certificates are skipped (as curl and openssl do); an empty system
    /// store is not an error. The CA file must be readable PEM with at least one certificate.
    pub fn new(ca_file: Option<&Path>) -> Result<Self, TlsInitError> {
        Self::from_roots(load_roots(ca_file)?)
    }

    /// Builds a client trusting exactly `roots` (no system store).
    pub fn from_roots(roots: RootCertStore) -> Result<Self, TlsInitError> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let count = roots.len();
        let webpki = if roots.is_empty() {
            None
        } else {
            Some(
                WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider.clone())
                    .build()
                    .map_err(|e| TlsInitError(e.to_string()))?,
            )
        };
        let placeholder = Arc::new(RecordingVerifier {
            provider: provider.clone(),
            inner: webpki.clone(),
            record: Arc::default(),
        });
        let mut base = ClientConfig::builder_with_provider(provider.clone())
            .with_safe_default_protocol_versions()
            .map_err(|e| TlsInitError(e.to_string()))?
            .dangerous()
            .with_custom_certificate_verifier(placeholder)
            .with_no_client_auth();
        base.resumption = rustls::client::Resumption::disabled();
        Ok(Self {
            provider,
            webpki,
            base: Arc::new(base),
            roots: count,
        })
    }

    /// Number of trusted root certificates.
    pub fn root_count(&self) -> usize {
        self.roots
    }

    fn config_with(&self, record: Arc<Mutex<Option<Recorded>>>) -> Arc<ClientConfig> {
        let mut cfg = (*self.base).clone();
        cfg.dangerous()
            .set_certificate_verifier(Arc::new(RecordingVerifier {
                provider: self.provider.clone(),
                inner: self.webpki.clone(),
                record,
            }));
        Arc::new(cfg)
    }

    /// The bytes of a TLS ClientHello for `host`, used to find out whether a silent
    /// "plaintext" port really speaks TLS. `None` if it cannot be built.
    pub fn client_hello(&self, host: &str) -> Option<Vec<u8>> {
        let name = server_name(host)?;
        let mut conn = ClientConnection::new(self.config_with(Arc::default()), name).ok()?;
        let mut out = Vec::new();
        while conn.wants_write() {
            if conn.write_tls(&mut out).ok()? == 0 {
                break;
            }
        }
        (!out.is_empty()).then_some(out)
    }

    /// Runs a TLS handshake over `io` for `host` (the name the certificate must match, never
    /// a `--connect-to` target), bounded by `timeout`.
    pub async fn handshake<S>(&self, io: S, host: &str, timeout: Duration) -> TlsOutcome<S>
    where
        S: AsyncRead + AsyncWrite + Unpin,
    {
        let Some(name) = server_name(host) else {
            return TlsOutcome {
                stream: Err(failure(
                    FailureKind::HandshakeFailed,
                    format!("{host:?} is not a valid TLS server name"),
                )),
                info: None,
            };
        };
        let record: Arc<Mutex<Option<Recorded>>> = Arc::default();
        let connector = TlsConnector::from(self.config_with(record.clone()));
        let sniffed: Arc<Mutex<Vec<u8>>> = Arc::default();
        let io = Sniff {
            inner: io,
            seen: sniffed.clone(),
        };
        let result = tokio::time::timeout(timeout, connector.connect(name, io)).await;
        let recorded = record.lock().unwrap_or_else(PoisonError::into_inner).take();
        let now = SystemTime::now();
        let chain: Vec<CertInfo> = recorded
            .as_ref()
            .map(|r| {
                r.chain
                    .iter()
                    .filter_map(|c| cert::cert_info(c, now))
                    .collect()
            })
            .unwrap_or_default();
        match result {
            Err(_) => TlsOutcome {
                stream: Err(failure(
                    FailureKind::Timeout,
                    format!(
                        "TLS handshake not finished within {} ms",
                        timeout.as_millis()
                    ),
                )),
                info: partial_info(recorded.as_ref(), chain),
            },
            Ok(Err(e)) => {
                let seen = sniffed
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .clone();
                TlsOutcome {
                    stream: Err(handshake_failure(&e, &seen)),
                    info: partial_info(recorded.as_ref(), chain),
                }
            }
            Ok(Ok(stream)) => {
                let (_, conn) = stream.get_ref();
                let version = conn
                    .protocol_version()
                    .map(version_name)
                    .unwrap_or_default();
                let cipher = conn
                    .negotiated_cipher_suite()
                    .map(|s| {
                        let suite = s.suite();
                        suite
                            .as_str()
                            .map_or_else(|| format!("{suite:?}"), str::to_owned)
                    })
                    .unwrap_or_default();
                let verdict = match &recorded {
                    Some(r) => r.verdict.clone(),
                    None => Err(rustls::Error::NoCertificatesPresented),
                };
                let info = TlsInfo {
                    version,
                    cipher,
                    verified: verdict.is_ok(),
                    chain,
                };
                let stream = match verdict {
                    Ok(()) => Ok(stream),
                    Err(err) => {
                        let ders = recorded.map(|r| r.chain).unwrap_or_default();
                        Err(cert_failure(&err, &ders, host))
                    }
                };
                TlsOutcome {
                    stream,
                    info: Some(info),
                }
            }
        }
    }
}

fn partial_info(recorded: Option<&Recorded>, chain: Vec<CertInfo>) -> Option<TlsInfo> {
    // The handshake did not finish: version and cipher are unknown, the chain is what the
    // server presented before it failed.
    recorded.map(|_| TlsInfo {
        version: String::new(),
        cipher: String::new(),
        verified: false,
        chain,
    })
}

fn server_name(host: &str) -> Option<ServerName<'static>> {
    let h = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    ServerName::try_from(h.to_owned()).ok()
}

fn version_name(v: ProtocolVersion) -> String {
    match v {
        ProtocolVersion::TLSv1_3 => "TLSv1.3".to_owned(),
        ProtocolVersion::TLSv1_2 => "TLSv1.2".to_owned(),
        ProtocolVersion::TLSv1_1 => "TLSv1.1".to_owned(),
        ProtocolVersion::TLSv1_0 => "TLSv1.0".to_owned(),
        other => format!("{other:?}"),
    }
}

fn read_pem_certs(path: &Path) -> Result<Vec<CertificateDer<'static>>, TlsInitError> {
    let file = File::open(path)
        .map_err(|e| TlsInitError(format!("cannot read {}: {e}", path.display())))?;
    let certs: Vec<CertificateDer<'static>> = rustls_pemfile::certs(&mut BufReader::new(file))
        .collect::<Result<_, _>>()
        .map_err(|e| TlsInitError(format!("cannot read {}: {e}", path.display())))?;
    if certs.is_empty() {
        return Err(TlsInitError(format!(
            "{}: no PEM certificate found",
            path.display()
        )));
    }
    Ok(certs)
}

fn failure(kind: FailureKind, message: String) -> Failure {
    Failure { kind, message }
}

/// Turns the recorded certificate verdict into the step's failure.
pub fn cert_failure(err: &rustls::Error, chain: &[CertificateDer<'_>], host: &str) -> Failure {
    let leaf = chain.first();
    let leaf_info = leaf.and_then(|c| cert::cert_info(c, SystemTime::now()));
    let rustls::Error::InvalidCertificate(ce) = err else {
        return failure(
            FailureKind::CertInvalid,
            format!("certificate rejected: {err}"),
        );
    };
    match ce {
        CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
            let not_after = match ce {
                CertificateError::ExpiredContext { not_after, .. } => {
                    cert::rfc3339(unix_time_secs(*not_after))
                }
                _ => leaf_info.map(|i| i.not_after).unwrap_or_default(),
            };
            failure(
                FailureKind::CertExpired {
                    not_after: not_after.clone(),
                },
                format!("the certificate expired on {not_after}"),
            )
        }
        CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
            let not_before = match ce {
                CertificateError::NotValidYetContext { not_before, .. } => {
                    cert::rfc3339(unix_time_secs(*not_before))
                }
                _ => leaf_info.map(|i| i.not_before).unwrap_or_default(),
            };
            failure(
                FailureKind::CertNotYetValid {
                    not_before: not_before.clone(),
                },
                format!("the certificate is not valid before {not_before}"),
            )
        }
        CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
            let presented = leaf.map(|c| cert::presented_names(c)).unwrap_or_default();
            let message = if presented.is_empty() {
                format!("the certificate does not name {host}")
            } else {
                format!(
                    "the certificate is for {}, not for {host}",
                    presented.join(", ")
                )
            };
            failure(FailureKind::CertNameMismatch { presented }, message)
        }
        CertificateError::UnknownIssuer => {
            if chain.len() == 1 && leaf.is_some_and(|c| cert::is_self_issued(c)) {
                failure(
                    FailureKind::CertSelfSigned,
                    "the certificate is self-signed and not in the trust store".to_owned(),
                )
            } else if let Some(last) = chain.last()
                && !cert::is_self_issued(last)
                && cert::has_ca_issuers_url(last)
            {
                // The last certificate sent says where its issuer can be downloaded, and the
                // issuer is neither sent nor trusted: the server omits an intermediate.
                let missing_issuer = cert::issuer_name(last);
                failure(
                    FailureKind::ChainIncomplete {
                        missing_issuer: missing_issuer.clone(),
                    },
                    format!(
                        "the server did not send the intermediate certificate ({missing_issuer}) \
                         that links its certificate to a trusted root"
                    ),
                )
            } else {
                let issuer = leaf_info.map(|i| i.issuer).unwrap_or_default();
                failure(
                    FailureKind::CertUntrusted,
                    format!(
                        "the certificate chain does not lead to a trusted root \
                         (issuer: {issuer}; unknown CA or missing intermediate certificate)"
                    ),
                )
            }
        }
        // A lone self-issued certificate that fails for another reason (webpki's
        // CaUsedAsEndEntity: `openssl req -x509` marks its certificate as a CA) is still the
        // self-signed case a person needs to hear about.
        _ if chain.len() == 1 && leaf.is_some_and(|c| cert::is_self_issued(c)) => failure(
            FailureKind::CertSelfSigned,
            format!(
                "the certificate is self-signed and not in the trust store ({})",
                rustls::Error::InvalidCertificate(ce.clone())
            ),
        ),
        other => failure(
            FailureKind::CertInvalid,
            format!(
                "certificate rejected: {}",
                rustls::Error::InvalidCertificate(other.clone())
            ),
        ),
    }
}

fn unix_time_secs(t: UnixTime) -> i64 {
    i64::try_from(t.as_secs()).unwrap_or(i64::MAX)
}

/// Classifies a failed handshake from the rustls error type and the first bytes received.
fn handshake_failure(e: &io::Error, seen: &[u8]) -> Failure {
    if looks_like_plaintext(seen) {
        let first_line: String = String::from_utf8_lossy(seen)
            .lines()
            .next()
            .unwrap_or_default()
            .chars()
            .take(200)
            .collect();
        return failure(
            FailureKind::PlaintextOnTlsPort,
            format!("expected a TLS handshake, the server sent plaintext: {first_line}"),
        );
    }
    let tls_error = e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<rustls::Error>());
    let too_old = match tls_error {
        Some(rustls::Error::AlertReceived(rustls::AlertDescription::ProtocolVersion)) => {
            Some("the server refused TLS 1.2 and 1.3 (alert protocol_version)")
        }
        Some(rustls::Error::PeerIncompatible(
            rustls::PeerIncompatible::ServerDoesNotSupportTls12Or13
            | rustls::PeerIncompatible::ServerTlsVersionIsDisabledByOurConfig,
        )) => Some("the server offered only TLS 1.1 or older"),
        _ => None,
    };
    if let Some(why) = too_old {
        return failure(FailureKind::TlsVersionTooOld, why.to_owned());
    }
    let message = match tls_error {
        Some(rustls::Error::AlertReceived(alert)) => {
            format!("the server aborted the TLS handshake with alert {alert:?}")
        }
        Some(rustls::Error::PeerIncompatible(why)) => {
            format!("no TLS version or cipher suite in common with the server: {why:?}")
        }
        Some(other) => format!("TLS handshake failed: {other}"),
        None => match e.kind() {
            io::ErrorKind::UnexpectedEof => {
                "the server closed the connection during the TLS handshake".to_owned()
            }
            io::ErrorKind::ConnectionReset | io::ErrorKind::ConnectionAborted => {
                "the server reset the connection during the TLS handshake".to_owned()
            }
            _ => format!("TLS handshake failed: {e}"),
        },
    };
    failure(FailureKind::HandshakeFailed, message)
}

/// True when the first bytes from the server are text, not a TLS record: TLS records begin
/// with a content type 0x14–0x18 (RFC 8446 §5.1), mail greetings with `*`, `+`, `-` or digits.
fn looks_like_plaintext(seen: &[u8]) -> bool {
    let Some(&first) = seen.first() else {
        return false;
    };
    if (0x14..=0x18).contains(&first) {
        return false;
    }
    seen.iter()
        .take(8)
        .all(|b| b.is_ascii_graphic() || matches!(b, b' ' | b'\r' | b'\n' | b'\t'))
}

/// What the verifier saw during one handshake.
#[derive(Debug)]
struct Recorded {
    chain: Vec<CertificateDer<'static>>,
    verdict: Result<(), rustls::Error>,
}

/// A server certificate verifier that records webpki's verdict and the presented chain, and
/// accepts the certificate so the handshake can finish and be inspected. Handshake
/// signatures are still verified, so the session is really with the certificate's key holder.
#[derive(Debug)]
pub struct RecordingVerifier {
    provider: Arc<CryptoProvider>,
    inner: Option<Arc<WebPkiServerVerifier>>,
    record: Arc<Mutex<Option<Recorded>>>,
}

impl ServerCertVerifier for RecordingVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let verdict = match &self.inner {
            Some(v) => v
                .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
                .map(|_| ()),
            None => Err(rustls::Error::InvalidCertificate(
                CertificateError::UnknownIssuer,
            )),
        };
        let mut chain = Vec::with_capacity(intermediates.len() + 1);
        chain.push(end_entity.clone().into_owned());
        chain.extend(intermediates.iter().map(|c| c.clone().into_owned()));
        let mut slot = self.record.lock().unwrap_or_else(PoisonError::into_inner);
        if slot.is_none() {
            *slot = Some(Recorded { chain, verdict });
        }
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// A transport wrapper that keeps a copy of the first bytes read, so a failed handshake can
/// be classified by what the server actually sent.
#[derive(Debug)]
pub struct Sniff<S> {
    inner: S,
    seen: Arc<Mutex<Vec<u8>>>,
}

const SNIFF_BYTES: usize = 64;

impl<S: AsyncRead + Unpin> AsyncRead for Sniff<S> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let res = Pin::new(&mut this.inner).poll_read(cx, buf);
        if let Poll::Ready(Ok(())) = res {
            let mut seen = this.seen.lock().unwrap_or_else(PoisonError::into_inner);
            if seen.len() < SNIFF_BYTES {
                let new = &buf.filled()[before..];
                let take = new.len().min(SNIFF_BYTES - seen.len());
                seen.extend_from_slice(&new[..take]);
            }
        }
        res
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Sniff<S> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plaintext_detection_by_bytes() {
        assert!(looks_like_plaintext(b"* OK IMAP ready\r\n"));
        assert!(looks_like_plaintext(b"+OK POP3"));
        assert!(looks_like_plaintext(b"220 mail ESMTP"));
        assert!(!looks_like_plaintext(&[0x16, 0x03, 0x03, 0x00, 0x10]));
        assert!(!looks_like_plaintext(&[0x15, 0x03, 0x01, 0x00, 0x02]));
        assert!(!looks_like_plaintext(b""));
    }

    #[test]
    fn missing_ca_file_and_empty_ca_file_are_init_errors() {
        let e = TlsClient::new(Some(Path::new("/nonexistent/ca.pem"))).unwrap_err();
        assert!(e.to_string().contains("/nonexistent/ca.pem"), "{e}");
        let f = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(f.path(), "no pem here\n").unwrap();
        let e = TlsClient::new(Some(f.path())).unwrap_err();
        assert!(e.to_string().contains("no PEM certificate"), "{e}");
    }

    #[test]
    fn empty_trust_store_is_fine() {
        let c = TlsClient::from_roots(RootCertStore::empty()).unwrap();
        assert_eq!(c.root_count(), 0);
        let hello = c.client_hello("mail.example.com").unwrap();
        assert_eq!(&hello[..2], &[0x16, 0x03]);
    }

    #[test]
    fn lone_self_signed_ca_certificate_is_self_signed() {
        let key = rcgen::KeyPair::generate().unwrap();
        let mut params =
            rcgen::CertificateParams::new(vec!["mail.example.com".to_owned()]).unwrap();
        params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        let cert = params.self_signed(&key).unwrap();
        let chain = vec![cert.der().clone()];
        let err = rustls::Error::InvalidCertificate(CertificateError::Other(rustls::OtherError(
            std::sync::Arc::new(std::io::Error::other("CaUsedAsEndEntity")),
        )));
        let f = cert_failure(&err, &chain, "mail.example.com");
        assert_eq!(f.kind, FailureKind::CertSelfSigned, "{}", f.message);
        // The same error on a chain of two stays a generic certificate problem.
        let two = vec![cert.der().clone(), cert.der().clone()];
        assert_eq!(
            cert_failure(&err, &two, "mail.example.com").kind,
            FailureKind::CertInvalid
        );
    }
}
