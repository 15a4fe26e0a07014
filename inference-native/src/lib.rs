//! Arbiter's inference core: ONNX Runtime sessions driven with Open Inference Protocol tensors.
//!
//! The core is plain Rust (testable and benchmarkable without Node); `binding` (feature `napi`)
//! is the thin N-API layer the TypeScript wrapper in `src/index.ts` drives.
//!
//! ```no_run
//! use inference_native::{Runtime, Session, SessionConfig, ModelSource, InputTensor, Datatype};
//! let rt = Runtime::load("libonnxruntime.so.1".as_ref())?;
//! let model = std::fs::read("model.onnx").unwrap();
//! let session = Session::load(rt, ModelSource::Bytes(&model), &SessionConfig::default())?;
//! let x = [0u8; 120];
//! let chunks = [&x[..]];
//! let out = session.run(&[InputTensor { name: "x", datatype: Datatype::Fp32, shape: vec![1, 30], chunks: &chunks }], &[], None)?;
//! # Ok::<(), inference_native::Error>(())
//! ```

mod cancel;
mod config;
mod datatype;
mod error;
mod executor;
mod ffi;
mod memory;
mod runtime;
mod session;
mod tensor;

#[cfg(feature = "napi")]
mod binding;
#[cfg(feature = "napi")]
mod native_log;

/// In-memory ONNX model builders for tests (also used by the integration tests).
#[doc(hidden)]
pub mod test_models;
#[cfg(test)]
mod tests;

pub use cancel::CancelToken;
pub use config::{Fallback, OptimizationLevel, Provider, SessionConfig};
pub use datatype::Datatype;
pub use error::{Error, Result};
pub use executor::{Completion, Executor};
pub use ffi::OwnedValue;
pub use memory::{release_free_memory, resident_bytes};
pub use runtime::{drain_logs, push_log, LogRecord, Runtime};
pub use session::{unload, ModelSource, Session, TensorInfo};
pub use tensor::{count_strings, shape_string, validate, InputTensor, OutputData, OutputTensor};
