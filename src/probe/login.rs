//! Which endpoint a password may be sent to, and which one login per protocol is made.
//!
//! The password goes to at most one endpoint per protocol (IMAP, POP3, SMTP submission):
//! the best-ranked candidate (discovery's rank) whose probe completed over TLS with a
//! verified certificate. It is never sent:
//! - without TLS (plaintext endpoints, or STARTTLS not completed), nor when the
//!   certificate failed verification: the login runs only on a stream that
//!   [`crate::net::tls::TlsClient::handshake`] returned, which it does only for a verified
//!   certificate;
//! - to a host only guessed, or outside the address's registrable domain (Public Suffix
//!   List) unless the provider database proposed it (the matched provider's own servers),
//!   without `--allow-untrusted-host`;
//! - to SMTP port 25 (relay, not submission: RFC 6409 §1).

use std::collections::BTreeMap;

use crate::config::Secret;
use crate::model::{Candidate, Endpoint, ProbeResult, Protocol, Security, SourceKind};

/// One endpoint the password could go to.
#[derive(Debug, Clone)]
pub struct LoginTarget {
    /// The endpoint.
    pub endpoint: Endpoint,
    /// User name from the settings.
    pub username: String,
    /// Discovery's rank (lower is better).
    pub rank: u32,
    /// Why the password must not go there, if it must not.
    pub refusal: Option<String>,
}

/// The credentials and the endpoints they may be used on.
#[derive(Debug, Clone)]
pub struct LoginPlan {
    /// The password.
    pub password: Secret,
    /// The local part to try once more after "wrong credentials" (`--try-usernames`).
    pub retry_local_part: Option<String>,
    /// Candidate endpoints, any order.
    pub targets: Vec<LoginTarget>,
}

/// The logins to make (index into the probe results, job) and the skipped ones (index,
/// reason), as returned by [`LoginPlan::pick`].
pub type Picked = (Vec<(usize, LoginJob)>, Vec<(usize, String)>);

/// One login to make.
#[derive(Debug, Clone)]
pub struct LoginJob {
    /// User name from the settings.
    pub username: String,
    /// A second user name to try once after "wrong credentials", when allowed and different.
    pub local_part: Option<String>,
    /// The password.
    pub password: Secret,
}

/// Registrable domain (eTLD+1) of a host name, lowercase; the host itself when the Public
/// Suffix List does not know it.
pub fn registrable(host: &str) -> String {
    let h = host.trim_end_matches('.').to_ascii_lowercase();
    psl::domain_str(&h).map_or_else(|| h.clone(), str::to_owned)
}

/// Why a password must not be sent to `c` for an address in `domain`, or `None` when it may.
pub fn refusal(c: &Candidate, domain: &str, allow_untrusted: bool) -> Option<String> {
    let host = &c.endpoint.host;
    if c.endpoint.security == Security::None {
        return Some("never sent over an unencrypted connection".to_owned());
    }
    if c.endpoint.protocol == Protocol::Smtp && c.endpoint.port == 25 {
        return Some("port 25 is for server-to-server mail, not for logging in".to_owned());
    }
    if allow_untrusted {
        return None;
    }
    let from_provider = c
        .origins
        .iter()
        .any(|o| matches!(o.source, SourceKind::Provider | SourceKind::Mx));
    if from_provider {
        return None;
    }
    if c.origins.iter().all(|o| o.source == SourceKind::Guess) {
        return Some(format!(
            "{host} was only guessed; pass --allow-untrusted-host to log in there anyway"
        ));
    }
    if host.parse::<std::net::IpAddr>().is_err() && registrable(host) == registrable(domain) {
        return None;
    }
    Some(format!(
        "{host} is outside {} and is not the provider's server; pass --allow-untrusted-host \
         to log in there anyway",
        registrable(domain)
    ))
}

impl LoginPlan {
    /// A plan for an address (`local@domain`) from discovery's candidates.
    pub fn new(
        password: Secret,
        local: &str,
        domain: &str,
        candidates: &[Candidate],
        try_usernames: bool,
        allow_untrusted: bool,
    ) -> Self {
        let targets = candidates
            .iter()
            .map(|c| LoginTarget {
                endpoint: c.endpoint.clone(),
                username: c.username.clone(),
                rank: c.rank,
                refusal: refusal(c, domain, allow_untrusted),
            })
            .collect();
        Self {
            password,
            retry_local_part: try_usernames.then(|| local.to_owned()),
            targets,
        }
    }

    /// Chooses, per protocol, the best-ranked target whose probe (at some address) completed
    /// with a verified certificate, and the probe result to log in at. Returns the jobs
    /// (index into `results`) and, for protocols where the best working endpoint may not
    /// receive the password, a note (index, reason) to record as a skipped login.
    pub fn pick(&self, results: &[ProbeResult]) -> Picked {
        let mut by_protocol: BTreeMap<Protocol, Vec<&LoginTarget>> = BTreeMap::new();
        for t in &self.targets {
            by_protocol.entry(t.endpoint.protocol).or_default().push(t);
        }
        let mut jobs = Vec::new();
        let mut skipped = Vec::new();
        for (_, mut targets) in by_protocol {
            targets.sort_by(|a, b| a.rank.cmp(&b.rank).then(a.endpoint.cmp(&b.endpoint)));
            let mut first_refused: Option<(usize, String)> = None;
            for t in targets {
                let Some(i) = results.iter().position(|r| {
                    r.endpoint == t.endpoint
                        && r.connection_ok()
                        && r.tls.as_ref().is_some_and(|tls| tls.verified)
                }) else {
                    continue;
                };
                match &t.refusal {
                    Some(why) => {
                        if first_refused.is_none() {
                            first_refused = Some((i, why.clone()));
                        }
                    }
                    None => {
                        let local_part = self
                            .retry_local_part
                            .clone()
                            .filter(|l| !l.is_empty() && *l != t.username);
                        jobs.push((
                            i,
                            LoginJob {
                                username: t.username.clone(),
                                local_part,
                                password: self.password.clone(),
                            },
                        ));
                        first_refused = None;
                        break;
                    }
                }
            }
            if let Some(note) = first_refused {
                skipped.push(note);
            }
        }
        (jobs, skipped)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Origin;

    fn cand(host: &str, port: u16, sec: Security, src: SourceKind) -> Candidate {
        Candidate {
            endpoint: Endpoint::new(Protocol::Imap, host, port, sec),
            username: "alice@example.com".into(),
            origins: vec![Origin {
                source: src,
                detail: String::new(),
            }],
            rank: 1,
        }
    }

    #[test]
    fn registrable_domains() {
        assert_eq!(registrable("imap.mail.example.co.uk"), "example.co.uk");
        assert_eq!(registrable("imap.example.com."), "example.com");
        assert_eq!(registrable("mail.example.test"), "example.test");
    }

    #[test]
    fn who_may_receive_the_password() {
        let d = "example.com";
        let ok = |c: &Candidate| refusal(c, d, false).is_none();
        assert!(ok(&cand(
            "imap.example.com",
            993,
            Security::Tls,
            SourceKind::Srv
        )));
        assert!(ok(&cand(
            "mail.example.com",
            993,
            Security::Tls,
            SourceKind::User
        )));
        assert!(ok(&cand(
            "imap.exmail.qq.com",
            993,
            Security::Tls,
            SourceKind::Mx
        )));
        assert!(ok(&cand(
            "imap.qq.com",
            993,
            Security::Tls,
            SourceKind::Provider
        )));
        // Outside the domain, from SRV (spoofable) or typed: needs the flag.
        assert!(!ok(&cand(
            "imap.attacker.net",
            993,
            Security::Tls,
            SourceKind::Srv
        )));
        assert!(!ok(&cand(
            "imap.example.com.attacker.net",
            993,
            Security::Tls,
            SourceKind::User
        )));
        assert!(!ok(&cand(
            "127.0.0.1",
            993,
            Security::Tls,
            SourceKind::User
        )));
        // Guessed: needs the flag even under the domain.
        assert!(!ok(&cand(
            "imap.example.com",
            993,
            Security::Tls,
            SourceKind::Guess
        )));
        assert!(
            refusal(
                &cand("imap.attacker.net", 993, Security::Tls, SourceKind::Srv),
                d,
                true
            )
            .is_none()
        );
        // Never without encryption, flag or not.
        assert!(
            refusal(
                &cand("imap.example.com", 143, Security::None, SourceKind::Srv),
                d,
                true
            )
            .is_some()
        );
    }
}
