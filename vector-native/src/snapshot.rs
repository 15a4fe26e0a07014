//! Snapshot files: a versioned, checksummed binary image of an index.
//!
//! Layout (little-endian): a 128-byte header (magic `ARBVECS\0`, format version, CRC-32 of the
//! header tail and section table, configuration, slot count, entry point, RNG state), a table of
//! sections `(tag, offset, length, CRC-32)`, then the sections, each starting on a 64-byte
//! boundary so the vector rows can be memory-mapped in place. Loading checks the magic, version,
//! every length and checksum, and every id stored in the graph, so a truncated or corrupted file
//! yields [`Error::Corrupt`] and never a crash or a silently wrong index.

use std::collections::HashMap;
use std::fs::File;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use crate::config::{IndexConfig, Kind, Metric, Storage};
use crate::error::{Error, Result};
use crate::hnsw::{Graph, MAX_LEVEL};
use crate::index::Index;
use crate::payload::{Column, PayloadStore, MAX_FIELDS};
use crate::rng::Rng;
use crate::store::{row_bytes, QuantParams, VectorStore, ROW_ALIGN};

const MAGIC: &[u8; 8] = b"ARBVECS\0";
/// Current format version; older or newer files are rejected with a clear message.
pub const VERSION: u32 = 1;
const HEADER: usize = 128;
const ENTRY: usize = 24;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u32)]
enum Tag {
    Ids = 1,
    Alive = 2,
    Free = 3,
    Dead = 4,
    Vectors = 5,
    Quant = 6,
    Levels = 7,
    Level0 = 8,
    Upper = 9,
    Payloads = 10,
}

const TAGS: [Tag; 10] = [
    Tag::Ids,
    Tag::Alive,
    Tag::Free,
    Tag::Dead,
    Tag::Vectors,
    Tag::Quant,
    Tag::Levels,
    Tag::Level0,
    Tag::Upper,
    Tag::Payloads,
];

fn io(path: &str, op: &str, e: std::io::Error) -> Error {
    Error::Io {
        path: path.to_string(),
        op: op.to_string(),
        message: e.to_string(),
    }
}

fn put_u32(v: &mut Vec<u8>, x: u32) {
    v.extend_from_slice(&x.to_le_bytes());
}

fn put_str(v: &mut Vec<u8>, s: &str) {
    put_u32(v, s.len() as u32);
    v.extend_from_slice(s.as_bytes());
}

fn encode_payloads(p: &PayloadStore) -> Vec<u8> {
    let mut v = Vec::new();
    put_u32(&mut v, p.names.len() as u32);
    for (name, col) in p.names.iter().zip(&p.columns) {
        put_str(&mut v, name);
        match col {
            Column::Str { codes, dict, .. } => {
                v.push(0);
                put_u32(&mut v, dict.len() as u32);
                for s in dict {
                    put_str(&mut v, s);
                }
                for c in codes {
                    put_u32(&mut v, *c);
                }
            }
            Column::Num { values } => {
                v.push(1);
                for x in values {
                    v.extend_from_slice(&x.to_le_bytes());
                }
            }
        }
    }
    v
}

/// Writes `index` to `path` atomically (a temporary file renamed into place).
pub fn save(index: &Index, path: &str) -> Result<u64> {
    let slots = index.ids.len();
    let mut sections: Vec<(Tag, Vec<u8>)> = vec![
        (
            Tag::Ids,
            index.ids.iter().flat_map(|x| x.to_le_bytes()).collect(),
        ),
        (Tag::Alive, index.alive.clone()),
        (
            Tag::Free,
            index.free.iter().flat_map(|x| x.to_le_bytes()).collect(),
        ),
        (
            Tag::Dead,
            index.dead.iter().flat_map(|x| x.to_le_bytes()).collect(),
        ),
    ];
    let quant: Vec<u8> = index
        .store
        .quant
        .iter()
        .flat_map(|q| {
            [
                q.lo.to_le_bytes(),
                q.scale.to_le_bytes(),
                q.norm2.to_le_bytes(),
            ]
            .concat()
        })
        .collect();
    sections.push((Tag::Quant, quant));
    let (levels, level0, upper) = match &index.graph {
        Some(g) => (
            g.levels.clone(),
            g.level0_words().flat_map(|w| w.to_le_bytes()).collect(),
            (0..slots as u32)
                .flat_map(|s| {
                    g.upper_words(s)
                        .flat_map(|w| w.to_le_bytes())
                        .collect::<Vec<u8>>()
                })
                .collect(),
        ),
        None => (Vec::new(), Vec::new(), Vec::new()),
    };
    sections.push((Tag::Levels, levels));
    sections.push((Tag::Level0, level0));
    sections.push((Tag::Upper, upper));
    sections.push((Tag::Payloads, encode_payloads(&index.payloads)));
    let vectors = index.store.raw();

    // Offsets: header, table, then each section 64-byte aligned (vectors first for mmap).
    let table_len = TAGS.len() * ENTRY;
    let mut off = (HEADER + table_len).div_ceil(ROW_ALIGN) * ROW_ALIGN;
    let mut table = Vec::with_capacity(table_len);
    let mut layout: Vec<(usize, &[u8])> = Vec::new();
    let mut entries: Vec<(Tag, &[u8])> = vec![(Tag::Vectors, vectors)];
    entries.extend(sections.iter().map(|(t, d)| (*t, &d[..])));
    for (tag, data) in &entries {
        table.extend_from_slice(&(*tag as u32).to_le_bytes());
        table.extend_from_slice(&crc32fast::hash(data).to_le_bytes());
        table.extend_from_slice(&(off as u64).to_le_bytes());
        table.extend_from_slice(&(data.len() as u64).to_le_bytes());
        layout.push((off, data));
        off = (off + data.len()).div_ceil(ROW_ALIGN) * ROW_ALIGN;
    }
    let total = off;

    let cfg = &index.cfg;
    let mut h = vec![0u8; HEADER];
    h[0..8].copy_from_slice(MAGIC);
    h[8..12].copy_from_slice(&VERSION.to_le_bytes());
    h[16] = cfg.kind as u8;
    h[17] = cfg.metric.code();
    h[18] = cfg.storage.code();
    h[20..24].copy_from_slice(&(cfg.dim as u32).to_le_bytes());
    h[24..28].copy_from_slice(&(cfg.m as u32).to_le_bytes());
    h[28..32].copy_from_slice(&(cfg.ef_construction as u32).to_le_bytes());
    h[32..36].copy_from_slice(&(cfg.ef_search as u32).to_le_bytes());
    h[36..40].copy_from_slice(&(cfg.threads as u32).to_le_bytes());
    h[40..48].copy_from_slice(&cfg.seed.to_le_bytes());
    h[48..56].copy_from_slice(&(slots as u64).to_le_bytes());
    let (es, el) = index
        .graph
        .as_ref()
        .and_then(Graph::entry)
        .map_or((u32::MAX, u32::MAX), |(s, l)| (s, l as u32));
    h[56..60].copy_from_slice(&es.to_le_bytes());
    h[60..64].copy_from_slice(&el.to_le_bytes());
    h[64..72].copy_from_slice(&index.rng.state().to_le_bytes());
    h[72..76].copy_from_slice(&(TAGS.len() as u32).to_le_bytes());
    h[80..88].copy_from_slice(&(total as u64).to_le_bytes());
    let mut hasher = crc32fast::Hasher::new();
    hasher.update(&h[16..]);
    hasher.update(&table);
    h[12..16].copy_from_slice(&hasher.finalize().to_le_bytes());

    let tmp = format!("{path}.tmp-{}", std::process::id());
    let write = || -> std::io::Result<()> {
        let f = File::create(&tmp)?;
        let mut w = std::io::BufWriter::with_capacity(1 << 20, f);
        w.write_all(&h)?;
        w.write_all(&table)?;
        let mut pos = HEADER + table.len();
        for (o, data) in &layout {
            w.write_all(&vec![0u8; o - pos])?;
            w.write_all(data)?;
            pos = o + data.len();
        }
        w.write_all(&vec![0u8; total - pos])?;
        let f = w.into_inner().map_err(|e| e.into_error())?;
        f.sync_all()?;
        Ok(())
    };
    if let Err(e) = write() {
        let _ = std::fs::remove_file(&tmp);
        return Err(io(path, "write snapshot", e));
    }
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io(path, "rename snapshot into", e)
    })?;
    Ok(total as u64)
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
    path: &'a str,
    what: &'static str,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        if self.b.len() - self.pos < n {
            return Err(Error::corrupt(
                self.path,
                format!("{} section ends early", self.what),
            ));
        }
        let s = &self.b[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<u32> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }
    fn str(&mut self) -> Result<String> {
        let n = self.u32()? as usize;
        let b = self.take(n)?;
        String::from_utf8(b.to_vec())
            .map_err(|_| Error::corrupt(self.path, format!("{} holds invalid UTF-8", self.what)))
    }
}

fn u32s(b: &[u8]) -> Vec<u32> {
    b.chunks_exact(4)
        .map(|c| u32::from_le_bytes(c.try_into().expect("4 bytes")))
        .collect()
}

fn decode_payloads(b: &[u8], slots: usize, path: &str) -> Result<PayloadStore> {
    let mut r = Reader {
        b,
        pos: 0,
        path,
        what: "payload",
    };
    let n = r.u32()? as usize;
    if n > MAX_FIELDS {
        return Err(Error::corrupt(
            path,
            format!("{n} payload fields (at most {MAX_FIELDS})"),
        ));
    }
    let mut names = Vec::new();
    let mut cols = Vec::new();
    for _ in 0..n {
        let name = r.str()?;
        match r.u8()? {
            0 => {
                let dn = r.u32()? as usize;
                if dn > b.len() {
                    return Err(Error::corrupt(
                        path,
                        "payload dictionary size exceeds the section",
                    ));
                }
                let mut dict = Vec::with_capacity(dn);
                let mut lookup = HashMap::with_capacity(dn);
                for i in 0..dn {
                    let s = r.str()?;
                    lookup.insert(s.clone(), i as u32 + 1);
                    dict.push(s);
                }
                let codes = u32s(r.take(slots * 4)?);
                if codes.iter().any(|c| *c as usize > dn) {
                    return Err(Error::corrupt(
                        path,
                        format!("payload field \"{name}\" refers past its dictionary"),
                    ));
                }
                cols.push(Column::Str {
                    codes,
                    dict,
                    lookup,
                });
            }
            1 => {
                let values = r
                    .take(slots * 8)?
                    .chunks_exact(8)
                    .map(|c| f64::from_le_bytes(c.try_into().expect("8 bytes")))
                    .collect();
                cols.push(Column::Num { values });
            }
            t => {
                return Err(Error::corrupt(
                    path,
                    format!("payload field \"{name}\" has unknown type {t}"),
                ))
            }
        }
        names.push(name);
    }
    if r.pos != b.len() {
        return Err(Error::corrupt(path, "payload section has trailing bytes"));
    }
    Ok(PayloadStore::from_parts(names, cols, slots))
}

/// Loads a snapshot. With `mmap`, vector rows stay in the mapped file (shared with the page
/// cache; copied on the first write); everything else is read into memory.
pub fn load(path: &str, mmap: bool) -> Result<Index> {
    let file = File::open(Path::new(path)).map_err(|e| io(path, "open snapshot", e))?;
    // SAFETY: the mapping is read-only; a file truncated underneath us by another process could
    // fault, which is the documented caveat of memory-mapped loading (the default reads it).
    let map =
        Arc::new(unsafe { memmap2::Mmap::map(&file) }.map_err(|e| io(path, "map snapshot", e))?);
    let b: &[u8] = &map;
    if b.len() < HEADER {
        return Err(Error::corrupt(
            path,
            format!(
                "file is {} bytes, shorter than the {HEADER}-byte header",
                b.len()
            ),
        ));
    }
    if &b[0..8] != MAGIC {
        return Err(Error::corrupt(
            path,
            "not a vector index snapshot (bad magic)",
        ));
    }
    let rd32 = |o: usize| u32::from_le_bytes(b[o..o + 4].try_into().expect("4 bytes"));
    let rd64 = |o: usize| u64::from_le_bytes(b[o..o + 8].try_into().expect("8 bytes"));
    let version = rd32(8);
    if version != VERSION {
        return Err(Error::corrupt(
            path,
            format!("format version {version}, this build reads version {VERSION}"),
        ));
    }
    let nsec = rd32(72) as usize;
    if nsec != TAGS.len() {
        return Err(Error::corrupt(
            path,
            format!("{nsec} sections, expected {}", TAGS.len()),
        ));
    }
    let table_end = HEADER + nsec * ENTRY;
    if b.len() < table_end {
        return Err(Error::corrupt(path, "file ends inside the section table"));
    }
    let mut hasher = crc32fast::Hasher::new();
    hasher.update(&b[16..table_end]);
    if hasher.finalize() != rd32(12) {
        return Err(Error::corrupt(path, "header checksum mismatch"));
    }
    let total = rd64(80);
    if total != b.len() as u64 {
        return Err(Error::corrupt(
            path,
            format!(
                "file is {} bytes, header says {total} (truncated?)",
                b.len()
            ),
        ));
    }
    let kind = match b[16] {
        0 => Kind::Flat,
        1 => Kind::Hnsw,
        k => return Err(Error::corrupt(path, format!("unknown index kind {k}"))),
    };
    let metric = Metric::from_code(b[17])
        .ok_or_else(|| Error::corrupt(path, format!("unknown metric {}", b[17])))?;
    let storage = Storage::from_code(b[18])
        .ok_or_else(|| Error::corrupt(path, format!("unknown storage {}", b[18])))?;
    let cfg = IndexConfig {
        kind,
        dim: rd32(20) as usize,
        metric,
        storage,
        m: rd32(24) as usize,
        ef_construction: rd32(28) as usize,
        ef_search: rd32(32) as usize,
        threads: rd32(36) as usize,
        seed: rd64(40),
    };
    cfg.validate()
        .map_err(|e| Error::corrupt(path, format!("invalid configuration ({e})")))?;
    let slots =
        usize::try_from(rd64(48)).map_err(|_| Error::corrupt(path, "slot count too large"))?;
    if slots > u32::MAX as usize {
        return Err(Error::corrupt(path, "slot count too large"));
    }

    let mut secs: HashMap<u32, (usize, usize)> = HashMap::new();
    for i in 0..nsec {
        let e = HEADER + i * ENTRY;
        let tag = rd32(e);
        let crc = rd32(e + 4);
        let (off, len) = (rd64(e + 8), rd64(e + 16));
        let end = off
            .checked_add(len)
            .ok_or_else(|| Error::corrupt(path, "section bounds overflow"))?;
        if end > b.len() as u64 || off < table_end as u64 {
            return Err(Error::corrupt(
                path,
                format!("section {tag} lies outside the file (truncated?)"),
            ));
        }
        let (off, len) = (off as usize, len as usize);
        if crc32fast::hash(&b[off..off + len]) != crc {
            return Err(Error::corrupt(
                path,
                format!("section {tag} checksum mismatch"),
            ));
        }
        if !TAGS.iter().any(|t| *t as u32 == tag) || secs.insert(tag, (off, len)).is_some() {
            return Err(Error::corrupt(
                path,
                format!("unexpected or repeated section {tag}"),
            ));
        }
    }
    // Padding between sections must be zero, so that no flipped byte anywhere goes unnoticed.
    let mut spans: Vec<(usize, usize)> = secs.values().copied().collect();
    spans.sort_unstable();
    let mut pos = table_end;
    for (off, len) in spans.iter().copied().chain(std::iter::once((b.len(), 0))) {
        if off < pos {
            return Err(Error::corrupt(path, "sections overlap"));
        }
        if b[pos..off].iter().any(|x| *x != 0) {
            return Err(Error::corrupt(
                path,
                format!("non-zero padding at byte {pos}"),
            ));
        }
        pos = off + len;
    }
    let sec = |t: Tag, expect: Option<usize>| -> Result<&[u8]> {
        let (off, len) = *secs
            .get(&(t as u32))
            .ok_or_else(|| Error::corrupt(path, format!("section {t:?} missing")))?;
        if let Some(x) = expect {
            if x != len {
                return Err(Error::corrupt(
                    path,
                    format!("section {t:?} is {len} bytes, expected {x}"),
                ));
            }
        }
        Ok(&b[off..off + len])
    };

    let ids: Vec<u64> = sec(Tag::Ids, Some(slots * 8))?
        .chunks_exact(8)
        .map(|c| u64::from_le_bytes(c.try_into().expect("8")))
        .collect();
    let alive = sec(Tag::Alive, Some(slots))?.to_vec();
    if alive.iter().any(|a| *a > 1) {
        return Err(Error::corrupt(
            path,
            "liveness flags hold values other than 0/1",
        ));
    }
    let free = u32s(sec(Tag::Free, None)?);
    let dead = u32s(sec(Tag::Dead, None)?);
    for s in free.iter().chain(&dead) {
        if *s as usize >= slots || alive[*s as usize] != 0 {
            return Err(Error::corrupt(
                path,
                format!("recycled slot {s} is out of range or still live"),
            ));
        }
    }
    let mut id_map = HashMap::with_capacity(slots);
    for (s, id) in ids.iter().enumerate() {
        if alive[s] == 1 && id_map.insert(*id, s as u32).is_some() {
            return Err(Error::corrupt(path, format!("id {id} appears twice")));
        }
    }
    let rb = row_bytes(cfg.dim, storage);
    let (voff, vlen) = *secs
        .get(&(Tag::Vectors as u32))
        .ok_or_else(|| Error::corrupt(path, "vectors missing"))?;
    if vlen != slots * rb || voff % ROW_ALIGN != 0 {
        return Err(Error::corrupt(
            path,
            format!("vector section is {vlen} bytes, expected {}", slots * rb),
        ));
    }
    let quant: Vec<QuantParams> = if storage == Storage::I8 {
        let q: Vec<QuantParams> = sec(Tag::Quant, Some(slots * 12))?
            .chunks_exact(12)
            .map(|c| {
                let f = |i: usize| f32::from_le_bytes(c[i..i + 4].try_into().expect("4"));
                QuantParams {
                    lo: f(0),
                    scale: f(4),
                    norm2: f(8),
                }
            })
            .collect();
        if q.iter()
            .any(|p| !(p.lo.is_finite() && p.scale.is_finite() && p.norm2.is_finite()))
        {
            return Err(Error::corrupt(
                path,
                "quantization parameters are not finite",
            ));
        }
        q
    } else {
        sec(Tag::Quant, Some(0))?;
        Vec::new()
    };
    let store = if mmap {
        VectorStore::mapped(cfg.dim, storage, metric, slots, map.clone(), voff, quant)
    } else {
        VectorStore::from_raw(cfg.dim, storage, metric, &b[voff..voff + vlen], quant)
    };
    if storage == Storage::F32 || storage == Storage::F16 {
        // Non-finite stored components would poison every distance: reject them.
        let mut row = Vec::new();
        for s in 0..slots as u32 {
            if alive[s as usize] == 1 {
                store.decode(s, &mut row);
                if row.iter().any(|x| !x.is_finite()) {
                    return Err(Error::corrupt(
                        path,
                        format!("vector in slot {s} holds a non-finite value"),
                    ));
                }
            }
        }
    }

    let graph = if kind == Kind::Hnsw {
        let m0 = 2 * cfg.m;
        let levels = sec(Tag::Levels, Some(slots))?.to_vec();
        if levels.iter().any(|l| *l > MAX_LEVEL) {
            return Err(Error::corrupt(path, "node level out of range"));
        }
        let level0 = u32s(sec(Tag::Level0, Some(slots * (m0 + 1) * 4))?);
        let upper_total: usize = levels.iter().map(|l| *l as usize * (cfg.m + 1)).sum();
        let upper_flat = u32s(sec(Tag::Upper, Some(upper_total * 4))?);
        let check = |list: &[u32], cap: usize| -> Result<()> {
            let n = list[0] as usize;
            if n > cap || list[1..=n].iter().any(|x| *x as usize >= slots) {
                return Err(Error::corrupt(path, "graph holds an out-of-range link"));
            }
            Ok(())
        };
        for s in 0..slots {
            check(&level0[s * (m0 + 1)..(s + 1) * (m0 + 1)], m0)?;
        }
        let mut upper = Vec::with_capacity(slots);
        let mut pos = 0;
        for l in &levels {
            let len = *l as usize * (cfg.m + 1);
            let u = upper_flat[pos..pos + len].to_vec();
            for lv in 0..*l as usize {
                check(&u[lv * (cfg.m + 1)..(lv + 1) * (cfg.m + 1)], cfg.m)?;
            }
            upper.push(u);
            pos += len;
        }
        let (es, el) = (rd32(56), rd32(60));
        let entry = if es == u32::MAX {
            None
        } else if es as usize >= slots || el > MAX_LEVEL as u32 || levels[es as usize] as u32 != el
        {
            return Err(Error::corrupt(path, "entry point out of range"));
        } else {
            Some((es, el as u8))
        };
        Some(Graph::from_parts(
            cfg.m,
            cfg.ef_construction,
            level0,
            levels,
            upper,
            entry,
        ))
    } else {
        for t in [Tag::Levels, Tag::Level0, Tag::Upper] {
            sec(t, Some(0))?;
        }
        None
    };
    let payloads = decode_payloads(sec(Tag::Payloads, None)?, slots, path)?;
    Ok(Index {
        store,
        ids,
        alive,
        dead,
        free,
        id_map,
        payloads,
        graph,
        rng: Rng::from_state(rd64(64)),
        cfg,
    })
}
