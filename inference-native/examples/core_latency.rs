//! Pure-Rust latency of `Session::run` on an example model, without Node:
//!
//!     cargo run -p inference-native --release --example core_latency -- [model.onnx] [libonnxruntime.so]
//!
//! Defaults: examples/models/risk-classifier.onnx and the library inside node_modules/onnxruntime-node.

use std::path::PathBuf;
use std::time::Instant;

use inference_native::{Datatype, InputTensor, ModelSource, Runtime, Session, SessionConfig};

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut args = std::env::args().skip(1);
    let model = args.next().map(PathBuf::from).unwrap_or_else(|| root.join("examples/models/risk-classifier.onnx"));
    let lib = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime.so.1"));
    let rt = Runtime::load(&lib).expect("runtime");
    let bytes = std::fs::read(&model).expect("model");
    let config = SessionConfig { intra_op_threads: 1, ..SessionConfig::default() };
    let session = Session::load(rt, ModelSource::Bytes(&bytes), &config).expect("session");
    let info = session.inputs()[0].clone();
    let width = info.shape[1] as usize;
    for batch in [1usize, 8, 64] {
        let data: Vec<u8> = (0..batch * width).flat_map(|i| ((i % 7) as f32 * 0.1).to_le_bytes()).collect();
        let chunks = [&data[..]];
        let input = [InputTensor { name: &info.name, datatype: Datatype::Fp32, shape: vec![batch as i64, width as i64], chunks: &chunks }];
        for _ in 0..2000 {
            session.run(&input, &[], None).unwrap();
        }
        let mut samples: Vec<f64> = (0..20000)
            .map(|_| {
                let t = Instant::now();
                session.run(&input, &[], None).unwrap();
                t.elapsed().as_secs_f64() * 1e6
            })
            .collect();
        samples.sort_by(|a, b| a.total_cmp(b));
        println!(
            "batch {batch:3}: p50 {:7.2} us  p99 {:7.2} us  ({:.2} us/row)",
            samples[samples.len() / 2],
            samples[samples.len() * 99 / 100],
            samples[samples.len() / 2] / batch as f64
        );
    }
}
