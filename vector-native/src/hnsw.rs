//! The HNSW graph: layered neighbor lists over the slots of a [`VectorStore`].
//!
//! Concurrency model: the graph is built by many threads at once (rayon). Neighbor lists are
//! arrays of `AtomicU32` (relaxed loads compile to plain moves), so readers never lock; writers
//! serialize per node with a tiny mutex. A reader may see a list mid-update, but every id in it is
//! a valid slot, which is all a traversal needs.

use std::cell::RefCell;
use std::cmp::{Ordering as CmpOrdering, Reverse};
use std::collections::BinaryHeap;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};

use parking_lot::Mutex;

use crate::rng::Rng;
use crate::store::{Query, VectorStore};

/// Highest layer a node may be assigned.
pub const MAX_LEVEL: u8 = 30;
const EMPTY: u64 = u64::MAX;

/// A (distance, slot) pair ordered by distance (then slot, for determinism).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cand {
    pub d: f32,
    pub id: u32,
}
impl Eq for Cand {}
impl PartialOrd for Cand {
    fn partial_cmp(&self, o: &Self) -> Option<CmpOrdering> {
        Some(self.cmp(o))
    }
}
impl Ord for Cand {
    fn cmp(&self, o: &Self) -> CmpOrdering {
        self.d.total_cmp(&o.d).then(self.id.cmp(&o.id))
    }
}

struct Visited {
    marks: Vec<u16>,
    epoch: u16,
}

impl Visited {
    fn reset(&mut self, n: usize) {
        if self.marks.len() < n {
            self.marks.resize(n, 0);
        }
        self.epoch = self.epoch.wrapping_add(1);
        if self.epoch == 0 {
            self.marks.iter_mut().for_each(|m| *m = 0);
            self.epoch = 1;
        }
    }
    /// Marks `i`; true when it was not marked yet.
    #[inline(always)]
    fn insert(&mut self, i: u32) -> bool {
        let m = &mut self.marks[i as usize];
        if *m == self.epoch {
            false
        } else {
            *m = self.epoch;
            true
        }
    }
}

thread_local! {
    static VISITED: RefCell<Visited> = const { RefCell::new(Visited { marks: Vec::new(), epoch: 0 }) };
}

/// Layered neighbor lists.
pub struct Graph {
    pub m: usize,
    pub m0: usize,
    pub ef_construction: usize,
    ml: f64,
    /// Layer 0: per slot `[count, id × m0]`.
    level0: Vec<AtomicU32>,
    /// Top layer of each slot.
    pub levels: Vec<u8>,
    /// Layers 1..=level of each slot: `level × [count, id × m]`.
    upper: Vec<Box<[AtomicU32]>>,
    locks: Vec<Mutex<()>>,
    /// `(level << 32) | slot`, or `EMPTY`.
    entry: AtomicU64,
}

fn atomic_vec(n: usize) -> Box<[AtomicU32]> {
    (0..n).map(|_| AtomicU32::new(0)).collect()
}

impl Graph {
    pub fn new(m: usize, ef_construction: usize) -> Graph {
        Graph {
            m,
            m0: 2 * m,
            ef_construction,
            ml: 1.0 / (m as f64).ln(),
            level0: Vec::new(),
            levels: Vec::new(),
            upper: Vec::new(),
            locks: Vec::new(),
            entry: AtomicU64::new(EMPTY),
        }
    }

    pub fn slots(&self) -> usize {
        self.levels.len()
    }

    /// Grows to `n` slots (new slots have no links).
    pub fn resize(&mut self, n: usize) {
        let stride = self.m0 + 1;
        self.level0.resize_with(n * stride, || AtomicU32::new(0));
        self.levels.resize(n, 0);
        self.upper.resize_with(n, || atomic_vec(0));
        self.locks.resize_with(n, || Mutex::new(()));
    }

    /// Draws a level for a new node.
    pub fn draw_level(&self, rng: &mut Rng) -> u8 {
        let l = (-rng.uniform().ln() * self.ml).floor();
        (l as u64).min(MAX_LEVEL as u64) as u8
    }

    /// Resets `slot` to an unlinked node of `level` (before it is inserted).
    pub fn reset_node(&mut self, slot: u32, level: u8) {
        let s = slot as usize;
        self.level0[s * (self.m0 + 1)].store(0, Ordering::Relaxed);
        self.levels[s] = level;
        self.upper[s] = atomic_vec(level as usize * (self.m + 1));
    }

    /// Entry point `(slot, level)`, if any node is linked.
    pub fn entry(&self) -> Option<(u32, u8)> {
        let e = self.entry.load(Ordering::Acquire);
        (e != EMPTY).then_some((e as u32, (e >> 32) as u8))
    }

    pub fn set_entry(&self, e: Option<(u32, u8)>) {
        let v = e.map_or(EMPTY, |(s, l)| ((l as u64) << 32) | s as u64);
        self.entry.store(v, Ordering::Release);
    }

    #[inline(always)]
    fn list(&self, slot: u32, level: u8) -> (&[AtomicU32], usize) {
        if level == 0 {
            let stride = self.m0 + 1;
            let l = &self.level0[slot as usize * stride..(slot as usize + 1) * stride];
            (l, self.m0)
        } else {
            let stride = self.m + 1;
            let u = &self.upper[slot as usize];
            let off = (level as usize - 1) * stride;
            (&u[off..off + stride], self.m)
        }
    }

    /// Copies the neighbors of `slot` on `level` into `out`.
    #[inline(always)]
    pub fn neighbors(&self, slot: u32, level: u8, out: &mut Vec<u32>) {
        out.clear();
        if level > self.levels[slot as usize] {
            return;
        }
        let (l, cap) = self.list(slot, level);
        let n = (l[0].load(Ordering::Relaxed) as usize).min(cap);
        out.extend(l[1..=n].iter().map(|a| a.load(Ordering::Relaxed)));
    }

    fn write_list(&self, slot: u32, level: u8, ids: &[u32]) {
        let (l, cap) = self.list(slot, level);
        let n = ids.len().min(cap);
        for (i, id) in ids[..n].iter().enumerate() {
            l[1 + i].store(*id, Ordering::Relaxed);
        }
        l[0].store(n as u32, Ordering::Release);
    }

    /// Memory held by the graph, in bytes.
    pub fn memory_bytes(&self) -> usize {
        self.level0.capacity() * 4
            + self.levels.capacity()
            + self.upper.capacity() * std::mem::size_of::<Box<[AtomicU32]>>()
            + self.upper.iter().map(|u| u.len() * 4).sum::<usize>()
            + self.locks.capacity() * std::mem::size_of::<Mutex<()>>()
    }

    fn greedy(
        &self,
        store: &VectorStore,
        q: &Query,
        mut cur: Cand,
        level: u8,
        buf: &mut Vec<u32>,
    ) -> Cand {
        loop {
            let mut changed = false;
            self.neighbors(cur.id, level, buf);
            for &n in buf.iter() {
                let d = store.dist(q, n);
                if d < cur.d {
                    cur = Cand { d, id: n };
                    changed = true;
                }
            }
            if !changed {
                return cur;
            }
        }
    }

    /// Beam search on one layer. Every node is traversed (so the graph stays navigable through
    /// filtered-out and deleted nodes); only nodes for which `accept` holds enter the results.
    /// Returns up to `ef` accepted nodes as a max-heap.
    pub fn search_layer<F: Fn(u32) -> bool>(
        &self,
        store: &VectorStore,
        q: &Query,
        ep: Cand,
        ef: usize,
        level: u8,
        accept: F,
    ) -> BinaryHeap<Cand> {
        VISITED.with(|v| {
            let mut vis = v.borrow_mut();
            vis.reset(self.slots());
            let mut results: BinaryHeap<Cand> = BinaryHeap::with_capacity(ef + 1);
            let mut cands: BinaryHeap<Reverse<Cand>> = BinaryHeap::with_capacity(ef * 2);
            vis.insert(ep.id);
            cands.push(Reverse(ep));
            if accept(ep.id) {
                results.push(ep);
            }
            let mut bound = if results.len() >= ef {
                ep.d
            } else {
                f32::INFINITY
            };
            let mut fresh: Vec<u32> = Vec::with_capacity(self.m0);
            while let Some(Reverse(c)) = cands.pop() {
                if c.d > bound {
                    break;
                }
                let (l, cap) = self.list(c.id, level);
                let n = (l[0].load(Ordering::Acquire) as usize).min(cap);
                fresh.clear();
                for a in &l[1..=n] {
                    let id = a.load(Ordering::Relaxed);
                    if vis.insert(id) {
                        store.prefetch(id);
                        fresh.push(id);
                    }
                }
                for &id in &fresh {
                    let d = store.dist(q, id);
                    if d < bound || results.len() < ef {
                        cands.push(Reverse(Cand { d, id }));
                        if accept(id) {
                            results.push(Cand { d, id });
                            if results.len() > ef {
                                results.pop();
                            }
                            if results.len() >= ef {
                                bound = results.peek().map_or(f32::INFINITY, |t| t.d);
                            }
                        }
                    }
                }
            }
            results
        })
    }

    /// The `k` nearest accepted nodes (ascending), searching with candidate list `ef`.
    pub fn search<F: Fn(u32) -> bool>(
        &self,
        store: &VectorStore,
        q: &Query,
        k: usize,
        ef: usize,
        accept: F,
    ) -> Vec<Cand> {
        let Some((ep, top)) = self.entry() else {
            return Vec::new();
        };
        let mut cur = Cand {
            d: store.dist(q, ep),
            id: ep,
        };
        let mut buf = Vec::with_capacity(self.m0);
        for level in (1..=top).rev() {
            cur = self.greedy(store, q, cur, level, &mut buf);
        }
        let res = self.search_layer(store, q, cur, ef.max(k), 0, accept);
        let mut v = res.into_sorted_vec();
        v.truncate(k);
        v
    }

    /// Picks up to `cap` neighbors from `cands` (ascending by distance to the base node) with the
    /// HNSW diversity heuristic: a candidate is kept only if it is closer to the base than to any
    /// neighbor already kept.
    fn select(
        &self,
        store: &VectorStore,
        cands: &[Cand],
        cap: usize,
        scratch: &mut Query,
    ) -> Vec<u32> {
        if cands.len() <= cap {
            return cands.iter().map(|c| c.id).collect();
        }
        let mut kept: Vec<u32> = Vec::with_capacity(cap);
        for c in cands {
            if kept.len() >= cap {
                break;
            }
            store.load(c.id, scratch);
            if kept.iter().all(|&r| store.dist(scratch, r) >= c.d) {
                kept.push(c.id);
            }
        }
        kept
    }

    /// Adds `new` to the list of `node` on `level`, pruning with the heuristic when full. Returns
    /// whether `new` is in the list afterwards (the heuristic may prefer the node's old links).
    fn link(
        &self,
        store: &VectorStore,
        node: u32,
        new: u32,
        level: u8,
        scratch: &mut Query,
    ) -> bool {
        let _g = self.locks[node as usize].lock();
        let (l, cap) = self.list(node, level);
        let n = (l[0].load(Ordering::Relaxed) as usize).min(cap);
        if l[1..=n].iter().any(|a| a.load(Ordering::Relaxed) == new) {
            return true;
        }
        if n < cap {
            l[1 + n].store(new, Ordering::Relaxed);
            l[0].store(n as u32 + 1, Ordering::Release);
            return true;
        }
        store.load(node, scratch);
        let mut cands: Vec<Cand> = l[1..=n]
            .iter()
            .map(|a| a.load(Ordering::Relaxed))
            .chain(std::iter::once(new))
            .map(|id| Cand {
                d: store.dist(scratch, id),
                id,
            })
            .collect();
        cands.sort_unstable();
        let kept = self.select(store, &cands, cap, scratch);
        let linked = kept.contains(&new);
        self.write_list(node, level, &kept);
        linked
    }

    /// Puts `new` in the list of `node` on `level` in place of its farthest link: the last resort
    /// when every neighbor's heuristic dropped `new`, which would leave it without an in-link and
    /// so unreachable by search.
    fn force_link(&self, store: &VectorStore, node: u32, new: u32, level: u8, scratch: &mut Query) {
        let _g = self.locks[node as usize].lock();
        let (l, cap) = self.list(node, level);
        let n = (l[0].load(Ordering::Relaxed) as usize).min(cap);
        if l[1..=n].iter().any(|a| a.load(Ordering::Relaxed) == new) {
            return;
        }
        if n < cap {
            l[1 + n].store(new, Ordering::Relaxed);
            l[0].store(n as u32 + 1, Ordering::Release);
            return;
        }
        store.load(node, scratch);
        let farthest = (1..=n)
            .max_by(|&a, &b| {
                let da = store.dist(scratch, l[a].load(Ordering::Relaxed));
                let db = store.dist(scratch, l[b].load(Ordering::Relaxed));
                da.total_cmp(&db)
            })
            .unwrap_or(n);
        l[farthest].store(new, Ordering::Release);
    }

    /// Inserts `slot` (already reset to its level) whose vector is `q`. `dead` tells which slots
    /// are tombstoned: they are traversed but never chosen as neighbors.
    pub fn insert<D: Fn(u32) -> bool>(&self, store: &VectorStore, slot: u32, q: &Query, dead: D) {
        let level = self.levels[slot as usize];
        let mine = ((level as u64) << 32) | slot as u64;
        let (ep, top) = loop {
            match self.entry() {
                Some(e) => break e,
                None => {
                    if self
                        .entry
                        .compare_exchange(EMPTY, mine, Ordering::AcqRel, Ordering::Acquire)
                        .is_ok()
                    {
                        return;
                    }
                }
            }
        };
        let mut scratch = Query::empty();
        let mut buf = Vec::with_capacity(self.m0);
        let mut cur = Cand {
            d: store.dist(q, ep),
            id: ep,
        };
        for lc in ((level + 1)..=top).rev() {
            cur = self.greedy(store, q, cur, lc, &mut buf);
        }
        for lc in (0..=level.min(top)).rev() {
            let w = self.search_layer(store, q, cur, self.ef_construction, lc, |_| true);
            let sorted = w.into_sorted_vec();
            if let Some(best) = sorted.first() {
                cur = *best;
            }
            let cands: Vec<Cand> = sorted
                .into_iter()
                .filter(|c| c.id != slot && !dead(c.id))
                .collect();
            let chosen = self.select(store, &cands, self.m, &mut scratch);
            {
                let _g = self.locks[slot as usize].lock();
                // Nodes inserted concurrently may already have linked themselves here (through
                // `link`): keep those back-links, or they could be left without any in-link.
                let (l, cap) = self.list(slot, lc);
                let n = (l[0].load(Ordering::Relaxed) as usize).min(cap);
                if n == 0 {
                    self.write_list(slot, lc, &chosen);
                } else {
                    // Keep every back-link, and fill the places left with the nearest chosen
                    // neighbors: a node that linked itself here counted this link as its in-link
                    // (and so did not force one elsewhere); pruning it away could leave it none.
                    let mut ids: Vec<u32> =
                        l[1..=n].iter().map(|a| a.load(Ordering::Relaxed)).collect();
                    for &id in &chosen {
                        if ids.len() >= cap {
                            break;
                        }
                        if !ids.contains(&id) {
                            ids.push(id);
                        }
                    }
                    self.write_list(slot, lc, &ids);
                }
            }
            let mut linked = false;
            for &n in &chosen {
                linked |= self.link(store, n, slot, lc, &mut scratch);
            }
            if !linked && lc == 0 {
                if let Some(&closest) = chosen.first() {
                    self.force_link(store, closest, slot, lc, &mut scratch);
                }
            }
        }
        if level > top {
            let mut cur_e = self.entry.load(Ordering::Acquire);
            while cur_e == EMPTY || ((cur_e >> 32) as u8) < level {
                match self
                    .entry
                    .compare_exchange(cur_e, mine, Ordering::AcqRel, Ordering::Acquire)
                {
                    Ok(_) => break,
                    Err(e) => cur_e = e,
                }
            }
        }
    }

    /// Removes every link to a slot for which `dead` holds, reconnecting each affected node through
    /// its dead neighbors' live neighbors (re-pruned with the heuristic), then unlinks the dead
    /// slots themselves and moves the entry point off them. `live_top` picks a new entry point.
    pub fn repair<D: Fn(u32) -> bool + Sync>(
        &mut self,
        store: &VectorStore,
        dead: D,
        pool: &rayon::ThreadPool,
    ) {
        use rayon::prelude::*;
        let n = self.slots() as u32;
        let this = &*self;
        pool.install(|| {
            (0..n).into_par_iter().for_each_init(
                || (Vec::new(), Vec::new(), Query::empty()),
                |(buf, buf2, scratch), u| {
                    if dead(u) {
                        return;
                    }
                    crate::worker_yield::yield_if_due();
                    for lc in 0..=this.levels[u as usize] {
                        this.neighbors(u, lc, buf);
                        if !buf.iter().any(|&x| dead(x)) {
                            continue;
                        }
                        let mut ids: Vec<u32> = Vec::with_capacity(buf.len() * 2);
                        for &x in buf.iter() {
                            if !dead(x) {
                                ids.push(x);
                            } else {
                                this.neighbors(x, lc, buf2);
                                ids.extend(buf2.iter().copied().filter(|&y| y != u && !dead(y)));
                            }
                        }
                        ids.sort_unstable();
                        ids.dedup();
                        store.load(u, scratch);
                        // Keep the surviving links (they were chosen well at insert time) and
                        // fill each freed place from the dead neighbors' own neighbors: first
                        // with the diversity heuristic, then nearest-first, so the node keeps its
                        // degree and churn does not thin the graph (tests/hnsw.rs: churn).
                        let mut kept: Vec<u32> =
                            buf.iter().copied().filter(|&x| !dead(x)).collect();
                        let want = buf.len().min(if lc == 0 { this.m0 } else { this.m });
                        let mut cands: Vec<Cand> = ids
                            .iter()
                            .filter(|id| !kept.contains(id))
                            .map(|&id| Cand {
                                d: store.dist(scratch, id),
                                id,
                            })
                            .collect();
                        cands.sort_unstable();
                        let free = want.saturating_sub(kept.len());
                        for id in this.select(store, &cands, free, scratch) {
                            kept.push(id);
                        }
                        for c in &cands {
                            if kept.len() >= want {
                                break;
                            }
                            if !kept.contains(&c.id) {
                                kept.push(c.id);
                            }
                        }
                        let _g = this.locks[u as usize].lock();
                        this.write_list(u, lc, &kept);
                    }
                },
            );
        });
        // Unlink the dead and choose an entry point among the living (highest level).
        let mut best: Option<(u32, u8)> = None;
        for s in 0..n {
            if dead(s) {
                self.reset_node(s, 0);
            } else if self.levels[s as usize] > best.map_or(0, |b| b.1) || best.is_none() {
                best = Some((s, self.levels[s as usize]));
            }
        }
        let entry_dead = self.entry().is_some_and(|(e, _)| dead(e));
        if entry_dead || self.entry().is_none() {
            self.set_entry(best);
        }
    }

    /// Raw layer-0 words (for snapshots).
    pub fn level0_words(&self) -> impl Iterator<Item = u32> + '_ {
        self.level0.iter().map(|a| a.load(Ordering::Relaxed))
    }

    /// Raw upper-layer words of one slot (for snapshots).
    pub fn upper_words(&self, slot: u32) -> impl Iterator<Item = u32> + '_ {
        self.upper[slot as usize]
            .iter()
            .map(|a| a.load(Ordering::Relaxed))
    }

    /// Rebuilds a graph from snapshot words. The caller validates every id.
    pub fn from_parts(
        m: usize,
        ef_construction: usize,
        level0: Vec<u32>,
        levels: Vec<u8>,
        upper: Vec<Vec<u32>>,
        entry: Option<(u32, u8)>,
    ) -> Graph {
        let mut g = Graph::new(m, ef_construction);
        let n = levels.len();
        g.level0 = level0.into_iter().map(AtomicU32::new).collect();
        g.levels = levels;
        g.upper = upper
            .into_iter()
            .map(|u| u.into_iter().map(AtomicU32::new).collect())
            .collect();
        g.locks = (0..n).map(|_| Mutex::new(())).collect();
        g.set_entry(entry);
        g
    }
}
