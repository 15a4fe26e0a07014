//! Core tests against the real ONNX Runtime library shipped in the `onnxruntime-node` npm package.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::test_models as models;
use crate::*;

/// The runtime library inside `node_modules/onnxruntime-node` (the same default the wrapper uses);
/// `ORT_LIBRARY_PATH` overrides it for a test run.
pub(crate) fn library_path() -> PathBuf {
    if let Some(p) = std::env::var_os("ORT_LIBRARY_PATH") {
        return p.into();
    }
    let bin =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../node_modules/onnxruntime-node/bin");
    let napi_dir = std::fs::read_dir(&bin)
        .unwrap_or_else(|e| panic!("{} is missing ({e}); run npm install first", bin.display()))
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("napi-v"))
        })
        .expect("no napi-v* directory in onnxruntime-node/bin");
    napi_dir.join("linux/x64/libonnxruntime.so.1")
}

pub(crate) fn runtime() -> Arc<Runtime> {
    Runtime::load(&library_path()).expect("ONNX Runtime loads")
}

fn cpu(threads: usize) -> SessionConfig {
    SessionConfig {
        intra_op_threads: threads,
        ..SessionConfig::default()
    }
}

fn load(bytes: &[u8]) -> Session {
    Session::load(runtime(), ModelSource::Bytes(bytes), &cpu(1)).expect("model loads")
}

fn f32_bytes(values: &[f32]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_le_bytes()).collect()
}

fn run_one(
    session: &Session,
    name: &str,
    datatype: Datatype,
    shape: &[i64],
    data: &[u8],
) -> Result<Vec<OutputTensor>> {
    let chunks = [data];
    session.run(
        &[InputTensor {
            name,
            datatype,
            shape: shape.to_vec(),
            chunks: &chunks,
        }],
        &[],
        None,
    )
}

/// Six elements ([2, 3]) of each datatype, as wire bytes, with values that exercise the type.
fn sample(d: Datatype) -> Vec<u8> {
    match d {
        Datatype::Bool => vec![1, 0, 1, 1, 0, 0],
        Datatype::Uint8 => vec![0, 1, 127, 128, 254, 255],
        Datatype::Int8 => [-128i8, -1, 0, 1, 64, 127]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect(),
        Datatype::Uint16 => [0u16, 1, 300, 40000, 65534, 65535]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect(),
        Datatype::Int16 => [-32768i16, -1, 0, 1, 300, 32767]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect(),
        Datatype::Uint32 => [0u32, 1, 70000, 1 << 31, u32::MAX - 1, u32::MAX]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect(),
        Datatype::Int32 => [i32::MIN, -1, 0, 1, 70000, i32::MAX]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect(),
        Datatype::Uint64 => [0u64, 1, 1 << 40, 1 << 63, u64::MAX - 1, u64::MAX]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect(),
        Datatype::Int64 => [i64::MIN, -1, 0, 1, 1 << 40, i64::MAX]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect(),
        // 1.0, -2.0, 0.5, 65504 (max), smallest subnormal, NaN
        Datatype::Fp16 => [0x3c00u16, 0xc000, 0x3800, 0x7bff, 0x0001, 0x7e00]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect(),
        Datatype::Bf16 => [0x3f80u16, 0xc000, 0x3f00, 0x7f7f, 0x0001, 0x7fc0]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect(),
        Datatype::Fp32 => {
            f32_bytes(&[1.5, -0.0, f32::MAX, f32::MIN_POSITIVE, f32::INFINITY, 1e-42])
        }
        Datatype::Fp64 => [
            1.5f64,
            -0.0,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::NEG_INFINITY,
            1e-310,
        ]
        .iter()
        .flat_map(|v| v.to_le_bytes())
        .collect(),
        Datatype::Bytes => {
            let items: [&[u8]; 6] = [
                b"",
                b"a",
                b"hello",
                "h\u{e9}llo".as_bytes(),
                b"nul\0inside",
                &[0xff, 0xfe],
            ];
            items
                .iter()
                .flat_map(|s| {
                    (s.len() as u32)
                        .to_le_bytes()
                        .into_iter()
                        .chain(s.iter().copied())
                })
                .collect()
        }
    }
}

#[test]
fn every_datatype_round_trips_bit_for_bit() {
    for d in Datatype::ALL {
        let session = load(&models::identity(d));
        assert_eq!(session.inputs()[0].datatype, d);
        assert_eq!(session.inputs()[0].shape, vec![-1, 3]);
        let data = sample(d);
        let out =
            run_one(&session, "x", d, &[2, 3], &data).unwrap_or_else(|e| panic!("{d:?}: {e}"));
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].name, "y");
        assert_eq!(out[0].datatype, d);
        assert_eq!(out[0].shape, vec![2, 3]);
        assert_eq!(out[0].data.as_bytes(), &data[..], "{d:?} bytes differ");
    }
}

#[test]
fn misaligned_and_chunked_inputs_are_read_correctly() {
    let session = load(&models::identity(Datatype::Fp64));
    let data = sample(Datatype::Fp64);
    let mut shifted = vec![0u8; 1];
    shifted.extend_from_slice(&data);
    let out = run_one(&session, "x", Datatype::Fp64, &[2, 3], &shifted[1..]).unwrap();
    assert_eq!(out[0].data.as_bytes(), &data[..]);
    let chunks = [&data[..5], &data[5..24], &data[24..]];
    let out = session
        .run(
            &[InputTensor {
                name: "x",
                datatype: Datatype::Fp64,
                shape: vec![2, 3],
                chunks: &chunks,
            }],
            &[],
            None,
        )
        .unwrap();
    assert_eq!(out[0].data.as_bytes(), &data[..]);
}

#[test]
fn metadata_lists_inputs_outputs_and_dynamic_dims() {
    let session = load(&models::linear());
    assert_eq!(
        session.inputs(),
        &[TensorInfo {
            name: "x".into(),
            datatype: Datatype::Fp32,
            shape: vec![-1, 4]
        }]
    );
    let names: Vec<&str> = session.outputs().iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["y", "z"]);
    assert_eq!(session.outputs()[1].datatype, Datatype::Int64);
    assert_eq!(session.provider(), "cpu");
    assert!(session.fallback_reason().is_none());
}

#[test]
fn requested_outputs_only_in_requested_order() {
    let session = load(&models::linear());
    let x = f32_bytes(&[1.0, 2.0, 3.0, 4.0]);
    let chunks = [&x[..]];
    let input = [InputTensor {
        name: "x",
        datatype: Datatype::Fp32,
        shape: vec![1, 4],
        chunks: &chunks,
    }];
    let out = session.run(&input, &["z"], None).unwrap();
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].name, "z");
    assert_eq!(out[0].shape, vec![1]);
    let out = session.run(&input, &["z", "y"], None).unwrap();
    assert_eq!(
        out.iter().map(|o| o.name.as_str()).collect::<Vec<_>>(),
        ["z", "y"]
    );
    let err = session.run(&input, &["nope"], None).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"outputs: expected one of [y, z], got "nope""#
    );
}

#[test]
fn batched_equals_unbatched_bit_for_bit() {
    let session = load(&models::linear());
    let rows: Vec<Vec<u8>> = (0..7)
        .map(|r| f32_bytes(&[r as f32 * 0.1, -1.0, 2.5 - r as f32, 0.03 * r as f32]))
        .collect();
    let single: Vec<Vec<u8>> = rows
        .iter()
        .map(|row| {
            run_one(&session, "x", Datatype::Fp32, &[1, 4], row).unwrap()[0]
                .data
                .as_bytes()
                .to_vec()
        })
        .collect();
    let chunks: Vec<&[u8]> = rows.iter().map(|r| r.as_slice()).collect();
    let batched = session
        .run(
            &[InputTensor {
                name: "x",
                datatype: Datatype::Fp32,
                shape: vec![7, 4],
                chunks: &chunks,
            }],
            &["y"],
            None,
        )
        .unwrap();
    assert_eq!(batched[0].shape, vec![7, 3]);
    let bytes = batched[0].data.as_bytes();
    for (i, one) in single.iter().enumerate() {
        assert_eq!(&bytes[i * 12..(i + 1) * 12], &one[..], "row {i}");
    }
}

fn assert_invalid(result: Result<Vec<OutputTensor>>, message: &str) {
    match result {
        Err(e @ Error::InvalidArgument { .. }) => assert_eq!(e.to_string(), message),
        other => panic!("expected InvalidArgument {message:?}, got {other:?}"),
    }
}

#[test]
fn every_bad_input_is_a_typed_error_and_the_session_keeps_serving() {
    let session = load(&models::add2());
    let good = f32_bytes(&[1.0, 2.0]);
    let (ga, gb): ([&[u8]; 1], [&[u8]; 1]) = ([&good[..]], [&good[..]]);
    let input = |name: &'static str, datatype, shape: Vec<i64>, chunks| InputTensor {
        name,
        datatype,
        shape,
        chunks,
    };
    let ok_a = input("a", Datatype::Fp32, vec![1, 2], &ga);
    let ok_b = input("b", Datatype::Fp32, vec![1, 2], &gb);

    assert_invalid(
        session.run(
            &[ok_a.clone(), input("q", Datatype::Fp32, vec![1, 2], &gb)],
            &[],
            None,
        ),
        r#"inputs: expected names from [a, b], got "q""#,
    );
    assert_invalid(
        session.run(std::slice::from_ref(&ok_a), &[], None),
        r#"inputs: expected a tensor for every model input, including "b", got ["a"]"#,
    );
    assert_invalid(
        session.run(&[ok_a.clone(), ok_a.clone()], &[], None),
        r#"inputs: expected "a" once, got "a" twice"#,
    );
    let i64s = 7i64.to_le_bytes().repeat(2);
    let ci: [&[u8]; 1] = [&i64s[..]];
    assert_invalid(
        session.run(
            &[ok_a.clone(), input("b", Datatype::Int64, vec![1, 2], &ci)],
            &[],
            None,
        ),
        r#"input "b" datatype: expected FP32, got INT64"#,
    );
    assert_invalid(
        session.run(
            &[ok_a.clone(), input("b", Datatype::Fp32, vec![2], &gb)],
            &[],
            None,
        ),
        r#"input "b" shape: expected [-1, 2], got [2]"#,
    );
    assert_invalid(
        session.run(
            &[ok_a.clone(), input("b", Datatype::Fp32, vec![2, 1], &gb)],
            &[],
            None,
        ),
        r#"input "b" shape: expected [-1, 2], got [2, 1]"#,
    );
    assert_invalid(
        session.run(
            &[ok_a.clone(), input("b", Datatype::Fp32, vec![-1, 2], &gb)],
            &[],
            None,
        ),
        r#"input "b" shape: expected [-1, 2], got [-1, 2]"#,
    );
    let short = &good[..7];
    let cs: [&[u8]; 1] = [short];
    assert_invalid(
        session.run(
            &[ok_a.clone(), input("b", Datatype::Fp32, vec![1, 2], &cs)],
            &[],
            None,
        ),
        r#"input "b" data: expected 8 bytes (2 FP32 elements of shape [1, 2]), got 7 bytes"#,
    );
    assert_invalid(
        session.run(
            &[ok_a.clone(), input("b", Datatype::Fp32, vec![2, 2], &gb)],
            &[],
            None,
        ),
        r#"input "b" data: expected 16 bytes (4 FP32 elements of shape [2, 2]), got 8 bytes"#,
    );

    let strings = load(&models::identity(Datatype::Bytes));
    let truncated = [5u8, 0, 0, 0, b'a', b'b'];
    assert_invalid(
        run_one(&strings, "x", Datatype::Bytes, &[1, 3], &truncated),
        r#"input "x" data: expected 3 BYTES elements of shape [1, 3] (4-byte little-endian length + bytes each), got 6 bytes that are not a sequence of length-prefixed elements"#,
    );
    let two = [1u8, 0, 0, 0, b'a', 0, 0, 0, 0];
    assert_invalid(
        run_one(&strings, "x", Datatype::Bytes, &[1, 3], &two),
        r#"input "x" data: expected 3 BYTES elements of shape [1, 3] (4-byte little-endian length + bytes each), got 2 elements in 9 bytes"#,
    );

    let out = session
        .run(&[ok_a, ok_b], &[], None)
        .expect("still serving");
    assert_eq!(out[0].data.as_bytes(), &f32_bytes(&[2.0, 4.0])[..]);
}

#[test]
fn corrupt_truncated_and_unloadable_models_are_rejected() {
    let rt = runtime();
    let good = models::linear();
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    let unknown_op = models::Graph::default()
        .input("x", Datatype::Fp32, &[1])
        .output("y", Datatype::Fp32, &[1])
        .node("NoSuchOperator", &["x"], &["y"], &[])
        .model();
    for (what, bytes) in [
        ("truncated", &good[..good.len() / 2]),
        ("garbage", &garbage[..]),
        ("empty", &[][..]),
        ("unknown operator", &unknown_op[..]),
    ] {
        match Session::load(rt.clone(), ModelSource::Bytes(bytes), &cpu(1)) {
            Err(e @ Error::ModelLoad { .. }) => assert!(
                e.to_string().starts_with("model could not be loaded: "),
                "{what}: {e}"
            ),
            Err(e) => panic!("{what}: wrong error {e:?}"),
            Ok(_) => panic!("{what}: loaded"),
        }
    }
    let missing = std::path::Path::new("/nonexistent/model.onnx");
    let err = Session::load(rt.clone(), ModelSource::Path(missing), &cpu(1))
        .err()
        .unwrap();
    assert_eq!(
        err.to_string(),
        "model could not be loaded: /nonexistent/model.onnx is not a readable file"
    );
    // The runtime still loads good models afterwards.
    assert_eq!(load(&good).inputs().len(), 1);
}

#[test]
fn model_loads_from_a_file() {
    let path = std::env::temp_dir().join(format!("arbiter-linear-{}.onnx", std::process::id()));
    std::fs::write(&path, models::linear()).unwrap();
    let session = Session::load(runtime(), ModelSource::Path(&path), &cpu(1)).unwrap();
    std::fs::remove_file(&path).unwrap();
    assert_eq!(session.outputs().len(), 2);
}

#[test]
fn cancel_before_start_computes_nothing() {
    let session = load(&models::linear());
    let token = CancelToken::new();
    token.cancel();
    let x = f32_bytes(&[1.0; 4]);
    let chunks = [&x[..]];
    let r = session.run(
        &[InputTensor {
            name: "x",
            datatype: Datatype::Fp32,
            shape: vec![1, 4],
            chunks: &chunks,
        }],
        &[],
        Some(&token),
    );
    assert!(matches!(r, Err(Error::Cancelled)), "{r:?}");
}

#[test]
fn cancel_while_running_stops_the_run() {
    // 400 chained 512x512 MatMuls on a 512-row input take seconds; the cancel comes after 100 ms.
    let session = Arc::new(load(&models::slow(400)));
    let token = CancelToken::new();
    let canceller = {
        let token = token.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(100));
            token.cancel();
        })
    };
    let x = f32_bytes(&vec![1.0; 512 * 512]);
    let chunks = [&x[..]];
    let r = session.run(
        &[InputTensor {
            name: "x",
            datatype: Datatype::Fp32,
            shape: vec![512, 512],
            chunks: &chunks,
        }],
        &[],
        Some(&token),
    );
    canceller.join().unwrap();
    assert!(matches!(r, Err(Error::Cancelled)), "{r:?}");
    // A fresh run on the same session still works.
    let one = f32_bytes(&vec![0.5; 512]);
    let chunks = [&one[..]];
    let small = models::slow(2);
    let s2 = load(&small);
    let out = s2
        .run(
            &[InputTensor {
                name: "x",
                datatype: Datatype::Fp32,
                shape: vec![1, 512],
                chunks: &chunks,
            }],
            &[],
            None,
        )
        .unwrap();
    assert_eq!(out[0].shape, vec![1, 512]);
}

#[test]
fn unavailable_provider_follows_the_policy() {
    let rt = runtime();
    let model = models::linear();
    for provider in ["cuda:0", "tensorrt:0"] {
        let config = SessionConfig {
            provider: Provider::parse(provider).unwrap(),
            fallback: Fallback::Error,
            ..cpu(1)
        };
        match Session::load(rt.clone(), ModelSource::Bytes(&model), &config) {
            Err(e @ Error::ProviderUnavailable { .. }) => {
                assert!(
                    e.to_string()
                        .starts_with(&format!("execution provider {provider} is not available: ")),
                    "{e}"
                );
                assert!(e.to_json().contains(&format!(r#""provider":"{provider}""#)));
            }
            other => panic!(
                "{provider}: expected ProviderUnavailable, got {:?}",
                other.map(|s| s.provider().to_string())
            ),
        }
        let config = SessionConfig {
            fallback: Fallback::Cpu,
            ..config
        };
        let session = Session::load(rt.clone(), ModelSource::Bytes(&model), &config).unwrap();
        assert_eq!(session.provider(), "cpu");
        let reason = session.fallback_reason().unwrap();
        assert!(
            reason.contains(provider) && reason.ends_with("using cpu"),
            "{reason}"
        );
    }
}

#[test]
fn runtime_is_loaded_once_per_process() {
    let rt = runtime();
    assert!(rt.version().starts_with("1."), "{}", rt.version());
    assert!(rt
        .available_providers()
        .contains(&"CPUExecutionProvider".to_string()));
    let other = std::env::temp_dir().join("libonnxruntime-elsewhere.so");
    std::fs::write(&other, b"not a library").unwrap();
    let err = Runtime::load(&other).err().unwrap();
    assert!(matches!(err, Error::FailedPrecondition { .. }), "{err:?}");
    assert!(err.to_string().contains("already loaded"), "{err}");
}

#[test]
fn sessions_run_concurrently_from_many_threads() {
    let session = Arc::new(load(&models::linear()));
    let handles: Vec<_> = (0..4)
        .map(|t| {
            let session = session.clone();
            std::thread::spawn(move || {
                for i in 0..200 {
                    let x = f32_bytes(&[t as f32, i as f32, 1.0, -1.0]);
                    let out = run_one(&session, "x", Datatype::Fp32, &[1, 4], &x).unwrap();
                    assert_eq!(out[0].shape, vec![1, 3]);
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
}
