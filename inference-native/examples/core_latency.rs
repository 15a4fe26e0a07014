//! Pure-Rust latency of `Session::run` on an example model, without Node:
//!
//!     cargo run -p inference-native --release --example core_latency -- [model.onnx] [libonnxruntime.so]
//!
//! Defaults: examples/models/risk-classifier.onnx and the library inside node_modules/onnxruntime-node.

use std::path::PathBuf;
use std::time::Instant;

use std::sync::Arc;
use std::time::Duration;

use inference_native::{
    Completion, Datatype, Executor, InputTensor, ModelSource, Runtime, Session, SessionConfig,
};

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut args = std::env::args().skip(1);
    let model = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("examples/models/risk-classifier.onnx"));
    let lib = args.next().map(PathBuf::from).unwrap_or_else(|| {
        root.join("node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime.so.1")
    });
    let rt = Runtime::load(&lib).expect("runtime");
    let bytes = std::fs::read(&model).expect("model");
    let config = SessionConfig {
        intra_op_threads: 1,
        ..SessionConfig::default()
    };
    let session =
        Arc::new(Session::load(rt, ModelSource::Bytes(&bytes), &config).expect("session"));
    let info = session.inputs()[0].clone();
    let width = info.shape[1] as usize;
    for batch in [1usize, 8, 64] {
        let data: Vec<u8> = (0..batch * width)
            .flat_map(|i| ((i % 7) as f32 * 0.1).to_le_bytes())
            .collect();
        let chunks = [&data[..]];
        let input = [InputTensor {
            name: &info.name,
            datatype: Datatype::Fp32,
            shape: vec![batch as i64, width as i64],
            chunks: &chunks,
        }];
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
        let executor = Executor::new("bench", 1, Duration::from_micros(100)).unwrap();
        let mut hop: Vec<f64> = (0..20000)
            .map(|_| {
                let t = Instant::now();
                let done = Completion::new();
                let (d, s, data, name, w) = (
                    done.clone(),
                    session.clone(),
                    data.clone(),
                    info.name.clone(),
                    width,
                );
                executor.submit(move || {
                    let chunks = [&data[..]];
                    let input = [InputTensor {
                        name: &name,
                        datatype: Datatype::Fp32,
                        shape: vec![batch as i64, w as i64],
                        chunks: &chunks,
                    }];
                    d.complete(s.run(&input, &[], None).map(|o| o.len()));
                });
                while !done.is_done() {
                    std::hint::spin_loop();
                }
                done.take().unwrap().unwrap();
                t.elapsed().as_secs_f64() * 1e6
            })
            .collect();
        hop.sort_by(|a, b| a.total_cmp(b));
        println!(
            "batch {batch:3}: via worker thread p50 {:7.2} us  p99 {:7.2} us",
            hop[hop.len() / 2],
            hop[hop.len() * 99 / 100]
        );
        println!(
            "batch {batch:3}: p50 {:7.2} us  p99 {:7.2} us  ({:.2} us/row)",
            samples[samples.len() / 2],
            samples[samples.len() * 99 / 100],
            samples[samples.len() / 2] / batch as f64
        );
    }
}

/// Round trip through a worker thread (submit, run, completion polled by the caller): what the
/// Node binding adds to `Session::run` besides argument conversion.
#[allow(dead_code)]
fn unused() {}
