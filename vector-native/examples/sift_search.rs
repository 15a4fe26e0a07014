//! Times index build and single-query search on the SIFT sample without Node in the way:
//! `cargo run --release -p vector-native --example sift_search -- ../shared/datasets/sift-5k.tsv`
use std::time::Instant;

use vector_native::{Index, IndexConfig, Kind, Metric, SearchOptions};

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/datasets/sift-5k.tsv".into());
    let text = std::fs::read_to_string(&path).expect("read data set");
    let dim = 128;
    let (mut base, mut queries) = (Vec::new(), Vec::new());
    for (i, line) in text.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        let v: Vec<f32> = line
            .split('\t')
            .take(dim)
            .map(|x| x.parse().expect("number"))
            .collect();
        if i % 50 == 0 {
            queries.extend(v)
        } else {
            base.extend(v)
        }
    }
    let n = base.len() / dim;
    let mut cfg = IndexConfig::new(Kind::Hnsw, dim, Metric::L2);
    cfg.threads = 2;
    let mut idx = Index::new(cfg).expect("config");
    let ids: Vec<u64> = (0..n as u64).collect();
    let t = Instant::now();
    idx.upsert(&ids, &base, &[], None).expect("build");
    println!(
        "build {n} in {:.2}s ({:.0}/s)",
        t.elapsed().as_secs_f64(),
        n as f64 / t.elapsed().as_secs_f64()
    );
    let nq = queries.len() / dim;
    for ef in [16, 24, 32, 64] {
        let mut o = SearchOptions::k(10);
        o.ef = Some(ef);
        let reps = 50;
        let t = Instant::now();
        for _ in 0..reps {
            for q in 0..nq {
                std::hint::black_box(
                    idx.search(&queries[q * dim..(q + 1) * dim], &o)
                        .expect("search"),
                );
            }
        }
        let s = t.elapsed().as_secs_f64();
        println!(
            "ef {ef}: {:.0} q/s ({:.1} us/query)",
            (reps * nq) as f64 / s,
            s * 1e6 / (reps * nq) as f64
        );
    }
}
