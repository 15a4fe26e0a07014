//! Builds small ONNX models in memory for the tests (a minimal protobuf writer for the few
//! `onnx.proto` messages a graph needs), so the tests need no binary fixtures and no Python.

use crate::datatype::Datatype;

#[derive(Default)]
struct Msg(Vec<u8>);

impl Msg {
    fn varint(&mut self, mut v: u64) {
        loop {
            let byte = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.0.push(byte);
                return;
            }
            self.0.push(byte | 0x80);
        }
    }
    fn key(&mut self, field: u32, wire: u32) {
        self.varint(((field << 3) | wire) as u64);
    }
    fn int(&mut self, field: u32, v: i64) -> &mut Self {
        self.key(field, 0);
        self.varint(v as u64);
        self
    }
    fn bytes(&mut self, field: u32, v: &[u8]) -> &mut Self {
        self.key(field, 2);
        self.varint(v.len() as u64);
        self.0.extend_from_slice(v);
        self
    }
    fn str(&mut self, field: u32, v: &str) -> &mut Self {
        self.bytes(field, v.as_bytes())
    }
    fn msg(&mut self, field: u32, m: &Msg) -> &mut Self {
        self.bytes(field, &m.0)
    }
}

/// A graph under construction.
#[derive(Default)]
pub struct Graph {
    graph: Msg,
}

/// A dimension: fixed (`>= 0`) or dynamic (`-1`, written as a named symbolic dimension).
fn value_info(name: &str, elem: i64, shape: &[i64]) -> Msg {
    let mut dims = Msg::default();
    for (i, &d) in shape.iter().enumerate() {
        let mut dim = Msg::default();
        if d >= 0 {
            dim.int(1, d);
        } else {
            dim.str(2, &format!("{name}_d{i}"));
        }
        dims.msg(1, &dim);
    }
    let mut tensor = Msg::default();
    tensor.int(1, elem).msg(2, &dims);
    let mut ty = Msg::default();
    ty.msg(1, &tensor);
    let mut vi = Msg::default();
    vi.str(1, name).msg(2, &ty);
    vi
}

/// ONNX `TensorProto.DataType` of an OIP datatype.
pub fn onnx_elem(d: Datatype) -> i64 {
    d.to_onnx() as i64
}

impl Graph {
    pub fn input(&mut self, name: &str, d: Datatype, shape: &[i64]) -> &mut Self {
        self.graph.msg(11, &value_info(name, onnx_elem(d), shape));
        self
    }
    pub fn output(&mut self, name: &str, d: Datatype, shape: &[i64]) -> &mut Self {
        self.graph.msg(12, &value_info(name, onnx_elem(d), shape));
        self
    }
    /// Adds a node; `attrs` are integer attributes.
    pub fn node(
        &mut self,
        op: &str,
        inputs: &[&str],
        outputs: &[&str],
        attrs: &[(&str, i64)],
    ) -> &mut Self {
        let mut n = Msg::default();
        for i in inputs {
            n.str(1, i);
        }
        for o in outputs {
            n.str(2, o);
        }
        n.str(4, op);
        for (name, v) in attrs {
            let mut a = Msg::default();
            a.str(1, name).int(3, *v).int(20, 2);
            n.msg(5, &a);
        }
        self.graph.msg(1, &n);
        self
    }
    /// Adds an FP32 initializer.
    pub fn initializer_f32(&mut self, name: &str, shape: &[i64], values: &[f32]) -> &mut Self {
        let mut t = Msg::default();
        for &d in shape {
            t.int(1, d);
        }
        t.int(2, 1).str(8, name);
        let raw: Vec<u8> = values.iter().flat_map(|v| v.to_le_bytes()).collect();
        t.bytes(9, &raw);
        self.graph.msg(5, &t);
        self
    }
    /// Serializes a model with opset 17.
    pub fn model(&mut self) -> Vec<u8> {
        self.graph.str(2, "test");
        let mut opset = Msg::default();
        opset.str(1, "").int(2, 17);
        let mut m = Msg::default();
        m.int(1, 8)
            .str(2, "arbiter-tests")
            .msg(8, &opset)
            .msg(7, &self.graph);
        m.0
    }
}

/// `y = Identity(x)` for one datatype, shape `[-1, 3]`.
pub fn identity(d: Datatype) -> Vec<u8> {
    Graph::default()
        .input("x", d, &[-1, 3])
        .output("y", d, &[-1, 3])
        .node("Identity", &["x"], &["y"], &[])
        .model()
}

/// `y = x · W + b` with `x: FP32 [-1, 4]`, `y: FP32 [-1, 3]`, plus `z = ArgMax(y)` (INT64 [-1]).
pub fn linear() -> Vec<u8> {
    let w: Vec<f32> = (0..12).map(|i| (i as f32 * 0.37).sin()).collect();
    Graph::default()
        .input("x", Datatype::Fp32, &[-1, 4])
        .output("y", Datatype::Fp32, &[-1, 3])
        .output("z", Datatype::Int64, &[-1])
        .initializer_f32("w", &[4, 3], &w)
        .initializer_f32("b", &[3], &[0.5, -0.25, 0.125])
        .node("MatMul", &["x", "w"], &["xw"], &[])
        .node("Add", &["xw", "b"], &["y"], &[])
        .node("ArgMax", &["y"], &["z"], &[("axis", 1), ("keepdims", 0)])
        .model()
}

/// `c = a + b` over FP32 `[-1, 2]` (two inputs).
pub fn add2() -> Vec<u8> {
    Graph::default()
        .input("a", Datatype::Fp32, &[-1, 2])
        .input("b", Datatype::Fp32, &[-1, 2])
        .output("c", Datatype::Fp32, &[-1, 2])
        .node("Add", &["a", "b"], &["c"], &[])
        .model()
}

/// A model that takes seconds: `layers` chained 512x512 MatMuls on `x: FP32 [-1, 512]`.
pub fn slow(layers: usize) -> Vec<u8> {
    let w: Vec<f32> = (0..512 * 512)
        .map(|i| if i % 513 == 0 { 1.0 } else { 0.0 })
        .collect();
    let mut g = Graph::default();
    g.input("x", Datatype::Fp32, &[-1, 512])
        .output("y", Datatype::Fp32, &[-1, 512])
        .initializer_f32("w", &[512, 512], &w);
    let names: Vec<String> = (0..=layers)
        .map(|i| {
            if i == 0 {
                "x".into()
            } else if i == layers {
                "y".into()
            } else {
                format!("h{i}")
            }
        })
        .collect();
    for i in 0..layers {
        g.node("MatMul", &[&names[i], "w"], &[&names[i + 1]], &[]);
    }
    g.model()
}

/// `y = x + W` with an FP32 weight of `n` elements: a model whose size is its weights.
pub fn heavy(n: usize) -> Vec<u8> {
    let w: Vec<f32> = (0..n).map(|i| i as f32).collect();
    Graph::default()
        .input("x", Datatype::Fp32, &[-1, n as i64])
        .output("y", Datatype::Fp32, &[-1, n as i64])
        .initializer_f32("w", &[n as i64], &w)
        .node("Add", &["x", "w"], &["y"], &[])
        .model()
}
