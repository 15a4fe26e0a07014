//! Flat-scan throughput against the machine's memory read bandwidth, without Node in the way:
//! `cargo run --release -p vector-native --example flat_scan -- [count] [dim] [threads]`
use std::time::Instant;

use vector_native::rng::Rng;
use vector_native::{Index, IndexConfig, Kind, Metric, SearchOptions};

fn main() {
    let arg = |i: usize, d: usize| {
        std::env::args()
            .nth(i)
            .and_then(|a| a.parse().ok())
            .unwrap_or(d)
    };
    let (n, dim, threads) = (arg(1, 200_000), arg(2, 384), arg(3, 2));
    let mut rng = Rng::new(7);
    let data: Vec<f32> = (0..n * dim).map(|_| rng.normal()).collect();
    let mut cfg = IndexConfig::new(Kind::Flat, dim, Metric::L2);
    cfg.threads = threads;
    let mut idx = Index::new(cfg).expect("config");
    let ids: Vec<u64> = (0..n as u64).collect();
    idx.upsert(&ids, &data, &[], None).expect("upsert");
    let bw = vector_native::util::memory_read_bandwidth(1 << 30, threads, 5);
    let o = SearchOptions::k(10);
    let q: Vec<f32> = (0..dim).map(|_| rng.normal()).collect();
    let (mut best, mut total) = (f64::INFINITY, 0.0);
    let reps = 40;
    for _ in 0..reps {
        let t = Instant::now();
        std::hint::black_box(idx.search(&q, &o).expect("search"));
        let s = t.elapsed().as_secs_f64();
        best = best.min(s);
        total += s;
    }
    let bytes = (n * dim * 4) as f64;
    println!(
        "bandwidth {:.2} GB/s; flat scan best {:.2} GB/s ({:.1} %), mean {:.2} GB/s ({:.1} %)",
        bw / 1e9,
        bytes / best / 1e9,
        100.0 * bytes / best / bw,
        bytes * reps as f64 / total / 1e9,
        100.0 * bytes * reps as f64 / total / bw
    );
}
