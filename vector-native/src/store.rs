//! Slot-addressed vector storage: f32, f16 or 8-bit codes in 64-byte aligned rows, either owned
//! or borrowed from a memory-mapped snapshot (copied on the first write).

use std::sync::Arc;

use crate::config::{Metric, Storage};
use crate::kernels::{f16_to_f32, f32_to_f16, Kernels};

/// Rows are padded to this many bytes so every row starts on a cache line.
pub const ROW_ALIGN: usize = 64;

#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct Line([u8; ROW_ALIGN]);

/// Per-vector parameters of the 8-bit codes: `x[i] ≈ lo + scale · code[i]`, plus the squared
/// norm of the decoded vector (for L2 through the inner product).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct QuantParams {
    pub lo: f32,
    pub scale: f32,
    pub norm2: f32,
}

enum Bytes {
    Owned(Vec<Line>),
    Mapped {
        map: Arc<memmap2::Mmap>,
        offset: usize,
        len: usize,
    },
}

/// A query prepared for one index: normalized for cosine, with the sums the 8-bit path needs.
pub struct Query {
    pub v: Vec<f32>,
    pub sum: f32,
    pub norm2: f32,
}

impl Query {
    /// An empty query buffer, filled by [`VectorStore::load`].
    pub fn empty() -> Query {
        Query {
            v: Vec::new(),
            sum: 0.0,
            norm2: 0.0,
        }
    }
}

/// The vectors of one index.
pub struct VectorStore {
    pub dim: usize,
    pub storage: Storage,
    pub metric: Metric,
    pub row_bytes: usize,
    slots: usize,
    bytes: Bytes,
    /// Only for [`Storage::I8`]: one entry per slot.
    pub quant: Vec<QuantParams>,
    k: &'static Kernels,
}

/// Bytes of one padded row.
pub fn row_bytes(dim: usize, storage: Storage) -> usize {
    (dim * storage.elem_bytes()).div_ceil(ROW_ALIGN) * ROW_ALIGN
}

impl VectorStore {
    pub fn new(dim: usize, storage: Storage, metric: Metric) -> VectorStore {
        VectorStore {
            dim,
            storage,
            metric,
            row_bytes: row_bytes(dim, storage),
            slots: 0,
            bytes: Bytes::Owned(Vec::new()),
            quant: Vec::new(),
            k: Kernels::get(),
        }
    }

    /// A store whose rows live in a mapped file region (`offset` must be 64-byte aligned).
    pub fn mapped(
        dim: usize,
        storage: Storage,
        metric: Metric,
        slots: usize,
        map: Arc<memmap2::Mmap>,
        offset: usize,
        quant: Vec<QuantParams>,
    ) -> VectorStore {
        let rb = row_bytes(dim, storage);
        VectorStore {
            dim,
            storage,
            metric,
            row_bytes: rb,
            slots,
            bytes: Bytes::Mapped {
                map,
                offset,
                len: slots * rb,
            },
            quant,
            k: Kernels::get(),
        }
    }

    /// An owned store over raw row bytes read from a snapshot.
    pub fn from_raw(
        dim: usize,
        storage: Storage,
        metric: Metric,
        raw: &[u8],
        quant: Vec<QuantParams>,
    ) -> VectorStore {
        let mut s = VectorStore::new(dim, storage, metric);
        let slots = raw.len() / s.row_bytes;
        s.resize(slots);
        let n = slots * s.row_bytes;
        s.raw_mut().copy_from_slice(&raw[..n]);
        s.quant = quant;
        s
    }

    pub fn slots(&self) -> usize {
        self.slots
    }

    pub fn is_mapped(&self) -> bool {
        matches!(self.bytes, Bytes::Mapped { .. })
    }

    /// All row bytes (`slots · row_bytes`).
    pub fn raw(&self) -> &[u8] {
        match &self.bytes {
            Bytes::Owned(v) => {
                // SAFETY: `Line` is plain bytes; the slice covers exactly the owned lines.
                let all = unsafe {
                    std::slice::from_raw_parts(v.as_ptr() as *const u8, v.len() * ROW_ALIGN)
                };
                &all[..self.slots * self.row_bytes]
            }
            Bytes::Mapped { map, offset, len } => &map[*offset..*offset + *len],
        }
    }

    fn raw_mut(&mut self) -> &mut [u8] {
        self.make_owned();
        let n = self.slots * self.row_bytes;
        match &mut self.bytes {
            Bytes::Owned(v) => {
                // SAFETY: as in `raw`.
                let all = unsafe {
                    std::slice::from_raw_parts_mut(v.as_mut_ptr() as *mut u8, v.len() * ROW_ALIGN)
                };
                &mut all[..n]
            }
            Bytes::Mapped { .. } => unreachable!("make_owned converted the store"),
        }
    }

    fn make_owned(&mut self) {
        if let Bytes::Mapped { .. } = self.bytes {
            let raw = self.raw().to_vec();
            let lines = (self.slots * self.row_bytes).div_ceil(ROW_ALIGN);
            let mut v = vec![Line([0; ROW_ALIGN]); lines];
            // SAFETY: `Line` is plain bytes.
            let dst = unsafe {
                std::slice::from_raw_parts_mut(v.as_mut_ptr() as *mut u8, lines * ROW_ALIGN)
            };
            dst[..raw.len()].copy_from_slice(&raw);
            self.bytes = Bytes::Owned(v);
        }
    }

    /// Grows (or shrinks) to `slots` rows; new rows are zero.
    pub fn resize(&mut self, slots: usize) {
        self.make_owned();
        let lines = (slots * self.row_bytes).div_ceil(ROW_ALIGN);
        if let Bytes::Owned(v) = &mut self.bytes {
            if lines > v.capacity() {
                v.reserve(lines.max(v.capacity() * 3 / 2) - v.len());
            }
            v.resize(lines, Line([0; ROW_ALIGN]));
        }
        self.slots = slots;
        if self.storage == Storage::I8 {
            self.quant.resize(slots, QuantParams::default());
        }
    }

    /// Heap bytes held (mapped bytes are counted too: they occupy page cache).
    pub fn memory_bytes(&self) -> usize {
        let rows = match &self.bytes {
            Bytes::Owned(v) => v.capacity() * ROW_ALIGN,
            Bytes::Mapped { len, .. } => *len,
        };
        rows + self.quant.capacity() * std::mem::size_of::<QuantParams>()
    }

    #[inline(always)]
    fn row(&self, slot: u32) -> &[u8] {
        let off = slot as usize * self.row_bytes;
        &self.raw()[off..off + self.row_bytes]
    }

    #[inline(always)]
    fn row_ptr(&self, slot: u32) -> *const u8 {
        self.row(slot).as_ptr()
    }

    #[inline(always)]
    pub fn row_f32(&self, slot: u32) -> &[f32] {
        let p = self.row_ptr(slot) as *const f32;
        // SAFETY: rows are 64-byte aligned and hold at least `dim` f32 values in F32 storage.
        unsafe { std::slice::from_raw_parts(p, self.dim) }
    }

    #[inline(always)]
    pub fn row_f16(&self, slot: u32) -> &[u16] {
        let p = self.row_ptr(slot) as *const u16;
        // SAFETY: rows are aligned and hold `dim` halves in F16 storage.
        unsafe { std::slice::from_raw_parts(p, self.dim) }
    }

    #[inline(always)]
    pub fn row_u8(&self, slot: u32) -> &[u8] {
        &self.row(slot)[..self.dim]
    }

    /// Prefetches the first cache lines of a row (a hint only).
    #[inline(always)]
    pub fn prefetch(&self, slot: u32) {
        #[cfg(target_arch = "x86_64")]
        {
            let off = slot as usize * self.row_bytes;
            let raw = self.raw();
            if off + self.row_bytes <= raw.len() {
                let p = raw[off..].as_ptr();
                let lines = (self.row_bytes / ROW_ALIGN).min(4);
                for l in 0..lines {
                    // SAFETY: the address lies inside the row; prefetch never faults anyway.
                    unsafe {
                        std::arch::x86_64::_mm_prefetch(
                            p.add(l * ROW_ALIGN) as *const i8,
                            std::arch::x86_64::_MM_HINT_T0,
                        )
                    };
                }
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = slot;
    }

    /// Normalizes (for cosine) and computes the sums the 8-bit path needs.
    pub fn prepare(&self, q: &[f32]) -> Query {
        let mut v = q.to_vec();
        if self.metric == Metric::Cosine {
            normalize(&mut v);
        }
        let sum = v.iter().sum();
        let norm2 = self.k.dot_f32(&v, &v);
        Query { v, sum, norm2 }
    }

    /// Writes a (prepared, already normalized if cosine) vector into `slot`.
    pub fn set(&mut self, slot: u32, v: &[f32]) {
        let dim = self.dim;
        let storage = self.storage;
        let rb = self.row_bytes;
        let raw = self.raw_mut();
        let row = &mut raw[slot as usize * rb..slot as usize * rb + rb];
        let qp = encode_row(storage, dim, v, row);
        if storage == Storage::I8 {
            self.quant[slot as usize] = qp;
        }
    }

    /// Writes many rows in parallel: `slots[i]` receives `vectors[i·dim..]` (already normalized).
    pub fn set_many(&mut self, slots: &[u32], vectors: &[f32]) {
        use rayon::prelude::*;
        let dim = self.dim;
        let storage = self.storage;
        let rb = self.row_bytes;
        let raw = self.raw_mut();
        let base = raw.as_mut_ptr() as usize;
        let len = raw.len();
        let params: Vec<QuantParams> = slots
            .par_iter()
            .enumerate()
            .map(|(i, &slot)| {
                let off = slot as usize * rb;
                assert!(off + rb <= len, "slot out of range");
                // SAFETY: slots are distinct (the caller allocates them), so rows do not alias.
                let row = unsafe { std::slice::from_raw_parts_mut((base + off) as *mut u8, rb) };
                encode_row(storage, dim, &vectors[i * dim..(i + 1) * dim], row)
            })
            .collect();
        if storage == Storage::I8 {
            for (i, &slot) in slots.iter().enumerate() {
                self.quant[slot as usize] = params[i];
            }
        }
    }

    /// Decodes a stored row into f32.
    pub fn decode(&self, slot: u32, out: &mut Vec<f32>) {
        out.clear();
        match self.storage {
            Storage::F32 => out.extend_from_slice(self.row_f32(slot)),
            Storage::F16 => out.extend(self.row_f16(slot).iter().map(|h| f16_to_f32(*h))),
            Storage::I8 => {
                let p = self.quant[slot as usize];
                out.extend(self.row_u8(slot).iter().map(|c| p.lo + p.scale * *c as f32));
            }
        }
    }

    /// Loads a stored row as a query (decoded to f32; already normalized for cosine).
    pub fn load(&self, slot: u32, q: &mut Query) {
        self.decode(slot, &mut q.v);
        if self.storage == Storage::I8 {
            q.sum = q.v.iter().sum();
            q.norm2 = self.k.dot_f32(&q.v, &q.v);
        }
    }

    /// Distance from a prepared query to a stored row ("smaller is closer").
    #[inline(always)]
    pub fn dist(&self, q: &Query, slot: u32) -> f32 {
        let k = self.k;
        match (self.storage, self.metric) {
            (Storage::F32, Metric::L2) => k.l2_f32(&q.v, self.row_f32(slot)),
            (Storage::F32, _) => 1.0 - k.dot_f32(&q.v, self.row_f32(slot)),
            (Storage::F16, Metric::L2) => k.l2_f16(&q.v, self.row_f16(slot)),
            (Storage::F16, _) => 1.0 - k.dot_f16(&q.v, self.row_f16(slot)),
            (Storage::I8, m) => {
                let p = self.quant[slot as usize];
                let dot = p.lo * q.sum + p.scale * k.dot_u8(&q.v, self.row_u8(slot));
                if m == Metric::L2 {
                    (q.norm2 - 2.0 * dot + p.norm2).max(0.0)
                } else {
                    1.0 - dot
                }
            }
        }
    }

    /// Distances from a prepared query to the consecutive slots `lo..lo + out.len()`, one per
    /// element of `out` (the flat scan's inner loop: f32 rows go through the block kernels).
    pub fn dist_rows(&self, q: &Query, lo: usize, out: &mut [f32]) {
        let k = self.k;
        let rb = self.row_bytes;
        match (self.storage, self.metric) {
            (Storage::F32, m) => {
                let rows = &self.raw()[lo * rb..(lo + out.len()) * rb];
                if m == Metric::L2 {
                    k.l2_f32_rows(&q.v, rows, rb, out);
                } else {
                    k.dot_f32_rows(&q.v, rows, rb, out);
                    out.iter_mut().for_each(|d| *d = 1.0 - *d);
                }
            }
            _ => {
                for (i, d) in out.iter_mut().enumerate() {
                    *d = self.dist(q, (lo + i) as u32);
                }
            }
        }
    }

    /// Kernel table in use.
    pub fn kernels(&self) -> &'static Kernels {
        self.k
    }
}

/// Scales `v` to unit length (zero vectors stay zero).
pub fn normalize(v: &mut [f32]) {
    let n: f32 = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if n > 0.0 {
        for x in v.iter_mut() {
            *x /= n;
        }
    }
}

fn encode_row(storage: Storage, dim: usize, v: &[f32], row: &mut [u8]) -> QuantParams {
    match storage {
        Storage::F32 => {
            for (i, x) in v.iter().enumerate() {
                row[i * 4..i * 4 + 4].copy_from_slice(&x.to_le_bytes());
            }
            QuantParams::default()
        }
        Storage::F16 => {
            for (i, x) in v.iter().enumerate() {
                row[i * 2..i * 2 + 2].copy_from_slice(&f32_to_f16(*x).to_le_bytes());
            }
            QuantParams::default()
        }
        Storage::I8 => {
            let lo = v.iter().copied().fold(f32::INFINITY, f32::min);
            let hi = v.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            let (lo, hi) = if dim == 0 { (0.0, 0.0) } else { (lo, hi) };
            let scale = if hi > lo { (hi - lo) / 255.0 } else { 0.0 };
            let mut norm2 = 0.0f32;
            for (i, x) in v.iter().enumerate() {
                let c = if scale > 0.0 {
                    ((x - lo) / scale).round().clamp(0.0, 255.0) as u8
                } else {
                    0
                };
                row[i] = c;
                let d = lo + scale * c as f32;
                norm2 += d * d;
            }
            QuantParams { lo, scale, norm2 }
        }
    }
}
