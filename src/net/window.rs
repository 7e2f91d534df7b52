//! An adaptive concurrency window (additive increase, multiplicative decrease, as TCP's
//! congestion control): how many DNS queries may be in flight at once, adjusted to what
//! the resolver shows it can take.
//!
//! - It starts at an initial size. While the window is full (askers are waiting) and no
//!   query has timed out yet, every prompt answer widens it by one ("slow start": about
//!   double per round trip); after the first timeout it widens by one per window's worth
//!   of answers.
//! - A timeout halves it (never below the minimum), once per window: the other queries
//!   already in flight when it shrank do not shrink it again. A resolver that drops queries
//!   beyond its own limit (dnsmasq forwards at most 150 at once) therefore settles just
//!   under that limit instead of timing out query after query.
//! - Answers of any kind (records, NXDOMAIN, SERVFAIL) count as prompt: they show the
//!   resolver keeps up. Failures of this computer (out of sockets) do not count either way.
//!
//! The same window guards the requests to one web server address
//! ([`crate::net::budget::Budget::web`]), where a reset connection is the sign of overload
//! ([`Permit::congested`]).
//!
//! Permits are released when dropped. A shrink takes free slots away at once and the rest
//! as queries in flight end.

use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Sizes of a [`Window`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sizes {
    /// Size at start.
    pub initial: usize,
    /// Never smaller.
    pub min: usize,
    /// Never larger.
    pub max: usize,
}

/// The window's arithmetic, apart from the waiting (pure, so it is tested alone).
#[derive(Debug, Clone, PartialEq, Eq)]
struct State {
    sizes: Sizes,
    /// Current size.
    limit: usize,
    /// Whether a timeout was ever seen (slow start ends with the first).
    congested: bool,
    /// Answers counted towards the next additive step.
    acked: usize,
    /// Bumped on every shrink; a permit remembers the epoch it started in.
    epoch: u64,
    /// Slots still to take away when permits come back.
    debt: usize,
}

impl State {
    fn new(sizes: Sizes) -> Self {
        let min = sizes.min.max(1);
        let max = sizes.max.max(min);
        let sizes = Sizes {
            initial: sizes.initial.clamp(min, max),
            min,
            max,
        };
        Self {
            sizes,
            limit: sizes.initial,
            congested: false,
            acked: 0,
            epoch: 0,
            debt: 0,
        }
    }

    /// A prompt answer to a query that started while the window was full: how many slots
    /// to add (0 or 1).
    fn answered(&mut self, was_full: bool) -> usize {
        if !was_full || self.limit >= self.sizes.max {
            return 0;
        }
        if self.congested {
            self.acked += 1;
            if self.acked < self.limit {
                return 0;
            }
            self.acked = 0;
        }
        self.limit += 1;
        1
    }

    /// A timeout of a query that started in `epoch`: how many slots to take away.
    fn timed_out(&mut self, epoch: u64) -> usize {
        self.congested = true;
        if epoch != self.epoch {
            return 0;
        }
        let new = (self.limit / 2).max(self.sizes.min);
        let taken = self.limit - new;
        if taken > 0 {
            self.limit = new;
            self.epoch += 1;
            self.acked = 0;
        }
        taken
    }
}

/// An adaptive limit on work in flight. Cheap to share (`Arc`).
#[derive(Debug)]
pub struct Window {
    sem: Arc<Semaphore>,
    state: Arc<Mutex<State>>,
}

/// One slot of a [`Window`], given back when dropped. Say how the work ended with
/// [`Permit::answered`] or [`Permit::congested`]; dropping it without either is neutral.
#[derive(Debug)]
pub struct Permit {
    permit: Option<OwnedSemaphorePermit>,
    sem: Arc<Semaphore>,
    state: Arc<Mutex<State>>,
    epoch: u64,
    was_full: bool,
}

impl Window {
    /// A window of `sizes`.
    pub fn new(sizes: Sizes) -> Self {
        let state = State::new(sizes);
        Self {
            sem: Arc::new(Semaphore::new(state.limit)),
            state: Arc::new(Mutex::new(state)),
        }
    }

    /// Whether work holds or waits for a slot.
    pub fn in_use(&self) -> bool {
        // Every permit, and every acquire still waiting, holds a clone of the semaphore.
        Arc::strong_count(&self.sem) > 1
    }

    /// The current size.
    pub fn limit(&self) -> usize {
        self.lock().limit
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits for a slot.
    pub async fn acquire(&self) -> Permit {
        let was_full = self.sem.available_permits() == 0;
        let permit = self.sem.clone().acquire_owned().await.ok();
        let epoch = self.lock().epoch;
        Permit {
            permit,
            sem: self.sem.clone(),
            state: self.state.clone(),
            epoch,
            was_full,
        }
    }
}

impl Permit {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The work got a prompt answer: the window may widen.
    pub fn answered(self) {
        let added = self.lock().answered(self.was_full);
        if added > 0 {
            self.sem.add_permits(added);
        }
    }

    /// The peer showed it is overloaded (a DNS query timed out, a web server reset the
    /// connection): the window narrows (once per window).
    pub fn congested(self) {
        let mut state = self.lock();
        let taken = state.timed_out(self.epoch);
        if taken > 0 {
            let forgotten = self.sem.forget_permits(taken);
            state.debt += taken - forgotten;
        }
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        let Some(permit) = self.permit.take() else {
            return;
        };
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if state.debt > 0 {
            state.debt -= 1;
            permit.forget();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    const SIZES: Sizes = Sizes {
        initial: 4,
        min: 2,
        max: 10,
    };

    #[test]
    fn slow_start_widens_by_one_per_answer_while_full() {
        let mut s = State::new(SIZES);
        assert_eq!(s.answered(false), 0, "a window with room does not grow");
        assert_eq!(s.limit, 4);
        for _ in 0..4 {
            assert_eq!(s.answered(true), 1);
        }
        assert_eq!(s.limit, 8);
        for _ in 0..10 {
            s.answered(true);
        }
        assert_eq!(s.limit, SIZES.max, "never beyond the maximum");
    }

    #[test]
    fn a_timeout_halves_once_per_window_then_growth_is_additive() {
        let mut s = State::new(SIZES);
        for _ in 0..4 {
            s.answered(true);
        }
        let epoch = s.epoch;
        assert_eq!(s.timed_out(epoch), 4);
        assert_eq!(s.limit, 4);
        assert_eq!(
            s.timed_out(epoch),
            0,
            "queries of the same window do not shrink it again"
        );
        assert_eq!(s.limit, 4);
        // Additive: one slot per window's worth (4) of answers.
        for _ in 0..3 {
            assert_eq!(s.answered(true), 0);
        }
        assert_eq!(s.answered(true), 1);
        assert_eq!(s.limit, 5);
        // A later timeout (new epoch) halves again, down to the minimum and no lower.
        let e = s.epoch;
        s.timed_out(e);
        let e = s.epoch;
        s.timed_out(e);
        assert_eq!(s.limit, SIZES.min);
        let e = s.epoch;
        assert_eq!(s.timed_out(e), 0);
        assert_eq!(s.limit, SIZES.min);
    }

    #[test]
    fn sizes_are_made_consistent() {
        let s = State::new(Sizes {
            initial: 100,
            min: 0,
            max: 8,
        });
        assert_eq!((s.limit, s.sizes.min, s.sizes.max), (8, 1, 8));
    }

    #[tokio::test]
    async fn permits_bound_the_work_and_a_shrink_takes_slots_away() {
        let w = Window::new(SIZES);
        let held: Vec<Permit> = futures_util::future::join_all((0..4).map(|_| w.acquire())).await;
        let fifth = tokio::time::timeout(Duration::from_millis(30), w.acquire());
        assert!(fifth.await.is_err(), "a full window makes the fifth wait");
        // One times out: the window halves to 2 while all 4 are still out.
        let mut held = held.into_iter();
        held.next().unwrap().congested();
        assert_eq!(w.limit(), 2);
        // Its own slot and the next one to end pay the debt: 2 in flight, none free.
        held.next().unwrap().answered();
        let again = tokio::time::timeout(Duration::from_millis(30), w.acquire());
        assert!(again.await.is_err(), "2 in flight in a window of 2");
        // One more ends: one may start, a second waits.
        drop(held.next());
        let _a = w.acquire().await;
        let third = tokio::time::timeout(Duration::from_millis(30), w.acquire());
        assert!(third.await.is_err());
        drop(held);
    }

    #[tokio::test]
    async fn a_full_window_grows_with_answers() {
        let w = Arc::new(Window::new(SIZES));
        let held: Vec<Permit> = futures_util::future::join_all((0..4).map(|_| w.acquire())).await;
        // Started while full (after the first four took every slot).
        let waiting = tokio::spawn({
            let w = w.clone();
            async move { w.acquire().await.answered() }
        });
        tokio::time::sleep(Duration::from_millis(10)).await;
        for p in held {
            p.answered();
        }
        waiting.await.unwrap();
        assert_eq!(
            w.limit(),
            5,
            "only the answer that had waited widens the window"
        );
    }
}
