//! The crate's error type: a small closed set that the binding maps to JS error codes and the
//! TypeScript wrapper maps to `@arbiter/core` classes.

use std::fmt;

/// Every failure the core reports. Messages name the input, what was expected and what arrived.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// A caller-supplied value is malformed or out of range.
    InvalidArgument {
        field: String,
        expected: String,
        received: String,
    },
    /// An id (or other named object) does not exist in the index.
    NotFound { kind: String, name: String },
    /// A snapshot file is truncated, corrupted or from an unsupported version.
    Corrupt { path: String, reason: String },
    /// An I/O operation failed.
    Io {
        path: String,
        op: String,
        message: String,
    },
    /// The operation was cancelled before it finished.
    Cancelled,
    /// An invariant broke (including a caught panic).
    Internal(String),
}

/// Result alias used throughout the crate.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// Shorthand for [`Error::InvalidArgument`].
    pub fn invalid(
        field: impl Into<String>,
        expected: impl Into<String>,
        received: impl fmt::Display,
    ) -> Error {
        Error::InvalidArgument {
            field: field.into(),
            expected: expected.into(),
            received: received.to_string(),
        }
    }

    /// Shorthand for [`Error::Corrupt`].
    pub fn corrupt(path: &str, reason: impl Into<String>) -> Error {
        Error::Corrupt {
            path: path.to_string(),
            reason: reason.into(),
        }
    }

    /// Stable machine-readable kind, used by the binding as the JS error `code`.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::InvalidArgument { .. } => "INVALID_ARGUMENT",
            Error::NotFound { .. } => "NOT_FOUND",
            Error::Corrupt { .. } => "DATA_LOSS",
            Error::Io { .. } => "IO",
            Error::Cancelled => "CANCELLED",
            Error::Internal(_) => "INTERNAL",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidArgument {
                field,
                expected,
                received,
            } => {
                write!(f, "{field}: expected {expected}, got {received}")
            }
            Error::NotFound { kind, name } => write!(f, "{kind} \"{name}\" not found"),
            Error::Corrupt { path, reason } => write!(f, "snapshot {path} is corrupted: {reason}"),
            Error::Io { path, op, message } => write!(f, "{op} {path}: {message}"),
            Error::Cancelled => write!(f, "operation cancelled"),
            Error::Internal(m) => write!(f, "internal error: {m}"),
        }
    }
}

impl std::error::Error for Error {}

/// Runs `f`, turning a panic into [`Error::Internal`] so that no panic unwinds into Node.
pub fn catch<T>(f: impl FnOnce() -> Result<T>) -> Result<T> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(p) => {
            let msg = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".to_string());
            Err(Error::Internal(msg))
        }
    }
}
