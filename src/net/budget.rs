//! The socket budget: how many sockets this process may hold at once, derived from its
//! file-descriptor limit, and how many of them may go to one server address.
//!
//! At start the binary raises the soft `RLIMIT_NOFILE` to the hard limit
//! ([`raise_nofile_limit`]). The budget is that limit minus headroom for everything else
//! the process opens (standard streams, the runtime's epoll and event descriptors, the
//! resolver's own sockets, files). Every TCP connection ([`super::connect::Connector`]),
//! HTTP request and DNS query holds a permit while its socket is open, so a batch of any
//! size waits for a free socket instead of failing with `EMFILE`.
//!
//! Per server address a second cap ([`PER_ADDRESS`]) lets one server's usual six or seven
//! mail ports go in one wave but never floods a server with connections from one address.
//!
//! Web servers (autoconfig, Autodiscover) often serve thousands of domains from one
//! address, so a fixed cap that small would make a batch crawl. Their requests go through
//! an adaptive window per address instead ([`Budget::web`], [`WEB`]): it widens while the
//! server answers and halves when it closes or resets connections, as a web server at its
//! connection limit does.
//!
//! When the system runs out of descriptors or buffers anyway (another process, a kernel
//! limit), the error is local: [`is_local_exhaustion`] recognises it, the failure kind is
//! [`crate::model::FailureKind::LocalResources`], and it is never blamed on the server or
//! cached.

use std::collections::HashMap;
use std::io;
use std::net::IpAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::window::{Sizes, Window};

/// Connections to one server address at once: one server's usual mail ports (110, 143,
/// 993, 995, 25, 465, 587) in one wave, plus one.
pub const PER_ADDRESS: usize = 8;
/// Requests in flight to one web server address: an adaptive window of these sizes.
pub const WEB: Sizes = Sizes {
    initial: 64,
    min: 4,
    max: 512,
};
/// Server addresses whose caps and windows are remembered; beyond this, the ones no
/// connection is using are forgotten (they start afresh if seen again).
pub const MAX_TRACKED: usize = 16_384;
/// The most sockets ever budgeted, whatever the limit.
pub const MAX_SOCKETS: usize = 4096;
/// The fewest sockets budgeted (a tiny limit still makes progress, one socket at a time).
pub const MIN_SOCKETS: usize = 1;

/// Raises the soft `RLIMIT_NOFILE` to the hard limit. Returns the soft limit in force
/// afterwards (the old one when raising failed).
pub fn raise_nofile_limit() -> u64 {
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(n) => n,
        Err(_) => current_nofile_limit(),
    }
}

/// The soft `RLIMIT_NOFILE` now (1024 when it cannot be read).
pub fn current_nofile_limit() -> u64 {
    rlimit::Resource::NOFILE
        .get()
        .map_or(1024, |(soft, _)| soft)
}

/// Sockets budgeted for a descriptor limit: the limit minus headroom (an eighth of it, at
/// least 24 descriptors), within [`MIN_SOCKETS`]…[`MAX_SOCKETS`].
pub fn sockets_for_limit(limit: u64) -> usize {
    let headroom = (limit / 8).max(24);
    let n = usize::try_from(limit.saturating_sub(headroom)).unwrap_or(MAX_SOCKETS);
    n.clamp(MIN_SOCKETS, MAX_SOCKETS)
}

/// Whether an I/O error means this computer ran out of descriptors, sockets or buffers
/// (`EMFILE`, `ENFILE`, `ENOBUFS`, `ENOMEM`): a local condition, not the peer's.
pub fn is_local_exhaustion(e: &io::Error) -> bool {
    if e.kind() == io::ErrorKind::OutOfMemory {
        return true;
    }
    matches!(
        e.raw_os_error(),
        Some(libc::EMFILE | libc::ENFILE | libc::ENOBUFS | libc::ENOMEM)
    )
}

/// The message of a local exhaustion, for the person running the tool.
pub fn exhaustion_message(e: &io::Error) -> String {
    format!("this computer ran out of file descriptors or sockets ({e}); not the server's fault")
}

/// The process's socket budget and per-address caps. Cheap to share (`Arc`).
#[derive(Debug)]
pub struct Budget {
    sockets: Arc<Semaphore>,
    total: usize,
    per_address: usize,
    addresses: Mutex<HashMap<IpAddr, Arc<Slots>>>,
    web: Mutex<HashMap<IpAddr, Arc<Window>>>,
}

/// Connection slots of one server address; `cap` shrinks when the server shows load.
#[derive(Debug)]
struct Slots {
    sem: Arc<Semaphore>,
    cap: AtomicUsize,
}

/// Permits for one open socket; the socket's slot is free again when this is dropped.
#[derive(Debug)]
pub struct SocketPermit {
    _address: Option<OwnedSemaphorePermit>,
    _socket: Option<OwnedSemaphorePermit>,
}

impl Budget {
    /// A budget of `total` sockets and `per_address` per server address.
    pub fn new(total: usize, per_address: usize) -> Self {
        let total = total.max(MIN_SOCKETS);
        Self {
            sockets: Arc::new(Semaphore::new(total)),
            total,
            per_address: per_address.max(1),
            addresses: Mutex::new(HashMap::new()),
            web: Mutex::new(HashMap::new()),
        }
    }

    /// The process-wide budget, sized from the soft descriptor limit when first used (so
    /// after [`raise_nofile_limit`]).
    pub fn global() -> Arc<Self> {
        static GLOBAL: OnceLock<Arc<Budget>> = OnceLock::new();
        GLOBAL
            .get_or_init(|| {
                Arc::new(Self::new(
                    sockets_for_limit(current_nofile_limit()),
                    PER_ADDRESS,
                ))
            })
            .clone()
    }

    /// Sockets in the budget.
    pub fn total(&self) -> usize {
        self.total
    }

    /// Sockets free right now.
    pub fn available(&self) -> usize {
        self.sockets.available_permits()
    }

    /// Waits for one socket of the budget (DNS queries, HTTP requests).
    pub async fn socket(&self) -> SocketPermit {
        SocketPermit {
            _address: None,
            _socket: self.sockets.clone().acquire_owned().await.ok(),
        }
    }

    fn slots(&self, ip: IpAddr) -> Arc<Slots> {
        let mut map = self
            .addresses
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if map.len() >= MAX_TRACKED && !map.contains_key(&ip) {
            // Only the map's own reference and no permit (each holds the semaphore).
            map.retain(|_, s| Arc::strong_count(s) > 1 || Arc::strong_count(&s.sem) > 1);
        }
        map.entry(ip)
            .or_insert_with(|| {
                Arc::new(Slots {
                    sem: Arc::new(Semaphore::new(self.per_address)),
                    cap: AtomicUsize::new(self.per_address),
                })
            })
            .clone()
    }

    /// The request window of the web server at `ip` ([`WEB`]).
    pub fn web(&self, ip: IpAddr) -> Arc<Window> {
        let mut map = self.web.lock().unwrap_or_else(PoisonError::into_inner);
        if map.len() >= MAX_TRACKED && !map.contains_key(&ip) {
            map.retain(|_, w| Arc::strong_count(w) > 1 || w.in_use());
        }
        map.entry(ip)
            .or_insert_with(|| Arc::new(Window::new(WEB)))
            .clone()
    }

    /// Connections to `ip` allowed at once now.
    pub fn address_cap(&self, ip: IpAddr) -> usize {
        self.slots(ip).cap.load(Ordering::Relaxed)
    }

    /// The server at `ip` showed load (closed at once, refused the session, went silent):
    /// from now on it gets one connection fewer at once, never fewer than one. The slot is
    /// taken out as soon as a connection to it ends.
    pub fn congested(&self, ip: IpAddr) {
        let slots = self.slots(ip);
        let lowered = slots
            .cap
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |c| {
                (c > 1).then(|| c - 1)
            })
            .is_ok();
        if lowered {
            let sem = slots.sem.clone();
            if sem.forget_permits(1) == 0 {
                tokio::spawn(async move {
                    if let Ok(p) = sem.acquire_owned().await {
                        p.forget();
                    }
                });
            }
        }
    }

    /// Waits for a connection slot to `ip` and then one socket of the budget.
    pub async fn connection(&self, ip: IpAddr) -> SocketPermit {
        let per = self.slots(ip).sem.clone();
        let address = per.acquire_owned().await.ok();
        let socket = self.sockets.clone().acquire_owned().await.ok();
        SocketPermit {
            _address: address,
            _socket: socket,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_leaves_headroom_and_is_bounded() {
        assert_eq!(sockets_for_limit(1024), 896);
        assert_eq!(sockets_for_limit(64), 40);
        assert_eq!(sockets_for_limit(20), MIN_SOCKETS);
        assert_eq!(sockets_for_limit(1 << 20), MAX_SOCKETS);
    }

    #[test]
    fn exhaustion_is_recognised_by_errno() {
        for errno in [libc::EMFILE, libc::ENFILE, libc::ENOBUFS] {
            assert!(is_local_exhaustion(&io::Error::from_raw_os_error(errno)));
        }
        assert!(!is_local_exhaustion(&io::Error::from_raw_os_error(
            libc::ECONNREFUSED
        )));
    }

    #[tokio::test]
    async fn permits_bound_sockets_and_addresses() {
        let b = Budget::new(3, 2);
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        let a = b.connection(ip).await;
        let _b2 = b.connection(ip).await;
        assert_eq!(b.available(), 1);
        // A third connection to the same address waits for a slot of that address.
        let third = tokio::time::timeout(std::time::Duration::from_millis(50), b.connection(ip));
        assert!(third.await.is_err());
        drop(a);
        let _c = b.connection(ip).await;
        let _d = b.socket().await;
        assert_eq!(b.available(), 0);
    }

    #[tokio::test]
    async fn each_web_server_address_has_one_shared_window() {
        let b = Budget::new(100, 3);
        let (one, two): (IpAddr, IpAddr) =
            ("127.0.0.3".parse().unwrap(), "127.0.0.4".parse().unwrap());
        assert_eq!(b.web(one).limit(), WEB.initial);
        b.web(one).acquire().await.congested();
        assert_eq!(
            b.web(one).limit(),
            WEB.initial / 2,
            "the same window, narrowed"
        );
        assert_eq!(
            b.web(two).limit(),
            WEB.initial,
            "another server is not affected"
        );
    }

    #[tokio::test]
    async fn addresses_no_connection_uses_are_forgotten_beyond_the_cap() {
        let b = Budget::new(100, 3);
        let ip = |i: usize| IpAddr::from(std::net::Ipv4Addr::from(0x0a00_0000 + i as u32));
        let busy = b.connection(ip(0)).await;
        let busy_web = b.web(ip(1)).acquire().await;
        b.web(ip(1)).acquire().await.congested();
        for i in 2..MAX_TRACKED + 2 {
            b.slots(ip(i));
            b.web(ip(i));
        }
        let tracked = |b: &Budget| {
            (
                b.addresses.lock().unwrap().len(),
                b.web.lock().unwrap().len(),
            )
        };
        let (slots, windows) = tracked(&b);
        assert!(
            slots <= MAX_TRACKED && windows <= MAX_TRACKED,
            "{slots} {windows}"
        );
        assert!(
            slots < 10 && windows < 10,
            "the idle ones went: {slots} {windows}"
        );
        // What is in use stays, with what it learned.
        assert!(b.addresses.lock().unwrap().contains_key(&ip(0)));
        assert_eq!(b.web(ip(1)).limit(), WEB.initial / 2);
        drop((busy, busy_web));
    }

    #[tokio::test]
    async fn a_congested_address_gets_fewer_connections_but_never_none() {
        let b = Budget::new(100, 3);
        let ip: IpAddr = "127.0.0.2".parse().unwrap();
        for _ in 0..5 {
            b.congested(ip);
        }
        assert_eq!(b.address_cap(ip), 1);
        let one = b.connection(ip).await;
        let second = tokio::time::timeout(std::time::Duration::from_millis(50), b.connection(ip));
        assert!(second.await.is_err(), "only one connection at once");
        drop(one);
        let _again = b.connection(ip).await;
    }
}
