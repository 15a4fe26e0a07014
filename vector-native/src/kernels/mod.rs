//! Distance kernels with run-time CPU dispatch.
//!
//! One file per instruction set (`scalar`, `avx2`, `avx512`, `neon`); [`Kernels::detect`] picks
//! the widest set the running CPU supports, so the binary is built for baseline x86-64 / aarch64
//! and still uses AVX-512 where it exists. Stored vectors are f32, IEEE half (`u16` bits) or
//! 8-bit codes; queries are always f32 (asymmetric distance, which keeps quantization error on
//! one side only).

/// Defines an x86 block kernel `pub unsafe fn $name(q, rows, row_bytes, out)`: the distance from
/// `q` to each of the consecutive rows (`row_bytes` apart, starting at `rows`), one per element of
/// `out`, with the row kernel `$row` inlined (the function is compiled for `$features`) and rows
/// prefetched [`PREFETCH_ROWS`] ahead. Used by the `avx2` and `avx512` files, so both instruction
/// sets share one loop.
#[cfg(target_arch = "x86_64")]
macro_rules! x86_rows_kernel {
    ($features:literal, $name:ident, $row:ident) => {
        /// Distances from `q` to consecutive rows (`row_bytes` apart, starting at `rows`), one per
        /// element of `out`, with the row kernel inlined and rows prefetched a few ahead.
        #[target_feature(enable = $features)]
        pub unsafe fn $name(q: &[f32], rows: &[u8], row_bytes: usize, out: &mut [f32]) {
            let n = out.len().min(rows.len() / row_bytes.max(1));
            let base = rows.as_ptr();
            for i in 0..n {
                if i + $crate::kernels::PREFETCH_ROWS < n {
                    let p = base.add((i + $crate::kernels::PREFETCH_ROWS) * row_bytes);
                    let mut off = 0;
                    while off < row_bytes {
                        std::arch::x86_64::_mm_prefetch(
                            p.add(off) as *const i8,
                            std::arch::x86_64::_MM_HINT_T0,
                        );
                        off += 64;
                    }
                }
                let row =
                    std::slice::from_raw_parts(base.add(i * row_bytes) as *const f32, q.len());
                *out.get_unchecked_mut(i) = $row(q, row);
            }
        }
    };
}

pub mod scalar;

#[cfg(target_arch = "x86_64")]
pub mod avx2;
#[cfg(target_arch = "x86_64")]
pub mod avx512;
#[cfg(target_arch = "aarch64")]
pub mod neon;

use std::sync::OnceLock;

/// Instruction set a kernel table was built for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Isa {
    Scalar,
    Avx2,
    Avx512,
    Neon,
}

impl Isa {
    pub fn name(self) -> &'static str {
        match self {
            Isa::Scalar => "scalar",
            Isa::Avx2 => "avx2",
            Isa::Avx512 => "avx512",
            Isa::Neon => "neon",
        }
    }
}

type F32Fn = unsafe fn(&[f32], &[f32]) -> f32;
type F16Fn = unsafe fn(&[f32], &[u16]) -> f32;
type U8Fn = unsafe fn(&[f32], &[u8]) -> f32;
type SumFn = unsafe fn(&[u64]) -> u64;
/// `(query, row bytes, row stride in bytes, out)`: one distance per row into `out`.
type RowsFn = unsafe fn(&[f32], &[u8], usize, &mut [f32]);

/// How many rows ahead the block kernels prefetch.
pub const PREFETCH_ROWS: usize = 4;

/// A block kernel for the instruction sets without a dedicated one: the row kernel per row.
macro_rules! rows_by_row {
    ($name:ident, $row:path) => {
        fn $name(q: &[f32], rows: &[u8], row_bytes: usize, out: &mut [f32]) {
            for (i, o) in out.iter_mut().enumerate() {
                let r = &rows[i * row_bytes..i * row_bytes + q.len() * 4];
                // SAFETY: rows are 64-byte aligned in the store, so every row start is f32-aligned.
                let r = unsafe { std::slice::from_raw_parts(r.as_ptr() as *const f32, q.len()) };
                // SAFETY: the table holding this function was built for a supported ISA.
                #[allow(unused_unsafe)]
                let d = unsafe { $row(q, r) };
                *o = d;
            }
        }
    };
}

/// A table of kernels for one instruction set. Construct through [`Kernels::detect`] or
/// [`Kernels::for_isa`], which only hand out tables the CPU can run.
#[derive(Clone, Copy)]
pub struct Kernels {
    pub isa: Isa,
    dot_f32: F32Fn,
    l2_f32: F32Fn,
    dot_f16: F16Fn,
    l2_f16: F16Fn,
    dot_u8: U8Fn,
    sum_u64: SumFn,
    dot_f32_rows: RowsFn,
    l2_f32_rows: RowsFn,
}

impl Kernels {
    /// The best table for this CPU, detected once per process.
    pub fn get() -> &'static Kernels {
        static K: OnceLock<Kernels> = OnceLock::new();
        K.get_or_init(Kernels::detect)
    }

    /// Detects the widest supported instruction set.
    pub fn detect() -> Kernels {
        for isa in [Isa::Avx512, Isa::Avx2, Isa::Neon] {
            if let Some(k) = Kernels::for_isa(isa) {
                return k;
            }
        }
        Kernels::scalar()
    }

    /// The portable table.
    pub fn scalar() -> Kernels {
        fn d(a: &[f32], b: &[f32]) -> f32 {
            scalar::dot_f32(a, b)
        }
        fn l(a: &[f32], b: &[f32]) -> f32 {
            scalar::l2_f32(a, b)
        }
        fn dh(a: &[f32], b: &[u16]) -> f32 {
            scalar::dot_f16(a, b)
        }
        fn lh(a: &[f32], b: &[u16]) -> f32 {
            scalar::l2_f16(a, b)
        }
        fn du(a: &[f32], b: &[u8]) -> f32 {
            scalar::dot_u8(a, b)
        }
        fn s(a: &[u64]) -> u64 {
            scalar::sum_u64(a)
        }
        rows_by_row!(dr, d);
        rows_by_row!(lr, l);
        Kernels {
            isa: Isa::Scalar,
            dot_f32: d,
            l2_f32: l,
            dot_f16: dh,
            l2_f16: lh,
            dot_u8: du,
            sum_u64: s,
            dot_f32_rows: dr,
            l2_f32_rows: lr,
        }
    }

    /// The table for `isa`, or `None` when this CPU (or this build target) cannot run it.
    pub fn for_isa(isa: Isa) -> Option<Kernels> {
        match isa {
            Isa::Scalar => Some(Kernels::scalar()),
            #[cfg(target_arch = "x86_64")]
            Isa::Avx512 => {
                if is_x86_feature_detected!("avx512f")
                    && is_x86_feature_detected!("avx2")
                    && is_x86_feature_detected!("fma")
                    && is_x86_feature_detected!("f16c")
                {
                    Some(Kernels {
                        isa,
                        dot_f32: avx512::dot_f32,
                        l2_f32: avx512::l2_f32,
                        dot_f16: avx512::dot_f16,
                        l2_f16: avx512::l2_f16,
                        dot_u8: avx512::dot_u8,
                        sum_u64: avx512::sum_u64,
                        dot_f32_rows: avx512::dot_f32_rows,
                        l2_f32_rows: avx512::l2_f32_rows,
                    })
                } else {
                    None
                }
            }
            #[cfg(target_arch = "x86_64")]
            Isa::Avx2 => {
                if is_x86_feature_detected!("avx2")
                    && is_x86_feature_detected!("fma")
                    && is_x86_feature_detected!("f16c")
                {
                    Some(Kernels {
                        isa,
                        dot_f32: avx2::dot_f32,
                        l2_f32: avx2::l2_f32,
                        dot_f16: avx2::dot_f16,
                        l2_f16: avx2::l2_f16,
                        dot_u8: avx2::dot_u8,
                        sum_u64: avx2::sum_u64,
                        dot_f32_rows: avx2::dot_f32_rows,
                        l2_f32_rows: avx2::l2_f32_rows,
                    })
                } else {
                    None
                }
            }
            #[cfg(target_arch = "aarch64")]
            Isa::Neon => {
                fn dh(a: &[f32], b: &[u16]) -> f32 {
                    scalar::dot_f16(a, b)
                }
                fn lh(a: &[f32], b: &[u16]) -> f32 {
                    scalar::l2_f16(a, b)
                }
                rows_by_row!(dr, neon::dot_f32);
                rows_by_row!(lr, neon::l2_f32);
                Some(Kernels {
                    isa,
                    dot_f32: neon::dot_f32,
                    l2_f32: neon::l2_f32,
                    dot_f16: dh,
                    l2_f16: lh,
                    dot_u8: neon::dot_u8,
                    sum_u64: neon::sum_u64,
                    dot_f32_rows: dr,
                    l2_f32_rows: lr,
                })
            }
            #[allow(unreachable_patterns)]
            _ => None,
        }
    }

    #[inline(always)]
    pub fn dot_f32(&self, a: &[f32], b: &[f32]) -> f32 {
        // SAFETY: tables are only constructed for instruction sets the CPU reported.
        unsafe { (self.dot_f32)(a, b) }
    }
    #[inline(always)]
    pub fn l2_f32(&self, a: &[f32], b: &[f32]) -> f32 {
        // SAFETY: as above.
        unsafe { (self.l2_f32)(a, b) }
    }
    #[inline(always)]
    pub fn dot_f16(&self, q: &[f32], v: &[u16]) -> f32 {
        // SAFETY: as above.
        unsafe { (self.dot_f16)(q, v) }
    }
    #[inline(always)]
    pub fn l2_f16(&self, q: &[f32], v: &[u16]) -> f32 {
        // SAFETY: as above.
        unsafe { (self.l2_f16)(q, v) }
    }
    #[inline(always)]
    pub fn dot_u8(&self, q: &[f32], v: &[u8]) -> f32 {
        // SAFETY: as above.
        unsafe { (self.dot_u8)(q, v) }
    }
    /// Dot products of `q` with `out.len()` rows `row_bytes` apart (f32 rows, 4-byte aligned).
    #[inline(always)]
    pub fn dot_f32_rows(&self, q: &[f32], rows: &[u8], row_bytes: usize, out: &mut [f32]) {
        assert!(row_bytes >= q.len() * 4 && rows.len() >= out.len() * row_bytes);
        assert!((rows.as_ptr() as usize).is_multiple_of(4) && row_bytes.is_multiple_of(4));
        // SAFETY: as above; the asserts keep every row inside `rows` and aligned.
        unsafe { (self.dot_f32_rows)(q, rows, row_bytes, out) }
    }
    /// Squared L2 distances of `q` to `out.len()` rows `row_bytes` apart.
    #[inline(always)]
    pub fn l2_f32_rows(&self, q: &[f32], rows: &[u8], row_bytes: usize, out: &mut [f32]) {
        assert!(row_bytes >= q.len() * 4 && rows.len() >= out.len() * row_bytes);
        assert!((rows.as_ptr() as usize).is_multiple_of(4) && row_bytes.is_multiple_of(4));
        // SAFETY: as above.
        unsafe { (self.l2_f32_rows)(q, rows, row_bytes, out) }
    }
    #[inline(always)]
    pub fn sum_u64(&self, v: &[u64]) -> u64 {
        // SAFETY: as above.
        unsafe { (self.sum_u64)(v) }
    }
}

/// IEEE 754 binary16 bits to f32 (exact).
pub fn f16_to_f32(h: u16) -> f32 {
    let sign = ((h >> 15) as u32) << 31;
    let exp = ((h >> 10) & 0x1f) as u32;
    let man = (h & 0x3ff) as u32;
    let bits = if exp == 0 {
        if man == 0 {
            sign
        } else {
            // Subnormal half: value = man * 2^-24.
            let v = man as f32 * (1.0 / 16_777_216.0);
            return if sign != 0 { -v } else { v };
        }
    } else if exp == 31 {
        sign | 0x7f80_0000 | (man << 13)
    } else {
        sign | ((exp + 127 - 15) << 23) | (man << 13)
    };
    f32::from_bits(bits)
}

/// f32 to IEEE 754 binary16 bits, rounding to nearest even; overflow saturates to ±inf.
pub fn f32_to_f16(f: f32) -> u16 {
    let x = f.to_bits();
    let sign = ((x >> 16) & 0x8000) as u16;
    let exp = ((x >> 23) & 0xff) as i32;
    let man = x & 0x7f_ffff;
    if exp == 255 {
        return sign | 0x7c00 | if man != 0 { 0x200 } else { 0 };
    }
    let e = exp - 127 + 15;
    if e >= 31 {
        return sign | 0x7c00;
    }
    if e <= 0 {
        if e < -10 {
            return sign;
        }
        // Subnormal half: shift the mantissa (with its implicit 1) into place, round to even.
        let m = man | 0x80_0000;
        let shift = (14 - e) as u32;
        let half = 1u32 << (shift - 1);
        let rem = m & ((1u32 << shift) - 1);
        let mut r = m >> shift;
        if rem > half || (rem == half && (r & 1) == 1) {
            r += 1;
        }
        return sign | r as u16;
    }
    let mut r = ((e as u32) << 10) | (man >> 13);
    let rem = man & 0x1fff;
    if rem > 0x1000 || (rem == 0x1000 && (r & 1) == 1) {
        r += 1; // may carry into the exponent, which is the correct rounding (up to inf)
    }
    sign | r as u16
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;

    fn tables() -> Vec<Kernels> {
        [Isa::Avx512, Isa::Avx2, Isa::Neon]
            .into_iter()
            .filter_map(Kernels::for_isa)
            .collect()
    }

    /// Relative tolerance between SIMD and scalar results: both sum the same products in f32 but
    /// in a different order (and FMA skips one rounding), so they agree to ~1e-5 relative.
    const REL_TOL: f32 = 2e-5;

    fn close(a: f32, b: f32, scale: f32) -> bool {
        (a - b).abs() <= REL_TOL * scale.max(1.0)
    }

    #[test]
    fn block_kernels_equal_the_row_kernels() {
        let mut rng = Rng::new(99);
        for dim in [1usize, 7, 16, 33, 128, 384] {
            let row_bytes = (dim * 4).div_ceil(64) * 64;
            let n = 37;
            // 64-byte aligned rows, as in the store.
            let mut words = vec![0u32; n * row_bytes / 4 + 16];
            let skip = words.as_ptr().align_offset(64);
            let q: Vec<f32> = (0..dim).map(|_| rng.normal()).collect();
            for r in 0..n {
                for i in 0..dim {
                    words[skip + r * row_bytes / 4 + i] = rng.normal().to_bits();
                }
            }
            // SAFETY: u32 words reinterpreted as bytes (same memory, 4-byte aligned).
            let bytes = unsafe {
                std::slice::from_raw_parts(words.as_ptr().add(skip) as *const u8, n * row_bytes)
            };
            for k in tables().into_iter().chain([Kernels::scalar()]) {
                let mut l2 = vec![0.0f32; n];
                let mut dot = vec![0.0f32; n];
                k.l2_f32_rows(&q, bytes, row_bytes, &mut l2);
                k.dot_f32_rows(&q, bytes, row_bytes, &mut dot);
                for r in 0..n {
                    // SAFETY: as above; each row holds `dim` f32 values.
                    let row = unsafe {
                        std::slice::from_raw_parts(
                            bytes.as_ptr().add(r * row_bytes) as *const f32,
                            dim,
                        )
                    };
                    assert_eq!(l2[r], k.l2_f32(&q, row), "{:?} dim {dim} row {r}", k.isa);
                    assert_eq!(dot[r], k.dot_f32(&q, row), "{:?} dim {dim} row {r}", k.isa);
                }
            }
        }
    }

    #[test]
    fn detect_picks_a_table() {
        let k = Kernels::detect();
        assert_eq!(k.dot_f32(&[1.0, 2.0, 3.0], &[4.0, 5.0, 6.0]), 32.0);
        assert!(Kernels::for_isa(Isa::Scalar).is_some());
    }

    #[test]
    fn simd_matches_scalar_on_random_vectors_of_every_length() {
        let s = Kernels::scalar();
        let mut rng = Rng::new(7);
        for k in tables() {
            for dim in (0..=300).chain([384, 768, 1023, 1536]) {
                for _ in 0..4 {
                    let a: Vec<f32> = (0..dim).map(|_| rng.normal() * 3.0).collect();
                    let b: Vec<f32> = (0..dim).map(|_| rng.normal() * 3.0).collect();
                    let h: Vec<u16> = b.iter().map(|x| f32_to_f16(*x)).collect();
                    let u: Vec<u8> = (0..dim).map(|_| (rng.next_u64() & 0xff) as u8).collect();
                    let abs_dot: f32 = a.iter().zip(&b).map(|(x, y)| (x * y).abs()).sum();
                    let abs_u: f32 = a.iter().zip(&u).map(|(x, y)| (x * *y as f32).abs()).sum();
                    let l2 = s.l2_f32(&a, &b);
                    let name = k.isa.name();
                    assert!(
                        close(k.dot_f32(&a, &b), s.dot_f32(&a, &b), abs_dot),
                        "{name} dot_f32 dim {dim}"
                    );
                    assert!(close(k.l2_f32(&a, &b), l2, l2), "{name} l2_f32 dim {dim}");
                    assert!(
                        close(k.dot_f16(&a, &h), s.dot_f16(&a, &h), abs_dot),
                        "{name} dot_f16 dim {dim}"
                    );
                    let l2h = s.l2_f16(&a, &h);
                    assert!(close(k.l2_f16(&a, &h), l2h, l2h), "{name} l2_f16 dim {dim}");
                    assert!(
                        close(k.dot_u8(&a, &u), s.dot_u8(&a, &u), abs_u),
                        "{name} dot_u8 dim {dim}"
                    );
                }
            }
        }
    }

    #[test]
    fn simd_handles_special_values_like_scalar() {
        let s = Kernels::scalar();
        for k in tables() {
            let a = vec![f32::MAX; 40];
            assert_eq!(k.l2_f32(&a, &[-f32::MAX; 40]), f32::INFINITY);
            assert_eq!(s.l2_f32(&a, &[-f32::MAX; 40]), f32::INFINITY);
            let z = vec![0.0f32; 33];
            assert_eq!(k.dot_f32(&z, &z), 0.0);
            assert_eq!(k.l2_f32(&z, &z), 0.0);
            // Mismatched lengths use the shorter one instead of reading past the end.
            assert_eq!(k.dot_f32(&[1.0; 20], &[1.0; 17]), 17.0);
        }
    }

    #[test]
    fn sum_probe_matches_scalar() {
        let v: Vec<u64> = (0..10_007u64)
            .map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15))
            .collect();
        let s = Kernels::scalar().sum_u64(&v);
        for k in tables() {
            assert_eq!(k.sum_u64(&v), s, "{}", k.isa.name());
        }
    }

    #[test]
    fn f16_round_trip_is_exact_for_every_half_value() {
        for h in 0u16..=u16::MAX {
            let f = f16_to_f32(h);
            if f.is_nan() {
                assert!(f16_to_f32(f32_to_f16(f)).is_nan());
            } else {
                assert_eq!(f32_to_f16(f), h, "half bits {h:#06x} -> {f}");
            }
        }
        assert_eq!(f32_to_f16(1e9), 0x7c00);
        assert_eq!(f16_to_f32(f32_to_f16(0.1)), 0.099_975_586);
    }
}
