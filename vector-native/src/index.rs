//! One collection of vectors: ids, vectors, payloads and (for HNSW) the graph, with upsert,
//! delete, exact or approximate search and filtered search.

use std::collections::{BinaryHeap, HashMap};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use rayon::prelude::*;

use crate::config::{IndexConfig, Kind, Metric, MAX_EF, MAX_K};
use crate::error::{Error, Result};
use crate::hnsw::{Cand, Graph};
use crate::payload::{Condition, FieldInput, Filter, PayloadStore, Value};
use crate::rng::Rng;
use crate::store::{Query, VectorStore};
use crate::worker_yield::yield_if_due;

/// Below this estimated fraction of matching vectors a filtered HNSW query switches to an exact
/// scan of the matching vectors (the graph walk would visit ~1/selectivity nodes per result).
pub const EXACT_SCAN_SELECTIVITY: f64 = 0.02;
/// Flat scans over more vectors than this are split across threads.
const PARALLEL_SCAN_MIN: usize = 32_768;
/// Tombstones are repaired once they exceed this fraction of the slots.
const REPAIR_FRACTION: f64 = 0.01;

/// One query's results, nearest first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Hits {
    pub ids: Vec<u64>,
    pub distances: Vec<f32>,
    /// Filled only when payloads were requested.
    pub payloads: Option<Vec<Vec<(String, Value)>>>,
}

/// Per-query options.
#[derive(Clone, Debug)]
pub struct SearchOptions {
    pub k: usize,
    /// HNSW candidate list size; `None` uses the index default.
    pub ef: Option<usize>,
    pub filter: Vec<Condition>,
    pub with_payloads: bool,
    /// Force an exact scan even on an HNSW index.
    pub exact: bool,
}

impl SearchOptions {
    pub fn k(k: usize) -> SearchOptions {
        SearchOptions {
            k,
            ef: None,
            filter: Vec::new(),
            with_payloads: false,
            exact: false,
        }
    }
}

/// A cancellation flag shared with the caller.
pub type Cancel = Arc<AtomicBool>;

/// A rayon pool per distinct thread count, shared by every index in the process.
pub fn pool(threads: usize) -> Arc<rayon::ThreadPool> {
    static POOLS: OnceLock<Mutex<HashMap<usize, Arc<rayon::ThreadPool>>>> = OnceLock::new();
    let n = if threads == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        threads
    };
    let mut pools = POOLS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    pools
        .entry(n)
        .or_insert_with(|| {
            Arc::new(
                rayon::ThreadPoolBuilder::new()
                    .num_threads(n)
                    .thread_name(move |i| format!("vector-{n}-{i}"))
                    .build()
                    .expect("rayon pool"),
            )
        })
        .clone()
}

/// A vector index.
pub struct Index {
    pub cfg: IndexConfig,
    pub store: VectorStore,
    /// External id of each slot (meaningful only where `alive`).
    pub ids: Vec<u64>,
    /// 1 = live, 0 = free or tombstoned.
    pub alive: Vec<u8>,
    /// Tombstoned HNSW slots still linked in the graph (waiting for repair).
    pub dead: Vec<u32>,
    pub free: Vec<u32>,
    pub id_map: HashMap<u64, u32>,
    pub payloads: PayloadStore,
    pub graph: Option<Graph>,
    pub rng: Rng,
}

impl Index {
    /// An empty index.
    pub fn new(cfg: IndexConfig) -> Result<Index> {
        cfg.validate()?;
        let graph = (cfg.kind == Kind::Hnsw).then(|| Graph::new(cfg.m, cfg.ef_construction));
        Ok(Index {
            store: VectorStore::new(cfg.dim, cfg.storage, cfg.metric),
            ids: Vec::new(),
            alive: Vec::new(),
            dead: Vec::new(),
            free: Vec::new(),
            id_map: HashMap::new(),
            payloads: PayloadStore::default(),
            graph,
            rng: Rng::new(cfg.seed),
            cfg,
        })
    }

    /// Live vectors.
    pub fn len(&self) -> usize {
        self.id_map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.id_map.is_empty()
    }

    /// Bytes held by vectors, graph, ids and payloads.
    pub fn memory_bytes(&self) -> usize {
        self.store.memory_bytes()
            + self.graph.as_ref().map_or(0, Graph::memory_bytes)
            + self.ids.capacity() * 8
            + self.alive.capacity()
            + (self.dead.capacity() + self.free.capacity()) * 4
            // hashbrown: one (u64, u32) bucket (16 bytes with padding) + 1 control byte.
            + self.id_map.capacity() * 17
            + self.payloads.memory_bytes()
    }

    pub fn contains(&self, id: u64) -> bool {
        self.id_map.contains_key(&id)
    }

    fn check_vectors(&self, vectors: &[f32], count: usize, field: &str) -> Result<()> {
        let dim = self.cfg.dim;
        if vectors.len() != count * dim {
            let rows = if vectors.len().is_multiple_of(dim) {
                format!(
                    "{} values ({} vectors of dimension {dim})",
                    vectors.len(),
                    vectors.len() / dim
                )
            } else {
                format!("{} values (not a multiple of {dim})", vectors.len())
            };
            return Err(Error::invalid(
                field,
                format!("{} values ({count} × dimension {dim})", count * dim),
                rows,
            ));
        }
        if let Some(i) = vectors.iter().position(|x| !x.is_finite()) {
            return Err(Error::invalid(
                format!("{field}[{}][{}]", i / dim, i % dim),
                "a finite number",
                vectors[i],
            ));
        }
        Ok(())
    }

    /// Inserts or replaces vectors by id. `vectors` holds `ids.len() × dim` values row-major;
    /// `payload` columns (if any) hold one value per id. Replacing an id replaces its payload.
    pub fn upsert(
        &mut self,
        ids: &[u64],
        vectors: &[f32],
        payload: &[FieldInput],
        cancel: Option<&Cancel>,
    ) -> Result<()> {
        self.check_vectors(vectors, ids.len(), "vectors")?;
        {
            let mut seen = HashMap::with_capacity(ids.len());
            for (i, id) in ids.iter().enumerate() {
                if let Some(j) = seen.insert(*id, i) {
                    return Err(Error::invalid(
                        "ids",
                        "unique ids within one call",
                        format!("id {id} at positions {j} and {i}"),
                    ));
                }
            }
        }
        self.payloads.validate(payload, ids.len())?;
        if ids.is_empty() {
            return Ok(());
        }
        let reused = self.free.len().min(ids.len());
        let grow = ids.len() - reused;
        let first_new = self.ids.len();
        if first_new + grow > u32::MAX as usize - 1 {
            return Err(Error::invalid(
                "ids",
                "at most 4294967294 vectors per index",
                first_new + grow,
            ));
        }
        if cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
            return Err(Error::Cancelled);
        }
        // All-or-nothing: the batch goes into fresh slots (recycled first, then new ones) while
        // every id keeps its current slot. Only once the whole batch is stored and linked do ids
        // switch over and replaced slots retire; a cancelled or failed build retires the fresh
        // slots instead and leaves ids, vectors and payloads exactly as they were.
        let mut slots: Vec<u32> = self.free.split_off(self.free.len() - reused);
        if grow > 0 {
            let n = first_new + grow;
            self.store.resize(n);
            self.ids.resize(n, 0);
            self.alive.resize(n, 0);
            self.payloads.resize(n);
            if let Some(g) = &mut self.graph {
                g.resize(n);
            }
            slots.extend((first_new..n).map(|s| s as u32));
        }
        // Vectors (normalized for cosine).
        let dim = self.cfg.dim;
        let prepared: Vec<f32>;
        let data = if self.cfg.metric == Metric::Cosine {
            let mut v = vectors.to_vec();
            v.par_chunks_mut(dim).for_each(crate::store::normalize);
            prepared = v;
            &prepared[..]
        } else {
            vectors
        };
        let p = pool(self.cfg.threads);
        let built = crate::error::catch(|| {
            p.install(|| self.store.set_many(&slots, data));
            for (&s, &id) in slots.iter().zip(ids) {
                self.ids[s as usize] = id;
                // Live before linking, so concurrent inserts of this batch may link to each
                // other (nothing else reads the index: upsert holds it exclusively).
                self.alive[s as usize] = 1;
            }
            if let Some(g) = &mut self.graph {
                for &s in &slots {
                    let level = g.draw_level(&mut self.rng);
                    g.reset_node(s, level);
                }
            }
            // Slots about to be replaced stay searchable but are never chosen as neighbors of the
            // batch (they retire on commit, exactly like tombstones).
            let mut replaced = Vec::new();
            for id in ids {
                if let Some(&old) = self.id_map.get(id) {
                    if replaced.is_empty() {
                        replaced = vec![false; self.ids.len()];
                    }
                    replaced[old as usize] = true;
                }
            }
            self.link_batch(&slots, data, &replaced, cancel)
        });
        if let Err(e) = built {
            self.roll_back(&slots);
            return Err(e);
        }
        // Commit: ids move to their new slots, payloads follow, replaced slots retire.
        self.payloads.write(&slots, payload);
        for (&s, &id) in slots.iter().zip(ids) {
            if let Some(old) = self.id_map.insert(id, s) {
                self.retire(old);
            }
        }
        self.maybe_repair(false);
        Ok(())
    }

    /// Links freshly stored `slots` (vectors `data`, row-major) into the graph on the index's
    /// pool, never linking to a slot marked in `replaced`. Stops early with [`Error::Cancelled`] when `cancel` is raised.
    fn link_batch(
        &self,
        slots: &[u32],
        data: &[f32],
        replaced: &[bool],
        cancel: Option<&Cancel>,
    ) -> Result<()> {
        let Some(g) = &self.graph else {
            return Ok(());
        };
        let dim = self.cfg.dim;
        let store = &self.store;
        let alive = &self.alive;
        let cancelled = AtomicBool::new(false);
        pool(self.cfg.threads).install(|| {
            slots
                .par_iter()
                .enumerate()
                .for_each_init(Query::empty, |q, (i, &s)| {
                    if cancelled.load(Ordering::Relaxed) {
                        return;
                    }
                    if cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
                        cancelled.store(true, Ordering::Relaxed);
                        return;
                    }
                    yield_if_due();
                    q.v.clear();
                    q.v.extend_from_slice(&data[i * dim..(i + 1) * dim]);
                    q.sum = q.v.iter().sum();
                    q.norm2 = store.kernels().dot_f32(&q.v, &q.v);
                    g.insert(store, s, q, |x| {
                        alive[x as usize] == 0 || replaced.get(x as usize).is_some_and(|r| *r)
                    });
                });
        });
        if cancelled.load(Ordering::Relaxed) {
            Err(Error::Cancelled)
        } else {
            Ok(())
        }
    }

    /// Undoes a batch that was stored (and perhaps partly linked) but never committed: its slots
    /// are not in `id_map`, so ids still point at their previous slots.
    fn roll_back(&mut self, slots: &[u32]) {
        for &s in slots {
            self.alive[s as usize] = 0;
        }
        if self.graph.is_some() {
            // Partly linked nodes are unlinked by the repair and their slots recycled.
            self.dead.extend_from_slice(slots);
            self.maybe_repair(true);
        } else {
            self.free.extend_from_slice(slots);
        }
    }

    fn retire(&mut self, slot: u32) {
        self.alive[slot as usize] = 0;
        self.payloads.clear_slot(slot);
        if self.graph.is_some() {
            self.dead.push(slot);
        } else {
            self.free.push(slot);
        }
    }

    /// Deletes vectors by id. Every id must exist (otherwise nothing is deleted).
    pub fn delete(&mut self, ids: &[u64]) -> Result<usize> {
        for id in ids {
            if !self.id_map.contains_key(id) {
                return Err(Error::NotFound {
                    kind: "vector id".into(),
                    name: id.to_string(),
                });
            }
        }
        let mut n = 0;
        for id in ids {
            if let Some(s) = self.id_map.remove(id) {
                self.retire(s);
                n += 1;
            }
        }
        self.maybe_repair(false);
        Ok(n)
    }

    fn maybe_repair(&mut self, force: bool) {
        if self.dead.is_empty() {
            return;
        }
        let slots = self.ids.len().max(1);
        if force || self.dead.len() as f64 > REPAIR_FRACTION * slots as f64 {
            self.compact();
        }
    }

    /// Repairs the HNSW graph around every tombstone and recycles their slots.
    pub fn compact(&mut self) {
        if self.dead.is_empty() {
            return;
        }
        // Free slots count as dead too: they hold no links and must never become the entry.
        let mut is_dead = vec![false; self.ids.len()];
        for &d in self.dead.iter().chain(&self.free) {
            is_dead[d as usize] = true;
        }
        if let Some(g) = &mut self.graph {
            let p = pool(self.cfg.threads);
            let started = std::time::Instant::now();
            g.repair(&self.store, |x| is_dead[x as usize], &p);
            log::debug!(
                "HNSW graph repaired around {} deleted vectors of {} slots in {} ms",
                self.dead.len(),
                self.ids.len(),
                started.elapsed().as_millis()
            );
        }
        self.free.append(&mut self.dead);
    }

    fn prepare_query(&self, q: &[f32], field: &str) -> Result<Query> {
        self.check_vectors(q, 1, field)?;
        Ok(self.store.prepare(q))
    }

    fn check_options(&self, o: &SearchOptions) -> Result<()> {
        if o.k == 0 || o.k > MAX_K {
            return Err(Error::invalid(
                "k",
                format!("an integer in 1..={MAX_K}"),
                o.k,
            ));
        }
        if let Some(ef) = o.ef {
            if ef == 0 || ef > MAX_EF {
                return Err(Error::invalid(
                    "efSearch",
                    format!("an integer in 1..={MAX_EF}"),
                    ef,
                ));
            }
        }
        Ok(())
    }

    /// Searches one query (`dim` values).
    pub fn search(&self, q: &[f32], o: &SearchOptions) -> Result<Hits> {
        self.check_options(o)?;
        let q = self.prepare_query(q, "query")?;
        let filter = self.payloads.compile(&o.filter)?;
        Ok(self.search_prepared(&q, o, &filter, true))
    }

    /// Searches `queries.len() / dim` queries in parallel on `threads` workers (0 = index default).
    pub fn search_batch(
        &self,
        queries: &[f32],
        o: &SearchOptions,
        threads: usize,
        cancel: Option<&Cancel>,
    ) -> Result<Vec<Hits>> {
        self.check_options(o)?;
        let dim = self.cfg.dim;
        if !queries.len().is_multiple_of(dim) {
            return Err(Error::invalid(
                "queries",
                format!("a multiple of dimension {dim} values"),
                queries.len(),
            ));
        }
        let nq = queries.len() / dim;
        self.check_vectors(queries, nq, "queries")?;
        let filter = self.payloads.compile(&o.filter)?;
        let p = pool(if threads == 0 {
            self.cfg.threads
        } else {
            threads
        });
        let out: Vec<Option<Hits>> = p.install(|| {
            (0..nq)
                .into_par_iter()
                .map(|i| {
                    if cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
                        return None;
                    }
                    yield_if_due();
                    let q = self.store.prepare(&queries[i * dim..(i + 1) * dim]);
                    Some(self.search_prepared(&q, o, &filter, false))
                })
                .collect()
        });
        out.into_iter().map(|h| h.ok_or(Error::Cancelled)).collect()
    }

    fn search_prepared(
        &self,
        q: &Query,
        o: &SearchOptions,
        filter: &Filter,
        may_parallel: bool,
    ) -> Hits {
        if filter.never || self.is_empty() {
            return Hits {
                ids: Vec::new(),
                distances: Vec::new(),
                payloads: o.with_payloads.then(Vec::new),
            };
        }
        let has_filter = !o.filter.is_empty();
        let alive = &self.alive;
        let pl = &self.payloads;
        let k = o.k.min(self.len());
        let cands = match (&self.graph, o.exact) {
            (Some(g), false) => {
                let ef = o.ef.unwrap_or(self.cfg.ef_search).max(k);
                if !has_filter {
                    if self.dead.is_empty() && self.free.is_empty() {
                        g.search(&self.store, q, k, ef, |_| true)
                    } else {
                        g.search(&self.store, q, k, ef, |s| alive[s as usize] != 0)
                    }
                } else if self.estimate_selectivity(filter) < EXACT_SCAN_SELECTIVITY {
                    self.scan(q, k, Some(filter), may_parallel)
                } else {
                    let r = g.search(&self.store, q, k, ef, |s| {
                        alive[s as usize] != 0 && pl.matches(filter, s)
                    });
                    if r.len() < k {
                        // Fewer than k found in the walk: the exact scan returns k whenever k match.
                        self.scan(q, k, Some(filter), may_parallel)
                    } else {
                        r
                    }
                }
            }
            _ => self.scan(q, k, has_filter.then_some(filter), may_parallel),
        };
        let payloads = o
            .with_payloads
            .then(|| cands.iter().map(|c| self.payloads.get(c.id)).collect());
        Hits {
            ids: cands.iter().map(|c| self.ids[c.id as usize]).collect(),
            distances: cands.iter().map(|c| c.d).collect(),
            payloads,
        }
    }

    /// Fraction of live vectors matching `filter`, estimated on a sample of 2048 slots taken as
    /// 32 evenly spaced runs of 64 consecutive slots (runs stay in cache lines the prefetcher
    /// streams; single slots spread over a large index would each cost a cache miss).
    fn estimate_selectivity(&self, filter: &Filter) -> f64 {
        const RUNS: usize = 32;
        const RUN: usize = 64;
        let n = self.ids.len();
        let (mut seen, mut hit) = (0usize, 0usize);
        let mut check = |s: usize| {
            if self.alive[s] != 0 {
                seen += 1;
                if self.payloads.matches(filter, s as u32) {
                    hit += 1;
                }
            }
        };
        if n <= RUNS * RUN {
            (0..n).for_each(&mut check);
        } else {
            let stride = n / RUNS;
            for r in 0..RUNS {
                let lo = r * stride;
                (lo..lo + RUN).for_each(&mut check);
            }
        }
        if seen == 0 {
            0.0
        } else {
            hit as f64 / seen as f64
        }
    }

    fn scan_range(
        &self,
        q: &Query,
        k: usize,
        filter: Option<&Filter>,
        lo: usize,
        hi: usize,
    ) -> BinaryHeap<Cand> {
        let mut top: BinaryHeap<Cand> = BinaryHeap::with_capacity(k + 1);
        let mut bound = f32::INFINITY;
        if filter.is_none() {
            // Unfiltered: distances a block of rows at a time (SIMD kernel inlined over the rows,
            // prefetching ahead), then a cheap comparison against the current k-th distance.
            const BLOCK: usize = 128;
            let mut buf = [0.0f32; BLOCK];
            let mut s = lo;
            while s < hi {
                if (s - lo).is_multiple_of(2048) {
                    yield_if_due();
                }
                let e = (s + BLOCK).min(hi);
                let out = &mut buf[..e - s];
                self.store.dist_rows(q, s, out);
                for (j, &d) in out.iter().enumerate() {
                    if (d < bound || top.len() < k) && self.alive[s + j] != 0 {
                        top.push(Cand {
                            d,
                            id: (s + j) as u32,
                        });
                        if top.len() > k {
                            top.pop();
                        }
                        if top.len() == k {
                            bound = top.peek().map_or(f32::INFINITY, |c| c.d);
                        }
                    }
                }
                s = e;
            }
            return top;
        }
        for s in lo..hi {
            if s.is_multiple_of(2048) {
                yield_if_due();
            }
            if self.alive[s] == 0 {
                continue;
            }
            if let Some(f) = filter {
                if !self.payloads.matches(f, s as u32) {
                    continue;
                }
            }
            let d = self.store.dist(q, s as u32);
            if d < bound || top.len() < k {
                top.push(Cand { d, id: s as u32 });
                if top.len() > k {
                    top.pop();
                }
                if top.len() == k {
                    bound = top.peek().map_or(f32::INFINITY, |c| c.d);
                }
            }
        }
        top
    }

    /// Exact scan over all live (and matching) vectors.
    pub(crate) fn scan(
        &self,
        q: &Query,
        k: usize,
        filter: Option<&Filter>,
        may_parallel: bool,
    ) -> Vec<Cand> {
        let n = self.ids.len();
        let threads = pool(self.cfg.threads).current_num_threads();
        let heap = if may_parallel && n >= PARALLEL_SCAN_MIN && threads > 1 {
            let chunk = n.div_ceil(threads * 4);
            pool(self.cfg.threads).install(|| {
                (0..n.div_ceil(chunk))
                    .into_par_iter()
                    .map(|c| self.scan_range(q, k, filter, c * chunk, ((c + 1) * chunk).min(n)))
                    .reduce(BinaryHeap::new, |mut a, b| {
                        for x in b {
                            a.push(x);
                            if a.len() > k {
                                a.pop();
                            }
                        }
                        a
                    })
            })
        } else {
            self.scan_range(q, k, filter, 0, n)
        };
        let mut v = heap.into_sorted_vec();
        v.truncate(k);
        v
    }

    /// Payload of one id.
    pub fn payload(&self, id: u64) -> Result<Vec<(String, Value)>> {
        match self.id_map.get(&id) {
            Some(&s) => Ok(self.payloads.get(s)),
            None => Err(Error::NotFound {
                kind: "vector id".into(),
                name: id.to_string(),
            }),
        }
    }

    /// The stored (decoded) vector of one id.
    pub fn vector(&self, id: u64) -> Result<Vec<f32>> {
        match self.id_map.get(&id) {
            Some(&s) => {
                let mut v = Vec::new();
                self.store.decode(s, &mut v);
                Ok(v)
            }
            None => Err(Error::NotFound {
                kind: "vector id".into(),
                name: id.to_string(),
            }),
        }
    }
}
