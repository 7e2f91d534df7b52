//! Holds every packet of one NFQUEUE queue for a fixed time, then accepts it.
//!
//! Usage: `netdelay QUEUE_NUM ONE_WAY_MS READY_FILE`
//!
//! Started by `scripts/netdelay`, which sends the lab's packets to the queue in both
//! directions, so that a round trip takes twice ONE_WAY_MS. The delay is the same for every
//! packet, so packets are due in the order they arrived: a FIFO of packet ids is enough, and
//! everything due is released with one batch verdict. The kernel copies only the packet's
//! metadata to us, the netlink receive buffer is large and the kernel queue holds up to a
//! million packets, so at the batch benchmark's rates nothing waits for this program and
//! nothing is dropped (a drop would be reported on exit). Writes READY_FILE once bound; on
//! SIGTERM/SIGINT releases every held packet at once.
//!
//! It replaces a Python NetfilterQueue loop (one callback and one verdict per packet) whose
//! added latency grew past the delay itself at about 15,000 packets/s on the 2-core
//! benchmark machine, so that the batch benchmark at RTT 50 ms measured the tool, not
//! maildoctor (README "Performance").

mod nfqueue;

use std::collections::VecDeque;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use nfqueue::NfQueue;
use rustix::event::{PollFd, PollFlags, Timespec, poll};

/// Kernel-side queue length: far more than are ever in flight during one delay.
const QUEUE_MAX_LEN: u32 = 1 << 20;
/// Netlink receive buffer, so a burst is not dropped while packets are being released.
const RCVBUF: usize = 64 << 20;
/// Poll timeout when nothing is held (to notice a signal).
const IDLE: Duration = Duration::from_millis(200);

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let parsed = match args.as_slice() {
        [_, q, ms, ready] => q
            .parse::<u16>()
            .ok()
            .zip(
                ms.parse::<f64>()
                    .ok()
                    .filter(|m| m.is_finite() && *m >= 0.0 && *m < 1e6),
            )
            .map(|(q, ms)| (q, ms, ready.clone())),
        _ => None,
    };
    let Some((queue_num, one_way_ms, ready)) = parsed else {
        eprintln!("usage: netdelay QUEUE_NUM ONE_WAY_MS READY_FILE");
        return ExitCode::from(2);
    };
    match run(
        queue_num,
        Duration::from_secs_f64(one_way_ms / 1000.0),
        &ready,
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("netdelay: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(queue_num: u16, delay: Duration, ready: &str) -> std::io::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(signal_hook::consts::SIGTERM, Arc::clone(&stop))?;
    signal_hook::flag::register(signal_hook::consts::SIGINT, Arc::clone(&stop))?;

    let mut queue = NfQueue::bind(queue_num, QUEUE_MAX_LEN, RCVBUF)?;
    std::fs::write(ready, "ready\n")?;

    let mut held: VecDeque<(Instant, u32)> = VecDeque::new();
    let mut stats = Stats::default();
    let result = pump(&mut queue, delay, &stop, &mut held, &mut stats);
    // Never strand a packet: let everything still held through at once, including any the
    // kernel queued after the last read (unbinding would drop them). Ids increase by one per
    // packet, so "up to the last one seen plus a million" covers every one still queued.
    let _ = queue.drain(&mut stats.lost, |id| held.push_back((Instant::now(), id)));
    if let Some(&(_, last)) = held.back() {
        let _ = queue.accept_through(last.wrapping_add(QUEUE_MAX_LEN));
    }
    let _ = queue.unbind();
    eprintln!(
        "netdelay: {} packets delayed, {} lost notifications (ENOBUFS), most held at once {}",
        stats.packets, stats.lost, stats.max_held
    );
    result
}

#[derive(Default)]
struct Stats {
    packets: u64,
    lost: u64,
    max_held: usize,
}

fn pump(
    queue: &mut NfQueue,
    delay: Duration,
    stop: &AtomicBool,
    held: &mut VecDeque<(Instant, u32)>,
    stats: &mut Stats,
) -> std::io::Result<()> {
    while !stop.load(Ordering::Relaxed) {
        let wait = held.front().map_or(IDLE, |(due, _)| {
            due.saturating_duration_since(Instant::now())
        });
        if !wait.is_zero() {
            let timeout = Timespec::try_from(wait).unwrap_or(Timespec {
                tv_sec: 0,
                tv_nsec: 200_000_000,
            });
            let mut fds = [PollFd::new(&*queue, PollFlags::IN)];
            match poll(&mut fds, Some(&timeout)) {
                Ok(_) | Err(rustix::io::Errno::INTR) => {}
                Err(e) => return Err(e.into()),
            }
        }
        // Take everything the kernel has queued; each packet is due `delay` after now.
        let now = Instant::now();
        let got = queue.drain(&mut stats.lost, |id| held.push_back((now + delay, id)))?;
        stats.packets += got as u64;
        stats.max_held = stats.max_held.max(held.len());
        // Release everything due with one verdict.
        let now = Instant::now();
        let mut last = None;
        while let Some(&(due, id)) = held.front() {
            if due > now {
                break;
            }
            last = Some(id);
            held.pop_front();
        }
        if let Some(id) = last {
            queue.accept_through(id)?;
        }
    }
    Ok(())
}
