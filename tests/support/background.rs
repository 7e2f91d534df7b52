//! A server future running on its own OS thread with its own current-thread tokio runtime.
//!
//! Every harness server ([`TestDns`](super::dns::TestDns), [`MailServer`](super::mail::MailServer),
//! [`Blackhole`](super::net::Blackhole)) runs this way, so it keeps serving no matter what the
//! test thread does: a `#[tokio::test]` body, a plain `#[test]`, or a test blocked in
//! `std::process::Command::output()` while the `maildoctor` binary talks to the server.
//!
//! Dropping a [`Background`] signals the future to stop, then joins the thread; dropping the
//! runtime on that thread cancels every task the server spawned (open connections included).
//! A panic on the server thread is re-raised in the test on drop (unless the test is already
//! panicking), so harness bugs cannot pass silently.

use std::future::Future;
use std::thread::JoinHandle;

use tokio::sync::oneshot;

/// Handle to a server thread; stops and joins it on drop.
pub(crate) struct Background {
    name: String,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Background {
    /// Runs `make()`'s future on a new thread named `name` until it ends or the handle drops.
    ///
    /// `make` runs on the new thread inside the runtime, so it may create tokio sockets
    /// (`TcpListener::from_std`, …) and spawn tasks. Sockets should be bound by the caller
    /// *before* spawning, so the address is known and connections queue in the kernel even
    /// before the server task first polls.
    pub(crate) fn spawn<F, Fut>(name: &str, make: F) -> Self
    where
        F: FnOnce() -> Fut + Send + 'static,
        Fut: Future<Output = ()> + 'static,
    {
        let (stop_tx, stop_rx) = oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("build server runtime");
                rt.block_on(async move {
                    let server = make();
                    tokio::select! {
                        () = server => {}
                        _ = stop_rx => {}
                    }
                });
                // Dropping `rt` here cancels every task the server spawned.
            })
            .expect("spawn server thread");
        Self {
            name: name.to_owned(),
            stop: Some(stop_tx),
            thread: Some(thread),
        }
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            // Err only if the server already ended; joining is still right.
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take()
            && thread.join().is_err()
            && !std::thread::panicking()
        {
            panic!("test server thread `{}` panicked", self.name);
        }
    }
}
