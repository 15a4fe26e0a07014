//! A client of the Arbiter mesh: every `arbiter.v1` gRPC service and the Open Inference Protocol
//! (`inference.GRPCInferenceService`), generated from the contract in `proto/` with prost and
//! tonic, and a thin layer over them:
//!
//! - [`ArbiterClient::connect`] opens one HTTP/2 channel (plaintext, or TLS with the system's
//!   roots or a CA of your own) and hands out a typed client per service on it;
//! - every call carries the credential (an API key or a JWT) as `authorization: Bearer …`, and a
//!   default deadline when it answers once and sets none of its own;
//! - calls the contract marks free of side effects are retried on `UNAVAILABLE` with backoff
//!   ([`RetryPolicy`]);
//! - [`arbiter::v1::Tensor`] gains constructors from Rust vectors and a typed reader
//!   ([`TensorElement`]).
//!
//! ```no_run
//! use arbiter_client::{ArbiterClient, ClientOptions};
//! use arbiter_client::arbiter::v1::ListModelsRequest;
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = ArbiterClient::connect(ClientOptions {
//!     token: Some("arb_…".into()),
//!     ..ClientOptions::new("127.0.0.1:8080")
//! })
//! .await?;
//! let models = client.models().list_models(ListModelsRequest::default()).await?.into_inner();
//! # Ok(()) }
//! ```
//!
//! The generated code lives under `src/gen` and is rewritten by `npm run generate`: never edit it.

mod call_defaults;
mod client;
mod contract;
mod retry;
mod tensor;

pub use call_defaults::CallDefaults;
pub use client::{ArbiterChannel, ArbiterClient, ClientOptions, ConnectError, Tls};
pub use retry::{RetryPolicy, RetryingChannel};
pub use tensor::{TensorElement, TensorError};

/// Re-exported so that callers build requests with the exact versions the generated code uses.
pub use {prost, prost_types, tonic};

/// The `arbiter` proto packages.
pub mod arbiter {
    /// `arbiter.v1`: the mesh's own services (models, inference, decisions, pipelines, vectors,
    /// tasks, streams, tenants, auth, audit, cluster).
    #[allow(clippy::all, missing_docs, rustdoc::all)]
    pub mod v1 {
        // The message file includes its sibling with the service clients (arbiter.v1.tonic.rs).
        include!("gen/arbiter/v1/arbiter.v1.rs");
    }
}

/// `inference`: the Open Inference Protocol (KServe v2), as Triton's and KServe's clients speak it.
#[allow(clippy::all, missing_docs, rustdoc::all)]
pub mod inference {
    // The message file includes its sibling with the service clients (inference.tonic.rs).
    include!("gen/inference/inference.rs");
}
