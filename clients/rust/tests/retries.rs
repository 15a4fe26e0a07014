//! Retries as a caller meets them, against a real gRPC server on loopback that behaves like a
//! restarting gateway: it refuses calls with UNAVAILABLE (or is not listening yet) before it
//! answers. Reads come through; writes are sent once; the call's deadline bounds every attempt.

mod support;

use std::time::Duration;

use arbiter_client::arbiter::v1::{DeleteModelRequest, ListModelsRequest};
use arbiter_client::tonic::Code;
use arbiter_client::{ArbiterClient, ClientOptions, RetryPolicy};
use support::{loopback_listener, RestartingRegistry};
use tokio::net::TcpListener;

#[tokio::test]
async fn a_read_is_retried_until_the_gateway_answers() {
    let registry = RestartingRegistry::refusing(2);
    let (listener, address) = loopback_listener().await;
    registry.serve(listener);
    let client = ArbiterClient::connect(ClientOptions {
        token: Some("arb_key.secret".into()),
        ..ClientOptions::new(address.to_string())
    })
    .await
    .unwrap();

    let listed = client
        .models()
        .list_models(ListModelsRequest::default())
        .await
        .expect("the third attempt is answered")
        .into_inner();

    assert_eq!(listed.models[0].name, "fraud");
    let seen = registry.seen();
    assert_eq!(seen.len(), 3, "two refusals, then the answer: {seen:?}");
    for call in seen {
        assert_eq!(call.path, "/arbiter.v1.ModelRegistryService/ListModels");
        assert_eq!(call.authorization.as_deref(), Some("Bearer arb_key.secret"));
        assert!(
            call.deadline.is_some(),
            "every attempt carries the deadline"
        );
    }
}

#[tokio::test]
async fn a_read_gives_up_after_the_policys_attempts() {
    let registry = RestartingRegistry::refusing(usize::MAX);
    let (listener, address) = loopback_listener().await;
    registry.serve(listener);
    let client = ArbiterClient::connect(ClientOptions::new(address.to_string()))
        .await
        .unwrap();

    let refused = client
        .models()
        .list_models(ListModelsRequest::default())
        .await
        .unwrap_err();

    assert_eq!(refused.code(), Code::Unavailable);
    assert_eq!(
        registry.seen().len(),
        RetryPolicy::default().max_attempts as usize
    );
}

#[tokio::test]
async fn a_write_is_sent_once() {
    let registry = RestartingRegistry::refusing(usize::MAX);
    let (listener, address) = loopback_listener().await;
    registry.serve(listener);
    let client = ArbiterClient::connect(ClientOptions::new(address.to_string()))
        .await
        .unwrap();

    let request = DeleteModelRequest {
        name: "fraud".into(),
        version: 3,
    };
    let refused = client.models().delete_model(request).await.unwrap_err();

    assert_eq!(refused.code(), Code::Unavailable);
    let seen = registry.seen();
    assert_eq!(seen.len(), 1, "a write is never repeated: {seen:?}");
    assert_eq!(seen[0].path, "/arbiter.v1.ModelRegistryService/DeleteModel");
}

#[tokio::test]
async fn the_deadline_bounds_all_attempts_together() {
    let registry = RestartingRegistry::refusing(usize::MAX);
    let (listener, address) = loopback_listener().await;
    registry.serve(listener);
    // The pauses last 50–100 ms, then 100–200 ms: the third attempt would start after the 150 ms
    // deadline, so there are two attempts at most, however fast the server answers, instead of
    // the policy's ten.
    let client = ArbiterClient::connect(ClientOptions {
        timeout: Some(Duration::from_millis(150)),
        retry: RetryPolicy {
            max_attempts: 10,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(1),
        },
        ..ClientOptions::new(address.to_string())
    })
    .await
    .unwrap();

    let refused = client
        .models()
        .list_models(ListModelsRequest::default())
        .await
        .unwrap_err();

    assert_eq!(refused.code(), Code::Unavailable);
    let seen = registry.seen();
    assert!(
        (1..=2).contains(&seen.len()),
        "attempts within the deadline: {seen:?}"
    );
}

#[tokio::test]
async fn a_read_waits_out_a_gateway_that_is_not_listening_yet() {
    // A free port, closed again: the first attempts find nobody listening there.
    let (listener, address) = loopback_listener().await;
    drop(listener);
    let client = ArbiterClient::connect_lazy(ClientOptions {
        retry: RetryPolicy {
            max_attempts: 10,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(500),
        },
        ..ClientOptions::new(address.to_string())
    })
    .unwrap();
    let registry = RestartingRegistry::refusing(0);
    let starting = registry.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(300)).await;
        starting.serve(TcpListener::bind(address).await.unwrap());
    });

    let listed = client
        .models()
        .list_models(ListModelsRequest::default())
        .await
        .expect("an attempt after the gateway came up is answered")
        .into_inner();

    assert_eq!(listed.models[0].version, 3);
    assert_eq!(
        registry.seen().len(),
        1,
        "the attempts before it found no server"
    );
}
