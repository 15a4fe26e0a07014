//! Session configuration: execution provider, fallback policy, threads, graph optimization.

use crate::error::{Error, Result};

/// Where a session's kernels run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    /// ONNX Runtime's CPU execution provider (always available).
    Cpu,
    /// The CUDA execution provider on the given GPU.
    Cuda { device: i32 },
    /// The TensorRT execution provider on the given GPU.
    TensorRt { device: i32 },
}

impl Provider {
    /// Parses `"cpu"`, `"cuda"`, `"cuda:<n>"`, `"tensorrt"` or `"tensorrt:<n>"`.
    pub fn parse(s: &str) -> Result<Provider> {
        let bad = || {
            Error::invalid(
                "executionProvider",
                "\"cpu\", \"cuda:<device>\" or \"tensorrt[:<device>]\"",
                format!("{s:?}"),
            )
        };
        let (kind, device) = match s.split_once(':') {
            Some((k, d)) => (
                k,
                d.parse::<i32>().ok().filter(|d| *d >= 0).ok_or_else(bad)?,
            ),
            None => (s, 0),
        };
        match kind {
            "cpu" if !s.contains(':') => Ok(Provider::Cpu),
            "cuda" => Ok(Provider::Cuda { device }),
            "tensorrt" => Ok(Provider::TensorRt { device }),
            _ => Err(bad()),
        }
    }

    /// The canonical label (`"cpu"`, `"cuda:0"`, `"tensorrt:0"`).
    pub fn label(&self) -> String {
        match self {
            Provider::Cpu => "cpu".to_string(),
            Provider::Cuda { device } => format!("cuda:{device}"),
            Provider::TensorRt { device } => format!("tensorrt:{device}"),
        }
    }
}

/// What to do when the configured provider cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fallback {
    /// Fail the load with [`Error::ProviderUnavailable`].
    Error,
    /// Load on the CPU provider and record why (the wrapper logs it as a warning).
    Cpu,
}

impl Fallback {
    /// Parses `"error"` or `"cpu"`.
    pub fn parse(s: &str) -> Result<Fallback> {
        match s {
            "error" => Ok(Fallback::Error),
            "cpu" => Ok(Fallback::Cpu),
            _ => Err(Error::invalid(
                "providerFallback",
                "\"error\" or \"cpu\"",
                format!("{s:?}"),
            )),
        }
    }
}

/// ONNX Runtime graph optimization level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptimizationLevel {
    Disabled,
    Basic,
    Extended,
    All,
}

impl OptimizationLevel {
    /// Parses `"disabled"`, `"basic"`, `"extended"` or `"all"`.
    pub fn parse(s: &str) -> Result<OptimizationLevel> {
        match s {
            "disabled" => Ok(OptimizationLevel::Disabled),
            "basic" => Ok(OptimizationLevel::Basic),
            "extended" => Ok(OptimizationLevel::Extended),
            "all" => Ok(OptimizationLevel::All),
            _ => Err(Error::invalid(
                "graphOptimizationLevel",
                "\"disabled\", \"basic\", \"extended\" or \"all\"",
                format!("{s:?}"),
            )),
        }
    }

    pub(crate) fn to_ort(self) -> ort::session::builder::GraphOptimizationLevel {
        use ort::session::builder::GraphOptimizationLevel as L;
        match self {
            OptimizationLevel::Disabled => L::Disable,
            OptimizationLevel::Basic => L::Level1,
            OptimizationLevel::Extended => L::Level2,
            OptimizationLevel::All => L::All,
        }
    }
}

/// How a session is built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionConfig {
    /// Execution provider to use. Default: CPU.
    pub provider: Provider,
    /// Policy when `provider` is unavailable. Default: [`Fallback::Error`].
    pub fallback: Fallback,
    /// Threads inside one operator; 0 lets ONNX Runtime choose (one per physical core).
    pub intra_op_threads: usize,
    /// Threads across independent operators; 0 or 1 runs operators sequentially.
    pub inter_op_threads: usize,
    /// Default: [`OptimizationLevel::All`].
    pub optimization_level: OptimizationLevel,
    /// Run once with zero-filled inputs after loading so that the first request does not pay for
    /// lazy initialization. Default: true.
    pub warmup: bool,
    /// Let ONNX Runtime's intra- and inter-op thread pools busy-wait for work. Off by default: on
    /// a node that also runs the gateway and the batcher, a spinning pool thread takes a core from
    /// them after every run, which costs more than the wake-up it saves. Default: false.
    pub thread_spinning: bool,
}

impl Default for SessionConfig {
    fn default() -> Self {
        SessionConfig {
            provider: Provider::Cpu,
            fallback: Fallback::Error,
            intra_op_threads: 0,
            inter_op_threads: 0,
            optimization_level: OptimizationLevel::All,
            warmup: true,
            thread_spinning: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_providers() {
        assert_eq!(Provider::parse("cpu").unwrap(), Provider::Cpu);
        assert_eq!(
            Provider::parse("cuda:1").unwrap(),
            Provider::Cuda { device: 1 }
        );
        assert_eq!(
            Provider::parse("cuda").unwrap(),
            Provider::Cuda { device: 0 }
        );
        assert_eq!(
            Provider::parse("tensorrt").unwrap(),
            Provider::TensorRt { device: 0 }
        );
        for bad in ["gpu", "cuda:x", "cuda:-1", "cpu:0", ""] {
            let err = Provider::parse(bad).unwrap_err();
            assert!(
                err.to_string().starts_with("executionProvider: expected"),
                "{err}"
            );
        }
        assert_eq!(Provider::Cuda { device: 2 }.label(), "cuda:2");
        assert!(Fallback::parse("maybe").is_err());
        assert_eq!(
            OptimizationLevel::parse("basic").unwrap(),
            OptimizationLevel::Basic
        );
    }
}
