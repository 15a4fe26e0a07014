//! A gRPC server for the crate's tests, on loopback: a model registry that refuses its first
//! calls with UNAVAILABLE, as a restarting gateway does, then answers.

// Each test file compiles this module on its own and uses only part of it.
#![allow(dead_code)]

use std::convert::Infallible;
use std::future::{ready, Ready};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use arbiter_client::arbiter::v1::{ListModelsRequest, ListModelsResponse, Model};
use arbiter_client::tonic::body::Body;
use arbiter_client::tonic::codegen::{http, BoxFuture, Service};
use arbiter_client::tonic::transport::Server;
use arbiter_client::tonic::{self, Status};
use tokio::net::TcpListener;
use tokio_stream::wrappers::TcpListenerStream;

/// What the server saw of one call.
#[derive(Clone, Debug)]
pub struct SeenCall {
    pub path: String,
    pub authorization: Option<String>,
    pub deadline: Option<String>,
}

/// A model registry that refuses its first `refusals` calls with UNAVAILABLE, then answers every
/// call as `ListModels` with one model.
#[derive(Clone)]
pub struct RestartingRegistry {
    refusals: usize,
    seen: Arc<Mutex<Vec<SeenCall>>>,
}

impl RestartingRegistry {
    pub fn refusing(refusals: usize) -> Self {
        Self {
            refusals,
            seen: Arc::default(),
        }
    }

    pub fn seen(&self) -> Vec<SeenCall> {
        self.seen.lock().unwrap().clone()
    }

    /// Serves on `listener` in the background.
    pub fn serve(&self, listener: TcpListener) {
        self.serve_with(Server::builder(), listener);
    }

    /// Serves on `listener` in the background, with `server`'s settings (TLS, for one).
    pub fn serve_with(&self, server: Server, listener: TcpListener) {
        let incoming = TcpListenerStream::new(listener);
        tokio::spawn(server.serve_with_incoming(self.clone(), incoming));
    }
}

impl Service<http::Request<Body>> for RestartingRegistry {
    type Response = http::Response<Body>;
    type Error = Infallible;
    type Future = BoxFuture<Self::Response, Self::Error>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: http::Request<Body>) -> Self::Future {
        let header = |name: &str| {
            let value = request.headers().get(name)?;
            Some(value.to_str().ok()?.to_owned())
        };
        let call = SeenCall {
            path: request.uri().path().to_owned(),
            authorization: header("authorization"),
            deadline: header("grpc-timeout"),
        };
        let answer = {
            let mut seen = self.seen.lock().unwrap();
            seen.push(call);
            seen.len() > self.refusals
        };
        Box::pin(async move {
            if !answer {
                return Ok(Status::unavailable("the gateway is restarting").into_http());
            }
            let codec = tonic_prost::ProstCodec::<ListModelsResponse, ListModelsRequest>::default();
            Ok(tonic::server::Grpc::new(codec)
                .unary(ListOneModel, request)
                .await)
        })
    }
}

/// `ListModels` answered with one model, `fraud` version 3.
struct ListOneModel;

impl tonic::server::UnaryService<ListModelsRequest> for ListOneModel {
    type Response = ListModelsResponse;
    type Future = Ready<Result<tonic::Response<ListModelsResponse>, Status>>;

    fn call(&mut self, _: tonic::Request<ListModelsRequest>) -> Self::Future {
        let model = Model {
            name: "fraud".into(),
            version: 3,
            ..Model::default()
        };
        ready(Ok(tonic::Response::new(ListModelsResponse {
            models: vec![model],
            ..ListModelsResponse::default()
        })))
    }
}

/// A listener on a free loopback port, and its address.
pub async fn loopback_listener() -> (TcpListener, SocketAddr) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    (listener, address)
}
