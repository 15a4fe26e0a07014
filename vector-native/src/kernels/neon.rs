//! NEON kernels (aarch64, where NEON is part of the base ISA). Half-precision conversion uses the
//! portable path because the f16 NEON intrinsics are not stable in Rust yet.
//!
//! Safety contract: only compiled for aarch64; lengths are clamped to the shorter slice.

// The safety contract is stated once in the module docs above.
#![allow(clippy::missing_safety_doc)]

use std::arch::aarch64::*;

#[target_feature(enable = "neon")]
pub unsafe fn dot_f32(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len().min(b.len());
    let (pa, pb) = (a.as_ptr(), b.as_ptr());
    let mut acc0 = vdupq_n_f32(0.0);
    let mut acc1 = vdupq_n_f32(0.0);
    let mut i = 0;
    while i + 8 <= n {
        acc0 = vfmaq_f32(acc0, vld1q_f32(pa.add(i)), vld1q_f32(pb.add(i)));
        acc1 = vfmaq_f32(acc1, vld1q_f32(pa.add(i + 4)), vld1q_f32(pb.add(i + 4)));
        i += 8;
    }
    let mut s = vaddvq_f32(vaddq_f32(acc0, acc1));
    while i < n {
        s += *pa.add(i) * *pb.add(i);
        i += 1;
    }
    s
}

#[target_feature(enable = "neon")]
pub unsafe fn l2_f32(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len().min(b.len());
    let (pa, pb) = (a.as_ptr(), b.as_ptr());
    let mut acc0 = vdupq_n_f32(0.0);
    let mut acc1 = vdupq_n_f32(0.0);
    let mut i = 0;
    while i + 8 <= n {
        let d0 = vsubq_f32(vld1q_f32(pa.add(i)), vld1q_f32(pb.add(i)));
        let d1 = vsubq_f32(vld1q_f32(pa.add(i + 4)), vld1q_f32(pb.add(i + 4)));
        acc0 = vfmaq_f32(acc0, d0, d0);
        acc1 = vfmaq_f32(acc1, d1, d1);
        i += 8;
    }
    let mut s = vaddvq_f32(vaddq_f32(acc0, acc1));
    while i < n {
        let d = *pa.add(i) - *pb.add(i);
        s += d * d;
        i += 1;
    }
    s
}

#[target_feature(enable = "neon")]
pub unsafe fn dot_u8(q: &[f32], v: &[u8]) -> f32 {
    let n = q.len().min(v.len());
    let (pq, pv) = (q.as_ptr(), v.as_ptr());
    let mut acc0 = vdupq_n_f32(0.0);
    let mut acc1 = vdupq_n_f32(0.0);
    let mut i = 0;
    while i + 8 <= n {
        let w = vmovl_u8(vld1_u8(pv.add(i)));
        let lo = vcvtq_f32_u32(vmovl_u16(vget_low_u16(w)));
        let hi = vcvtq_f32_u32(vmovl_u16(vget_high_u16(w)));
        acc0 = vfmaq_f32(acc0, vld1q_f32(pq.add(i)), lo);
        acc1 = vfmaq_f32(acc1, vld1q_f32(pq.add(i + 4)), hi);
        i += 8;
    }
    let mut s = vaddvq_f32(vaddq_f32(acc0, acc1));
    while i < n {
        s += *pq.add(i) * *pv.add(i) as f32;
        i += 1;
    }
    s
}

#[target_feature(enable = "neon")]
pub unsafe fn sum_u64(v: &[u64]) -> u64 {
    let p = v.as_ptr();
    let n = v.len();
    let mut a0 = vdupq_n_u64(0);
    let mut a1 = vdupq_n_u64(0);
    let mut i = 0;
    while i + 4 <= n {
        a0 = vaddq_u64(a0, vld1q_u64(p.add(i)));
        a1 = vaddq_u64(a1, vld1q_u64(p.add(i + 2)));
        i += 4;
    }
    let mut s = vaddvq_u64(vaddq_u64(a0, a1));
    while i < n {
        s = s.wrapping_add(*p.add(i));
        i += 1;
    }
    s
}
