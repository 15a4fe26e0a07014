//! The process-wide ONNX Runtime: the dynamically loaded library, its environment, and the log
//! records it produced. ONNX Runtime can be loaded once per process; every session shares it.

use std::collections::VecDeque;
use std::ffi::CStr;
use std::path::{Path, PathBuf};
use std::ptr;
use std::sync::{Arc, Mutex, OnceLock};

use ort::environment::Environment;
use ort::logging::LogLevel;
use ort::sys;

use crate::error::{Error, Result};
use crate::ffi::{check, library_version};

/// How many log records are kept until the wrapper drains them; older ones are dropped.
const LOG_CAPACITY: usize = 256;

/// A log record from ONNX Runtime or from the core. The core never prints: the TypeScript
/// wrapper drains these and hands them to its logger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogRecord {
    /// `"warn"` or `"error"`.
    pub level: &'static str,
    /// Where it came from (`"onnxruntime"`, `"provider"`, ...).
    pub category: String,
    pub message: String,
}

static LOGS: Mutex<VecDeque<LogRecord>> = Mutex::new(VecDeque::new());

/// Appends a record for the wrapper to log.
pub fn push_log(level: &'static str, category: impl Into<String>, message: impl Into<String>) {
    let mut logs = LOGS.lock().unwrap_or_else(|e| e.into_inner());
    if logs.len() == LOG_CAPACITY {
        logs.pop_front();
    }
    logs.push_back(LogRecord {
        level,
        category: category.into(),
        message: message.into(),
    });
}

/// Takes every pending log record, oldest first.
pub fn drain_logs() -> Vec<LogRecord> {
    LOGS.lock()
        .unwrap_or_else(|e| e.into_inner())
        .drain(..)
        .collect()
}

/// The loaded runtime. Obtain it with [`Runtime::load`].
pub struct Runtime {
    pub(crate) env: Environment,
    library_path: PathBuf,
    version: String,
    pub(crate) cpu_memory: MemoryInfoPtr,
    pub(crate) allocator: AllocatorPtr,
}

pub(crate) struct MemoryInfoPtr(pub(crate) *mut sys::OrtMemoryInfo);
pub(crate) struct AllocatorPtr(pub(crate) *mut sys::OrtAllocator);
// SAFETY: both are immutable, process-lifetime ONNX Runtime objects documented as thread-safe.
unsafe impl Send for MemoryInfoPtr {}
unsafe impl Sync for MemoryInfoPtr {}
unsafe impl Send for AllocatorPtr {}
unsafe impl Sync for AllocatorPtr {}

static RUNTIME: OnceLock<std::result::Result<Arc<Runtime>, (PathBuf, String)>> = OnceLock::new();

impl Runtime {
    /// Loads ONNX Runtime from `library_path` (a `libonnxruntime.so*`), once per process.
    ///
    /// A second call with the same path returns the same runtime; with another path it fails with
    /// [`Error::FailedPrecondition`], because a process can hold only one ONNX Runtime.
    pub fn load(library_path: &Path) -> Result<Arc<Runtime>> {
        let canonical =
            std::fs::canonicalize(library_path).unwrap_or_else(|_| library_path.to_path_buf());
        let slot = RUNTIME.get_or_init(|| match Runtime::init(&canonical) {
            Ok(rt) => Ok(Arc::new(rt)),
            Err(message) => Err((canonical.clone(), message)),
        });
        match slot {
            Ok(rt) if rt.library_path == canonical => Ok(rt.clone()),
            Ok(rt) => Err(Error::FailedPrecondition {
                message: format!(
                    "ONNX Runtime is already loaded from {} in this process; cannot also load {}",
                    rt.library_path.display(),
                    canonical.display()
                ),
            }),
            Err((path, message)) => Err(Error::FailedPrecondition {
                message: format!(
                    "ONNX Runtime library {} could not be loaded: {message}",
                    path.display()
                ),
            }),
        }
    }

    fn init(path: &Path) -> std::result::Result<Runtime, String> {
        if !path.is_file() {
            return Err("no such file".to_string());
        }
        let builder = ort::init_from(path).map_err(|e| e.to_string())?;
        let env = builder
            .with_name("arbiter")
            .with_telemetry(false)
            .with_logger(Arc::new(
                |level: LogLevel, category: &str, _id: &str, _location: &str, message: &str| {
                    let level = match level {
                        LogLevel::Warning => "warn",
                        LogLevel::Error | LogLevel::Fatal => "error",
                        _ => return,
                    };
                    push_log(level, format!("onnxruntime:{category}"), message);
                },
            ))
            .build()
            .map_err(|e| e.to_string())?;
        let api = ort::api();
        let version = library_version(path).unwrap_or_else(|| "unknown".to_string());
        // SAFETY: plain C API calls with valid out-pointers; the results live for the process.
        unsafe {
            let mut mem = ptr::null_mut();
            check((api.CreateCpuMemoryInfo)(
                sys::OrtAllocatorType::OrtArenaAllocator,
                sys::OrtMemType::OrtMemTypeDefault,
                &mut mem,
            ))
            .map_err(|e| e.to_string())?;
            let mut allocator = ptr::null_mut();
            check((api.GetAllocatorWithDefaultOptions)(&mut allocator))
                .map_err(|e| e.to_string())?;
            Ok(Runtime {
                env,
                library_path: path.to_path_buf(),
                version,
                cpu_memory: MemoryInfoPtr(mem),
                allocator: AllocatorPtr(allocator),
            })
        }
    }

    /// The library this runtime was loaded from.
    pub fn library_path(&self) -> &Path {
        &self.library_path
    }

    /// ONNX Runtime's version string (e.g. `"1.30.0"`).
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The execution providers compiled into the loaded library (e.g. `CPUExecutionProvider`).
    pub fn available_providers(&self) -> Vec<String> {
        let api = ort::api();
        let mut list: *mut *mut std::ffi::c_char = ptr::null_mut();
        let mut n: std::ffi::c_int = 0;
        // SAFETY: ONNX Runtime fills `list` with `n` C strings that we release right after copying.
        unsafe {
            if check((api.GetAvailableProviders)(&mut list, &mut n)).is_err() || list.is_null() {
                return Vec::new();
            }
            let names = (0..n as usize)
                .map(|i| CStr::from_ptr(*list.add(i)).to_string_lossy().into_owned())
                .collect();
            let _ = check((api.ReleaseAvailableProviders)(list, n));
            names
        }
    }
}
