//! The closed set of failures the core reports. Each variant maps to one `@arbiter/core` error class
//! in the TypeScript wrapper (`src/errors.ts`); the binding carries them across N-API as a JSON
//! record (see [`Error::to_json`]).

use std::fmt;

/// A failure of the inference core. Messages name the input, the expected and the received value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The caller sent a tensor (or an option) that does not match what the model declares.
    InvalidArgument {
        field: String,
        expected: String,
        received: String,
    },
    /// The model bytes are not a model ONNX Runtime can load (corrupt, truncated, unsupported op...).
    ModelLoad { message: String },
    /// The requested execution provider cannot be used on this runtime/node.
    ProviderUnavailable { provider: String, message: String },
    /// A precondition of the call does not hold (session unloaded, runtime loaded from another path...).
    FailedPrecondition { message: String },
    /// The run was cancelled before or while it executed.
    Cancelled,
    /// ONNX Runtime failed while executing a valid request, or an invariant broke.
    Internal { message: String },
}

/// `Result` with the core's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Shorthand for [`Error::InvalidArgument`].
    pub fn invalid(
        field: impl Into<String>,
        expected: impl Into<String>,
        received: impl Into<String>,
    ) -> Self {
        Error::InvalidArgument {
            field: field.into(),
            expected: expected.into(),
            received: received.into(),
        }
    }

    /// The wire name of the variant, as the TypeScript wrapper switches on it.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::InvalidArgument { .. } => "INVALID_ARGUMENT",
            Error::ModelLoad { .. } => "MODEL_LOAD",
            Error::ProviderUnavailable { .. } => "PROVIDER_UNAVAILABLE",
            Error::FailedPrecondition { .. } => "FAILED_PRECONDITION",
            Error::Cancelled => "CANCELLED",
            Error::Internal { .. } => "INTERNAL",
        }
    }

    /// The error as a flat JSON object: `{"kind": ..., "message": ..., <typed fields>}`.
    pub fn to_json(&self) -> String {
        let mut fields: Vec<(&str, &str)> = vec![("kind", self.kind())];
        let message = self.to_string();
        fields.push(("message", &message));
        match self {
            Error::InvalidArgument {
                field,
                expected,
                received,
            } => {
                fields.push(("field", field));
                fields.push(("expected", expected));
                fields.push(("received", received));
            }
            Error::ProviderUnavailable { provider, .. } => fields.push(("provider", provider)),
            _ => {}
        }
        let body: Vec<String> = fields
            .iter()
            .map(|(k, v)| format!("{}:{}", json_string(k), json_string(v)))
            .collect();
        format!("{{{}}}", body.join(","))
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
            Error::ModelLoad { message } => write!(f, "model could not be loaded: {message}"),
            Error::ProviderUnavailable { provider, message } => {
                write!(
                    f,
                    "execution provider {provider} is not available: {message}"
                )
            }
            Error::FailedPrecondition { message } => f.write_str(message),
            Error::Cancelled => f.write_str("inference cancelled"),
            Error::Internal { message } => write!(f, "inference failed: {message}"),
        }
    }
}

impl std::error::Error for Error {}

/// Encodes `s` as a JSON string literal.
pub(crate) fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_escapes_and_carries_fields() {
        let e = Error::invalid("input \"x\" shape", "[-1, 30]", "[1, 29]");
        assert_eq!(
            e.to_json(),
            r#"{"kind":"INVALID_ARGUMENT","message":"input \"x\" shape: expected [-1, 30], got [1, 29]","field":"input \"x\" shape","expected":"[-1, 30]","received":"[1, 29]"}"#
        );
        let e = Error::ProviderUnavailable {
            provider: "cuda:0".into(),
            message: "line\nbreak".into(),
        };
        assert!(e.to_json().contains(r#""provider":"cuda:0""#));
        assert!(e.to_json().contains(r#"line\nbreak"#));
    }
}
