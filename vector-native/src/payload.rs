//! Per-vector payloads (a few typed fields, stored column-wise) and the filters evaluated against
//! them inside a search.

use std::collections::HashMap;

use crate::error::{Error, Result};

/// Most fields one index may hold.
pub const MAX_FIELDS: usize = 32;

/// One payload column. Strings are interned: `codes[slot]` is `0` when absent, else `1 + index`
/// into `dict`. Numbers are `NaN` when absent.
#[derive(Clone, Debug, PartialEq)]
pub enum Column {
    Str {
        codes: Vec<u32>,
        dict: Vec<String>,
        lookup: HashMap<String, u32>,
    },
    Num {
        values: Vec<f64>,
    },
}

impl Column {
    fn resize(&mut self, n: usize) {
        match self {
            Column::Str { codes, .. } => codes.resize(n, 0),
            Column::Num { values } => values.resize(n, f64::NAN),
        }
    }
    fn clear_slot(&mut self, slot: usize) {
        match self {
            Column::Str { codes, .. } => codes[slot] = 0,
            Column::Num { values } => values[slot] = f64::NAN,
        }
    }
    fn memory_bytes(&self) -> usize {
        match self {
            Column::Str { codes, dict, .. } => {
                codes.capacity() * 4 + dict.iter().map(|s| 2 * s.len() + 64).sum::<usize>()
            }
            Column::Num { values } => values.capacity() * 8,
        }
    }
}

/// Payload values arriving for a batch, column-wise (one entry per vector in the batch).
#[derive(Clone, Debug)]
pub enum ColumnInput {
    /// `codes[i]` is `0` when vector `i` has no value, else `1 + index` into `dict`.
    Str { codes: Vec<u32>, dict: Vec<String> },
    /// `NaN` when vector `i` has no value.
    Num { values: Vec<f64> },
}

/// A named column of a batch.
#[derive(Clone, Debug)]
pub struct FieldInput {
    pub name: String,
    pub column: ColumnInput,
}

/// A single payload value (for returning payloads with results).
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Str(String),
    Num(f64),
}

/// All payload columns of an index.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PayloadStore {
    pub names: Vec<String>,
    pub columns: Vec<Column>,
    slots: usize,
}

impl PayloadStore {
    pub fn resize(&mut self, n: usize) {
        for c in &mut self.columns {
            c.resize(n);
        }
        self.slots = n;
    }

    pub fn from_parts(names: Vec<String>, columns: Vec<Column>, slots: usize) -> PayloadStore {
        PayloadStore {
            names,
            columns,
            slots,
        }
    }

    pub fn clear_slot(&mut self, slot: u32) {
        for c in &mut self.columns {
            c.clear_slot(slot as usize);
        }
    }

    pub fn memory_bytes(&self) -> usize {
        self.columns.iter().map(Column::memory_bytes).sum()
    }

    /// Checks a batch's columns (types against existing columns, lengths, codes) without writing.
    pub fn validate(&self, fields: &[FieldInput], batch: usize) -> Result<()> {
        let mut new_names = 0;
        for (i, f) in fields.iter().enumerate() {
            if f.name.is_empty() {
                return Err(Error::invalid("payloads", "non-empty field names", "\"\""));
            }
            if fields[..i].iter().any(|g| g.name == f.name) {
                return Err(Error::invalid(
                    "payloads",
                    "each field once",
                    format!("field \"{}\" twice", f.name),
                ));
            }
            let (len, is_str) = match &f.column {
                ColumnInput::Str { codes, dict } => {
                    if let Some(c) = codes.iter().find(|c| **c as usize > dict.len()) {
                        return Err(Error::invalid(
                            format!("payloads.{}", f.name),
                            format!("codes in 0..={}", dict.len()),
                            c,
                        ));
                    }
                    (codes.len(), true)
                }
                ColumnInput::Num { values } => {
                    if let Some(v) = values.iter().find(|v| v.is_infinite()) {
                        return Err(Error::invalid(
                            format!("payloads.{}", f.name),
                            "finite numbers",
                            v,
                        ));
                    }
                    (values.len(), false)
                }
            };
            if len != batch {
                return Err(Error::invalid(
                    format!("payloads.{}", f.name),
                    format!("{batch} values"),
                    len,
                ));
            }
            match self.names.iter().position(|n| *n == f.name) {
                Some(ci) => {
                    let existing_str = matches!(self.columns[ci], Column::Str { .. });
                    if existing_str != is_str {
                        return Err(Error::invalid(
                            format!("payloads.{}", f.name),
                            if existing_str {
                                "a string (the field's type)"
                            } else {
                                "a number (the field's type)"
                            },
                            if is_str { "a string" } else { "a number" },
                        ));
                    }
                }
                None => new_names += 1,
            }
        }
        if self.names.len() + new_names > MAX_FIELDS {
            return Err(Error::invalid(
                "payloads",
                format!("at most {MAX_FIELDS} distinct fields"),
                self.names.len() + new_names,
            ));
        }
        Ok(())
    }

    /// Writes a validated batch: `slots[i]` receives row `i` of every column; fields a vector
    /// does not mention are cleared.
    pub fn write(&mut self, slots: &[u32], fields: &[FieldInput]) {
        for s in slots {
            self.clear_slot(*s);
        }
        for f in fields {
            let ci = match self.names.iter().position(|n| *n == f.name) {
                Some(ci) => ci,
                None => {
                    let mut col = match f.column {
                        ColumnInput::Str { .. } => Column::Str {
                            codes: Vec::new(),
                            dict: Vec::new(),
                            lookup: HashMap::new(),
                        },
                        ColumnInput::Num { .. } => Column::Num { values: Vec::new() },
                    };
                    col.resize(self.slots);
                    self.names.push(f.name.clone());
                    self.columns.push(col);
                    self.columns.len() - 1
                }
            };
            match (&mut self.columns[ci], &f.column) {
                (
                    Column::Str {
                        codes,
                        dict,
                        lookup,
                    },
                    ColumnInput::Str {
                        codes: inc,
                        dict: idict,
                    },
                ) => {
                    // Map the batch's dictionary onto the column's.
                    let map: Vec<u32> = idict
                        .iter()
                        .map(|s| {
                            *lookup.entry(s.clone()).or_insert_with(|| {
                                dict.push(s.clone());
                                dict.len() as u32
                            })
                        })
                        .collect();
                    for (i, slot) in slots.iter().enumerate() {
                        let c = inc[i];
                        codes[*slot as usize] = if c == 0 { 0 } else { map[c as usize - 1] };
                    }
                }
                (Column::Num { values }, ColumnInput::Num { values: inc }) => {
                    for (i, slot) in slots.iter().enumerate() {
                        values[*slot as usize] = inc[i];
                    }
                }
                _ => unreachable!("validate() checked the column types"),
            }
        }
    }

    /// The payload of one slot (absent fields omitted).
    pub fn get(&self, slot: u32) -> Vec<(String, Value)> {
        let mut out = Vec::new();
        for (name, c) in self.names.iter().zip(&self.columns) {
            match c {
                Column::Str { codes, dict, .. } => {
                    let code = codes[slot as usize];
                    if code != 0 {
                        out.push((name.clone(), Value::Str(dict[code as usize - 1].clone())));
                    }
                }
                Column::Num { values } => {
                    let v = values[slot as usize];
                    if !v.is_nan() {
                        out.push((name.clone(), Value::Num(v)));
                    }
                }
            }
        }
        out
    }

    /// Compiles a filter against the current columns.
    pub fn compile(&self, filter: &[Condition]) -> Result<Filter> {
        let mut conds = Vec::with_capacity(filter.len());
        let mut never = false;
        for c in filter {
            let Some(ci) = self.names.iter().position(|n| *n == c.field) else {
                // No vector has this field, so nothing can match.
                never = true;
                continue;
            };
            match (&c.test, &self.columns[ci]) {
                (Test::In(values), Column::Str { lookup, .. }) => {
                    let mut codes: Vec<u32> = values
                        .iter()
                        .filter_map(|v| lookup.get(v).copied())
                        .collect();
                    codes.sort_unstable();
                    codes.dedup();
                    if codes.is_empty() {
                        never = true;
                    }
                    conds.push(Compiled::StrIn { col: ci, codes });
                }
                (Test::Range { min, max }, Column::Num { .. }) => {
                    conds.push(Compiled::Range {
                        col: ci,
                        min: *min,
                        max: *max,
                    });
                }
                (Test::In(_), Column::Num { .. }) => {
                    return Err(Error::invalid(
                        format!("filter.{}", c.field),
                        "a numeric range (the field holds numbers)",
                        "a string condition",
                    ))
                }
                (Test::Range { .. }, Column::Str { .. }) => {
                    return Err(Error::invalid(
                        format!("filter.{}", c.field),
                        "an equality or in-set condition (the field holds strings)",
                        "a numeric range",
                    ))
                }
            }
        }
        Ok(Filter { conds, never })
    }

    /// Evaluates a compiled filter on one slot.
    #[inline(always)]
    pub fn matches(&self, f: &Filter, slot: u32) -> bool {
        let s = slot as usize;
        for c in &f.conds {
            let ok = match c {
                Compiled::StrIn { col, codes } => match &self.columns[*col] {
                    Column::Str {
                        codes: col_codes, ..
                    } => {
                        let v = col_codes[s];
                        v != 0
                            && (codes.len() == 1 && codes[0] == v
                                || codes.len() > 1 && codes.contains(&v))
                    }
                    Column::Num { .. } => false,
                },
                Compiled::Range { col, min, max } => match &self.columns[*col] {
                    Column::Num { values } => {
                        let v = values[s];
                        min.satisfied_by_low(v) && max.satisfied_by_high(v)
                    }
                    Column::Str { .. } => false,
                },
            };
            if !ok {
                return false;
            }
        }
        true
    }
}

/// One bound of a numeric range.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Bound {
    Unbounded,
    Inclusive(f64),
    Exclusive(f64),
}

impl Bound {
    #[inline(always)]
    fn satisfied_by_low(self, v: f64) -> bool {
        match self {
            Bound::Unbounded => !v.is_nan(),
            Bound::Inclusive(b) => v >= b,
            Bound::Exclusive(b) => v > b,
        }
    }
    #[inline(always)]
    fn satisfied_by_high(self, v: f64) -> bool {
        match self {
            Bound::Unbounded => !v.is_nan(),
            Bound::Inclusive(b) => v <= b,
            Bound::Exclusive(b) => v < b,
        }
    }
}

/// What a condition tests.
#[derive(Clone, Debug, PartialEq)]
pub enum Test {
    /// The string field equals one of these values (equality is a one-element set).
    In(Vec<String>),
    /// The numeric field lies within the range.
    Range { min: Bound, max: Bound },
}

/// One condition; a filter is the AND of its conditions.
#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    pub field: String,
    pub test: Test,
}

#[derive(Clone, Debug)]
enum Compiled {
    StrIn { col: usize, codes: Vec<u32> },
    Range { col: usize, min: Bound, max: Bound },
}

/// A filter compiled against an index's columns.
#[derive(Clone, Debug)]
pub struct Filter {
    conds: Vec<Compiled>,
    /// True when some condition can never match (unknown field or value).
    pub never: bool,
}
