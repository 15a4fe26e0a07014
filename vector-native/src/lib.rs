//! Vector search core: SIMD distance kernels with run-time dispatch, exact (flat) and HNSW
//! indexes over f32 / f16 / 8-bit vectors, typed payloads with filtered search, deletes with graph
//! repair, and checksummed snapshots (optionally memory-mapped).
//!
//! The crate is usable from Rust directly; the `napi` feature adds the Node.js binding
//! (`binding.rs`), which the TypeScript wrapper in `src/index.ts` builds on.

pub mod config;
pub mod error;
pub mod hnsw;
pub mod index;
pub mod kernels;
pub mod payload;
pub mod rng;
pub mod snapshot;
pub mod store;
pub mod util;
pub mod worker_yield;

#[cfg(feature = "napi")]
pub mod binding;
#[cfg(feature = "napi")]
mod native_log;

pub use config::{IndexConfig, Kind, Metric, Storage};
pub use error::{Error, Result};
pub use index::{Hits, Index, SearchOptions};
pub use payload::{Bound, ColumnInput, Condition, FieldInput, Test, Value};
