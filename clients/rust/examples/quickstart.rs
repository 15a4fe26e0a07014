//! The Arbiter quickstart in Rust: register a model, run it, make a decision, search vectors.
//!
//! ```sh
//! ARBITER_ADDRESS=127.0.0.1:8080 ARBITER_API_KEY=<key> cargo run --example quickstart
//! ```
//!
//! Environment: ARBITER_ADDRESS (host:port, default 127.0.0.1:8080), ARBITER_API_KEY (sent as a
//! bearer credential, if set), ARBITER_TLS=1 to use TLS with the system's roots or
//! ARBITER_CA_FILE=<pem> to trust a CA of your own, ARBITER_EXAMPLES (the repository's examples
//! folder; default: found from this crate's folder). The last line printed is a JSON summary.

use std::collections::HashMap;
use std::error::Error;
use std::path::PathBuf;

use arbiter_client::arbiter::v1::{
    pipeline_value, register_model_request, version_selector, DecideRequest, InferRequest,
    ModelUpload, PipelineValue, RegisterModelRequest, SearchRequest, Tensor, VersionSelector,
};
use arbiter_client::prost_types::{value::Kind, ListValue, Value};
use arbiter_client::{ArbiterClient, ClientOptions, Tls};
use serde_json::json;

/// The model's bytes travel in messages of at most this size.
const CHUNK_SIZE: usize = 1 << 20;

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let examples = std::env::var_os("ARBITER_EXAMPLES")
        .filter(|dir| !dir.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples"));
    let tls = match std::env::var("ARBITER_CA_FILE")
        .ok()
        .filter(|f| !f.is_empty())
    {
        Some(file) => Some(Tls::CaPem(std::fs::read(file)?)),
        None if std::env::var("ARBITER_TLS").as_deref() == Ok("1") => Some(Tls::SystemRoots),
        None => None,
    };
    let client = ArbiterClient::connect(ClientOptions {
        token: std::env::var("ARBITER_API_KEY")
            .ok()
            .filter(|key| !key.is_empty()),
        tls,
        ..ClientOptions::new(
            std::env::var("ARBITER_ADDRESS").unwrap_or_else(|_| "127.0.0.1:8080".into()),
        )
    })
    .await?;

    // 1. Register the risk classifier under this language's name; version 0 takes the next one.
    let name = "risk-classifier-rust";
    let artifact = std::fs::read(examples.join("models/risk-classifier.onnx"))?;
    let metadata = ModelUpload {
        name: name.into(),
        version: 0,
        ..ModelUpload::default()
    };
    let mut upload = vec![register_model_request::Part::Metadata(metadata)];
    upload.extend(
        artifact
            .chunks(CHUNK_SIZE)
            .map(|chunk| register_model_request::Part::Chunk(chunk.to_vec())),
    );
    let upload = upload
        .into_iter()
        .map(|part| RegisterModelRequest { part: Some(part) });
    let registered = client
        .models()
        .register_model(tokio_stream::iter(upload))
        .await?
        .into_inner();
    let version = registered
        .model
        .ok_or("the registration answered no model")?
        .version;
    println!("registered {name} version {version}");

    // 2. Infer row 0 of the classifier's expected inputs.
    let expected = read_json(examples.join("models/expected.json"))?;
    let row: Vec<f32> = serde_json::from_value(
        expected["risk-classifier"]["inputs"]["features"]["data"][0].clone(),
    )?;
    let inferred = client
        .inference()
        .infer(InferRequest {
            model: name.into(),
            selector: Some(VersionSelector {
                selector: Some(version_selector::Selector::Version(version)),
            }),
            inputs: vec![Tensor::from_vec_raw(
                "features",
                [1, row.len() as i64],
                &row,
            )],
            ..InferRequest::default()
        })
        .await?
        .into_inner();
    let output = |name: &str| {
        inferred
            .outputs
            .iter()
            .find(|t| t.name == name)
            .ok_or(format!("no output {name}"))
    };
    let label = output("label")?.to_vec::<i64>()?[0];
    let probabilities = output("probabilities")?.to_vec::<f32>()?;
    println!("label {label}, probabilities {probabilities:?}");

    // 3. Decide on a transaction with the transaction-risk pipeline.
    let request = read_json(examples.join("requests/transaction-risk.json"))?;
    let inputs: HashMap<String, PipelineValue> = request
        .as_object()
        .ok_or("transaction-risk.json is an object")?
        .iter()
        .map(|(key, value)| {
            let value = pipeline_value::Kind::Value(to_protobuf_value(value));
            (key.clone(), PipelineValue { kind: Some(value) })
        })
        .collect();
    let decided = client
        .decisions()
        .decide(DecideRequest {
            pipeline: "transaction-risk".into(),
            inputs,
            ..DecideRequest::default()
        })
        .await?
        .into_inner();
    let decision = decided.decision.ok_or("the decision is missing")?;
    let fired_rule = decision
        .fired_rules
        .first()
        .map(|rule| rule.name.clone())
        .unwrap_or_default();
    println!("decision {} (rule {fired_rule})", decision.label);

    // 4. Search the catalogue collection.
    let search = read_json(examples.join("requests/catalogue-search.json"))?;
    let found = client
        .vectors()
        .search(SearchRequest {
            collection: search["collection"]
                .as_str()
                .ok_or("a collection name")?
                .into(),
            k: search["k"].as_u64().ok_or("a k")?.try_into()?,
            query: serde_json::from_value(search["query"].clone())?,
            ..SearchRequest::default()
        })
        .await?
        .into_inner();
    let nearest = found
        .hits
        .first()
        .map(|hit| hit.id.clone())
        .unwrap_or_default();
    println!("nearest {nearest}");

    let summary = json!({
        "model": name,
        "version": version,
        "label": label,
        "probabilities": probabilities,
        "decision": decision.label,
        "fired_rule": fired_rule,
        "nearest": nearest,
    });
    println!("{summary}");
    Ok(())
}

fn read_json(path: PathBuf) -> Result<serde_json::Value, Box<dyn Error>> {
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(serde_json::from_str(&text)?)
}

/// A JSON value as a `google.protobuf.Value`, the form of a pipeline's non-tensor inputs.
fn to_protobuf_value(value: &serde_json::Value) -> Value {
    let kind = match value {
        serde_json::Value::Null => Kind::NullValue(0),
        serde_json::Value::Bool(b) => Kind::BoolValue(*b),
        serde_json::Value::Number(n) => Kind::NumberValue(n.as_f64().unwrap_or(f64::NAN)),
        serde_json::Value::String(s) => Kind::StringValue(s.clone()),
        serde_json::Value::Array(items) => Kind::ListValue(ListValue {
            values: items.iter().map(to_protobuf_value).collect(),
        }),
        serde_json::Value::Object(fields) => {
            Kind::StructValue(arbiter_client::prost_types::Struct {
                fields: fields
                    .iter()
                    .map(|(k, v)| (k.clone(), to_protobuf_value(v)))
                    .collect(),
            })
        }
    };
    Value { kind: Some(kind) }
}
