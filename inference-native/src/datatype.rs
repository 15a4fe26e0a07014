//! Open Inference Protocol datatypes and their ONNX tensor element types.

use ort::sys::ONNXTensorElementDataType as Onnx;

/// Every OIP datatype that ONNX has a tensor element type for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Datatype {
    Bool,
    Uint8,
    Uint16,
    Uint32,
    Uint64,
    Int8,
    Int16,
    Int32,
    Int64,
    Fp16,
    Bf16,
    Fp32,
    Fp64,
    /// Variable-length byte strings (ONNX `string`). On the wire each element is a 4-byte
    /// little-endian length followed by that many bytes.
    Bytes,
}

impl Datatype {
    /// All supported datatypes, in OIP order.
    pub const ALL: [Datatype; 14] = [
        Datatype::Bool,
        Datatype::Uint8,
        Datatype::Uint16,
        Datatype::Uint32,
        Datatype::Uint64,
        Datatype::Int8,
        Datatype::Int16,
        Datatype::Int32,
        Datatype::Int64,
        Datatype::Fp16,
        Datatype::Bf16,
        Datatype::Fp32,
        Datatype::Fp64,
        Datatype::Bytes,
    ];

    /// The OIP name (`"FP32"`, `"BYTES"`...).
    pub fn oip_name(self) -> &'static str {
        match self {
            Datatype::Bool => "BOOL",
            Datatype::Uint8 => "UINT8",
            Datatype::Uint16 => "UINT16",
            Datatype::Uint32 => "UINT32",
            Datatype::Uint64 => "UINT64",
            Datatype::Int8 => "INT8",
            Datatype::Int16 => "INT16",
            Datatype::Int32 => "INT32",
            Datatype::Int64 => "INT64",
            Datatype::Fp16 => "FP16",
            Datatype::Bf16 => "BF16",
            Datatype::Fp32 => "FP32",
            Datatype::Fp64 => "FP64",
            Datatype::Bytes => "BYTES",
        }
    }

    /// Parses an OIP name; `None` for names ONNX has no tensor type for.
    pub fn from_oip(name: &str) -> Option<Datatype> {
        Datatype::ALL.into_iter().find(|d| d.oip_name() == name)
    }

    /// Bytes per element on the wire and in memory; `None` for BYTES (variable length).
    pub fn element_size(self) -> Option<usize> {
        Some(match self {
            Datatype::Bool | Datatype::Uint8 | Datatype::Int8 => 1,
            Datatype::Uint16 | Datatype::Int16 | Datatype::Fp16 | Datatype::Bf16 => 2,
            Datatype::Uint32 | Datatype::Int32 | Datatype::Fp32 => 4,
            Datatype::Uint64 | Datatype::Int64 | Datatype::Fp64 => 8,
            Datatype::Bytes => return None,
        })
    }

    /// The ONNX tensor element type.
    pub fn to_onnx(self) -> Onnx {
        match self {
            Datatype::Bool => Onnx::ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL,
            Datatype::Uint8 => Onnx::ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8,
            Datatype::Uint16 => Onnx::ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT16,
            Datatype::Uint32 => Onnx::ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT32,
            Datatype::Uint64 => Onnx::ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT64,
            Datatype::Int8 => Onnx::ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8,
            Datatype::Int16 => Onnx::ONNX_TENSOR_ELEMENT_DATA_TYPE_INT16,
            Datatype::Int32 => Onnx::ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32,
            Datatype::Int64 => Onnx::ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64,
            Datatype::Fp16 => Onnx::ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16,
            Datatype::Bf16 => Onnx::ONNX_TENSOR_ELEMENT_DATA_TYPE_BFLOAT16,
            Datatype::Fp32 => Onnx::ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT,
            Datatype::Fp64 => Onnx::ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE,
            Datatype::Bytes => Onnx::ONNX_TENSOR_ELEMENT_DATA_TYPE_STRING,
        }
    }

    /// The OIP datatype for an ONNX element type; `None` for types OIP cannot carry (complex, fp8, int4...).
    pub fn from_onnx(t: Onnx) -> Option<Datatype> {
        Datatype::ALL.into_iter().find(|d| d.to_onnx() == t)
    }

    /// The ONNX name of the element type, for error messages about unsupported model types.
    pub fn onnx_type_name(t: Onnx) -> String {
        format!("{t:?}")
            .trim_start_matches("ONNX_TENSOR_ELEMENT_DATA_TYPE_")
            .to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_onnx_types_round_trip() {
        for d in Datatype::ALL {
            assert_eq!(Datatype::from_oip(d.oip_name()), Some(d));
            assert_eq!(Datatype::from_onnx(d.to_onnx()), Some(d));
        }
        assert_eq!(Datatype::from_oip("FP8"), None);
        assert_eq!(
            Datatype::from_onnx(Onnx::ONNX_TENSOR_ELEMENT_DATA_TYPE_COMPLEX64),
            None
        );
        assert_eq!(
            Datatype::onnx_type_name(Onnx::ONNX_TENSOR_ELEMENT_DATA_TYPE_COMPLEX64),
            "complex64"
        );
    }
}
