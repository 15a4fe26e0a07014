//! Forwards this addon's `log` records (level, target, message) to a JavaScript function, which
//! hands them to the process's logger. Native threads never wait for JavaScript: a record is
//! queued without blocking and dropped when the queue is full or JavaScript is going away. Nothing
//! here may panic into the caller: a record whose message cannot be formatted is dropped.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::OnceLock;

use napi::bindgen_prelude::*;
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi_derive::napi;

/// Records waiting for the JavaScript thread beyond this many are dropped.
const QUEUE: usize = 1024;

/// One log record, as the JavaScript callback receives it.
#[napi(object)]
pub struct ForwardedLogRecord {
    /// `"error"`, `"warn"`, `"info"`, `"debug"` or `"trace"` (pino's level names).
    pub level: String,
    /// The module that logged it (`inference_native::session`, `onnxruntime`, ...).
    pub target: String,
    pub message: String,
}

/// Weak: a registered logger never keeps the event loop alive.
type Sink =
    ThreadsafeFunction<ForwardedLogRecord, (), ForwardedLogRecord, Status, false, true, QUEUE>;
static SINK: OnceLock<Sink> = OnceLock::new();

struct Forwarder;

impl log::Log for Forwarder {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        SINK.get().is_some() && metadata.level() <= log::max_level()
    }

    fn log(&self, record: &log::Record<'_>) {
        let Some(sink) = SINK.get() else {
            return;
        };
        if record.level() > log::max_level() {
            return;
        }
        // A Display implementation that panics must cost the record, not the process.
        let Ok(message) = catch_unwind(AssertUnwindSafe(|| record.args().to_string())) else {
            return;
        };
        let level = match record.level() {
            log::Level::Error => "error",
            log::Level::Warn => "warn",
            log::Level::Info => "info",
            log::Level::Debug => "debug",
            log::Level::Trace => "trace",
        };
        let record = ForwardedLogRecord {
            level: level.to_string(),
            target: record.target().to_string(),
            message,
        };
        // QueueFull or Closing: the record is dropped, as promised.
        let _ = sink.call(record, ThreadsafeFunctionCallMode::NonBlocking);
    }

    fn flush(&self) {}
}

static FORWARDER: Forwarder = Forwarder;

/// Sends this addon's log records at `max_level` (`"error"` ... `"trace"`) and above to `callback`.
/// The first call registers the callback; later calls only change the level.
#[napi(catch_unwind)]
pub fn set_log_callback(
    callback: Function<ForwardedLogRecord, ()>,
    max_level: String,
) -> Result<()> {
    if SINK.get().is_none() {
        let sink: Sink = callback
            .build_threadsafe_function()
            .callee_handled::<false>()
            .weak::<true>()
            .max_queue_size::<QUEUE>()
            .build()?;
        let _ = SINK.set(sink);
        // Fails only when another logger is installed in this library already: keep that one.
        let _ = log::set_logger(&FORWARDER);
    }
    log::set_max_level(max_level.parse().unwrap_or(log::LevelFilter::Info));
    Ok(())
}
