//! Cancellation of a run from another thread (an `AbortSignal` in Node).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use crate::ffi::RunOptions;

/// A handle that cancels the runs it is attached to. Cheap to clone; all clones share one flag.
///
/// Cancelling before a run starts makes the run fail with [`crate::Error::Cancelled`] without
/// computing anything; cancelling while it executes asks ONNX Runtime to stop between operators.
#[derive(Clone, Default)]
pub struct CancelToken {
    inner: Arc<Inner>,
}

#[derive(Default)]
struct Inner {
    cancelled: AtomicBool,
    active: Mutex<Vec<Arc<RunOptions>>>,
}

impl CancelToken {
    pub fn new() -> Self {
        Self::default()
    }

    /// Cancels every current and future run attached to this token.
    pub fn cancel(&self) {
        self.inner.cancelled.store(true, Ordering::SeqCst);
        let active = self.inner.active.lock().unwrap_or_else(|e| e.into_inner());
        for options in active.iter() {
            options.terminate();
        }
    }

    pub fn is_cancelled(&self) -> bool {
        self.inner.cancelled.load(Ordering::SeqCst)
    }

    /// Registers a run's options; returns false (and registers nothing) if already cancelled.
    pub(crate) fn attach(&self, options: &Arc<RunOptions>) -> bool {
        let mut active = self.inner.active.lock().unwrap_or_else(|e| e.into_inner());
        if self.is_cancelled() {
            return false;
        }
        active.push(options.clone());
        true
    }

    pub(crate) fn detach(&self, options: &Arc<RunOptions>) {
        let mut active = self.inner.active.lock().unwrap_or_else(|e| e.into_inner());
        active.retain(|o| !Arc::ptr_eq(o, options));
    }
}
