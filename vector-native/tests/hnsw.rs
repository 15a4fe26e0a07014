//! HNSW and flat search against exact ground truth on a fixed seed, deletes and churn.

mod common;
use common::*;
use vector_native::{Index, IndexConfig, Kind, Metric, SearchOptions, Storage};

const DIM: usize = 24;
const N: usize = 3000;

#[test]
fn hnsw_recall_matches_exact_search_for_every_metric_and_storage() {
    let data = mixture(N, DIM, 20, 1);
    let queries = mixture(50, DIM, 20, 2);
    for metric in [Metric::L2, Metric::Ip, Metric::Cosine] {
        for (storage, min) in [
            (Storage::F32, 0.95),
            (Storage::F16, 0.95),
            (Storage::I8, 0.85),
        ] {
            // Raw inner product is not a metric (a vector need not be its own nearest neighbor),
            // so graph search reaches lower recall on unnormalized data, as in every HNSW.
            let min = if metric == Metric::Ip { min - 0.2 } else { min };
            let idx = build(Kind::Hnsw, metric, storage, &data, DIM);
            let r = recall(&idx, &data, &queries, DIM, 10, 64, metric);
            assert!(r >= min, "{metric:?}/{storage:?}: recall@10 {r} < {min}");
        }
    }
}

#[test]
fn parallel_build_reaches_the_same_recall() {
    let data = mixture(N, DIM, 20, 1);
    let queries = mixture(50, DIM, 20, 2);
    let idx = build_threads(Kind::Hnsw, Metric::L2, Storage::F32, &data, DIM, 2);
    let r = recall(&idx, &data, &queries, DIM, 10, 64, Metric::L2);
    assert!(r >= 0.95, "recall@10 of a 2-thread build {r}");
}

#[test]
fn flat_search_is_exact() {
    let data = mixture(N, DIM, 10, 3);
    let queries = mixture(20, DIM, 10, 4);
    for metric in [Metric::L2, Metric::Ip, Metric::Cosine] {
        let idx = build(Kind::Flat, metric, Storage::F32, &data, DIM);
        assert_eq!(
            recall(&idx, &data, &queries, DIM, 10, 1, metric),
            1.0,
            "{metric:?}"
        );
    }
}

#[test]
fn results_are_sorted_and_distances_match_the_metric() {
    let data = mixture(500, DIM, 5, 5);
    let idx = build(Kind::Hnsw, Metric::L2, Storage::F32, &data, DIM);
    let q = &data[7 * DIM..8 * DIM];
    let hits = idx.search(q, &SearchOptions::k(5)).unwrap();
    assert_eq!(hits.ids[0], 7);
    assert!(hits.distances[0].abs() < 1e-4);
    assert!(hits.distances.windows(2).all(|w| w[0] <= w[1]));
    let v = &data[hits.ids[1] as usize * DIM..(hits.ids[1] as usize + 1) * DIM];
    let d: f32 = v.iter().zip(q).map(|(a, b)| (a - b) * (a - b)).sum();
    assert!((d - hits.distances[1]).abs() < 1e-3 * d.max(1.0));
}

#[test]
fn batch_search_equals_single_queries() {
    let data = mixture(N, DIM, 10, 6);
    let queries = mixture(16, DIM, 10, 7);
    let idx = build(Kind::Hnsw, Metric::L2, Storage::F32, &data, DIM);
    let batch = idx
        .search_batch(&queries, &SearchOptions::k(10), 2, None)
        .unwrap();
    for (i, h) in batch.iter().enumerate() {
        let single = idx
            .search(&queries[i * DIM..(i + 1) * DIM], &SearchOptions::k(10))
            .unwrap();
        assert_eq!(h.ids, single.ids);
    }
}

#[test]
fn deleted_vectors_are_never_returned_and_churn_keeps_recall() {
    let data = mixture(N, DIM, 20, 8);
    let queries = mixture(50, DIM, 20, 9);
    let fresh = build(Kind::Hnsw, Metric::L2, Storage::F32, &data, DIM);
    let base = recall(&fresh, &data, &queries, DIM, 10, 64, Metric::L2);

    let mut idx = build(Kind::Hnsw, Metric::L2, Storage::F32, &data, DIM);
    let gone: Vec<u64> = (0..N as u64).filter(|i| i % 10 == 3).collect();
    idx.delete(&gone).unwrap();
    assert_eq!(idx.len(), N - gone.len());
    for i in 0..50 {
        let h = idx
            .search(&queries[i * DIM..(i + 1) * DIM], &SearchOptions::k(10))
            .unwrap();
        assert!(
            h.ids.iter().all(|id| id % 10 != 3),
            "a deleted id was returned"
        );
        assert_eq!(h.ids.len(), 10);
    }
    // Deleted vectors are never found, even by their own vector.
    let h = idx
        .search(&data[3 * DIM..4 * DIM], &SearchOptions::k(1))
        .unwrap();
    assert_ne!(h.ids[0], 3);
    // Reinsert the same vectors: recall must come back to the fresh build's.
    let mut vecs = Vec::new();
    for id in &gone {
        vecs.extend_from_slice(&data[*id as usize * DIM..(*id as usize + 1) * DIM]);
    }
    idx.upsert(&gone, &vecs, &[], None).unwrap();
    assert_eq!(idx.len(), N);
    let churned = recall(&idx, &data, &queries, DIM, 10, 64, Metric::L2);
    assert!(
        churned >= base - 0.01,
        "recall after churn {churned} vs fresh {base}"
    );
}

#[test]
fn upsert_replaces_an_existing_id() {
    let data = mixture(400, DIM, 4, 10);
    let mut idx = build(Kind::Hnsw, Metric::L2, Storage::F32, &data, DIM);
    let target = vec![100.0f32; DIM];
    idx.upsert(&[5], &target, &[], None).unwrap();
    assert_eq!(idx.len(), 400);
    let h = idx.search(&target, &SearchOptions::k(1)).unwrap();
    assert_eq!(h.ids, vec![5]);
    assert_eq!(idx.vector(5).unwrap(), target);
}

#[test]
fn bad_inputs_are_typed_errors() {
    let data = mixture(100, DIM, 2, 11);
    let mut idx = build(Kind::Hnsw, Metric::L2, Storage::F32, &data, DIM);
    let err = idx.search(&[0.0; 3], &SearchOptions::k(1)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "query: expected 24 values (1 × dimension 24), got 3 values (not a multiple of 24)"
    );
    let mut q = vec![0.0f32; DIM];
    q[4] = f32::NAN;
    assert_eq!(
        idx.search(&q, &SearchOptions::k(1))
            .unwrap_err()
            .to_string(),
        "query[0][4]: expected a finite number, got NaN"
    );
    q[4] = f32::INFINITY;
    assert_eq!(
        idx.search(&q, &SearchOptions::k(1)).unwrap_err().kind(),
        "INVALID_ARGUMENT"
    );
    q[4] = 0.0;
    assert_eq!(
        idx.search(&q, &SearchOptions::k(0))
            .unwrap_err()
            .to_string(),
        "k: expected an integer in 1..=10000, got 0"
    );
    assert_eq!(
        idx.search(&q, &SearchOptions::k(1_000_000))
            .unwrap_err()
            .kind(),
        "INVALID_ARGUMENT"
    );
    assert_eq!(
        idx.delete(&[99_999]).unwrap_err().to_string(),
        "vector id \"99999\" not found"
    );
    assert_eq!(idx.len(), 100, "a failed delete removes nothing");
    let e = idx.upsert(&[1, 1], &[0.0; 2 * DIM], &[], None).unwrap_err();
    assert_eq!(
        e.to_string(),
        "ids: expected unique ids within one call, got id 1 at positions 0 and 1"
    );
    assert_eq!(
        Metric::parse("hamming").unwrap_err().to_string(),
        "metric: expected one of \"l2\", \"ip\", \"cosine\", got \"hamming\""
    );
    let mut cfg = IndexConfig::new(Kind::Hnsw, 0, Metric::L2);
    assert_eq!(
        Index::new(cfg.clone()).err().unwrap().to_string(),
        "dim: expected an integer in 1..=65536, got 0"
    );
    cfg.dim = 4;
    cfg.m = 1;
    assert_eq!(Index::new(cfg).err().unwrap().kind(), "INVALID_ARGUMENT");
}
