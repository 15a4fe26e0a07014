//! The thin N-API layer over the core. Only the TypeScript wrapper (`src/native.ts`) calls it; it
//! does no argument defaulting of its own. Core errors cross as JSON in the error message (see
//! `Error::to_json`); the wrapper turns them into `@arbiter/core` error classes.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use napi::bindgen_prelude::*;
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi_derive::napi;

use crate::executor::{Completion, Executor};

use crate::{
    drain_logs, release_free_memory, CancelToken, Datatype, Error as CoreError, Fallback,
    InputTensor, ModelSource, OptimizationLevel, OutputData, OutputTensor, Provider, Runtime,
    Session, SessionConfig, TensorInfo,
};

fn to_napi(e: CoreError) -> napi::Error {
    napi::Error::new(Status::GenericFailure, e.to_json())
}

fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

/// Runs `f`, turning a panic into an `INTERNAL` error so that no panic crosses into Node.
fn guard<T>(f: impl FnOnce() -> std::result::Result<T, CoreError>) -> napi::Result<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result.map_err(to_napi),
        Err(payload) => Err(to_napi(CoreError::Internal {
            message: format!("panic in inference-native: {}", panic_message(payload)),
        })),
    }
}

/// Options of `loadSession`, already defaulted and validated by the wrapper.
#[napi(object)]
pub struct NativeLoadOptions {
    pub library_path: String,
    pub execution_provider: String,
    pub provider_fallback: String,
    pub intra_op_threads: u32,
    pub inter_op_threads: u32,
    pub graph_optimization_level: String,
    pub warmup: bool,
    /// Runs of this session executing at once (worker threads).
    pub concurrency: u32,
    /// How long an idle worker polls for the next run before sleeping, in microseconds.
    pub spin_micros: u32,
    /// Whether ONNX Runtime's own thread pools busy-wait for work between operators and runs.
    pub thread_spinning: bool,
}

/// A model input or output.
#[napi(object)]
pub struct NativeTensorInfo {
    pub name: String,
    pub datatype: String,
    pub shape: Vec<i64>,
}

/// One input of a run: `index` into the model inputs, `datatype` as an OIP name, and the data as
/// one or more chunks that are concatenated (one chunk is read in place).
#[napi(object)]
pub struct NativeInput {
    pub index: u32,
    pub datatype: String,
    pub shape: Vec<i64>,
    pub chunks: Vec<Uint8Array>,
}

/// One output of a run, in the order requested (built by `poll_run`; declared for the typings).
#[napi(object)]
#[allow(dead_code)]
pub struct NativeOutput {
    pub shape: Vec<i64>,
    pub data: Uint8Array,
}

/// A log record for the wrapper's logger.
#[napi(object)]
pub struct NativeLogRecord {
    pub level: String,
    pub category: String,
    pub message: String,
}

/// Version and providers of the ONNX Runtime library at a path (loading it if needed).
#[napi(object)]
pub struct NativeRuntimeInfo {
    pub version: String,
    pub library_path: String,
    pub providers: Vec<String>,
}

fn info(t: &TensorInfo) -> NativeTensorInfo {
    NativeTensorInfo {
        name: t.name.clone(),
        datatype: t.datatype.oip_name().to_string(),
        shape: t.shape.clone(),
    }
}

/// Loads the runtime library (once per process) and reports what it provides.
#[napi(catch_unwind)]
pub fn runtime_info(library_path: String) -> napi::Result<NativeRuntimeInfo> {
    guard(|| {
        let rt = Runtime::load(Path::new(&library_path))?;
        Ok(NativeRuntimeInfo {
            version: rt.version().to_string(),
            library_path: rt.library_path().display().to_string(),
            providers: rt.available_providers(),
        })
    })
}

/// Takes the pending log records (ONNX Runtime warnings, provider fallbacks, warm-up failures).
#[napi(catch_unwind)]
pub fn drain_log_records() -> napi::Result<Vec<NativeLogRecord>> {
    guard(|| {
        Ok(drain_logs()
            .into_iter()
            .map(|r| NativeLogRecord {
                level: r.level.to_string(),
                category: r.category,
                message: r.message,
            })
            .collect())
    })
}

pub struct LoadTask {
    bytes: Option<Uint8Array>,
    path: Option<String>,
    library_path: String,
    config: SessionConfig,
    concurrency: usize,
    spin: Duration,
}

impl Task for LoadTask {
    type Output = Session;
    type JsValue = NativeSession;

    fn compute(&mut self) -> napi::Result<Session> {
        guard(|| {
            let rt = Runtime::load(Path::new(&self.library_path))?;
            let source = match (&self.bytes, &self.path) {
                (Some(bytes), _) => ModelSource::Bytes(bytes),
                (None, Some(path)) => ModelSource::Path(Path::new(path)),
                (None, None) => {
                    return Err(CoreError::invalid(
                        "source",
                        "{ bytes } or { path }",
                        "neither",
                    ))
                }
            };
            Session::load(rt, source, &self.config)
        })
    }

    fn resolve(&mut self, _env: Env, session: Session) -> napi::Result<NativeSession> {
        let executor =
            Executor::new("arbiter-infer", self.concurrency, self.spin).map_err(|e| {
                to_napi(CoreError::Internal {
                    message: format!("could not start worker threads: {e}"),
                })
            })?;
        Ok(NativeSession {
            executor,
            inputs: session.inputs().iter().map(info).collect(),
            outputs: session.outputs().iter().map(info).collect(),
            provider: session.provider().to_string(),
            fallback_reason: session.fallback_reason().map(str::to_string),
            memory_bytes: session.memory_bytes() as f64,
            session: Mutex::new(Some(Arc::new(session))),
        })
    }
}

/// Loads a model off the JS thread. Exactly one of `bytes` and `path` is set.
#[napi(catch_unwind, ts_return_type = "Promise<NativeSession>")]
pub fn load_session(
    bytes: Option<Uint8Array>,
    path: Option<String>,
    options: NativeLoadOptions,
) -> napi::Result<AsyncTask<LoadTask>> {
    let config = guard(|| {
        Ok(SessionConfig {
            provider: Provider::parse(&options.execution_provider)?,
            fallback: Fallback::parse(&options.provider_fallback)?,
            intra_op_threads: options.intra_op_threads as usize,
            inter_op_threads: options.inter_op_threads as usize,
            optimization_level: OptimizationLevel::parse(&options.graph_optimization_level)?,
            warmup: options.warmup,
            thread_spinning: options.thread_spinning,
        })
    })?;
    Ok(AsyncTask::new(LoadTask {
        bytes,
        path,
        library_path: options.library_path,
        config,
        concurrency: options.concurrency.max(1) as usize,
        spin: Duration::from_micros(options.spin_micros as u64),
    }))
}

/// Cancels the runs it is passed to (the wrapper creates one per AbortSignal).
#[napi]
pub struct NativeCancelToken {
    token: CancelToken,
}

#[napi]
impl NativeCancelToken {
    #[napi(constructor)]
    pub fn new() -> Self {
        NativeCancelToken {
            token: CancelToken::new(),
        }
    }

    #[napi(catch_unwind)]
    pub fn cancel(&self) -> napi::Result<()> {
        guard(|| {
            self.token.cancel();
            Ok(())
        })
    }
}

impl Default for NativeCancelToken {
    fn default() -> Self {
        Self::new()
    }
}

/// A loaded session. `unload` drops it; runs already in flight finish first.
#[napi]
pub struct NativeSession {
    session: Mutex<Option<Arc<Session>>>,
    executor: Executor,
    inputs: Vec<NativeTensorInfo>,
    outputs: Vec<NativeTensorInfo>,
    provider: String,
    fallback_reason: Option<String>,
    memory_bytes: f64,
}

fn clone_info(v: &[NativeTensorInfo]) -> Vec<NativeTensorInfo> {
    v.iter()
        .map(|t| NativeTensorInfo {
            name: t.name.clone(),
            datatype: t.datatype.clone(),
            shape: t.shape.clone(),
        })
        .collect()
}

#[napi]
impl NativeSession {
    #[napi(getter, catch_unwind)]
    pub fn inputs(&self) -> Vec<NativeTensorInfo> {
        clone_info(&self.inputs)
    }

    #[napi(getter, catch_unwind)]
    pub fn outputs(&self) -> Vec<NativeTensorInfo> {
        clone_info(&self.outputs)
    }

    #[napi(getter, catch_unwind)]
    pub fn execution_provider(&self) -> String {
        self.provider.clone()
    }

    #[napi(getter, catch_unwind)]
    pub fn fallback_reason(&self) -> Option<String> {
        self.fallback_reason.clone()
    }

    #[napi(getter, catch_unwind)]
    pub fn memory_bytes(&self) -> f64 {
        self.memory_bytes
    }

    /// Starts a run on the session's worker threads and returns its id at once. `outputs` are
    /// indices into the model outputs (empty: all). `pollRun(id)` returns the result.
    #[napi(catch_unwind)]
    pub fn start(
        &self,
        inputs: Vec<NativeInput>,
        outputs: Vec<u32>,
        cancel: Option<&NativeCancelToken>,
    ) -> napi::Result<u32> {
        let session = guard(|| {
            self.session
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .clone()
                .ok_or_else(|| CoreError::FailedPrecondition {
                    message: "session is unloaded".to_string(),
                })
        })?;
        let hold = Arc::new(HeldInputs(inputs));
        let completion = Completion::new();
        let job = RunJob {
            session,
            inputs: hold.clone(),
            outputs,
            cancel: cancel.map(|c| c.token.clone()),
        };
        let done = completion.clone();
        self.executor.submit(move || {
            let result =
                catch_unwind(AssertUnwindSafe(|| job.compute())).unwrap_or_else(|payload| {
                    Err(CoreError::Internal {
                        message: format!("panic in inference-native: {}", panic_message(payload)),
                    })
                });
            // Release this job's hold on the inputs before the result becomes visible, so that the
            // last reference (and the N-API reference cleanup) goes away on the JS thread.
            drop(job);
            done.complete(result);
        });
        let id = NEXT_RUN_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        runs().insert(
            id,
            RunEntry {
                completion,
                _inputs: hold,
            },
        );
        Ok(id)
    }

    /// Typical duration of a run of this session, in microseconds (see `Session::typical_run_micros`).
    #[napi(getter, catch_unwind)]
    pub fn typical_run_micros(&self) -> f64 {
        self.session
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
            .map_or(0.0, |s| s.typical_run_micros())
    }

    /// Runs on the calling (JS) thread. The wrapper uses it only for runs shorter than a thread
    /// hand-off would be.
    #[napi(catch_unwind, ts_return_type = "Array<NativeOutput>")]
    pub fn run_inline<'env>(
        &self,
        env: &'env Env,
        inputs: Vec<NativeInput>,
        outputs: Vec<u32>,
    ) -> napi::Result<Vec<Object<'env>>> {
        let result = guard(|| {
            let session = self
                .session
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .clone()
                .ok_or_else(|| CoreError::FailedPrecondition {
                    message: "session is unloaded".to_string(),
                })?;
            let job = RunJob {
                session,
                inputs: Arc::new(HeldInputs(inputs)),
                outputs,
                cancel: None,
            };
            job.compute()
        })?;
        outputs_to_js(env, result)
    }

    /// Drops the session; its memory is returned once in-flight runs finish.
    #[napi(catch_unwind)]
    pub fn unload(&self) -> napi::Result<()> {
        guard(|| {
            let taken = self
                .session
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .take();
            if let Some(session) = taken {
                if let Ok(session) = Arc::try_unwrap(session) {
                    drop(session);
                    release_free_memory();
                }
            }
            Ok(())
        })
    }
}

/// The inputs of a run, shared by the JS-side run handle and the job while it executes.
pub struct HeldInputs(Vec<NativeInput>);

// SAFETY: the job only reads the byte slices of the typed arrays (pointer and length), which no
// one mutates through this struct; the N-API references are released on drop, which napi-rs
// routes to the JS thread when it happens elsewhere.
unsafe impl Sync for HeldInputs {}

static NEXT_RUN_ID: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);

type RunResult = std::result::Result<Vec<OutputTensor>, CoreError>;

/// The JS thread's notifier: called with a run's id when a run that asked to be notified ends.
/// Weak: it does not keep the event loop alive (the wrapper does while it waits).
type Notifier = ThreadsafeFunction<u32, (), u32, Status, false, true>;
static NOTIFIER: OnceLock<Notifier> = OnceLock::new();

/// Registers the function called (with a run id) when a run that asked to be notified ends.
/// Called once by the wrapper; later calls are ignored.
#[napi(catch_unwind)]
pub fn set_completion_callback(callback: Function<u32, ()>) -> napi::Result<()> {
    if NOTIFIER.get().is_some() {
        return Ok(());
    }
    let tsfn: Notifier = callback
        .build_threadsafe_function()
        .callee_handled::<false>()
        .weak::<true>()
        .build()?;
    let _ = NOTIFIER.set(tsfn);
    Ok(())
}

/// A run in progress: its result slot and its inputs (released on the JS thread when polled).
struct RunEntry {
    completion: Arc<Completion<RunResult>>,
    _inputs: Arc<HeldInputs>,
}

static RUNS: OnceLock<Mutex<std::collections::HashMap<u32, RunEntry>>> = OnceLock::new();

fn runs() -> std::sync::MutexGuard<'static, std::collections::HashMap<u32, RunEntry>> {
    RUNS.get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner())
}

/// Outputs up to this size are copied into memory V8 owns (cheaper than an external buffer);
/// larger ones are handed over without copying.
const COPY_OUTPUTS_UP_TO: usize = 16 * 1024;

/// Returns null while run `id` is executing, then its outputs (once), or throws its error.
#[napi(catch_unwind, ts_return_type = "Array<NativeOutput> | null")]
pub fn poll_run(env: &Env, id: u32) -> napi::Result<Option<Vec<Object<'_>>>> {
    let entry = {
        let mut runs = runs();
        match runs.get(&id) {
            None => {
                return Err(to_napi(CoreError::FailedPrecondition {
                    message: format!("no run {id} in progress"),
                }))
            }
            Some(entry) if !entry.completion.is_done() => return Ok(None),
            Some(_) => runs.remove(&id),
        }
    };
    // Dropping the entry here releases the inputs' N-API references on the JS thread.
    let result = entry.and_then(|e| e.completion.take());
    match result {
        Some(Ok(outputs)) => outputs_to_js(env, outputs).map(Some),
        Some(Err(e)) => Err(to_napi(e)),
        None => Err(to_napi(CoreError::FailedPrecondition {
            message: format!("run {id} has no result"),
        })),
    }
}

fn outputs_to_js(env: &Env, outputs: Vec<OutputTensor>) -> napi::Result<Vec<Object<'_>>> {
    let mut list = Vec::with_capacity(outputs.len());
    for out in outputs {
        let mut obj = Object::new(env)?;
        obj.set("shape", out.shape)?;
        match out.data {
            OutputData::Ort { value, ptr, len } if len > COPY_OUTPUTS_UP_TO => {
                // SAFETY: `ptr`/`len` is the tensor owned by `value`, which the finalizer keeps
                // alive until V8 collects the array.
                let data = unsafe {
                    Uint8Array::with_external_data(ptr.cast_mut(), len, move |_, _| drop(value))
                };
                obj.set("data", data)?;
            }
            data => obj.set("data", Uint8ArraySlice::copy_from(env, data.as_bytes())?)?,
        }
        list.push(obj);
    }
    Ok(list)
}

/// Asks for the completion callback to be called with `id` when that run ends. Returns false
/// when it has already ended (poll it now) or no callback is registered.
#[napi(catch_unwind)]
pub fn notify_when_done(id: u32) -> bool {
    let Some(notifier) = NOTIFIER.get() else {
        return false;
    };
    let runs = runs();
    let Some(entry) = runs.get(&id) else {
        return false;
    };
    entry.completion.notify_when_done(move || {
        notifier.call(id, ThreadsafeFunctionCallMode::NonBlocking);
    })
}

struct RunJob {
    session: Arc<Session>,
    inputs: Arc<HeldInputs>,
    outputs: Vec<u32>,
    cancel: Option<CancelToken>,
}

impl RunJob {
    fn compute(&self) -> RunResult {
        let infos = self.session.inputs();
        let chunks: Vec<Vec<&[u8]>> = self
            .inputs
            .0
            .iter()
            .map(|i| i.chunks.iter().map(|c| &c[..]).collect())
            .collect();
        let mut inputs = Vec::with_capacity(self.inputs.0.len());
        for (input, chunks) in self.inputs.0.iter().zip(&chunks) {
            let info = infos.get(input.index as usize).ok_or_else(|| {
                CoreError::invalid(
                    "inputs",
                    format!("an input index below {}", infos.len()),
                    input.index.to_string(),
                )
            })?;
            let datatype = Datatype::from_oip(&input.datatype).ok_or_else(|| {
                CoreError::invalid(
                    format!("input {:?} datatype", info.name),
                    info.datatype.oip_name(),
                    input.datatype.clone(),
                )
            })?;
            inputs.push(InputTensor {
                name: &info.name,
                datatype,
                shape: input.shape.clone(),
                chunks,
            });
        }
        let outputs = self.session.outputs();
        let names: Vec<&str> = self
            .outputs
            .iter()
            .map(|&i| {
                outputs
                    .get(i as usize)
                    .map(|o| o.name.as_str())
                    .unwrap_or("")
            })
            .collect();
        let mut result = self.session.run(&inputs, &names, self.cancel.as_ref())?;
        // An output may alias an input (or another output) when ONNX Runtime forwards a buffer;
        // such outputs are copied so that every returned array owns its memory.
        let input_ranges: Vec<(usize, usize)> = chunks
            .iter()
            .flatten()
            .map(|c| (c.as_ptr() as usize, c.as_ptr() as usize + c.len()))
            .collect();
        let mut seen: Vec<usize> = Vec::new();
        for out in &mut result {
            if let OutputData::Ort { ptr, len, .. } = &out.data {
                let (p, len) = (*ptr as usize, *len);
                if len > 0
                    && (input_ranges.iter().any(|&(s, e)| p >= s && p < e) || seen.contains(&p))
                {
                    out.data = OutputData::Owned(out.data.as_bytes().to_vec());
                } else {
                    seen.push(p);
                }
            }
        }
        Ok(result)
    }
}
