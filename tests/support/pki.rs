//! [`TestPki`]: a throw-away CA (rcgen) and leaf certificates for loopback test servers,
//! good ones and deliberately broken ones.
//!
//! ```ignore
//! let pki = TestPki::new();
//! let good = pki.valid(&["imap.example.com"]);
//! let old = pki.expired(&["imap.example.com"]);
//! let no_chain = pki.with_intermediate(&["imap.example.com"], false);
//! let acceptor = tokio_rustls::TlsAcceptor::from(server_config(&good));
//! // maildoctor --ca-file <pki.ca_pem_path()> ...
//! ```
//!
//! | constructor | chain sent by the server | a rustls client trusting the CA says |
//! |---|---|---|
//! | [`valid`](TestPki::valid) | leaf | ok (for a listed name) / `NotValidForName` |
//! | [`expired`](TestPki::expired) | leaf (2000-01-01 .. 2001-01-01) | `Expired` |
//! | [`not_yet_valid`](TestPki::not_yet_valid) | leaf (2090-01-01 .. 2091-01-01) | `NotValidYet` |
//! | [`self_signed`](TestPki::self_signed) | leaf signed by itself | `UnknownIssuer` |
//! | [`with_intermediate`](TestPki::with_intermediate)`(.., true)` | leaf, intermediate | ok |
//! | [`with_intermediate`](TestPki::with_intermediate)`(.., false)` | leaf only | `UnknownIssuer` |
//!
//! (rustls 0.23 reports the `…Context` variants, e.g. `ExpiredContext`; match both.)
//! Names that parse as IP addresses become IP SANs. Two `TestPki`s are unrelated CAs, so a leaf
//! of one presented to a client trusting the other is an "unknown CA" case. Keys are ECDSA
//! P-256; validity of CA, intermediate and good leaves is 1975 .. 4096.

use std::fmt;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose, date_time_ymd,
};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::{ClientConfig, RootCertStore, ServerConfig};
use tempfile::NamedTempFile;

/// A certificate chain and its private key, as a TLS server presents them.
pub struct Leaf {
    /// Certificates in the order the server sends them: leaf first, then any intermediate.
    pub chain: Vec<CertificateDer<'static>>,
    /// PKCS#8 private key of the leaf.
    pub key: PrivateKeyDer<'static>,
    /// The names (DNS names or IP literals) the leaf was issued for.
    pub names: Vec<String>,
}

impl Clone for Leaf {
    fn clone(&self) -> Self {
        Self {
            chain: self.chain.clone(),
            key: self.key.clone_key(),
            names: self.names.clone(),
        }
    }
}

impl fmt::Debug for Leaf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Leaf")
            .field("names", &self.names)
            .field("chain_len", &self.chain.len())
            .finish_non_exhaustive()
    }
}

impl Leaf {
    /// The chain as PEM (leaf first), e.g. to write a file for a server config.
    pub fn chain_pem(&self) -> String {
        self.chain.iter().map(|c| pem("CERTIFICATE", c)).collect()
    }

    /// The private key as PKCS#8 PEM.
    pub fn key_pem(&self) -> String {
        pem("PRIVATE KEY", self.key.secret_der())
    }
}

/// A test CA plus an intermediate CA under it; issues [`Leaf`]s.
pub struct TestPki {
    ca: CertificateDer<'static>,
    ca_issuer: Issuer<'static, KeyPair>,
    intermediate: CertificateDer<'static>,
    intermediate_issuer: Issuer<'static, KeyPair>,
    ca_file: NamedTempFile,
}

impl fmt::Debug for TestPki {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TestPki")
            .field("ca_file", &self.ca_file.path())
            .finish_non_exhaustive()
    }
}

impl Default for TestPki {
    fn default() -> Self {
        Self::new()
    }
}

impl TestPki {
    /// A new CA and intermediate; writes the CA PEM to a temp file.
    ///
    /// Each `TestPki` gets distinct subject names (`maildoctor test CA <pid>-<n>`): with equal
    /// names a client would match the foreign CA by name and report `BadSignature` instead of
    /// `UnknownIssuer`.
    pub fn new() -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let id = format!(
            "{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let ca_key = KeyPair::generate().expect("CA key");
        let root_params = ca_params(&format!("maildoctor test CA {id}"));
        let ca = root_params.self_signed(&ca_key).expect("self-sign CA");
        let ca_issuer = Issuer::new(root_params, ca_key);

        let int_key = KeyPair::generate().expect("intermediate key");
        let mut int_params = ca_params(&format!("maildoctor test intermediate CA {id}"));
        int_params.use_authority_key_identifier_extension = true;
        let intermediate = int_params
            .signed_by(&int_key, &ca_issuer)
            .expect("sign intermediate");
        let intermediate_issuer = Issuer::new(int_params, int_key);

        let mut ca_file = tempfile::Builder::new()
            .prefix("maildoctor-test-ca-")
            .suffix(".pem")
            .tempfile()
            .expect("CA temp file");
        ca_file
            .write_all(ca.pem().as_bytes())
            .expect("write CA PEM");
        ca_file.flush().expect("flush CA PEM");

        Self {
            ca: ca.der().clone(),
            ca_issuer,
            intermediate: intermediate.der().clone(),
            intermediate_issuer,
            ca_file,
        }
    }

    /// Path of the CA certificate PEM (for `--ca-file`); lives as long as `self`.
    pub fn ca_pem_path(&self) -> &Path {
        self.ca_file.path()
    }

    /// The CA certificate, DER.
    pub fn ca_der(&self) -> CertificateDer<'static> {
        self.ca.clone()
    }

    /// The CA certificate, PEM.
    pub fn ca_pem(&self) -> String {
        pem("CERTIFICATE", &self.ca)
    }

    /// A rustls client configuration (ring) trusting only this CA.
    pub fn client_config(&self) -> Arc<ClientConfig> {
        let mut roots = RootCertStore::empty();
        roots.add(self.ca_der()).expect("add CA root");
        Arc::new(
            ClientConfig::builder_with_provider(provider())
                .with_safe_default_protocol_versions()
                .expect("protocol versions")
                .with_root_certificates(roots)
                .with_no_client_auth(),
        )
    }

    /// A leaf for `names` signed by the CA, valid 1975 .. 4096.
    pub fn valid(&self, names: &[&str]) -> Leaf {
        issue(names, &self.ca_issuer, None, |_| {})
    }

    /// A leaf for `names` signed by the CA that expired on 2001-01-01.
    pub fn expired(&self, names: &[&str]) -> Leaf {
        issue(names, &self.ca_issuer, None, |p| {
            p.not_before = date_time_ymd(2000, 1, 1);
            p.not_after = date_time_ymd(2001, 1, 1);
        })
    }

    /// A leaf for `names` signed by the CA that expires `days` days from now (valid since
    /// yesterday).
    pub fn expiring_in_days(&self, names: &[&str], days: i64) -> Leaf {
        let now = time::OffsetDateTime::now_utc();
        issue(names, &self.ca_issuer, None, |p| {
            p.not_before = now - time::Duration::days(1);
            p.not_after = now + time::Duration::days(days);
        })
    }

    /// A leaf for `names` signed by the CA that becomes valid on 2090-01-01.
    pub fn not_yet_valid(&self, names: &[&str]) -> Leaf {
        issue(names, &self.ca_issuer, None, |p| {
            p.not_before = date_time_ymd(2090, 1, 1);
            p.not_after = date_time_ymd(2091, 1, 1);
        })
    }

    /// A self-signed leaf for `names` (not a CA certificate, not signed by the test CA).
    pub fn self_signed(&self, names: &[&str]) -> Leaf {
        let key = KeyPair::generate().expect("leaf key");
        let params = leaf_params(names);
        let cert = params.self_signed(&key).expect("self-sign leaf");
        Leaf {
            chain: vec![cert.der().clone()],
            key: private_key(&key),
            names: names.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    /// A leaf for `names` signed by the intermediate CA. With `include_intermediate` the
    /// server sends leaf + intermediate (verifies); without, only the leaf (the classic
    /// "missing intermediate" misconfiguration: `UnknownIssuer`).
    pub fn with_intermediate(&self, names: &[&str], include_intermediate: bool) -> Leaf {
        let extra = include_intermediate.then(|| self.intermediate.clone());
        issue(names, &self.intermediate_issuer, extra, |_| {})
    }
}

/// The crypto provider used everywhere in the harness (ring, as in the crate's features).
pub fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// A rustls server configuration presenting `leaf` (its whole `chain`), no client auth.
pub fn server_config(leaf: &Leaf) -> Arc<ServerConfig> {
    Arc::new(
        ServerConfig::builder_with_provider(provider())
            .with_safe_default_protocol_versions()
            .expect("protocol versions")
            .with_no_client_auth()
            .with_single_cert(leaf.chain.clone(), leaf.key.clone_key())
            .expect("server certificate and key"),
    )
}

/// A `tokio_rustls` acceptor presenting `leaf`.
pub fn acceptor(leaf: &Leaf) -> tokio_rustls::TlsAcceptor {
    tokio_rustls::TlsAcceptor::from(server_config(leaf))
}

fn ca_params(common_name: &str) -> CertificateParams {
    let mut p = CertificateParams::new(Vec::<String>::new()).expect("CA params");
    p.distinguished_name.remove(DnType::CommonName);
    p.distinguished_name.push(DnType::CommonName, common_name);
    p.distinguished_name
        .push(DnType::OrganizationName, "maildoctor tests");
    p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    p.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    p
}

fn leaf_params(names: &[&str]) -> CertificateParams {
    assert!(!names.is_empty(), "a leaf needs at least one name");
    let mut p = CertificateParams::new(names.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>())
        .unwrap_or_else(|e| panic!("bad certificate names {names:?}: {e}"));
    p.distinguished_name.remove(DnType::CommonName);
    p.distinguished_name.push(DnType::CommonName, names[0]);
    p.is_ca = IsCa::NoCa;
    p.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    p.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    p.use_authority_key_identifier_extension = true;
    p
}

fn issue(
    names: &[&str],
    issuer: &Issuer<'static, KeyPair>,
    extra: Option<CertificateDer<'static>>,
    tweak: impl FnOnce(&mut CertificateParams),
) -> Leaf {
    let key = KeyPair::generate().expect("leaf key");
    let mut params = leaf_params(names);
    tweak(&mut params);
    let cert = params.signed_by(&key, issuer).expect("sign leaf");
    let mut chain = vec![cert.der().clone()];
    chain.extend(extra);
    Leaf {
        chain,
        key: private_key(&key),
        names: names.iter().map(|s| (*s).to_owned()).collect(),
    }
}

fn private_key(key: &KeyPair) -> PrivateKeyDer<'static> {
    PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()))
}

/// PEM-encodes DER bytes (64-column base64), without extra dependencies.
fn pem(label: &str, der: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut b64 = String::with_capacity(der.len() * 4 / 3 + 4);
    for chunk in der.chunks(3) {
        let n = chunk.len();
        let v = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= n {
                b64.push(ALPHABET[(v >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                b64.push('=');
            }
        }
    }
    let mut out = format!("-----BEGIN {label}-----\n");
    for line in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(line).expect("base64 is ASCII"));
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}
