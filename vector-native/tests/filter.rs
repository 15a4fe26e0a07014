//! Filtered search: equality, in-set and ranges evaluated inside the search, k results whenever
//! k vectors match, at high and very low selectivity.

mod common;
use common::*;
use vector_native::{
    Bound, ColumnInput, Condition, FieldInput, Index, IndexConfig, Kind, Metric, SearchOptions,
    Test,
};

const DIM: usize = 16;
const N: usize = 4000;

fn with_payloads(kind: Kind, data: &[f32]) -> Index {
    let mut cfg = IndexConfig::new(kind, DIM, Metric::L2);
    cfg.threads = 2;
    let mut idx = Index::new(cfg).unwrap();
    let n = data.len() / DIM;
    let ids: Vec<u64> = (0..n as u64).collect();
    // tenant: t0..t9 (10 % each); category "rare" on 1 % of vectors; price = i % 100.
    let fields = vec![
        FieldInput {
            name: "tenant".into(),
            column: ColumnInput::Str {
                codes: (0..n).map(|i| (i % 10) as u32 + 1).collect(),
                dict: (0..10).map(|t| format!("t{t}")).collect(),
            },
        },
        FieldInput {
            name: "category".into(),
            column: ColumnInput::Str {
                codes: (0..n).map(|i| if i % 100 == 42 { 1 } else { 2 }).collect(),
                dict: vec!["rare".into(), "common".into()],
            },
        },
        FieldInput {
            name: "price".into(),
            column: ColumnInput::Num {
                values: (0..n).map(|i| (i % 100) as f64).collect(),
            },
        },
    ];
    idx.upsert(&ids, data, &fields, None).unwrap();
    idx
}

fn eq(field: &str, v: &str) -> Condition {
    Condition {
        field: field.into(),
        test: Test::In(vec![v.into()]),
    }
}

fn filtered_recall(
    idx: &Index,
    data: &[f32],
    queries: &[f32],
    filter: &[Condition],
    allow: &dyn Fn(usize) -> bool,
) -> f64 {
    let nq = queries.len() / DIM;
    let mut hit = 0;
    for i in 0..nq {
        let q = &queries[i * DIM..(i + 1) * DIM];
        let truth = exact(data, DIM, q, 10, Metric::L2, allow);
        let mut o = SearchOptions::k(10);
        o.filter = filter.to_vec();
        let got = idx.search(q, &o).unwrap();
        assert_eq!(
            got.ids.len(),
            10,
            "filtered search must return k results when k match"
        );
        assert!(
            got.ids.iter().all(|id| allow(*id as usize)),
            "a result violates the filter"
        );
        hit += got.ids.iter().filter(|x| truth.contains(x)).count();
    }
    hit as f64 / (nq * 10) as f64
}

#[test]
fn one_percent_selectivity_returns_k_with_high_recall() {
    let data = mixture(N, DIM, 10, 21);
    let queries = mixture(30, DIM, 10, 22);
    let idx = with_payloads(Kind::Hnsw, &data);
    let r = filtered_recall(&idx, &data, &queries, &[eq("category", "rare")], &|i| {
        i % 100 == 42
    });
    assert!(r >= 0.95, "recall at 1 % selectivity {r}");
}

#[test]
fn ten_percent_tenant_filter_inside_the_graph_walk() {
    let data = mixture(N, DIM, 10, 23);
    let queries = mixture(30, DIM, 10, 24);
    let idx = with_payloads(Kind::Hnsw, &data);
    let r = filtered_recall(&idx, &data, &queries, &[eq("tenant", "t3")], &|i| {
        i % 10 == 3
    });
    assert!(r >= 0.9, "recall at 10 % selectivity {r}");
}

#[test]
fn and_of_in_set_and_range() {
    let data = mixture(N, DIM, 10, 25);
    let queries = mixture(20, DIM, 10, 26);
    for kind in [Kind::Hnsw, Kind::Flat] {
        let idx = with_payloads(kind, &data);
        let f = vec![
            Condition {
                field: "tenant".into(),
                test: Test::In(vec!["t1".into(), "t2".into(), "nope".into()]),
            },
            Condition {
                field: "price".into(),
                test: Test::Range {
                    min: Bound::Inclusive(10.0),
                    max: Bound::Exclusive(50.0),
                },
            },
        ];
        let allow = |i: usize| (i % 10 == 1 || i % 10 == 2) && (10..50).contains(&(i % 100));
        let r = filtered_recall(&idx, &data, &queries, &f, &allow);
        assert!(r >= 0.9, "{kind:?} recall {r}");
    }
}

#[test]
fn fewer_matches_than_k_returns_all_matches_and_unknown_values_return_none() {
    let data = mixture(N, DIM, 10, 27);
    let idx = with_payloads(Kind::Hnsw, &data);
    let mut o = SearchOptions::k(50);
    o.filter = vec![
        Condition {
            field: "price".into(),
            test: Test::Range {
                min: Bound::Inclusive(42.0),
                max: Bound::Inclusive(42.0),
            },
        },
        eq("tenant", "t2"),
    ];
    let got = idx.search(&data[..DIM], &o).unwrap();
    let expected = (0..N).filter(|i| i % 100 == 42 && i % 10 == 2).count();
    assert_eq!(expected, 40);
    assert_eq!(got.ids.len(), expected);
    o.filter = vec![eq("tenant", "nobody")];
    assert!(idx.search(&data[..DIM], &o).unwrap().ids.is_empty());
    o.filter = vec![eq("no_such_field", "x")];
    assert!(idx.search(&data[..DIM], &o).unwrap().ids.is_empty());
    o.filter = vec![eq("price", "cheap")];
    assert_eq!(
        idx.search(&data[..DIM], &o).unwrap_err().kind(),
        "INVALID_ARGUMENT"
    );
}

#[test]
fn payloads_come_back_with_results() {
    let data = mixture(500, DIM, 4, 28);
    let idx = with_payloads(Kind::Hnsw, &data);
    let mut o = SearchOptions::k(1);
    o.with_payloads = true;
    let got = idx.search(&data[37 * DIM..38 * DIM], &o).unwrap();
    assert_eq!(got.ids, vec![37]);
    let p = &got.payloads.unwrap()[0];
    assert!(p.contains(&("tenant".into(), vector_native::Value::Str("t7".into()))));
    assert!(p.contains(&("price".into(), vector_native::Value::Num(37.0))));
}
