//! AVX-512 (F) kernels (x86-64). Selected at run time only when the CPU reports `avx512f`
//! (plus the AVX2/FMA/F16C set used for short tails).
//!
//! Safety contract: the caller has verified the features with `is_x86_feature_detected!`.
//! Tails use masked loads, which never touch memory outside the mask, so no read goes out of
//! bounds.

// The safety contract is stated once in the module docs above.
#![allow(clippy::missing_safety_doc)]

use std::arch::x86_64::*;

#[inline(always)]
fn tail_mask(rem: usize) -> __mmask16 {
    ((1u32 << rem) - 1) as __mmask16
}

#[inline]
#[target_feature(enable = "avx512f")]
pub unsafe fn dot_f32(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len().min(b.len());
    let (pa, pb) = (a.as_ptr(), b.as_ptr());
    let mut acc0 = _mm512_setzero_ps();
    let mut acc1 = _mm512_setzero_ps();
    let mut i = 0;
    while i + 32 <= n {
        acc0 = _mm512_fmadd_ps(_mm512_loadu_ps(pa.add(i)), _mm512_loadu_ps(pb.add(i)), acc0);
        acc1 = _mm512_fmadd_ps(
            _mm512_loadu_ps(pa.add(i + 16)),
            _mm512_loadu_ps(pb.add(i + 16)),
            acc1,
        );
        i += 32;
    }
    if i + 16 <= n {
        acc0 = _mm512_fmadd_ps(_mm512_loadu_ps(pa.add(i)), _mm512_loadu_ps(pb.add(i)), acc0);
        i += 16;
    }
    if i < n {
        let m = tail_mask(n - i);
        acc1 = _mm512_fmadd_ps(
            _mm512_maskz_loadu_ps(m, pa.add(i)),
            _mm512_maskz_loadu_ps(m, pb.add(i)),
            acc1,
        );
    }
    _mm512_reduce_add_ps(_mm512_add_ps(acc0, acc1))
}

#[inline]
#[target_feature(enable = "avx512f")]
pub unsafe fn l2_f32(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len().min(b.len());
    let (pa, pb) = (a.as_ptr(), b.as_ptr());
    let mut acc0 = _mm512_setzero_ps();
    let mut acc1 = _mm512_setzero_ps();
    let mut i = 0;
    while i + 32 <= n {
        let d0 = _mm512_sub_ps(_mm512_loadu_ps(pa.add(i)), _mm512_loadu_ps(pb.add(i)));
        let d1 = _mm512_sub_ps(
            _mm512_loadu_ps(pa.add(i + 16)),
            _mm512_loadu_ps(pb.add(i + 16)),
        );
        acc0 = _mm512_fmadd_ps(d0, d0, acc0);
        acc1 = _mm512_fmadd_ps(d1, d1, acc1);
        i += 32;
    }
    if i + 16 <= n {
        let d0 = _mm512_sub_ps(_mm512_loadu_ps(pa.add(i)), _mm512_loadu_ps(pb.add(i)));
        acc0 = _mm512_fmadd_ps(d0, d0, acc0);
        i += 16;
    }
    if i < n {
        let m = tail_mask(n - i);
        let d = _mm512_sub_ps(
            _mm512_maskz_loadu_ps(m, pa.add(i)),
            _mm512_maskz_loadu_ps(m, pb.add(i)),
        );
        acc1 = _mm512_fmadd_ps(d, d, acc1);
    }
    _mm512_reduce_add_ps(_mm512_add_ps(acc0, acc1))
}

#[target_feature(enable = "avx512f")]
pub unsafe fn dot_f16(q: &[f32], v: &[u16]) -> f32 {
    let n = q.len().min(v.len());
    let (pq, pv) = (q.as_ptr(), v.as_ptr());
    let mut acc = _mm512_setzero_ps();
    let mut i = 0;
    while i + 16 <= n {
        let h = _mm512_cvtph_ps(_mm256_loadu_si256(pv.add(i) as *const __m256i));
        acc = _mm512_fmadd_ps(_mm512_loadu_ps(pq.add(i)), h, acc);
        i += 16;
    }
    let mut s = _mm512_reduce_add_ps(acc);
    while i < n {
        s += *pq.add(i) * super::f16_to_f32(*pv.add(i));
        i += 1;
    }
    s
}

#[target_feature(enable = "avx512f")]
pub unsafe fn l2_f16(q: &[f32], v: &[u16]) -> f32 {
    let n = q.len().min(v.len());
    let (pq, pv) = (q.as_ptr(), v.as_ptr());
    let mut acc = _mm512_setzero_ps();
    let mut i = 0;
    while i + 16 <= n {
        let h = _mm512_cvtph_ps(_mm256_loadu_si256(pv.add(i) as *const __m256i));
        let d = _mm512_sub_ps(_mm512_loadu_ps(pq.add(i)), h);
        acc = _mm512_fmadd_ps(d, d, acc);
        i += 16;
    }
    let mut s = _mm512_reduce_add_ps(acc);
    while i < n {
        let d = *pq.add(i) - super::f16_to_f32(*pv.add(i));
        s += d * d;
        i += 1;
    }
    s
}

#[target_feature(enable = "avx512f")]
pub unsafe fn dot_u8(q: &[f32], v: &[u8]) -> f32 {
    let n = q.len().min(v.len());
    let (pq, pv) = (q.as_ptr(), v.as_ptr());
    let mut acc0 = _mm512_setzero_ps();
    let mut acc1 = _mm512_setzero_ps();
    let mut i = 0;
    while i + 32 <= n {
        let b0 = _mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(_mm_loadu_si128(
            pv.add(i) as *const __m128i
        )));
        let b1 = _mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(_mm_loadu_si128(
            pv.add(i + 16) as *const __m128i
        )));
        acc0 = _mm512_fmadd_ps(_mm512_loadu_ps(pq.add(i)), b0, acc0);
        acc1 = _mm512_fmadd_ps(_mm512_loadu_ps(pq.add(i + 16)), b1, acc1);
        i += 32;
    }
    if i + 16 <= n {
        let b0 = _mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(_mm_loadu_si128(
            pv.add(i) as *const __m128i
        )));
        acc0 = _mm512_fmadd_ps(_mm512_loadu_ps(pq.add(i)), b0, acc0);
        i += 16;
    }
    let mut s = _mm512_reduce_add_ps(_mm512_add_ps(acc0, acc1));
    while i < n {
        s += *pq.add(i) * *pv.add(i) as f32;
        i += 1;
    }
    s
}

#[target_feature(enable = "avx512f")]
pub unsafe fn sum_u64(v: &[u64]) -> u64 {
    let p = v.as_ptr();
    let n = v.len();
    let mut a0 = _mm512_setzero_si512();
    let mut a1 = _mm512_setzero_si512();
    let mut i = 0;
    while i + 16 <= n {
        a0 = _mm512_add_epi64(a0, _mm512_loadu_si512(p.add(i) as *const __m512i));
        a1 = _mm512_add_epi64(a1, _mm512_loadu_si512(p.add(i + 8) as *const __m512i));
        i += 16;
    }
    let mut s = _mm512_reduce_add_epi64(_mm512_add_epi64(a0, a1)) as u64;
    while i < n {
        s = s.wrapping_add(*p.add(i));
        i += 1;
    }
    s
}

x86_rows_kernel!("avx512f", dot_f32_rows, dot_f32);

x86_rows_kernel!("avx512f", l2_f32_rows, l2_f32);
