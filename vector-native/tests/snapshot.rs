//! Snapshot round trip (read and memory-mapped) and rejection of corrupted or truncated files.

mod common;
use common::*;
use vector_native::{snapshot, ColumnInput, FieldInput, Kind, Metric, SearchOptions, Storage};

const DIM: usize = 20;

fn tmp(name: &str) -> String {
    let dir = std::env::temp_dir().join(format!("vector-native-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name).to_string_lossy().into_owned()
}

#[test]
fn round_trip_preserves_results_for_every_kind_and_storage() {
    let data = mixture(1500, DIM, 8, 31);
    let queries = mixture(10, DIM, 8, 32);
    for (kind, storage) in [
        (Kind::Hnsw, Storage::F32),
        (Kind::Hnsw, Storage::I8),
        (Kind::Flat, Storage::F16),
    ] {
        let mut idx = build(kind, Metric::Cosine, storage, &data, DIM);
        let fields = vec![FieldInput {
            name: "tenant".into(),
            column: ColumnInput::Str {
                codes: vec![1, 2],
                dict: vec!["a".into(), "b".into()],
            },
        }];
        idx.upsert(&[7, 8], &data[..2 * DIM], &fields, None)
            .unwrap();
        idx.delete(&[9, 10, 11]).unwrap();
        let path = tmp(&format!("rt-{kind:?}-{storage:?}.snap"));
        snapshot::save(&idx, &path).unwrap();
        for mmap in [false, true] {
            let loaded = snapshot::load(&path, mmap).unwrap();
            assert_eq!(loaded.len(), idx.len());
            assert_eq!(loaded.payload(8).unwrap(), idx.payload(8).unwrap());
            for i in 0..10 {
                let q = &queries[i * DIM..(i + 1) * DIM];
                assert_eq!(
                    loaded.search(q, &SearchOptions::k(10)).unwrap(),
                    idx.search(q, &SearchOptions::k(10)).unwrap()
                );
            }
        }
        // A memory-mapped index still accepts writes (copy on write).
        let mut loaded = snapshot::load(&path, true).unwrap();
        loaded.upsert(&[100_000], &data[..DIM], &[], None).unwrap();
        assert!(loaded.contains(100_000));
    }
}

#[test]
fn every_corrupted_byte_region_and_truncation_is_rejected() {
    let data = mixture(300, DIM, 4, 33);
    let idx = build(Kind::Hnsw, Metric::L2, Storage::F32, &data, DIM);
    let path = tmp("corrupt-src.snap");
    snapshot::save(&idx, &path).unwrap();
    let good = std::fs::read(&path).unwrap();
    let bad = tmp("corrupt.snap");
    // Flip one byte at many offsets across header, table and every section.
    let step = (good.len() / 97).max(1);
    let mut off = 0;
    while off < good.len() {
        let mut b = good.clone();
        b[off] ^= 0x5a;
        std::fs::write(&bad, &b).unwrap();
        match snapshot::load(&bad, off % 2 == 0) {
            Err(e) => assert_eq!(e.kind(), "DATA_LOSS", "offset {off}: {e}"),
            Ok(_) => panic!("a flipped byte at offset {off} went unnoticed"),
        }
        off += step;
    }
    for cut in [0, 7, 100, 128, 300, good.len() / 2, good.len() - 1] {
        std::fs::write(&bad, &good[..cut]).unwrap();
        let e = snapshot::load(&bad, false)
            .err()
            .expect("truncated file accepted");
        assert_eq!(e.kind(), "DATA_LOSS", "cut at {cut}: {e}");
    }
    std::fs::write(&bad, b"hello world, this is not a snapshot at all .................................................................................................").unwrap();
    assert!(snapshot::load(&bad, false)
        .err()
        .unwrap()
        .to_string()
        .contains("bad magic"));
    assert_eq!(
        snapshot::load(&tmp("missing.snap"), false)
            .err()
            .unwrap()
            .kind(),
        "IO"
    );
}
