#![allow(clippy::needless_range_loop)] // index loops mirror the SIMD lane layout on purpose
//! Portable reference kernels. Every SIMD path is tested against these.

use super::f16_to_f32;

/// Inner product of two f32 slices (the shorter length is used).
pub fn dot_f32(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let mut acc = [0.0f32; 8];
    let chunks = n / 8;
    for c in 0..chunks {
        for l in 0..8 {
            acc[l] += a[c * 8 + l] * b[c * 8 + l];
        }
    }
    let mut s: f32 = acc.iter().sum();
    for i in chunks * 8..n {
        s += a[i] * b[i];
    }
    s
}

/// Squared Euclidean distance of two f32 slices.
pub fn l2_f32(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let mut acc = [0.0f32; 8];
    let chunks = n / 8;
    for c in 0..chunks {
        for l in 0..8 {
            let d = a[c * 8 + l] - b[c * 8 + l];
            acc[l] += d * d;
        }
    }
    let mut s: f32 = acc.iter().sum();
    for i in chunks * 8..n {
        let d = a[i] - b[i];
        s += d * d;
    }
    s
}

/// Inner product of an f32 query with an IEEE half-precision stored vector.
pub fn dot_f16(q: &[f32], v: &[u16]) -> f32 {
    let n = q.len().min(v.len());
    let mut acc = [0.0f32; 8];
    let chunks = n / 8;
    for c in 0..chunks {
        for l in 0..8 {
            acc[l] += q[c * 8 + l] * f16_to_f32(v[c * 8 + l]);
        }
    }
    let mut s: f32 = acc.iter().sum();
    for i in chunks * 8..n {
        s += q[i] * f16_to_f32(v[i]);
    }
    s
}

/// Squared Euclidean distance of an f32 query to a half-precision stored vector.
pub fn l2_f16(q: &[f32], v: &[u16]) -> f32 {
    let n = q.len().min(v.len());
    let mut acc = [0.0f32; 8];
    let chunks = n / 8;
    for c in 0..chunks {
        for l in 0..8 {
            let d = q[c * 8 + l] - f16_to_f32(v[c * 8 + l]);
            acc[l] += d * d;
        }
    }
    let mut s: f32 = acc.iter().sum();
    for i in chunks * 8..n {
        let d = q[i] - f16_to_f32(v[i]);
        s += d * d;
    }
    s
}

/// Σ q[i] · v[i] for an f32 query and 8-bit codes (the affine terms are applied by the caller).
pub fn dot_u8(q: &[f32], v: &[u8]) -> f32 {
    let n = q.len().min(v.len());
    let mut acc = [0.0f32; 8];
    let chunks = n / 8;
    for c in 0..chunks {
        for l in 0..8 {
            acc[l] += q[c * 8 + l] * v[c * 8 + l] as f32;
        }
    }
    let mut s: f32 = acc.iter().sum();
    for i in chunks * 8..n {
        s += q[i] * v[i] as f32;
    }
    s
}

/// Sum of a byte buffer viewed as u64 words (the memory-bandwidth probe; the value is irrelevant).
pub fn sum_u64(v: &[u64]) -> u64 {
    let mut acc = [0u64; 4];
    let chunks = v.len() / 4;
    for c in 0..chunks {
        for l in 0..4 {
            acc[l] = acc[l].wrapping_add(v[c * 4 + l]);
        }
    }
    let mut s = acc.iter().fold(0u64, |x, y| x.wrapping_add(*y));
    for x in &v[chunks * 4..] {
        s = s.wrapping_add(*x);
    }
    s
}
