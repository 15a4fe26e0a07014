//! AVX2 + FMA + F16C kernels (x86-64). Selected at run time only when the CPU reports all three.
//!
//! Safety contract of every function here: the caller has verified `avx2`, `fma` and `f16c`
//! with `is_x86_feature_detected!`. Lengths are clamped to the shorter slice, so no read goes out
//! of bounds.

// The safety contract is stated once in the module docs above.
#![allow(clippy::missing_safety_doc)]

use std::arch::x86_64::*;

#[inline(always)]
unsafe fn hsum256(v: __m256) -> f32 {
    let hi = _mm256_extractf128_ps(v, 1);
    let lo = _mm256_castps256_ps128(v);
    let s = _mm_add_ps(hi, lo);
    let s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    let s = _mm_add_ss(s, _mm_shuffle_ps(s, s, 1));
    _mm_cvtss_f32(s)
}

#[inline]
#[target_feature(enable = "avx2,fma")]
pub unsafe fn dot_f32(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len().min(b.len());
    let (pa, pb) = (a.as_ptr(), b.as_ptr());
    let mut acc0 = _mm256_setzero_ps();
    let mut acc1 = _mm256_setzero_ps();
    let mut i = 0;
    while i + 16 <= n {
        acc0 = _mm256_fmadd_ps(_mm256_loadu_ps(pa.add(i)), _mm256_loadu_ps(pb.add(i)), acc0);
        acc1 = _mm256_fmadd_ps(
            _mm256_loadu_ps(pa.add(i + 8)),
            _mm256_loadu_ps(pb.add(i + 8)),
            acc1,
        );
        i += 16;
    }
    if i + 8 <= n {
        acc0 = _mm256_fmadd_ps(_mm256_loadu_ps(pa.add(i)), _mm256_loadu_ps(pb.add(i)), acc0);
        i += 8;
    }
    let mut s = hsum256(_mm256_add_ps(acc0, acc1));
    while i < n {
        s += *pa.add(i) * *pb.add(i);
        i += 1;
    }
    s
}

#[inline]
#[target_feature(enable = "avx2,fma")]
pub unsafe fn l2_f32(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len().min(b.len());
    let (pa, pb) = (a.as_ptr(), b.as_ptr());
    let mut acc0 = _mm256_setzero_ps();
    let mut acc1 = _mm256_setzero_ps();
    let mut i = 0;
    while i + 16 <= n {
        let d0 = _mm256_sub_ps(_mm256_loadu_ps(pa.add(i)), _mm256_loadu_ps(pb.add(i)));
        let d1 = _mm256_sub_ps(
            _mm256_loadu_ps(pa.add(i + 8)),
            _mm256_loadu_ps(pb.add(i + 8)),
        );
        acc0 = _mm256_fmadd_ps(d0, d0, acc0);
        acc1 = _mm256_fmadd_ps(d1, d1, acc1);
        i += 16;
    }
    if i + 8 <= n {
        let d0 = _mm256_sub_ps(_mm256_loadu_ps(pa.add(i)), _mm256_loadu_ps(pb.add(i)));
        acc0 = _mm256_fmadd_ps(d0, d0, acc0);
        i += 8;
    }
    let mut s = hsum256(_mm256_add_ps(acc0, acc1));
    while i < n {
        let d = *pa.add(i) - *pb.add(i);
        s += d * d;
        i += 1;
    }
    s
}

#[target_feature(enable = "avx2,fma,f16c")]
pub unsafe fn dot_f16(q: &[f32], v: &[u16]) -> f32 {
    let n = q.len().min(v.len());
    let (pq, pv) = (q.as_ptr(), v.as_ptr());
    let mut acc = _mm256_setzero_ps();
    let mut i = 0;
    while i + 8 <= n {
        let h = _mm256_cvtph_ps(_mm_loadu_si128(pv.add(i) as *const __m128i));
        acc = _mm256_fmadd_ps(_mm256_loadu_ps(pq.add(i)), h, acc);
        i += 8;
    }
    let mut s = hsum256(acc);
    while i < n {
        s += *pq.add(i) * super::f16_to_f32(*pv.add(i));
        i += 1;
    }
    s
}

#[target_feature(enable = "avx2,fma,f16c")]
pub unsafe fn l2_f16(q: &[f32], v: &[u16]) -> f32 {
    let n = q.len().min(v.len());
    let (pq, pv) = (q.as_ptr(), v.as_ptr());
    let mut acc = _mm256_setzero_ps();
    let mut i = 0;
    while i + 8 <= n {
        let h = _mm256_cvtph_ps(_mm_loadu_si128(pv.add(i) as *const __m128i));
        let d = _mm256_sub_ps(_mm256_loadu_ps(pq.add(i)), h);
        acc = _mm256_fmadd_ps(d, d, acc);
        i += 8;
    }
    let mut s = hsum256(acc);
    while i < n {
        let d = *pq.add(i) - super::f16_to_f32(*pv.add(i));
        s += d * d;
        i += 1;
    }
    s
}

#[target_feature(enable = "avx2,fma")]
pub unsafe fn dot_u8(q: &[f32], v: &[u8]) -> f32 {
    let n = q.len().min(v.len());
    let (pq, pv) = (q.as_ptr(), v.as_ptr());
    let mut acc0 = _mm256_setzero_ps();
    let mut acc1 = _mm256_setzero_ps();
    let mut i = 0;
    while i + 16 <= n {
        let bytes = _mm_loadu_si128(pv.add(i) as *const __m128i);
        let lo = _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(bytes));
        let hi = _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(_mm_srli_si128(bytes, 8)));
        acc0 = _mm256_fmadd_ps(_mm256_loadu_ps(pq.add(i)), lo, acc0);
        acc1 = _mm256_fmadd_ps(_mm256_loadu_ps(pq.add(i + 8)), hi, acc1);
        i += 16;
    }
    let mut s = hsum256(_mm256_add_ps(acc0, acc1));
    while i < n {
        s += *pq.add(i) * *pv.add(i) as f32;
        i += 1;
    }
    s
}

#[target_feature(enable = "avx2")]
pub unsafe fn sum_u64(v: &[u64]) -> u64 {
    let p = v.as_ptr();
    let n = v.len();
    let mut a0 = _mm256_setzero_si256();
    let mut a1 = _mm256_setzero_si256();
    let mut i = 0;
    while i + 8 <= n {
        a0 = _mm256_add_epi64(a0, _mm256_loadu_si256(p.add(i) as *const __m256i));
        a1 = _mm256_add_epi64(a1, _mm256_loadu_si256(p.add(i + 4) as *const __m256i));
        i += 8;
    }
    let mut lanes = [0u64; 4];
    _mm256_storeu_si256(lanes.as_mut_ptr() as *mut __m256i, _mm256_add_epi64(a0, a1));
    let mut s = lanes.iter().fold(0u64, |x, y| x.wrapping_add(*y));
    while i < n {
        s = s.wrapping_add(*p.add(i));
        i += 1;
    }
    s
}

x86_rows_kernel!("avx2,fma", dot_f32_rows, dot_f32);

x86_rows_kernel!("avx2,fma", l2_f32_rows, l2_f32);
