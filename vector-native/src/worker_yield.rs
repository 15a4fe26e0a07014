//! Pool workers give way to the JS thread.
//!
//! Searches, builds and repairs run on rayon workers so that they never block the JS thread.
//! When they fill every core, the JS thread still has to win a core each time it wakes (a timer,
//! a socket, a finished search). The kernel lets a running worker finish its time slice first,
//! whatever its nice value, so the event loop stalled for 3–5 ms at a time on a two-core machine
//! while a batch or a flat scan ran. A worker that offers its core every [`YIELD_EVERY`] lets a
//! waiting JS thread in within that time. When nothing waits, `sched_yield` returns at once.
//!
//! Why not a lower priority instead: per-thread nice did not change the stalls, and the idle
//! scheduling class starves the workers whenever other busy threads (inference, another
//! process) fill the machine.

use std::cell::Cell;
use std::time::{Duration, Instant};

/// Longest stretch of work a pool worker does before it offers its core.
pub const YIELD_EVERY: Duration = Duration::from_micros(250);

thread_local! {
    static LAST_YIELD: Cell<Option<Instant>> = const { Cell::new(None) };
}

/// On a pool worker, yields the core when [`YIELD_EVERY`] has passed since its last yield.
/// Elsewhere (the JS thread running a small search inline) it does nothing. Cheap enough to call
/// once per query, insert or few thousand scanned rows.
#[inline]
pub fn yield_if_due() {
    if rayon::current_thread_index().is_none() {
        return;
    }
    let now = Instant::now();
    LAST_YIELD.with(|last| match last.get() {
        Some(t) if now.duration_since(t) < YIELD_EVERY => {}
        Some(_) => {
            std::thread::yield_now();
            last.set(Some(Instant::now()));
        }
        None => last.set(Some(now)),
    });
}
