//! What every call carries unless the caller says otherwise: the credential and a deadline.

use std::time::Duration;

use tonic::metadata::{Ascii, MetadataValue};
use tonic::service::Interceptor;
use tonic::{GrpcMethod, Request, Status};

use crate::contract;

/// The interceptor of every client handed out by [`crate::ArbiterClient`]:
///
/// - sends the credential (an Arbiter API key or a JWT; the gateway tells them apart by their
///   form) as `authorization: Bearer <credential>`;
/// - gives calls that answer once a deadline when they set none (`Request::set_timeout`). Calls
///   answered by a stream (watches, result feeds, streaming inference) are open-ended and get
///   none: set one on the request to bound such a call.
///
/// The deadline travels as the `grpc-timeout` header, so the gateway stops working on a call the
/// client has given up on.
#[derive(Clone, Debug, Default)]
pub struct CallDefaults {
    authorization: Option<MetadataValue<Ascii>>,
    timeout: Option<Duration>,
}

impl CallDefaults {
    /// Defaults sending `credential` (if any) and applying `timeout` (if any).
    ///
    /// Fails when the credential cannot be an HTTP header value (it holds control characters or
    /// non-ASCII text).
    pub fn new(credential: Option<&str>, timeout: Option<Duration>) -> Result<Self, Status> {
        let authorization = credential
            .map(|c| {
                format!("Bearer {c}").parse().map_err(|_| {
                    Status::invalid_argument("the credential is not a valid header value")
                })
            })
            .transpose()?;
        Ok(Self {
            authorization,
            timeout,
        })
    }
}

impl Interceptor for CallDefaults {
    fn call(&mut self, mut request: Request<()>) -> Result<Request<()>, Status> {
        if let Some(authorization) = &self.authorization {
            request
                .metadata_mut()
                .insert("authorization", authorization.clone());
        }
        if let Some(timeout) = self.timeout {
            // The generated code names the method in the request's extensions.
            let open_ended = request
                .extensions()
                .get::<GrpcMethod<'static>>()
                .is_some_and(|m| {
                    contract::streams_responses(&format!("/{}/{}", m.service(), m.method()))
                });
            if !open_ended && !request.metadata().contains_key("grpc-timeout") {
                request.set_timeout(timeout);
            }
        }
        Ok(request)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(defaults: &CallDefaults, service: &'static str, method: &'static str) -> Request<()> {
        let mut request = Request::new(());
        request
            .extensions_mut()
            .insert(GrpcMethod::new(service, method));
        defaults
            .clone()
            .call(request)
            .expect("the defaults accept the call")
    }

    #[test]
    fn every_call_carries_the_bearer_credential() {
        let defaults = CallDefaults::new(Some("arb_key.secret"), None).unwrap();
        let request = call(&defaults, "arbiter.v1.TaskService", "WatchTask");
        assert_eq!(
            request.metadata().get("authorization").unwrap(),
            "Bearer arb_key.secret"
        );
        assert!(CallDefaults::new(Some("line\nbreak"), None).is_err());
    }

    #[test]
    fn calls_answered_once_get_the_default_deadline_and_streams_none() {
        let defaults = CallDefaults::new(None, Some(Duration::from_secs(30))).unwrap();
        let unary = call(&defaults, "arbiter.v1.ModelRegistryService", "GetModel");
        assert!(unary.metadata().get("authorization").is_none());
        let timeout = unary.metadata().get("grpc-timeout").expect("a deadline");
        assert!(timeout.to_str().unwrap().starts_with("30"), "{timeout:?}");
        let watch = call(&defaults, "arbiter.v1.TaskService", "WatchTask");
        assert!(watch.metadata().get("grpc-timeout").is_none());
    }

    #[test]
    fn a_deadline_the_caller_set_is_kept() {
        let defaults = CallDefaults::new(None, Some(Duration::from_secs(30))).unwrap();
        let mut request = Request::new(());
        request.set_timeout(Duration::from_millis(250));
        request
            .extensions_mut()
            .insert(GrpcMethod::new("arbiter.v1.InferenceService", "Infer"));
        let request = defaults.clone().call(request).unwrap();
        assert_eq!(request.metadata().get("grpc-timeout").unwrap(), "250000u");
    }
}
