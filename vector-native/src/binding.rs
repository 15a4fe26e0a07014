//! The thin napi-rs layer: argument marshalling, off-thread tasks and error encoding only.
//! Validation with user-facing field names lives in the TypeScript wrapper (`index.ts`) and, as a
//! second line, in the core; every entry point runs inside `catch` so no panic reaches Node.
//!
//! Errors cross as a JS `Error` whose message is a JSON object
//! `{"kind", "message", "field", "expected", "received", "name", "path"}`; `errors.ts` turns it
//! into the matching `@arbiter/core` class.

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Instant;

use napi::bindgen_prelude::*;
use napi_derive::napi;
use parking_lot::RwLock;

use crate::config::{IndexConfig, Kind, Metric, Storage};
use crate::error::{catch, Error as VError};
use crate::index::{Hits, Index, SearchOptions};
use crate::payload::{Bound, ColumnInput, Condition, FieldInput, Test, Value};

fn json_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn to_js(e: VError) -> napi::Error {
    let mut s = String::from("{\"kind\":");
    json_str(&mut s, e.kind());
    s.push_str(",\"message\":");
    json_str(&mut s, &e.to_string());
    let mut field = |k: &str, v: &str| {
        s.push_str(",\"");
        s.push_str(k);
        s.push_str("\":");
        json_str(&mut s, v);
    };
    match &e {
        VError::InvalidArgument {
            field: f,
            expected,
            received,
        } => {
            field("field", f);
            field("expected", expected);
            field("received", received);
        }
        VError::NotFound { kind, name } => {
            field("objectKind", kind);
            field("name", name);
        }
        VError::Corrupt { path, reason } => {
            field("path", path);
            field("reason", reason);
        }
        VError::Io { path, .. } => field("path", path),
        _ => {}
    }
    s.push('}');
    napi::Error::new(Status::GenericFailure, s)
}

fn run<T>(f: impl FnOnce() -> crate::Result<T>) -> Result<T> {
    catch(f).map_err(to_js)
}

/// Index configuration (validated again by the core).
#[napi(object)]
pub struct IndexOptions {
    pub kind: String,
    pub dim: u32,
    pub metric: String,
    pub storage: Option<String>,
    pub m: Option<u32>,
    pub ef_construction: Option<u32>,
    pub ef_search: Option<u32>,
    pub threads: Option<u32>,
    pub seed: Option<u32>,
}

/// One filter condition: `values` (string in-set) or a numeric range.
#[napi(object)]
pub struct FilterCondition {
    pub field: String,
    pub values: Option<Vec<String>>,
    pub gte: Option<f64>,
    pub gt: Option<f64>,
    pub lte: Option<f64>,
    pub lt: Option<f64>,
}

/// Per-query options.
#[napi(object)]
pub struct SearchArgs {
    pub k: u32,
    pub ef_search: Option<u32>,
    pub filter: Option<Vec<FilterCondition>>,
    pub with_payloads: Option<bool>,
    pub exact: Option<bool>,
}

/// One payload column of a batch: strings as dictionary codes (0 = absent) or numbers (NaN =
/// absent).
#[napi(object)]
pub struct PayloadColumn {
    pub name: String,
    pub codes: Option<Uint32Array>,
    pub dict: Option<Vec<String>>,
    pub numbers: Option<Float64Array>,
}

/// Search results, nearest first. Batch results are concatenated; `counts[i]` says how many
/// belong to query `i`. `payloads` is a JSON array (one object per hit) when requested.
#[napi(object)]
pub struct NativeHits {
    pub ids: BigUint64Array,
    pub distances: Float32Array,
    pub counts: Uint32Array,
    pub payloads: Option<String>,
}

/// Index statistics.
#[napi(object)]
pub struct NativeStats {
    pub kind: String,
    pub dim: u32,
    pub metric: String,
    pub storage: String,
    pub m: u32,
    pub ef_construction: u32,
    pub ef_search: u32,
    pub threads: u32,
    pub size: f64,
    pub slots: f64,
    pub tombstones: f64,
    pub memory_bytes: f64,
    pub mapped: bool,
    pub isa: String,
}

fn conditions(filter: Option<Vec<FilterCondition>>) -> Vec<Condition> {
    filter
        .unwrap_or_default()
        .into_iter()
        .map(|c| {
            let test = match c.values {
                Some(v) => Test::In(v),
                None => Test::Range {
                    min: c
                        .gte
                        .map(Bound::Inclusive)
                        .or(c.gt.map(Bound::Exclusive))
                        .unwrap_or(Bound::Unbounded),
                    max: c
                        .lte
                        .map(Bound::Inclusive)
                        .or(c.lt.map(Bound::Exclusive))
                        .unwrap_or(Bound::Unbounded),
                },
            };
            Condition {
                field: c.field,
                test,
            }
        })
        .collect()
}

fn options(a: SearchArgs) -> SearchOptions {
    SearchOptions {
        k: a.k as usize,
        ef: a.ef_search.map(|e| e as usize),
        filter: conditions(a.filter),
        with_payloads: a.with_payloads.unwrap_or(false),
        exact: a.exact.unwrap_or(false),
    }
}

fn payload_json(out: &mut String, p: &[(String, Value)]) {
    out.push('{');
    for (i, (k, v)) in p.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        json_str(out, k);
        out.push(':');
        match v {
            Value::Str(s) => json_str(out, s),
            Value::Num(x) => out.push_str(&format!("{x}")),
        }
    }
    out.push('}');
}

fn to_hits(all: Vec<Hits>, with_payloads: bool) -> NativeHits {
    let mut ids = Vec::new();
    let mut distances = Vec::new();
    let mut counts = Vec::with_capacity(all.len());
    let mut json = String::from("[");
    let mut first = true;
    for h in all {
        counts.push(h.ids.len() as u32);
        ids.extend_from_slice(&h.ids);
        distances.extend_from_slice(&h.distances);
        for p in h.payloads.iter().flatten() {
            if !first {
                json.push(',');
            }
            first = false;
            payload_json(&mut json, p);
        }
    }
    json.push(']');
    NativeHits {
        ids: BigUint64Array::new(ids),
        distances: Float32Array::new(distances),
        counts: Uint32Array::new(counts),
        payloads: with_payloads.then_some(json),
    }
}

/// A cancellation flag for long operations (build, batch search).
#[napi]
pub struct CancelToken {
    flag: Arc<AtomicBool>,
}

#[napi]
impl CancelToken {
    #[napi(constructor)]
    pub fn new() -> Self {
        CancelToken {
            flag: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Requests cancellation; running work stops at its next check.
    #[napi]
    pub fn cancel(&self) {
        self.flag.store(true, Ordering::Relaxed);
    }
}

impl Default for CancelToken {
    fn default() -> Self {
        Self::new()
    }
}

type Shared = Arc<RwLock<Index>>;

pub struct UpsertTask {
    index: Shared,
    ids: Vec<u64>,
    vectors: Vec<f32>,
    fields: Vec<FieldInput>,
    cancel: Option<Arc<AtomicBool>>,
}

#[napi]
impl Task for UpsertTask {
    type Output = u32;
    type JsValue = u32;
    fn compute(&mut self) -> Result<u32> {
        run(|| {
            let mut idx = self.index.write();
            idx.upsert(&self.ids, &self.vectors, &self.fields, self.cancel.as_ref())?;
            Ok(self.ids.len() as u32)
        })
    }
    fn resolve(&mut self, _: Env, n: u32) -> Result<u32> {
        Ok(n)
    }
}

pub struct DeleteTask {
    index: Shared,
    ids: Vec<u64>,
}

#[napi]
impl Task for DeleteTask {
    type Output = u32;
    type JsValue = u32;
    fn compute(&mut self) -> Result<u32> {
        run(|| Ok(self.index.write().delete(&self.ids)? as u32))
    }
    fn resolve(&mut self, _: Env, n: u32) -> Result<u32> {
        Ok(n)
    }
}

pub struct CompactTask {
    index: Shared,
}

#[napi]
impl Task for CompactTask {
    type Output = ();
    type JsValue = ();
    fn compute(&mut self) -> Result<()> {
        run(|| {
            self.index.write().compact();
            Ok(())
        })
    }
    fn resolve(&mut self, _: Env, _: ()) -> Result<()> {
        Ok(())
    }
}

pub struct SearchTask {
    index: Shared,
    queries: Vec<f32>,
    opts: SearchOptions,
    batch: bool,
    threads: usize,
    cancel: Option<Arc<AtomicBool>>,
}

#[napi]
impl Task for SearchTask {
    type Output = Vec<Hits>;
    type JsValue = NativeHits;
    fn compute(&mut self) -> Result<Vec<Hits>> {
        run(|| {
            let idx = self.index.read();
            if self.batch {
                idx.search_batch(
                    &self.queries,
                    &self.opts,
                    self.threads,
                    self.cancel.as_ref(),
                )
            } else {
                Ok(vec![idx.search(&self.queries, &self.opts)?])
            }
        })
    }
    fn resolve(&mut self, _: Env, out: Vec<Hits>) -> Result<NativeHits> {
        Ok(to_hits(out, self.opts.with_payloads))
    }
}

/// A moving mean of how long one unfiltered search of an index takes (compute only, no thread
/// hop), which the wrapper uses to decide whether a search is cheap enough to run inline.
#[derive(Default)]
pub struct SearchTiming {
    /// f32 bits of the mean in microseconds; 0 until the first search.
    mean_micros: AtomicU32,
}

impl SearchTiming {
    fn record(&self, started: Instant) {
        let x = started.elapsed().as_secs_f32() * 1e6;
        let old = f32::from_bits(self.mean_micros.load(Ordering::Relaxed));
        // Racy read-modify-write between concurrent searches: an occasionally lost sample is fine.
        let new = if old == 0.0 {
            x
        } else {
            old + (x - old) / 16.0
        };
        self.mean_micros.store(new.to_bits(), Ordering::Relaxed);
    }

    fn micros(&self) -> f64 {
        f32::from_bits(self.mean_micros.load(Ordering::Relaxed)) as f64
    }
}

/// The lean search path: plain arguments, results written into caller-owned arrays.
pub struct SearchIntoTask {
    index: Shared,
    timing: Arc<SearchTiming>,
    query: Vec<f32>,
    k: usize,
    ef: Option<usize>,
    out_ids: BigUint64Array,
    out_dist: Float32Array,
}

/// `efSearch` from JS: 0 means the index default.
fn ef_option(ef_search: u32) -> Option<usize> {
    (ef_search > 0).then_some(ef_search as usize)
}

/// One search into the caller's arrays (every `searchInto` variant), timed into `timing`.
fn search_into(
    index: &Index,
    query: &[f32],
    k: usize,
    ef: Option<usize>,
    out_ids: &mut [u64],
    out_dist: &mut [f32],
    timing: &SearchTiming,
) -> crate::Result<u32> {
    if out_ids.len() < k || out_dist.len() < k {
        return Err(VError::invalid(
            "output",
            format!("arrays of at least k = {k} elements"),
            out_ids.len().min(out_dist.len()),
        ));
    }
    let mut o = SearchOptions::k(k);
    o.ef = ef;
    let started = Instant::now();
    let h = index.search(query, &o)?;
    timing.record(started);
    out_ids[..h.ids.len()].copy_from_slice(&h.ids);
    out_dist[..h.distances.len()].copy_from_slice(&h.distances);
    Ok(h.ids.len() as u32)
}

#[napi]
impl Task for SearchIntoTask {
    type Output = u32;
    type JsValue = u32;
    fn compute(&mut self) -> Result<u32> {
        run(|| {
            let idx = self.index.read();
            // SAFETY: the wrapper hands over freshly allocated arrays and does not touch them until
            // this task resolves; the references keep them alive.
            let (ids, dist) = unsafe { (self.out_ids.as_mut(), self.out_dist.as_mut()) };
            search_into(&idx, &self.query, self.k, self.ef, ids, dist, &self.timing)
        })
    }
    fn resolve(&mut self, _: Env, n: u32) -> Result<u32> {
        Ok(n)
    }
}

pub struct SaveTask {
    index: Shared,
    path: String,
}

#[napi]
impl Task for SaveTask {
    type Output = f64;
    type JsValue = f64;
    fn compute(&mut self) -> Result<f64> {
        run(|| Ok(crate::snapshot::save(&self.index.read(), &self.path)? as f64))
    }
    fn resolve(&mut self, _: Env, n: f64) -> Result<f64> {
        Ok(n)
    }
}

pub struct LoadTask {
    path: String,
    mmap: bool,
}

#[napi]
impl Task for LoadTask {
    type Output = Index;
    type JsValue = NativeIndex;
    fn compute(&mut self) -> Result<Index> {
        run(|| crate::snapshot::load(&self.path, self.mmap))
    }
    fn resolve(&mut self, _: Env, idx: Index) -> Result<NativeIndex> {
        Ok(NativeIndex {
            inner: Arc::new(RwLock::new(idx)),
            timing: Arc::default(),
        })
    }
}

pub struct BandwidthTask {
    bytes: usize,
    threads: usize,
    passes: usize,
}

#[napi]
impl Task for BandwidthTask {
    type Output = f64;
    type JsValue = f64;
    fn compute(&mut self) -> Result<f64> {
        run(|| {
            Ok(crate::util::memory_read_bandwidth(
                self.bytes,
                self.threads,
                self.passes,
            ))
        })
    }
    fn resolve(&mut self, _: Env, n: f64) -> Result<f64> {
        Ok(n)
    }
}

/// A native vector index. Held privately by the TypeScript wrapper.
#[napi]
pub struct NativeIndex {
    inner: Shared,
    timing: Arc<SearchTiming>,
}

#[napi]
impl NativeIndex {
    #[napi(constructor)]
    pub fn new(o: IndexOptions) -> Result<Self> {
        run(|| {
            let mut cfg = IndexConfig::new(
                Kind::parse(&o.kind)?,
                o.dim as usize,
                Metric::parse(&o.metric)?,
            );
            if let Some(s) = &o.storage {
                cfg.storage = Storage::parse(s)?;
            }
            if let Some(m) = o.m {
                cfg.m = m as usize;
            }
            if let Some(e) = o.ef_construction {
                cfg.ef_construction = e as usize;
            }
            if let Some(e) = o.ef_search {
                cfg.ef_search = e as usize;
            }
            if let Some(t) = o.threads {
                cfg.threads = t as usize;
            }
            if let Some(s) = o.seed {
                cfg.seed = s as u64;
            }
            Ok(NativeIndex {
                inner: Arc::new(RwLock::new(Index::new(cfg)?)),
                timing: Arc::default(),
            })
        })
    }

    /// Inserts or replaces vectors (off the JS thread).
    #[napi]
    pub fn upsert(
        &self,
        ids: BigUint64Array,
        vectors: Float32Array,
        payload: Option<Vec<PayloadColumn>>,
        cancel: Option<&CancelToken>,
    ) -> Result<AsyncTask<UpsertTask>> {
        let fields = run(|| {
            payload
                .unwrap_or_default()
                .into_iter()
                .map(|c| {
                    let column = match (c.codes, c.dict, c.numbers) {
                        (Some(codes), Some(dict), None) => ColumnInput::Str {
                            codes: codes.to_vec(),
                            dict,
                        },
                        (None, None, Some(n)) => ColumnInput::Num { values: n.to_vec() },
                        _ => {
                            return Err(VError::invalid(
                                format!("payloads.{}", c.name),
                                "either codes+dict or numbers",
                                "a mixed column",
                            ))
                        }
                    };
                    Ok(FieldInput {
                        name: c.name,
                        column,
                    })
                })
                .collect::<crate::Result<Vec<_>>>()
        })?;
        Ok(AsyncTask::new(UpsertTask {
            index: self.inner.clone(),
            ids: ids.to_vec(),
            vectors: vectors.to_vec(),
            fields,
            cancel: cancel.map(|c| c.flag.clone()),
        }))
    }

    /// Deletes ids (all must exist) and repairs the graph when enough tombstones accumulated.
    #[napi]
    pub fn delete(&self, ids: BigUint64Array) -> AsyncTask<DeleteTask> {
        AsyncTask::new(DeleteTask {
            index: self.inner.clone(),
            ids: ids.to_vec(),
        })
    }

    /// Repairs the graph around every tombstone now.
    #[napi]
    pub fn compact(&self) -> AsyncTask<CompactTask> {
        AsyncTask::new(CompactTask {
            index: self.inner.clone(),
        })
    }

    /// Searches one query off the JS thread.
    #[napi]
    pub fn search(&self, query: Float32Array, args: SearchArgs) -> AsyncTask<SearchTask> {
        AsyncTask::new(SearchTask {
            index: self.inner.clone(),
            queries: query.to_vec(),
            opts: options(args),
            batch: false,
            threads: 0,
            cancel: None,
        })
    }

    /// Searches one query on the calling thread (for callers that measured it to be cheap).
    #[napi]
    pub fn search_sync(&self, query: Float32Array, args: SearchArgs) -> Result<NativeHits> {
        let opts = options(args);
        let with = opts.with_payloads;
        let hits = run(|| self.inner.read().search(&query, &opts))?;
        Ok(to_hits(vec![hits], with))
    }

    /// Unfiltered search writing into `outIds`/`outDistances` (≥ k elements); resolves to the
    /// number of hits. Fewer napi objects than `search`: the wrapper's fast path.
    #[napi]
    pub fn search_into(
        &self,
        query: Float32Array,
        k: u32,
        ef_search: u32,
        out_ids: BigUint64Array,
        out_distances: Float32Array,
    ) -> AsyncTask<SearchIntoTask> {
        AsyncTask::new(SearchIntoTask {
            index: self.inner.clone(),
            timing: self.timing.clone(),
            query: query.to_vec(),
            k: k as usize,
            ef: ef_option(ef_search),
            out_ids,
            out_dist: out_distances,
        })
    }

    /// Synchronous twin of `searchInto` (`efSearch` 0 = the index default).
    #[napi]
    pub fn search_into_sync(
        &self,
        query: Float32Array,
        k: u32,
        ef_search: u32,
        mut out_ids: BigUint64Array,
        mut out_distances: Float32Array,
    ) -> Result<u32> {
        run(|| {
            let idx = self.inner.read();
            // SAFETY: the arrays are only touched by this call for its duration.
            let (ids, dist) = unsafe { (out_ids.as_mut(), out_distances.as_mut()) };
            search_into(
                &idx,
                &query,
                k as usize,
                ef_option(ef_search),
                ids,
                dist,
                &self.timing,
            )
        })
    }

    /// `searchIntoSync` that never waits: resolves to -1 at once when the index is locked by a
    /// writer (an upsert, delete or compact in progress), so the caller can go off-thread instead
    /// of blocking the event loop behind the writer.
    #[napi]
    pub fn search_into_inline(
        &self,
        query: Float32Array,
        k: u32,
        ef_search: u32,
        mut out_ids: BigUint64Array,
        mut out_distances: Float32Array,
    ) -> Result<i32> {
        run(|| {
            let Some(idx) = self.inner.try_read() else {
                return Ok(-1);
            };
            // SAFETY: the arrays are only touched by this call for its duration.
            let (ids, dist) = unsafe { (out_ids.as_mut(), out_distances.as_mut()) };
            let n = search_into(
                &idx,
                &query,
                k as usize,
                ef_option(ef_search),
                ids,
                dist,
                &self.timing,
            )?;
            Ok(n as i32)
        })
    }

    /// Moving mean of one unfiltered search's compute time in microseconds (0 before the first).
    #[napi]
    pub fn typical_search_micros(&self) -> f64 {
        self.timing.micros()
    }

    /// Searches many queries (row-major) in parallel off the JS thread.
    #[napi]
    pub fn search_batch(
        &self,
        queries: Float32Array,
        args: SearchArgs,
        threads: u32,
        cancel: Option<&CancelToken>,
    ) -> AsyncTask<SearchTask> {
        AsyncTask::new(SearchTask {
            index: self.inner.clone(),
            queries: queries.to_vec(),
            opts: options(args),
            batch: true,
            threads: threads as usize,
            cancel: cancel.map(|c| c.flag.clone()),
        })
    }

    /// Writes a snapshot (off the JS thread); resolves to its size in bytes.
    #[napi]
    pub fn save(&self, path: String) -> AsyncTask<SaveTask> {
        AsyncTask::new(SaveTask {
            index: self.inner.clone(),
            path,
        })
    }

    /// Which of `ids` are present.
    #[napi]
    pub fn contains(&self, ids: BigUint64Array) -> Result<Vec<bool>> {
        run(|| {
            let idx = self.inner.read();
            Ok(ids.iter().map(|id| idx.contains(*id)).collect())
        })
    }

    /// The payload of one id as a JSON object.
    #[napi]
    pub fn payload(&self, id: BigInt) -> Result<String> {
        let (_, v, _) = id.get_u64();
        run(|| {
            let p = self.inner.read().payload(v)?;
            let mut s = String::new();
            payload_json(&mut s, &p);
            Ok(s)
        })
    }

    /// Statistics (cheap).
    #[napi]
    pub fn stats(&self) -> Result<NativeStats> {
        run(|| {
            let idx = self.inner.read();
            let c = &idx.cfg;
            Ok(NativeStats {
                kind: c.kind.name().into(),
                dim: c.dim as u32,
                metric: c.metric.name().into(),
                storage: c.storage.name().into(),
                m: c.m as u32,
                ef_construction: c.ef_construction as u32,
                ef_search: c.ef_search as u32,
                threads: c.threads as u32,
                size: idx.len() as f64,
                slots: idx.ids.len() as f64,
                tombstones: idx.dead.len() as f64,
                memory_bytes: idx.memory_bytes() as f64,
                mapped: idx.store.is_mapped(),
                isa: idx.store.kernels().isa.name().into(),
            })
        })
    }
}

/// Loads a snapshot (off the JS thread).
#[napi]
pub fn load_index(path: String, mmap: bool) -> AsyncTask<LoadTask> {
    AsyncTask::new(LoadTask { path, mmap })
}

/// The instruction set the distance kernels use on this CPU.
#[napi]
pub fn cpu_isa() -> String {
    crate::kernels::Kernels::get().isa.name().into()
}

/// Measures memory read bandwidth (bytes/s) with `threads` workers over a `bytes` buffer.
#[napi]
pub fn memory_read_bandwidth(bytes: f64, threads: u32, passes: u32) -> AsyncTask<BandwidthTask> {
    AsyncTask::new(BandwidthTask {
        bytes: bytes.max(0.0) as usize,
        threads: threads as usize,
        passes: passes as usize,
    })
}
