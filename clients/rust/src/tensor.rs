//! [`Tensor`]s from Rust vectors and back, in either of the contract's two forms: typed
//! `contents` (one repeated field per kind of number) or `raw_contents` (row-major little-endian
//! bytes, the Open Inference Protocol's raw layout). Readers accept both, since a server may
//! answer in either.

use std::fmt;

use crate::arbiter::v1::{tensor::Data, Tensor, TensorContents};

mod sealed {
    pub trait Sealed {}
}

/// A Rust type that is the element of one Open Inference Protocol datatype: `bool` (BOOL), `u8`
/// to `u64` (UINT8…UINT64), `i8` to `i64` (INT8…INT64), `f32` (FP32), `f64` (FP64) and `Vec<u8>`
/// (BYTES). FP16 and BF16 have no Rust primitive; read them as raw bytes.
pub trait TensorElement: Sized + sealed::Sealed {
    /// The datatype string, e.g. `"FP32"`.
    const DATATYPE: &'static str;
    /// The values in the typed field the datatype uses.
    fn into_contents(values: Vec<Self>) -> TensorContents;
    /// The values of the typed field the datatype uses.
    fn from_contents(contents: &TensorContents) -> Result<Vec<Self>, TensorError>;
    /// Appends the values' raw little-endian layout to `out`.
    fn encode_raw(values: &[Self], out: &mut Vec<u8>);
    /// The values of a raw little-endian layout.
    fn decode_raw(raw: &[u8]) -> Result<Vec<Self>, TensorError>;
}

/// Why a tensor could not be read as a vector of some element type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TensorError {
    /// The tensor's datatype is not the one of the element type asked for.
    Datatype {
        expected: &'static str,
        found: String,
    },
    /// The raw contents do not divide into whole elements.
    RawLength {
        datatype: &'static str,
        bytes: usize,
    },
    /// A typed value does not fit the element type (e.g. 300 in an INT8 tensor).
    OutOfRange { datatype: &'static str },
    /// The number of values is not the product of the shape.
    Count { shape: Vec<i64>, values: usize },
}

impl fmt::Display for TensorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Datatype { expected, found } => {
                write!(f, "the tensor is {found}, not {expected}")
            }
            Self::RawLength { datatype, bytes } => {
                write!(f, "{bytes} raw bytes are not whole {datatype} elements")
            }
            Self::OutOfRange { datatype } => write!(f, "a value is out of the range of {datatype}"),
            Self::Count { shape, values } => {
                write!(f, "{values} values do not fill the shape {shape:?}")
            }
        }
    }
}

impl std::error::Error for TensorError {}

impl Tensor {
    /// A tensor holding `values` (row-major) in the typed `contents` field.
    pub fn from_vec<T: TensorElement>(
        name: impl Into<String>,
        shape: impl Into<Vec<i64>>,
        values: Vec<T>,
    ) -> Self {
        Self {
            name: name.into(),
            datatype: T::DATATYPE.to_owned(),
            shape: shape.into(),
            data: Some(Data::Contents(T::into_contents(values))),
        }
    }

    /// A tensor holding `values` (row-major) as raw little-endian bytes: the compact form, which
    /// the server hands to the model without converting.
    pub fn from_vec_raw<T: TensorElement>(
        name: impl Into<String>,
        shape: impl Into<Vec<i64>>,
        values: &[T],
    ) -> Self {
        let mut raw = Vec::new();
        T::encode_raw(values, &mut raw);
        Self {
            name: name.into(),
            datatype: T::DATATYPE.to_owned(),
            shape: shape.into(),
            data: Some(Data::RawContents(raw)),
        }
    }

    /// The tensor's values (row-major), whichever form they came in. Fails when the datatype is
    /// not `T`'s or the values do not fill the shape.
    pub fn to_vec<T: TensorElement>(&self) -> Result<Vec<T>, TensorError> {
        if self.datatype != T::DATATYPE {
            return Err(TensorError::Datatype {
                expected: T::DATATYPE,
                found: self.datatype.clone(),
            });
        }
        let values = match &self.data {
            Some(Data::RawContents(raw)) => T::decode_raw(raw)?,
            Some(Data::Contents(contents)) => T::from_contents(contents)?,
            None => Vec::new(),
        };
        let expected: i64 = self.shape.iter().product();
        if usize::try_from(expected).ok() != Some(values.len()) {
            return Err(TensorError::Count {
                shape: self.shape.clone(),
                values: values.len(),
            });
        }
        Ok(values)
    }
}

/// Numbers: a fixed-size little-endian layout, and a typed field that may be wider than the
/// type (INT8 and INT16 travel in the int32 field, UINT8 and UINT16 in the uint32 one).
macro_rules! number_element {
    ($type:ty, $datatype:literal, $field:ident, $wide:ty) => {
        impl sealed::Sealed for $type {}

        impl TensorElement for $type {
            const DATATYPE: &'static str = $datatype;

            fn into_contents(values: Vec<Self>) -> TensorContents {
                TensorContents {
                    $field: values.into_iter().map(<$wide>::from).collect(),
                    ..TensorContents::default()
                }
            }

            fn from_contents(contents: &TensorContents) -> Result<Vec<Self>, TensorError> {
                contents
                    .$field
                    .iter()
                    .map(|&value| {
                        Self::try_from(value).map_err(|_| TensorError::OutOfRange {
                            datatype: $datatype,
                        })
                    })
                    .collect()
            }

            fn encode_raw(values: &[Self], out: &mut Vec<u8>) {
                for value in values {
                    out.extend_from_slice(&value.to_le_bytes());
                }
            }

            fn decode_raw(raw: &[u8]) -> Result<Vec<Self>, TensorError> {
                let elements = raw.chunks_exact(std::mem::size_of::<$type>());
                if !elements.remainder().is_empty() {
                    return Err(TensorError::RawLength {
                        datatype: $datatype,
                        bytes: raw.len(),
                    });
                }
                Ok(elements
                    .map(|bytes| {
                        Self::from_le_bytes(bytes.try_into().expect("chunks of the element's size"))
                    })
                    .collect())
            }
        }
    };
}

number_element!(u8, "UINT8", uint_contents, u32);
number_element!(u16, "UINT16", uint_contents, u32);
number_element!(u32, "UINT32", uint_contents, u32);
number_element!(u64, "UINT64", uint64_contents, u64);
number_element!(i8, "INT8", int_contents, i32);
number_element!(i16, "INT16", int_contents, i32);
number_element!(i32, "INT32", int_contents, i32);
number_element!(i64, "INT64", int64_contents, i64);
number_element!(f32, "FP32", fp32_contents, f32);
number_element!(f64, "FP64", fp64_contents, f64);

impl sealed::Sealed for bool {}

/// BOOL: one byte per element, 0 or 1.
impl TensorElement for bool {
    const DATATYPE: &'static str = "BOOL";

    fn into_contents(values: Vec<Self>) -> TensorContents {
        TensorContents {
            bool_contents: values,
            ..TensorContents::default()
        }
    }

    fn from_contents(contents: &TensorContents) -> Result<Vec<Self>, TensorError> {
        Ok(contents.bool_contents.clone())
    }

    fn encode_raw(values: &[Self], out: &mut Vec<u8>) {
        out.extend(values.iter().map(|&value| u8::from(value)));
    }

    fn decode_raw(raw: &[u8]) -> Result<Vec<Self>, TensorError> {
        Ok(raw.iter().map(|&byte| byte != 0).collect())
    }
}

impl sealed::Sealed for Vec<u8> {}

/// BYTES: each element a 4-byte little-endian length and its bytes.
impl TensorElement for Vec<u8> {
    const DATATYPE: &'static str = "BYTES";

    fn into_contents(values: Vec<Self>) -> TensorContents {
        TensorContents {
            bytes_contents: values,
            ..TensorContents::default()
        }
    }

    fn from_contents(contents: &TensorContents) -> Result<Vec<Self>, TensorError> {
        Ok(contents.bytes_contents.clone())
    }

    fn encode_raw(values: &[Self], out: &mut Vec<u8>) {
        for value in values {
            let length = u32::try_from(value.len()).expect("a BYTES element is under 4 GiB");
            out.extend_from_slice(&length.to_le_bytes());
            out.extend_from_slice(value);
        }
    }

    fn decode_raw(mut raw: &[u8]) -> Result<Vec<Self>, TensorError> {
        let truncated = TensorError::RawLength {
            datatype: "BYTES",
            bytes: raw.len(),
        };
        let mut values = Vec::new();
        while !raw.is_empty() {
            let (length, rest) = raw
                .split_first_chunk::<4>()
                .ok_or_else(|| truncated.clone())?;
            let length = u32::from_le_bytes(*length) as usize;
            let value = rest.get(..length).ok_or_else(|| truncated.clone())?;
            values.push(value.to_vec());
            raw = &rest[length..];
        }
        Ok(values)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_and_typed_forms_read_back_the_same_values() {
        let values = vec![1.5f32, -2.25, 3.0e-7, 4.0, 5.0, 6.0];
        let typed = Tensor::from_vec("x", [2, 3], values.clone());
        let raw = Tensor::from_vec_raw("x", [2, 3], &values);
        assert_eq!(typed.datatype, "FP32");
        assert_eq!(typed.to_vec::<f32>(), Ok(values.clone()));
        assert_eq!(raw.to_vec::<f32>(), Ok(values));
        let Some(Data::RawContents(bytes)) = &raw.data else {
            panic!("raw contents")
        };
        assert_eq!(&bytes[..4], &1.5f32.to_le_bytes());
    }

    #[test]
    fn narrow_integers_travel_in_the_wide_fields() {
        let tensor = Tensor::from_vec("x", [3], vec![-1i8, 0, 127]);
        let Some(Data::Contents(contents)) = &tensor.data else {
            panic!("typed contents")
        };
        assert_eq!(contents.int_contents, vec![-1, 0, 127]);
        assert_eq!(tensor.to_vec::<i8>(), Ok(vec![-1, 0, 127]));
        let wide = Tensor {
            data: Some(Data::Contents(TensorContents {
                int_contents: vec![300],
                ..TensorContents::default()
            })),
            shape: vec![1],
            ..tensor
        };
        assert_eq!(
            wide.to_vec::<i8>(),
            Err(TensorError::OutOfRange { datatype: "INT8" })
        );
    }

    #[test]
    fn bytes_elements_are_length_prefixed() {
        let values = vec![b"ab".to_vec(), Vec::new(), b"xyz".to_vec()];
        let raw = Tensor::from_vec_raw("s", [3], &values);
        let Some(Data::RawContents(bytes)) = &raw.data else {
            panic!("raw contents")
        };
        assert_eq!(bytes.len(), 3 * 4 + 5);
        assert_eq!(raw.to_vec::<Vec<u8>>(), Ok(values));
    }

    #[test]
    fn a_wrong_datatype_or_shape_is_an_error() {
        let tensor = Tensor::from_vec_raw("x", [2], &[1i64, 2]);
        assert!(matches!(
            tensor.to_vec::<f32>(),
            Err(TensorError::Datatype { .. })
        ));
        let short = Tensor {
            shape: vec![3],
            ..tensor
        };
        assert_eq!(
            short.to_vec::<i64>(),
            Err(TensorError::Count {
                shape: vec![3],
                values: 2
            })
        );
    }
}
