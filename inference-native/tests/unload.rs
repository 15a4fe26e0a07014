//! Unloading a session gives its memory back. Its own test binary (a process of its own), so
//! that no other test allocates while resident memory is measured.

use std::path::PathBuf;

use inference_native::{
    resident_bytes, test_models, unload, ModelSource, Runtime, Session, SessionConfig,
};

fn library_path() -> PathBuf {
    if let Some(p) = std::env::var_os("ORT_LIBRARY_PATH") {
        return p.into();
    }
    let bin =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../node_modules/onnxruntime-node/bin");
    let napi_dir = std::fs::read_dir(&bin)
        .expect("onnxruntime-node is installed")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("napi-v"))
        })
        .expect("no napi-v* directory in onnxruntime-node/bin");
    napi_dir.join("linux/x64/libonnxruntime.so.1")
}

#[test]
fn unload_returns_the_session_memory() {
    const MIB: u64 = 1024 * 1024;
    let rt = Runtime::load(&library_path()).unwrap();
    // 16 Mi FP32 weights: a 64 MiB model.
    let model = test_models::heavy(16 * 1024 * 1024);
    let config = SessionConfig {
        intra_op_threads: 1,
        warmup: false,
        ..SessionConfig::default()
    };
    // Load and unload once so that one-time runtime allocations are not counted below.
    unload(
        Session::load(
            rt.clone(),
            ModelSource::Bytes(&test_models::linear()),
            &config,
        )
        .unwrap(),
    );

    let mut loaded_peak = 0;
    let mut after_unload = 0;
    for round in 0..3 {
        let session = Session::load(rt.clone(), ModelSource::Bytes(&model), &config).unwrap();
        assert!(
            session.memory_bytes() >= 48 * MIB,
            "round {round}: footprint {} MiB",
            session.memory_bytes() / MIB
        );
        loaded_peak = resident_bytes();
        unload(session);
        after_unload = resident_bytes();
        assert!(
            loaded_peak - after_unload >= 48 * MIB,
            "round {round}: resident {} MiB loaded, {} MiB after unload",
            loaded_peak / MIB,
            after_unload / MIB
        );
    }
    println!(
        "resident: {} MiB loaded, {} MiB after unload",
        loaded_peak / MIB,
        after_unload / MIB
    );
}
