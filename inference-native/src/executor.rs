//! Worker threads that run inference jobs, tuned for latency.
//!
//! A thread woken from sleep costs tens of microseconds on a virtual machine, more than a small
//! model's whole run. So after finishing a job one worker per process spins for a short while
//! (`spin`) before parking: back-to-back requests are picked up without a wake-up. Results are
//! handed back through a [`Completion`], which the caller polls or asks to be notified about.

use std::collections::VecDeque;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

type Job = Box<dyn FnOnce() + Send + 'static>;

/// At most one worker in the whole process spins at a time, so idle workers never hold more than
/// one core.
static SPINNER: AtomicBool = AtomicBool::new(false);

struct Inner {
    queue: Mutex<VecDeque<Job>>,
    available: Condvar,
    queued: AtomicUsize,
    sleepers: AtomicUsize,
    stop: AtomicBool,
    spin: Duration,
}

/// A fixed set of worker threads with a FIFO queue. Dropping it lets the workers finish the
/// queued jobs and exit (it does not wait for them).
pub struct Executor {
    inner: Arc<Inner>,
}

impl Executor {
    /// Starts `threads` workers (at least one) named `name`. `spin` is how long an idle worker
    /// polls for new work before sleeping (zero: sleep at once).
    pub fn new(name: &str, threads: usize, spin: Duration) -> std::io::Result<Executor> {
        let inner = Arc::new(Inner {
            queue: Mutex::new(VecDeque::new()),
            available: Condvar::new(),
            queued: AtomicUsize::new(0),
            sleepers: AtomicUsize::new(0),
            stop: AtomicBool::new(false),
            spin,
        });
        for i in 0..threads.max(1) {
            let inner = inner.clone();
            thread::Builder::new()
                .name(format!("{name}-{i}"))
                .spawn(move || worker(&inner))?;
        }
        Ok(Executor { inner })
    }

    /// Queues a job. Jobs run in submission order (several at once with several workers).
    pub fn submit(&self, job: impl FnOnce() + Send + 'static) {
        let inner = &self.inner;
        inner
            .queue
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push_back(Box::new(job));
        inner.queued.fetch_add(1, Ordering::SeqCst);
        if inner.sleepers.load(Ordering::SeqCst) > 0 {
            inner.available.notify_one();
        }
    }
}

impl Drop for Executor {
    fn drop(&mut self) {
        self.inner.stop.store(true, Ordering::SeqCst);
        self.inner.available.notify_all();
    }
}

fn pop(inner: &Inner) -> Option<Job> {
    if inner.queued.load(Ordering::SeqCst) == 0 {
        return None;
    }
    let job = inner
        .queue
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .pop_front();
    if job.is_some() {
        inner.queued.fetch_sub(1, Ordering::SeqCst);
    }
    job
}

fn worker(inner: &Inner) {
    loop {
        if let Some(job) = pop(inner) {
            // A job reports its own panics through its Completion; this keeps the worker alive.
            let _ = catch_unwind(AssertUnwindSafe(job));
            continue;
        }
        if inner.stop.load(Ordering::SeqCst) {
            return;
        }
        if !inner.spin.is_zero() && !SPINNER.swap(true, Ordering::AcqRel) {
            let until = Instant::now() + inner.spin;
            // Yield rather than busy-wait: on a loaded machine the thread that will submit the next
            // job (the JS thread) may need this core.
            while inner.queued.load(Ordering::Relaxed) == 0
                && !inner.stop.load(Ordering::Relaxed)
                && Instant::now() < until
            {
                thread::yield_now();
            }
            SPINNER.store(false, Ordering::Release);
            if inner.queued.load(Ordering::SeqCst) > 0 {
                continue;
            }
        }
        let mut queue = inner.queue.lock().unwrap_or_else(|e| e.into_inner());
        inner.sleepers.fetch_add(1, Ordering::SeqCst);
        while queue.is_empty() && !inner.stop.load(Ordering::SeqCst) {
            queue = inner
                .available
                .wait(queue)
                .unwrap_or_else(|e| e.into_inner());
        }
        inner.sleepers.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The result slot of one job: set once by the worker, taken once by the caller.
pub struct Completion<T> {
    state: Mutex<Slot<T>>,
    done: AtomicBool,
    finished: Condvar,
}

struct Slot<T> {
    value: Option<T>,
    notify: Option<Box<dyn FnOnce() + Send>>,
}

impl<T> Default for Completion<T> {
    fn default() -> Self {
        Completion {
            state: Mutex::new(Slot {
                value: None,
                notify: None,
            }),
            done: AtomicBool::new(false),
            finished: Condvar::new(),
        }
    }
}

impl<T> Completion<T> {
    pub fn new() -> Arc<Self> {
        Arc::new(Self::default())
    }

    /// Stores the result and fires the notification if one was requested.
    pub fn complete(&self, value: T) {
        let notify = {
            let mut slot = self.state.lock().unwrap_or_else(|e| e.into_inner());
            slot.value = Some(value);
            self.done.store(true, Ordering::Release);
            slot.notify.take()
        };
        self.finished.notify_all();
        if let Some(notify) = notify {
            notify();
        }
    }

    /// True once the result is stored (cheap: one atomic load).
    pub fn is_done(&self) -> bool {
        self.done.load(Ordering::Acquire)
    }

    /// Takes the result if it is there.
    pub fn take(&self) -> Option<T> {
        if !self.is_done() {
            return None;
        }
        self.state
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .value
            .take()
    }

    /// Arranges for `notify` to run (on the worker) when the result arrives. Returns false, without
    /// keeping `notify`, when the result is already there.
    pub fn notify_when_done(&self, notify: impl FnOnce() + Send + 'static) -> bool {
        let mut slot = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if self.done.load(Ordering::Acquire) {
            return false;
        }
        slot.notify = Some(Box::new(notify));
        true
    }

    /// Blocks until the result arrives and takes it.
    pub fn wait(&self) -> Option<T> {
        let mut slot = self.state.lock().unwrap_or_else(|e| e.into_inner());
        while !self.done.load(Ordering::Acquire) {
            slot = self.finished.wait(slot).unwrap_or_else(|e| e.into_inner());
        }
        slot.value.take()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_jobs_in_order_and_survives_panics() {
        let ex = Executor::new("test", 1, Duration::from_micros(50)).unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let done = Completion::<()>::new();
        ex.submit(|| panic!("job panics"));
        for i in 0..100 {
            let log = log.clone();
            ex.submit(move || log.lock().unwrap().push(i));
        }
        let d = done.clone();
        ex.submit(move || d.complete(()));
        done.wait();
        assert_eq!(*log.lock().unwrap(), (0..100).collect::<Vec<_>>());
    }

    #[test]
    fn notification_fires_once_whether_requested_before_or_after() {
        let c = Completion::<u32>::new();
        let fired = Arc::new(AtomicUsize::new(0));
        let f = fired.clone();
        assert!(c.notify_when_done(move || {
            f.fetch_add(1, Ordering::SeqCst);
        }));
        c.complete(7);
        assert_eq!(fired.load(Ordering::SeqCst), 1);
        assert_eq!(c.take(), Some(7));
        assert_eq!(c.take(), None);
        let late = Completion::<u32>::new();
        late.complete(1);
        assert!(!late.notify_when_done(|| unreachable!()));
    }
}
