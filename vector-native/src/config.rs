//! Index configuration: kind, metric, storage and HNSW parameters, validated once.

use crate::error::{Error, Result};

/// Distance function. Distances are "smaller is closer": `L2` is the squared Euclidean distance,
/// `Ip` is `1 - a·b`, `Cosine` is `1 - cos(a, b)` (vectors are normalized on the way in).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    L2,
    Ip,
    Cosine,
}

impl Metric {
    pub fn parse(s: &str) -> Result<Metric> {
        match s {
            "l2" => Ok(Metric::L2),
            "ip" => Ok(Metric::Ip),
            "cosine" => Ok(Metric::Cosine),
            _ => Err(Error::invalid(
                "metric",
                "one of \"l2\", \"ip\", \"cosine\"",
                format!("\"{s}\""),
            )),
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Metric::L2 => "l2",
            Metric::Ip => "ip",
            Metric::Cosine => "cosine",
        }
    }
    pub(crate) fn code(self) -> u8 {
        self as u8
    }
    pub(crate) fn from_code(c: u8) -> Option<Metric> {
        [Metric::L2, Metric::Ip, Metric::Cosine]
            .get(c as usize)
            .copied()
    }
}

/// How vectors are stored: full f32, IEEE half precision, or 8-bit scalar quantization
/// (per-vector affine: `x ≈ lo + scale · code`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Storage {
    F32,
    F16,
    I8,
}

impl Storage {
    pub fn parse(s: &str) -> Result<Storage> {
        match s {
            "f32" => Ok(Storage::F32),
            "f16" => Ok(Storage::F16),
            "i8" => Ok(Storage::I8),
            _ => Err(Error::invalid(
                "storage",
                "one of \"f32\", \"f16\", \"i8\"",
                format!("\"{s}\""),
            )),
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Storage::F32 => "f32",
            Storage::F16 => "f16",
            Storage::I8 => "i8",
        }
    }
    pub fn elem_bytes(self) -> usize {
        match self {
            Storage::F32 => 4,
            Storage::F16 => 2,
            Storage::I8 => 1,
        }
    }
    pub(crate) fn code(self) -> u8 {
        self as u8
    }
    pub(crate) fn from_code(c: u8) -> Option<Storage> {
        [Storage::F32, Storage::F16, Storage::I8]
            .get(c as usize)
            .copied()
    }
}

/// Index structure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Exact search: every query scans every vector.
    Flat,
    /// Hierarchical navigable small world graph (approximate).
    Hnsw,
}

impl Kind {
    pub fn parse(s: &str) -> Result<Kind> {
        match s {
            "flat" => Ok(Kind::Flat),
            "hnsw" => Ok(Kind::Hnsw),
            _ => Err(Error::invalid(
                "kind",
                "one of \"flat\", \"hnsw\"",
                format!("\"{s}\""),
            )),
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Kind::Flat => "flat",
            Kind::Hnsw => "hnsw",
        }
    }
}

/// Largest accepted dimension.
pub const MAX_DIM: usize = 65_536;
/// Largest accepted k (results per query).
pub const MAX_K: usize = 10_000;
/// Largest accepted efSearch / efConstruction.
pub const MAX_EF: usize = 100_000;

/// Validated configuration of one index.
#[derive(Clone, Debug, PartialEq)]
pub struct IndexConfig {
    pub kind: Kind,
    pub dim: usize,
    pub metric: Metric,
    pub storage: Storage,
    /// HNSW: links per node on upper layers (layer 0 keeps `2·m`). Default 16.
    pub m: usize,
    /// HNSW: candidate list size while inserting. Default 200.
    pub ef_construction: usize,
    /// HNSW: default candidate list size for queries (overridable per query). Default 64.
    pub ef_search: usize,
    /// Worker threads for build and batch search; 0 means one per core.
    pub threads: usize,
    /// Seed for HNSW level assignment (deterministic builds on one thread).
    pub seed: u64,
}

impl IndexConfig {
    /// A config with defaults for everything but kind, dimension and metric.
    pub fn new(kind: Kind, dim: usize, metric: Metric) -> IndexConfig {
        IndexConfig {
            kind,
            dim,
            metric,
            storage: Storage::F32,
            m: 16,
            ef_construction: 200,
            ef_search: 64,
            threads: 0,
            seed: 0x5EED,
        }
    }

    /// Checks every field's range.
    pub fn validate(&self) -> Result<()> {
        if self.dim == 0 || self.dim > MAX_DIM {
            return Err(Error::invalid(
                "dim",
                format!("an integer in 1..={MAX_DIM}"),
                self.dim,
            ));
        }
        if self.m < 2 || self.m > 256 {
            return Err(Error::invalid("m", "an integer in 2..=256", self.m));
        }
        if self.ef_construction == 0 || self.ef_construction > MAX_EF {
            return Err(Error::invalid(
                "efConstruction",
                format!("an integer in 1..={MAX_EF}"),
                self.ef_construction,
            ));
        }
        if self.ef_search == 0 || self.ef_search > MAX_EF {
            return Err(Error::invalid(
                "efSearch",
                format!("an integer in 1..={MAX_EF}"),
                self.ef_search,
            ));
        }
        if self.threads > 1024 {
            return Err(Error::invalid(
                "threads",
                "an integer in 0..=1024 (0 = one per core)",
                self.threads,
            ));
        }
        Ok(())
    }
}
