//! Retries of calls that are safe to repeat. Other languages' gRPC libraries do this from a
//! service config; tonic has none, so this channel does the same job below the generated clients.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full};
use tonic::body::Body;
use tonic::codegen::{http, Context, Future, Pin, Poll, Service, StdError};
use tonic::transport::Channel;
use tonic::{Code, Status};

use crate::contract;

/// How calls free of side effects are retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included; 1 turns retries off.
    pub max_attempts: u32,
    /// The pause before the second attempt; each later pause doubles it, up to `max_backoff`.
    /// Every pause is randomised between half and all of its length, so that clients which
    /// failed together do not all come back at the same moment.
    pub initial_backoff: Duration,
    pub max_backoff: Duration,
}

impl RetryPolicy {
    /// No retries: every call is sent once.
    pub const NEVER: Self = Self {
        max_attempts: 1,
        initial_backoff: Duration::ZERO,
        max_backoff: Duration::ZERO,
    };
}

impl Default for RetryPolicy {
    /// Four attempts, pausing about 100 ms, 200 ms and 400 ms between them.
    fn default() -> Self {
        Self {
            max_attempts: 4,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(2),
        }
    }
}

/// A [`Channel`] that sends a call again when the gateway could not be reached or answered
/// `UNAVAILABLE`, but only for the unary methods the contract marks `idempotency_level =
/// NO_SIDE_EFFECTS` (reads such as `GetModel`, `ListModels`, `GetDecision`). Calls that change
/// state (register, infer, decide, delete) are sent once: a lost answer must not become a second
/// effect. The call's deadline (`grpc-timeout`) bounds all attempts together: each attempt is
/// sent with what is left of it, and no attempt starts once it has passed.
#[derive(Clone, Debug)]
pub struct RetryingChannel {
    inner: Channel,
    policy: RetryPolicy,
}

impl RetryingChannel {
    /// Wraps `inner`, retrying as `policy` says.
    pub fn new(inner: Channel, policy: RetryPolicy) -> Self {
        Self { inner, policy }
    }
}

type ResponseFuture = Pin<Box<dyn Future<Output = Result<http::Response<Body>, StdError>> + Send>>;

impl Service<http::Request<Body>> for RetryingChannel {
    type Response = http::Response<Body>;
    type Error = StdError;
    type Future = ResponseFuture;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx).map_err(Into::into)
    }

    fn call(&mut self, request: http::Request<Body>) -> Self::Future {
        if self.policy.max_attempts <= 1 || !contract::has_no_side_effects(request.uri().path()) {
            let response = self.inner.call(request);
            return Box::pin(async move { response.await.map_err(Into::into) });
        }
        // `self.inner` is the clone poll_ready made ready: it sends the first attempt, and a
        // fresh clone stays behind for the next call.
        let fresh = self.inner.clone();
        let ready = std::mem::replace(&mut self.inner, fresh);
        Box::pin(send_with_retries(ready, request, self.policy))
    }
}

async fn send_with_retries(
    mut channel: Channel,
    request: http::Request<Body>,
    policy: RetryPolicy,
) -> Result<http::Response<Body>, StdError> {
    let (parts, body) = request.into_parts();
    // A unary request is one small message: kept whole, it can be sent again.
    let body = body.collect().await.map_err(StdError::from)?.to_bytes();
    let deadline = parts
        .headers
        .get("grpc-timeout")
        .and_then(|v| parse_grpc_timeout(v.to_str().ok()?));
    let deadline = deadline.map(|timeout| Instant::now() + timeout);
    let mut backoff = policy.initial_backoff;
    let mut attempt = 1;
    loop {
        let mut request =
            http::Request::from_parts(parts.clone(), Body::new(Full::new(body.clone())));
        if let Some(deadline) = deadline {
            let left = deadline.saturating_duration_since(Instant::now());
            request
                .headers_mut()
                .insert("grpc-timeout", grpc_timeout(left));
        }
        let outcome = match channel.call(request).await {
            // A failure to reach the gateway is UNAVAILABLE too (tonic's own mapping).
            Err(error) => Err(Status::from_error(error.into())),
            Ok(response) => Ok(response),
        };
        let unavailable = match &outcome {
            Err(status) => status.code() == Code::Unavailable,
            // A status in the response's headers is an answer without a message
            // ("trailers-only"), the form a gRPC server gives a refusal.
            Ok(response) => response
                .headers()
                .get("grpc-status")
                .is_some_and(|code| code == "14"),
        };
        let pause = backoff.mul_f64(0.5 + random_fraction() / 2.0);
        let out_of_time = deadline.is_some_and(|d| Instant::now() + pause >= d);
        if !unavailable || attempt >= policy.max_attempts || out_of_time {
            return outcome.map_err(StdError::from);
        }
        tokio::time::sleep(pause).await;
        backoff = (backoff * 2).min(policy.max_backoff);
        attempt += 1;
        std::future::poll_fn(|cx| channel.poll_ready(cx)).await?;
    }
}

/// A gRPC `grpc-timeout` value ("100m", "30S": at most 8 digits and a unit).
fn parse_grpc_timeout(value: &str) -> Option<Duration> {
    if !value.is_ascii() {
        return None;
    }
    let (digits, unit) = value.split_at(value.len().checked_sub(1)?);
    let amount: u64 = digits.parse().ok()?;
    Some(match unit {
        "H" => Duration::from_secs(amount * 3600),
        "M" => Duration::from_secs(amount * 60),
        "S" => Duration::from_secs(amount),
        "m" => Duration::from_millis(amount),
        "u" => Duration::from_micros(amount),
        "n" => Duration::from_nanos(amount),
        _ => return None,
    })
}

/// `duration` as a `grpc-timeout` value, in milliseconds (seconds past 8 digits of them).
fn grpc_timeout(duration: Duration) -> http::HeaderValue {
    let millis = duration.as_millis().max(1);
    let value = if millis <= 99_999_999 {
        format!("{millis}m")
    } else {
        format!("{}S", duration.as_secs().min(99_999_999))
    };
    http::HeaderValue::from_str(&value).expect("digits and a unit")
}

/// A number in [0, 1) for jitter; the standard library's per-process random hash keys are
/// random enough for spreading retries and save a dependency.
fn random_fraction() -> f64 {
    let bits = RandomState::new().hash_one(Instant::now());
    (bits >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_grpc_timeouts_in_every_unit() {
        assert_eq!(parse_grpc_timeout("30S"), Some(Duration::from_secs(30)));
        assert_eq!(
            parse_grpc_timeout("1500m"),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(parse_grpc_timeout("2H"), Some(Duration::from_secs(7200)));
        assert_eq!(parse_grpc_timeout("7n"), Some(Duration::from_nanos(7)));
        assert_eq!(parse_grpc_timeout("S"), None);
        assert_eq!(parse_grpc_timeout("10x"), None);
        assert_eq!(parse_grpc_timeout(""), None);
    }

    #[test]
    fn writes_deadlines_that_read_back() {
        for duration in [
            Duration::from_millis(1),
            Duration::from_secs(30),
            Duration::from_secs(200_000),
        ] {
            let header = grpc_timeout(duration);
            assert_eq!(parse_grpc_timeout(header.to_str().unwrap()), Some(duration));
        }
    }
}
