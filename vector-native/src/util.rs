//! Machine probes used by the benchmark harness.

use rayon::prelude::*;

use crate::index::pool;
use crate::kernels::Kernels;

/// Measures sustained memory read bandwidth in bytes/s: `threads` workers sum a `bytes`-sized
/// buffer (far larger than the caches) `passes` times with the widest SIMD loads available; the
/// best pass is reported.
pub fn memory_read_bandwidth(bytes: usize, threads: usize, passes: usize) -> f64 {
    let words = (bytes / 8).max(1 << 20);
    let buf: Vec<u64> = (0..words as u64).collect();
    let k = Kernels::get();
    let p = pool(threads);
    let n = p.current_num_threads();
    let chunk = words.div_ceil(n);
    let mut best = 0.0f64;
    let mut sink = 0u64;
    for _ in 0..passes.max(1) {
        let t = std::time::Instant::now();
        let s: u64 = p.install(|| {
            buf.par_chunks(chunk)
                .map(|c| k.sum_u64(c))
                .reduce(|| 0, u64::wrapping_add)
        });
        let secs = t.elapsed().as_secs_f64();
        sink = sink.wrapping_add(s);
        best = best.max((words * 8) as f64 / secs);
    }
    std::hint::black_box(sink);
    best
}
