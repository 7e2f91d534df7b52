//! `TestPki` certificates, judged by a stock rustls client (webpki) trusting the test CA.

use std::sync::Arc;

use rustls::pki_types::ServerName;
use rustls::{CertificateError, ClientConfig, Error};
use tokio_rustls::TlsConnector;

use super::client::rustls_error;
use crate::support::pki::{Leaf, TestPki, acceptor};

/// TLS handshake over an in-memory pipe: server presents `leaf`, client verifies `sni`.
async fn handshake(leaf: &Leaf, client: Arc<ClientConfig>, sni: &str) -> Result<(), Error> {
    let (c, s) = tokio::io::duplex(64 * 1024);
    let server = acceptor(leaf);
    let name = ServerName::try_from(sni.to_owned()).unwrap();
    let (_, client_result) = tokio::join!(
        server.accept(s),
        TlsConnector::from(client).connect(name, c)
    );
    client_result.map(|_| ()).map_err(rustls_error)
}

fn cert_error(r: Result<(), Error>) -> CertificateError {
    match r {
        Err(Error::InvalidCertificate(e)) => e,
        other => panic!("expected a certificate error, got {other:?}"),
    }
}

#[tokio::test]
async fn valid_leaf_verifies_for_its_names_only() {
    let pki = TestPki::new();
    let leaf = pki.valid(&["imap.example.com", "mail.example.com", "127.0.0.1"]);
    let cfg = pki.client_config();
    handshake(&leaf, cfg.clone(), "imap.example.com")
        .await
        .unwrap();
    handshake(&leaf, cfg.clone(), "MAIL.example.com")
        .await
        .unwrap();
    handshake(&leaf, cfg.clone(), "127.0.0.1").await.unwrap();
    let e = cert_error(handshake(&leaf, cfg, "pop.example.com").await);
    assert!(
        matches!(
            e,
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. }
        ),
        "{e:?}"
    );
}

#[tokio::test]
async fn expired_and_not_yet_valid_are_rejected() {
    let pki = TestPki::new();
    let cfg = pki.client_config();
    let e = cert_error(handshake(&pki.expired(&["a.example"]), cfg.clone(), "a.example").await);
    assert!(
        matches!(
            e,
            CertificateError::Expired | CertificateError::ExpiredContext { .. }
        ),
        "{e:?}"
    );
    let e = cert_error(handshake(&pki.not_yet_valid(&["a.example"]), cfg, "a.example").await);
    assert!(
        matches!(
            e,
            CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. }
        ),
        "{e:?}"
    );
}

#[tokio::test]
async fn self_signed_and_foreign_ca_are_unknown_issuer() {
    let pki = TestPki::new();
    let cfg = pki.client_config();
    let e = cert_error(handshake(&pki.self_signed(&["a.example"]), cfg.clone(), "a.example").await);
    assert_eq!(e, CertificateError::UnknownIssuer);
    let other = TestPki::new();
    let e = cert_error(handshake(&other.valid(&["a.example"]), cfg, "a.example").await);
    assert_eq!(e, CertificateError::UnknownIssuer);
}

#[tokio::test]
async fn intermediate_needed_in_chain() {
    let pki = TestPki::new();
    let cfg = pki.client_config();
    let with = pki.with_intermediate(&["a.example"], true);
    let without = pki.with_intermediate(&["a.example"], false);
    assert_eq!(with.chain.len(), 2);
    assert_eq!(without.chain.len(), 1);
    handshake(&with, cfg.clone(), "a.example").await.unwrap();
    let e = cert_error(handshake(&without, cfg, "a.example").await);
    assert_eq!(e, CertificateError::UnknownIssuer);
}

#[test]
fn pem_outputs_parse_back() {
    let pki = TestPki::new();
    let bytes = std::fs::read(pki.ca_pem_path()).unwrap();
    let certs: Vec<_> = rustls_pemfile::certs(&mut bytes.as_slice())
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(certs, vec![pki.ca_der()]);
    assert_eq!(pki.ca_pem().as_bytes(), bytes.as_slice());

    let leaf = pki.with_intermediate(&["a.example"], true);
    let chain: Vec<_> = rustls_pemfile::certs(&mut leaf.chain_pem().as_bytes())
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(chain, leaf.chain);
    let key = rustls_pemfile::private_key(&mut leaf.key_pem().as_bytes())
        .unwrap()
        .unwrap();
    assert_eq!(key.secret_der(), leaf.key.secret_der());

    // The CA file goes away with the TestPki.
    let path = pki.ca_pem_path().to_owned();
    drop(pki);
    assert!(!path.exists());
}
