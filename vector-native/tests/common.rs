//! Shared test data: a seeded Gaussian mixture and exact ground truth.
#![allow(dead_code)]

use vector_native::rng::Rng;
use vector_native::{Index, IndexConfig, Kind, Metric, SearchOptions, Storage};

pub fn mixture(n: usize, dim: usize, clusters: usize, seed: u64) -> Vec<f32> {
    let mut rng = Rng::new(seed);
    let centers: Vec<f32> = (0..clusters * dim).map(|_| rng.normal() * 4.0).collect();
    let mut v = Vec::with_capacity(n * dim);
    for _ in 0..n {
        let c = rng.below(clusters as u64) as usize;
        for d in 0..dim {
            v.push(centers[c * dim + d] + rng.normal());
        }
    }
    v
}

/// Builds on one thread, so the graph (and every recall figure) is the same on every run.
pub fn build(kind: Kind, metric: Metric, storage: Storage, data: &[f32], dim: usize) -> Index {
    build_threads(kind, metric, storage, data, dim, 1)
}

pub fn build_threads(
    kind: Kind,
    metric: Metric,
    storage: Storage,
    data: &[f32],
    dim: usize,
    threads: usize,
) -> Index {
    let mut cfg = IndexConfig::new(kind, dim, metric);
    cfg.storage = storage;
    cfg.threads = threads;
    let mut idx = Index::new(cfg).expect("config");
    let ids: Vec<u64> = (0..(data.len() / dim) as u64).collect();
    idx.upsert(&ids, data, &[], None).expect("upsert");
    idx
}

/// Exact top-k ids by brute force in f64 over the original vectors.
pub fn exact(
    data: &[f32],
    dim: usize,
    q: &[f32],
    k: usize,
    metric: Metric,
    allow: &dyn Fn(usize) -> bool,
) -> Vec<u64> {
    let norm = |v: &[f32]| v.iter().map(|x| (*x as f64).powi(2)).sum::<f64>().sqrt();
    let mut d: Vec<(f64, u64)> = (0..data.len() / dim)
        .filter(|i| allow(*i))
        .map(|i| {
            let v = &data[i * dim..(i + 1) * dim];
            let dist = match metric {
                Metric::L2 => v.iter().zip(q).map(|(a, b)| ((a - b) as f64).powi(2)).sum(),
                Metric::Ip => {
                    1.0 - v
                        .iter()
                        .zip(q)
                        .map(|(a, b)| (*a as f64) * (*b as f64))
                        .sum::<f64>()
                }
                Metric::Cosine => {
                    1.0 - v
                        .iter()
                        .zip(q)
                        .map(|(a, b)| (*a as f64) * (*b as f64))
                        .sum::<f64>()
                        / (norm(v) * norm(q))
                }
            };
            (dist, i as u64)
        })
        .collect();
    d.sort_by(|a, b| a.partial_cmp(b).unwrap());
    d.into_iter().take(k).map(|x| x.1).collect()
}

pub fn recall(
    idx: &Index,
    data: &[f32],
    queries: &[f32],
    dim: usize,
    k: usize,
    ef: usize,
    metric: Metric,
) -> f64 {
    let nq = queries.len() / dim;
    let mut hit = 0usize;
    for i in 0..nq {
        let q = &queries[i * dim..(i + 1) * dim];
        let truth = exact(data, dim, q, k, metric, &|_| true);
        let mut o = SearchOptions::k(k);
        o.ef = Some(ef);
        let got = idx.search(q, &o).expect("search").ids;
        hit += got.iter().filter(|x| truth.contains(x)).count();
    }
    hit as f64 / (nq * k) as f64
}
