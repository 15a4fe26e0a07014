//! HNSW and flat search against exact ground truth on a fixed seed, deletes and churn.

mod common;
use common::*;
use vector_native::{
    ColumnInput, FieldInput, Index, IndexConfig, Kind, Metric, SearchOptions, Storage,
};

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

/// What a caller can observe of an index: every id's vector and payload, and whether a search
/// for each stored vector finds its own id first. The search's candidate list is as long as the
/// index, so it walks everything reachable from the entry point: it fails only for a vector no
/// link leads to. (With the default ef of 64, HNSW may stop at a vector's neighbour now and then —
/// a recall question, which the recall tests measure, not a lost vector.)
fn observe(idx: &Index, ids: std::ops::Range<u64>) -> Vec<Option<(Vec<f32>, String)>> {
    let mut exhaustive = SearchOptions::k(1);
    exhaustive.ef = Some(idx.len().max(64));
    ids.map(|id| {
        let v = idx.vector(id).ok()?;
        let p = format!("{:?}", idx.payload(id).ok()?);
        let h = idx.search(&v, &exhaustive).unwrap();
        assert_eq!(h.ids, vec![id], "id {id} is stored and must be found");
        Some((v, p))
    })
    .collect()
}

fn tenant(n: usize, name: &str) -> Vec<FieldInput> {
    vec![FieldInput {
        name: "tenant".into(),
        column: ColumnInput::Str {
            codes: vec![1; n],
            dict: vec![name.into()],
        },
    }]
}

#[test]
fn a_cancelled_upsert_leaves_the_index_as_before() {
    for kind in [Kind::Hnsw, Kind::Flat] {
        let data = mixture(600, DIM, 4, 21);
        let mut cfg = IndexConfig::new(kind, DIM, Metric::L2);
        cfg.threads = 2;
        let mut idx = Index::new(cfg).unwrap();
        let ids: Vec<u64> = (0..600).collect();
        idx.upsert(&ids, &data, &tenant(600, "old"), None).unwrap();
        let before = observe(&idx, 0..900);

        // Ids 300..900: half replace existing vectors, half are new; cancelled before it starts.
        let fresh = mixture(600, DIM, 4, 22);
        let batch: Vec<u64> = (300..900).collect();
        let cancel = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
        let e = idx
            .upsert(&batch, &fresh, &tenant(600, "new"), Some(&cancel))
            .unwrap_err();
        assert_eq!(e.kind(), "CANCELLED");
        assert_eq!(idx.len(), 600, "{kind:?}");
        assert_eq!(
            observe(&idx, 0..900),
            before,
            "{kind:?}: cancelled upsert changed the index"
        );

        // The same batch without cancellation goes through completely.
        idx.upsert(&batch, &fresh, &tenant(600, "new"), None)
            .unwrap();
        assert_eq!(idx.len(), 900);
        assert_eq!(
            idx.vector(450).unwrap(),
            fresh[150 * DIM..151 * DIM].to_vec()
        );
        observe(&idx, 0..900);
    }
}

#[test]
fn an_upsert_cancelled_mid_build_is_all_or_nothing() {
    let data = mixture(2000, DIM, 8, 23);
    let mut idx = build_threads(Kind::Hnsw, Metric::L2, Storage::F32, &data, DIM, 2);
    let before = observe(&idx, 0..2000);
    // A batch long enough (20k inserts) that the flag, raised a few milliseconds in, lands
    // while the graph is being linked: whichever way it ends, no earlier id may be lost.
    let fresh = mixture(20_000, DIM, 8, 24);
    let batch: Vec<u64> = (1000..21_000).collect();
    let cancel = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let raiser = {
        let c = cancel.clone();
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(30));
            c.store(true, std::sync::atomic::Ordering::Relaxed);
        })
    };
    let r = idx.upsert(&batch, &fresh, &[], Some(&cancel));
    raiser.join().unwrap();
    match r {
        Err(e) => {
            assert_eq!(e.kind(), "CANCELLED");
            assert_eq!(idx.len(), 2000);
            assert_eq!(observe(&idx, 0..2000), before);
            assert!(!idx.contains(2000) && !idx.contains(20_999));
        }
        Ok(()) => {
            assert_eq!(idx.len(), 21_000);
            assert_eq!(idx.vector(1000).unwrap(), fresh[..DIM].to_vec());
        }
    }
    // Either way the index keeps working: a later upsert and searches find everything.
    idx.upsert(&[50_000], &fresh[..DIM], &[], None).unwrap();
    observe(&idx, 0..1000);
}

#[test]
fn a_parallel_build_leaves_no_vector_unreachable() {
    // Concurrent inserts link to each other while their own lists are being written; a back-link
    // that arrived first must survive, or a vector can end up with no in-link at all.
    for seed in [21, 22] {
        let data = mixture(2000, DIM, 8, seed);
        let idx = build_threads(Kind::Hnsw, Metric::L2, Storage::F32, &data, DIM, 2);
        observe(&idx, 0..2000);
    }
}
