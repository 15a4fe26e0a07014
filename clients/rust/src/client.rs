//! The connection to a gateway and the typed clients of its services.

use std::fmt;
use std::time::Duration;

use tonic::service::interceptor::InterceptedService;
use tonic::transport::{Certificate, ClientTlsConfig, Endpoint};

use crate::arbiter::v1::{
    audit_service_client::AuditServiceClient, auth_service_client::AuthServiceClient,
    cluster_service_client::ClusterServiceClient, decision_service_client::DecisionServiceClient,
    inference_service_client::InferenceServiceClient,
    model_registry_service_client::ModelRegistryServiceClient,
    pipeline_service_client::PipelineServiceClient, stream_service_client::StreamServiceClient,
    task_service_client::TaskServiceClient, tenant_service_client::TenantServiceClient,
    vector_service_client::VectorServiceClient,
};
use crate::inference::grpc_inference_service_client::GrpcInferenceServiceClient;
use crate::{CallDefaults, RetryPolicy, RetryingChannel};

/// How to verify the gateway's certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tls {
    /// Against the operating system's root certificates (a gateway with a public certificate).
    SystemRoots,
    /// Against this PEM bundle (a gateway whose certificate a private CA signed).
    CaPem(Vec<u8>),
}

/// How to reach a gateway, and what every call carries.
#[derive(Clone, Debug)]
pub struct ClientOptions {
    /// The gateway's gRPC address: `host:port` (the scheme follows `tls`), or a full
    /// `http://…`/`https://…` URI.
    pub address: String,
    /// An Arbiter API key or a JWT (from `AuthService/Login`), sent as `authorization: Bearer …`
    /// on every call. `None` for a mesh without authentication.
    pub token: Option<String>,
    /// TLS, or `None` for plaintext (a local mesh).
    pub tls: Option<Tls>,
    /// The deadline of each call that answers once and sets none of its own (see
    /// [`CallDefaults`]); `None` leaves such calls unbounded.
    pub timeout: Option<Duration>,
    /// Retries of the calls that are safe to repeat (see [`RetryingChannel`]).
    pub retry: RetryPolicy,
}

impl ClientOptions {
    /// Plaintext to `address`, no credential, a 30 s default deadline and the default retries.
    pub fn new(address: impl Into<String>) -> Self {
        Self {
            address: address.into(),
            token: None,
            tls: None,
            timeout: Some(Duration::from_secs(30)),
            retry: RetryPolicy::default(),
        }
    }
}

/// The channel every typed client sends through: credential and deadline, then retries.
pub type ArbiterChannel = InterceptedService<RetryingChannel, CallDefaults>;

/// Why a client could not be made.
#[derive(Debug)]
pub enum ConnectError {
    /// The credential cannot be sent as an HTTP header (control characters, non-ASCII text).
    InvalidToken,
    /// The address, the TLS settings, or the connection itself failed.
    Transport(tonic::transport::Error),
}

impl fmt::Display for ConnectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidToken => f.write_str("the token cannot be sent as an HTTP header value"),
            Self::Transport(error) => write!(f, "cannot connect to the gateway: {error}"),
        }
    }
}

impl std::error::Error for ConnectError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::InvalidToken => None,
            Self::Transport(error) => Some(error),
        }
    }
}

impl From<tonic::transport::Error> for ConnectError {
    fn from(error: tonic::transport::Error) -> Self {
        Self::Transport(error)
    }
}

/// One HTTP/2 connection to a gateway, handing out a typed client per service. Clients are
/// cheap (they share the connection): take one per task, as tonic's clients need `&mut self`.
#[derive(Clone, Debug)]
pub struct ArbiterClient {
    channel: ArbiterChannel,
}

impl ArbiterClient {
    /// Connects now, so that a wrong address or certificate fails here rather than on the first
    /// call. The connection is re-established by itself if it drops later.
    pub async fn connect(options: ClientOptions) -> Result<Self, ConnectError> {
        let channel = endpoint(&options)?.connect().await?;
        Self::over(channel, &options)
    }

    /// Connects on the first call instead (what gRPC clients in other languages do).
    pub fn connect_lazy(options: ClientOptions) -> Result<Self, ConnectError> {
        let channel = endpoint(&options)?.connect_lazy();
        Self::over(channel, &options)
    }

    fn over(
        channel: tonic::transport::Channel,
        options: &ClientOptions,
    ) -> Result<Self, ConnectError> {
        let defaults = CallDefaults::new(options.token.as_deref(), options.timeout)
            .map_err(|_| ConnectError::InvalidToken)?;
        let channel =
            InterceptedService::new(RetryingChannel::new(channel, options.retry), defaults);
        Ok(Self { channel })
    }

    /// The underlying channel, for clients of services generated elsewhere.
    pub fn channel(&self) -> ArbiterChannel {
        self.channel.clone()
    }

    /// `arbiter.v1.ModelRegistryService`: register, list, configure and load models.
    pub fn models(&self) -> ModelRegistryServiceClient<ArbiterChannel> {
        ModelRegistryServiceClient::new(self.channel())
    }

    /// `arbiter.v1.InferenceService`: run a model.
    pub fn inference(&self) -> InferenceServiceClient<ArbiterChannel> {
        InferenceServiceClient::new(self.channel())
    }

    /// `arbiter.v1.DecisionService`: run a decision pipeline, read and replay decisions.
    pub fn decisions(&self) -> DecisionServiceClient<ArbiterChannel> {
        DecisionServiceClient::new(self.channel())
    }

    /// `arbiter.v1.PipelineService`: define and validate pipelines, manage plugins.
    pub fn pipelines(&self) -> PipelineServiceClient<ArbiterChannel> {
        PipelineServiceClient::new(self.channel())
    }

    /// `arbiter.v1.VectorService`: collections, upserts and nearest-neighbour search.
    pub fn vectors(&self) -> VectorServiceClient<ArbiterChannel> {
        VectorServiceClient::new(self.channel())
    }

    /// `arbiter.v1.TaskService`: batch tasks and their results.
    pub fn tasks(&self) -> TaskServiceClient<ArbiterChannel> {
        TaskServiceClient::new(self.channel())
    }

    /// `arbiter.v1.StreamService`: bindings of pipelines to message streams.
    pub fn streams(&self) -> StreamServiceClient<ArbiterChannel> {
        StreamServiceClient::new(self.channel())
    }

    /// `arbiter.v1.ClusterService`: the mesh's nodes.
    pub fn cluster(&self) -> ClusterServiceClient<ArbiterChannel> {
        ClusterServiceClient::new(self.channel())
    }

    /// `arbiter.v1.TenantService`: tenants, principals, roles and API keys.
    pub fn tenants(&self) -> TenantServiceClient<ArbiterChannel> {
        TenantServiceClient::new(self.channel())
    }

    /// `arbiter.v1.AuthService`: log in, refresh a JWT, who am I.
    pub fn auth(&self) -> AuthServiceClient<ArbiterChannel> {
        AuthServiceClient::new(self.channel())
    }

    /// `arbiter.v1.AuditService`: the audit log.
    pub fn audit(&self) -> AuditServiceClient<ArbiterChannel> {
        AuditServiceClient::new(self.channel())
    }

    /// `inference.GRPCInferenceService`: the Open Inference Protocol, as Triton's clients speak it.
    pub fn open_inference(&self) -> GrpcInferenceServiceClient<ArbiterChannel> {
        GrpcInferenceServiceClient::new(self.channel())
    }
}

/// The endpoint for `options`: the scheme from `tls` unless the address has one.
fn endpoint(options: &ClientOptions) -> Result<Endpoint, tonic::transport::Error> {
    let uri = if options.address.contains("://") {
        options.address.clone()
    } else if options.tls.is_some() {
        format!("https://{}", options.address)
    } else {
        format!("http://{}", options.address)
    };
    let endpoint = Endpoint::from_shared(uri)?.connect_timeout(Duration::from_secs(10));
    match &options.tls {
        None => Ok(endpoint),
        Some(Tls::SystemRoots) => endpoint.tls_config(ClientTlsConfig::new().with_native_roots()),
        Some(Tls::CaPem(pem)) => {
            endpoint.tls_config(ClientTlsConfig::new().ca_certificate(Certificate::from_pem(pem)))
        }
    }
}
