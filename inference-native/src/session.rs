//! A loaded model: metadata, execution provider, memory footprint and `run`.

use std::ffi::CString;
use std::path::Path;
use std::ptr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use ort::ep::ExecutionProvider;
use ort::session::Session as OrtSession;
use ort::sys;
use ort::value::ValueType;
use ort::AsPointer;

use crate::cancel::CancelToken;
use crate::config::{Fallback, Provider, SessionConfig};
use crate::datatype::Datatype;
use crate::error::{Error, Result};
use crate::ffi::{check, tensor_type_and_shape, OwnedValue, RunOptions};
use crate::memory::{release_free_memory, resident_bytes};
use crate::runtime::{push_log, Runtime};
use crate::tensor::{self, InputTensor, OutputData, OutputTensor};

/// Serializes loads so that the resident-memory delta measured around one load is that load's.
static LOAD_LOCK: Mutex<()> = Mutex::new(());

/// Where the model comes from.
#[derive(Debug, Clone, Copy)]
pub enum ModelSource<'a> {
    /// The bytes of an `.onnx` (or `.ort`) file.
    Bytes(&'a [u8]),
    /// A path to a model file.
    Path(&'a Path),
}

/// Name, datatype and shape of a model input or output; dynamic dimensions are -1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TensorInfo {
    pub name: String,
    pub datatype: Datatype,
    pub shape: Vec<i64>,
}

/// A loaded ONNX Runtime session. `run` may be called from many threads at once.
pub struct Session {
    /// Owns the ONNX Runtime session (released on drop); runs go through `raw`.
    _session: OrtSession,
    raw: *mut sys::OrtSession,
    runtime: Arc<Runtime>,
    inputs: Vec<TensorInfo>,
    outputs: Vec<TensorInfo>,
    input_names: Vec<CString>,
    output_names: Vec<CString>,
    provider: String,
    fallback_reason: Option<String>,
    memory_bytes: u64,
    /// Exponentially weighted mean of successful run durations, in nanoseconds.
    typical_run_nanos: AtomicU64,
}

// SAFETY: ONNX Runtime sessions are documented as safe for concurrent `Run` calls; everything else
// in `Session` is immutable after construction.
unsafe impl Send for Session {}
unsafe impl Sync for Session {}

impl Session {
    /// Loads a model. Fails with [`Error::ModelLoad`] when ONNX Runtime cannot load it,
    /// [`Error::ProviderUnavailable`] when the provider is missing and the policy is
    /// [`Fallback::Error`], and [`Error::InvalidArgument`] when a model input is not a tensor of an
    /// OIP datatype.
    pub fn load(
        runtime: Arc<Runtime>,
        source: ModelSource<'_>,
        config: &SessionConfig,
    ) -> Result<Session> {
        let _guard = LOAD_LOCK.lock().unwrap_or_else(|e| e.into_inner());
        let before = resident_bytes();

        let (session, provider, fallback_reason) =
            match build(&runtime, source, config, config.provider) {
                Ok(session) => (session, config.provider.label(), None),
                Err(Error::ProviderUnavailable { provider, message })
                    if config.fallback == Fallback::Cpu =>
                {
                    let session = build(&runtime, source, config, Provider::Cpu)?;
                    let reason = format!(
                        "execution provider {provider} is not available ({}); using cpu",
                        message.trim_end()
                    );
                    (session, "cpu".to_string(), Some(reason))
                }
                Err(e) => return Err(e),
            };

        let inputs = session
            .inputs()
            .iter()
            .map(|o| describe(o.name(), o.dtype(), "input"))
            .collect::<Result<Vec<_>>>()?;
        // Non-tensor outputs (sequences, maps such as scikit-learn's ZipMap) cannot travel over OIP;
        // they are left out of the metadata and never requested.
        let outputs: Vec<TensorInfo> = session
            .outputs()
            .iter()
            .filter_map(|o| describe(o.name(), o.dtype(), "output").ok())
            .collect();
        let cstrings = |infos: &[TensorInfo]| -> Vec<CString> {
            infos
                .iter()
                .map(|i| CString::new(i.name.as_str()).unwrap_or_default())
                .collect()
        };
        // A fallback is reported as a warning by the wrapper (from `fallback_reason`), not here.
        log::info!(
            "model session created on {provider} ({} inputs, {} outputs)",
            inputs.len(),
            outputs.len()
        );
        let raw = session.ptr().cast_mut();
        let mut s = Session {
            input_names: cstrings(&inputs),
            output_names: cstrings(&outputs),
            _session: session,
            raw,
            runtime,
            inputs,
            outputs,
            provider,
            fallback_reason,
            memory_bytes: 0,
            typical_run_nanos: AtomicU64::new(0),
        };
        if config.warmup {
            // The first run pays for lazy initialization; the second one seeds the typical duration.
            let warm = s.warm_up().and_then(|_| {
                s.typical_run_nanos.store(0, Ordering::Relaxed);
                s.warm_up()
            });
            if let Err(e) = warm {
                push_log(
                    "warn",
                    "warmup",
                    format!("warm-up run failed (the session is still usable): {e}"),
                );
            }
        }
        s.memory_bytes = resident_bytes().saturating_sub(before);
        Ok(s)
    }

    /// Model inputs, in the model's order.
    pub fn inputs(&self) -> &[TensorInfo] {
        &self.inputs
    }

    /// Model tensor outputs, in the model's order.
    pub fn outputs(&self) -> &[TensorInfo] {
        &self.outputs
    }

    /// The execution provider actually in use (`"cpu"`, `"cuda:0"`, ...).
    pub fn provider(&self) -> &str {
        &self.provider
    }

    /// Why the session fell back to CPU, when it did.
    pub fn fallback_reason(&self) -> Option<&str> {
        self.fallback_reason.as_deref()
    }

    /// Growth of the process's resident memory while the session was created and warmed up,
    /// in bytes: weights, pre-packed kernels and the first run's arena.
    pub fn memory_bytes(&self) -> u64 {
        self.memory_bytes
    }

    /// Typical duration of a successful run (an exponentially weighted mean, first run after
    /// warm-up included), in microseconds; 0 before any run.
    pub fn typical_run_micros(&self) -> f64 {
        self.typical_run_nanos.load(Ordering::Relaxed) as f64 / 1000.0
    }

    fn record_run(&self, started: Instant) {
        let nanos = started.elapsed().as_nanos().min(u64::MAX as u128) as u64;
        let old = self.typical_run_nanos.load(Ordering::Relaxed);
        let new = if old == 0 {
            nanos
        } else {
            old - old / 8 + nanos / 8
        };
        self.typical_run_nanos.store(new, Ordering::Relaxed);
    }

    /// Runs the model.
    ///
    /// `inputs` must name every model input exactly once; each input's chunks are concatenated
    /// (a single chunk is used in place, without copying). `outputs` selects outputs by name; empty
    /// means all tensor outputs. Outputs come back in the order requested.
    pub fn run(
        &self,
        inputs: &[InputTensor<'_>],
        outputs: &[&str],
        cancel: Option<&CancelToken>,
    ) -> Result<Vec<OutputTensor>> {
        if cancel.is_some_and(|c| c.is_cancelled()) {
            return Err(Error::Cancelled);
        }
        let started = Instant::now();
        let prepared = tensor::prepare_inputs(&self.runtime, &self.inputs, inputs)?;
        let selected: Vec<usize> = if outputs.is_empty() {
            (0..self.outputs.len()).collect()
        } else {
            outputs
                .iter()
                .map(|name| self.output_index(name))
                .collect::<Result<_>>()?
        };

        let input_name_ptrs: Vec<*const std::ffi::c_char> =
            self.input_names.iter().map(|n| n.as_ptr()).collect();
        let input_values: Vec<*const sys::OrtValue> =
            prepared.values.iter().map(|v| v.0.cast_const()).collect();
        let output_name_ptrs: Vec<*const std::ffi::c_char> = selected
            .iter()
            .map(|&i| self.output_names[i].as_ptr())
            .collect();
        let mut output_values: Vec<*mut sys::OrtValue> = vec![ptr::null_mut(); selected.len()];

        let options = match cancel {
            Some(token) => {
                let options = Arc::new(
                    RunOptions::new().map_err(|e| Error::Internal { message: e.message })?,
                );
                if !token.attach(&options) {
                    return Err(Error::Cancelled);
                }
                Some(options)
            }
            None => None,
        };
        // SAFETY: every pointer array has the length passed with it; the input values and the
        // memory they borrow (`prepared`) outlive the call; outputs are written into `output_values`.
        let status = unsafe {
            (ort::api().Run)(
                self.raw,
                options.as_ref().map_or(ptr::null(), |o| o.0.cast_const()),
                input_name_ptrs.as_ptr(),
                input_values.as_ptr(),
                input_values.len(),
                output_name_ptrs.as_ptr(),
                output_name_ptrs.len(),
                output_values.as_mut_ptr(),
            )
        };
        if let (Some(token), Some(options)) = (cancel, options.as_ref()) {
            token.detach(options);
        }
        let owned: Vec<OwnedValue> = output_values.into_iter().map(OwnedValue).collect();
        if let Err(failure) = check(status) {
            if cancel.is_some_and(|c| c.is_cancelled()) {
                return Err(Error::Cancelled);
            }
            return Err(match failure.code {
                sys::OrtErrorCode::ORT_INVALID_ARGUMENT => {
                    Error::invalid("inputs", "tensors the model can evaluate", failure.message)
                }
                _ => Error::Internal {
                    message: failure.message,
                },
            });
        }
        drop(prepared);

        let mut result = Vec::with_capacity(selected.len());
        for (value, &index) in owned.into_iter().zip(&selected) {
            result.push(self.convert_output(value, index)?);
        }
        self.record_run(started);
        Ok(result)
    }

    fn output_index(&self, name: &str) -> Result<usize> {
        self.outputs
            .iter()
            .position(|o| o.name == name)
            .ok_or_else(|| {
                Error::invalid(
                    "outputs",
                    format!("one of [{}]", join_names(&self.outputs)),
                    format!("{name:?}"),
                )
            })
    }

    fn convert_output(&self, value: OwnedValue, index: usize) -> Result<OutputTensor> {
        let info = &self.outputs[index];
        let (ty, shape) =
            tensor_type_and_shape(value.0).map_err(|e| Error::Internal { message: e.message })?;
        let datatype = Datatype::from_onnx(ty).ok_or_else(|| Error::Internal {
            message: format!(
                "output {:?} has unsupported element type {}",
                info.name,
                Datatype::onnx_type_name(ty)
            ),
        })?;
        let data = if datatype == Datatype::Bytes {
            OutputData::Owned(tensor::read_strings(&value, &shape)?)
        } else {
            let elements = shape.iter().map(|&d| d.max(0) as usize).product::<usize>();
            let len = elements * datatype.element_size().unwrap_or(1);
            let mut data = ptr::null_mut();
            if len > 0 {
                // SAFETY: `value` is a live CPU tensor returned by Run.
                check(unsafe { (ort::api().GetTensorMutableData)(value.0, &mut data) })
                    .map_err(|e| Error::Internal { message: e.message })?;
            }
            OutputData::Ort {
                value,
                ptr: data.cast::<u8>().cast_const(),
                len,
            }
        };
        Ok(OutputTensor {
            name: info.name.clone(),
            datatype,
            shape,
            data,
        })
    }

    /// One run with zero-filled inputs (dynamic dimensions set to 1, BYTES elements empty).
    fn warm_up(&self) -> Result<()> {
        let buffers: Vec<(Vec<i64>, Vec<u8>)> = self
            .inputs
            .iter()
            .map(|info| {
                let shape: Vec<i64> = info
                    .shape
                    .iter()
                    .map(|&d| if d < 0 { 1 } else { d })
                    .collect();
                let n = shape.iter().product::<i64>() as usize;
                let bytes = match info.datatype.element_size() {
                    Some(size) => vec![0u8; n * size],
                    None => vec![0u8; n * 4],
                };
                (shape, bytes)
            })
            .collect();
        let chunks: Vec<[&[u8]; 1]> = buffers.iter().map(|(_, b)| [b.as_slice()]).collect();
        let inputs: Vec<InputTensor<'_>> = self
            .inputs
            .iter()
            .zip(&buffers)
            .zip(&chunks)
            .map(|((info, (shape, _)), chunk)| InputTensor {
                name: &info.name,
                datatype: info.datatype,
                shape: shape.clone(),
                chunks: chunk,
            })
            .collect();
        self.run(&inputs, &[], None).map(|_| ())
    }
}

/// Drops a session and returns the freed memory to the operating system.
pub fn unload(session: Session) {
    drop(session);
    release_free_memory();
}

fn join_names(infos: &[TensorInfo]) -> String {
    infos
        .iter()
        .map(|i| i.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn describe(name: &str, dtype: &ValueType, what: &str) -> Result<TensorInfo> {
    match dtype {
        ValueType::Tensor { ty, shape, .. } => {
            let onnx: sys::ONNXTensorElementDataType = (*ty).into();
            let datatype = Datatype::from_onnx(onnx).ok_or_else(|| {
                Error::invalid(
                    format!("model {what} {name:?} datatype"),
                    "an Open Inference Protocol datatype",
                    Datatype::onnx_type_name(onnx),
                )
            })?;
            Ok(TensorInfo {
                name: name.to_string(),
                datatype,
                shape: shape.iter().copied().collect(),
            })
        }
        other => Err(Error::invalid(
            format!("model {what} {name:?}"),
            "a tensor",
            format!("{other:?}"),
        )),
    }
}

fn build(
    runtime: &Runtime,
    source: ModelSource<'_>,
    config: &SessionConfig,
    provider: Provider,
) -> Result<OrtSession> {
    let internal = |e: ort::Error| Error::Internal {
        message: e.to_string(),
    };
    let mut builder = OrtSession::builder(&runtime.env).map_err(internal)?;
    builder = builder
        .with_optimization_level(config.optimization_level.to_ort())
        .map_err(|e| Error::Internal {
            message: e.to_string(),
        })?;
    builder = builder
        .with_intra_op_spinning(config.thread_spinning)
        .map_err(|e| Error::Internal {
            message: e.to_string(),
        })?
        .with_inter_op_spinning(config.thread_spinning)
        .map_err(|e| Error::Internal {
            message: e.to_string(),
        })?;
    if config.intra_op_threads > 0 {
        builder = builder
            .with_intra_threads(config.intra_op_threads)
            .map_err(|e| Error::Internal {
                message: e.to_string(),
            })?;
    }
    if config.inter_op_threads > 1 {
        builder = builder
            .with_parallel_execution(true)
            .map_err(|e| Error::Internal {
                message: e.to_string(),
            })?
            .with_inter_threads(config.inter_op_threads)
            .map_err(|e| Error::Internal {
                message: e.to_string(),
            })?;
    }
    let unavailable = |message: String| Error::ProviderUnavailable {
        provider: provider.label(),
        message: message.trim_end().to_string(),
    };
    let not_compiled = |name: &str| {
        unavailable(format!(
            "{name} is not in the ONNX Runtime library at {} (it provides {})",
            runtime.library_path().display(),
            runtime.available_providers().join(", ")
        ))
    };
    match provider {
        Provider::Cpu => {}
        Provider::Cuda { device } => {
            if !ort::ep::CUDA::is_available().unwrap_or(false) {
                return Err(not_compiled(ort::ep::CUDA::NAME));
            }
            let ep = ort::ep::CUDA::default()
                .with_device_id(device)
                .build()
                .error_on_failure();
            builder = builder
                .with_execution_providers([ep])
                .map_err(|e| unavailable(e.to_string()))?;
        }
        Provider::TensorRt { device } => {
            if !ort::ep::TensorRT::is_available().unwrap_or(false) {
                return Err(not_compiled(ort::ep::TensorRT::NAME));
            }
            let ep = ort::ep::TensorRT::default()
                .with_device_id(device)
                .build()
                .error_on_failure();
            builder = builder
                .with_execution_providers([ep])
                .map_err(|e| unavailable(e.to_string()))?;
        }
    }
    let committed = match source {
        ModelSource::Bytes(bytes) => builder.commit_from_memory(bytes),
        ModelSource::Path(path) => {
            if !path.is_file() {
                return Err(Error::ModelLoad {
                    message: format!("{} is not a readable file", path.display()),
                });
            }
            builder.commit_from_file(path)
        }
    };
    committed.map_err(|e| Error::ModelLoad {
        message: e.message().trim_end().to_string(),
    })
}
