//! Tensors in and out of a run, as raw little-endian bytes laid out exactly as the Open Inference
//! Protocol carries them (`raw_input_contents`): fixed-size elements packed in row-major order;
//! BYTES elements as a 4-byte little-endian length followed by the bytes.

use std::ptr;

use ort::sys;

use crate::datatype::Datatype;
use crate::error::{Error, Result};
use crate::ffi::{check, OwnedValue};
use crate::runtime::Runtime;
use crate::session::TensorInfo;

/// One input of a run. The data is the concatenation of `chunks` (several chunks are how a batch
/// of requests is passed without first copying them together on the caller's thread).
#[derive(Debug, Clone)]
pub struct InputTensor<'a> {
    pub name: &'a str,
    pub datatype: Datatype,
    pub shape: Vec<i64>,
    pub chunks: &'a [&'a [u8]],
}

/// One output of a run.
#[derive(Debug)]
pub struct OutputTensor {
    pub name: String,
    pub datatype: Datatype,
    pub shape: Vec<i64>,
    pub data: OutputData,
}

/// Output bytes: either still owned by ONNX Runtime's output value (no copy) or a fresh buffer
/// (BYTES outputs, which ONNX Runtime stores as C++ strings).
#[derive(Debug)]
pub enum OutputData {
    Owned(Vec<u8>),
    Ort {
        value: OwnedValue,
        ptr: *const u8,
        len: usize,
    },
}

// SAFETY: `ptr` points into the tensor owned by `value`, which moves with it.
unsafe impl Send for OutputData {}

impl OutputData {
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            OutputData::Owned(v) => v,
            OutputData::Ort { len: 0, .. } => &[],
            // SAFETY: `ptr`/`len` describe the live tensor data owned by `value`.
            OutputData::Ort { ptr, len, .. } => unsafe { std::slice::from_raw_parts(*ptr, *len) },
        }
    }
}

impl std::fmt::Debug for OwnedValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "OrtValue({:p})", self.0)
    }
}

/// Input values ready for `Run`, with the memory they borrow or own.
pub(crate) struct Prepared {
    pub values: Vec<OwnedValue>,
    /// Buffers holding concatenated or re-aligned input data; they must outlive `values`.
    _owned: Vec<Vec<u64>>,
}

impl Drop for Prepared {
    fn drop(&mut self) {
        // Release the values before the memory they point into.
        self.values.clear();
    }
}

/// Formats a shape as `[1, -1, 30]`.
pub fn shape_string(shape: &[i64]) -> String {
    let dims: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
    format!("[{}]", dims.join(", "))
}

/// Checks one input against the model's declaration; returns its element count.
pub fn validate(
    info: &TensorInfo,
    datatype: Datatype,
    shape: &[i64],
    byte_len: usize,
    data: impl FnOnce() -> Vec<u8>,
) -> Result<usize> {
    let name = &info.name;
    if datatype != info.datatype {
        return Err(Error::invalid(
            format!("input {name:?} datatype"),
            info.datatype.oip_name(),
            datatype.oip_name(),
        ));
    }
    let shape_ok = shape.len() == info.shape.len()
        && shape
            .iter()
            .zip(&info.shape)
            .all(|(&got, &want)| got >= 0 && (want < 0 || got == want));
    if !shape_ok {
        return Err(Error::invalid(
            format!("input {name:?} shape"),
            shape_string(&info.shape),
            shape_string(shape),
        ));
    }
    let elements = shape
        .iter()
        .try_fold(1usize, |acc, &d| acc.checked_mul(d as usize))
        .ok_or_else(|| {
            Error::invalid(
                format!("input {name:?} shape"),
                "a shape whose element count fits in memory",
                shape_string(shape),
            )
        })?;
    match datatype.element_size() {
        Some(size) => {
            let expected = elements.saturating_mul(size);
            if byte_len != expected {
                return Err(Error::invalid(
                    format!("input {name:?} data"),
                    format!(
                        "{expected} bytes ({elements} {} elements of shape {})",
                        datatype.oip_name(),
                        shape_string(shape)
                    ),
                    format!("{byte_len} bytes"),
                ));
            }
        }
        None => {
            let bytes = data();
            let count = count_strings(&bytes);
            if count != Some(elements) {
                let received = match count {
                    Some(n) => format!("{n} elements in {byte_len} bytes"),
                    None => format!(
                        "{byte_len} bytes that are not a sequence of length-prefixed elements"
                    ),
                };
                return Err(Error::invalid(
                    format!("input {name:?} data"),
                    format!("{elements} BYTES elements of shape {} (4-byte little-endian length + bytes each)", shape_string(shape)),
                    received,
                ));
            }
        }
    }
    Ok(elements)
}

/// Number of length-prefixed elements in `bytes`, or `None` when they do not parse exactly.
pub fn count_strings(bytes: &[u8]) -> Option<usize> {
    let mut offset = 0usize;
    let mut count = 0usize;
    while offset < bytes.len() {
        let len_bytes: [u8; 4] = bytes.get(offset..offset + 4)?.try_into().ok()?;
        let len = u32::from_le_bytes(len_bytes) as usize;
        offset = offset.checked_add(4 + len)?;
        if offset > bytes.len() {
            return None;
        }
        count += 1;
    }
    Some(count)
}

fn concat(chunks: &[&[u8]]) -> Vec<u8> {
    let total = chunks.iter().map(|c| c.len()).sum();
    let mut out = Vec::with_capacity(total);
    for c in chunks {
        out.extend_from_slice(c);
    }
    out
}

/// Validates `inputs` against the model and builds the `OrtValue`s, in model input order.
pub(crate) fn prepare_inputs(
    runtime: &Runtime,
    infos: &[TensorInfo],
    inputs: &[InputTensor<'_>],
) -> Result<Prepared> {
    let mut ordered: Vec<Option<&InputTensor<'_>>> = vec![None; infos.len()];
    for input in inputs {
        let Some(index) = infos.iter().position(|i| i.name == input.name) else {
            let names: Vec<&str> = infos.iter().map(|i| i.name.as_str()).collect();
            return Err(Error::invalid(
                "inputs",
                format!("names from [{}]", names.join(", ")),
                format!("{:?}", input.name),
            ));
        };
        if ordered[index].replace(input).is_some() {
            return Err(Error::invalid(
                "inputs",
                format!("{:?} once", input.name),
                format!("{:?} twice", input.name),
            ));
        }
    }
    let mut prepared = Prepared {
        values: Vec::with_capacity(infos.len()),
        _owned: Vec::new(),
    };
    for (info, input) in infos.iter().zip(&ordered) {
        let Some(input) = input else {
            let given: Vec<String> = inputs.iter().map(|i| format!("{:?}", i.name)).collect();
            return Err(Error::invalid(
                "inputs",
                format!("a tensor for every model input, including {:?}", info.name),
                format!("[{}]", given.join(", ")),
            ));
        };
        let byte_len: usize = input.chunks.iter().map(|c| c.len()).sum();
        let elements = validate(info, input.datatype, &input.shape, byte_len, || {
            concat(input.chunks)
        })?;
        let value = match input.datatype.element_size() {
            Some(size) => numeric_value(runtime, input, size, byte_len, &mut prepared._owned)?,
            None => string_value(runtime, input, elements)?,
        };
        prepared.values.push(value);
    }
    Ok(prepared)
}

fn numeric_value(
    runtime: &Runtime,
    input: &InputTensor<'_>,
    size: usize,
    byte_len: usize,
    owned: &mut Vec<Vec<u64>>,
) -> Result<OwnedValue> {
    let single_aligned = match input.chunks {
        [one] => (one.as_ptr() as usize).is_multiple_of(size) && !one.is_empty(),
        _ => false,
    };
    let data: *mut u8 = if single_aligned {
        // Zero copy: ONNX Runtime reads the caller's bytes in place (it never writes inputs).
        input.chunks[0].as_ptr().cast_mut()
    } else {
        // Several chunks (a batch), or bytes at an offset the element type cannot be read from:
        // copy once into an 8-byte aligned buffer.
        let mut buffer = vec![0u64; byte_len.div_ceil(8).max(1)];
        let bytes = buffer.as_mut_ptr().cast::<u8>();
        let mut offset = 0;
        for chunk in input.chunks {
            // SAFETY: `buffer` holds at least `byte_len` bytes, the sum of the chunk lengths.
            unsafe { ptr::copy_nonoverlapping(chunk.as_ptr(), bytes.add(offset), chunk.len()) };
            offset += chunk.len();
        }
        owned.push(buffer);
        bytes
    };
    let mut value = ptr::null_mut();
    // SAFETY: `data` points to `byte_len` readable bytes that outlive the value (see `Prepared`).
    check(unsafe {
        (ort::api().CreateTensorWithDataAsOrtValue)(
            runtime.cpu_memory.0,
            data.cast(),
            byte_len,
            input.shape.as_ptr(),
            input.shape.len(),
            input.datatype.to_onnx(),
            &mut value,
        )
    })
    .map_err(|e| {
        Error::invalid(
            format!("input {:?}", input.name),
            "a tensor ONNX Runtime accepts",
            e.message,
        )
    })?;
    Ok(OwnedValue(value))
}

fn string_value(runtime: &Runtime, input: &InputTensor<'_>, elements: usize) -> Result<OwnedValue> {
    let api = ort::api();
    let internal = |e: crate::ffi::OrtFailure| Error::Internal { message: e.message };
    let mut value = ptr::null_mut();
    // SAFETY: creates an empty string tensor of the validated shape with ONNX Runtime's allocator.
    check(unsafe {
        (api.CreateTensorAsOrtValue)(
            runtime.allocator.0,
            input.shape.as_ptr(),
            input.shape.len(),
            sys::ONNXTensorElementDataType::ONNX_TENSOR_ELEMENT_DATA_TYPE_STRING,
            &mut value,
        )
    })
    .map_err(internal)?;
    let value = OwnedValue(value);
    let joined;
    let bytes: &[u8] = match input.chunks {
        [one] => one,
        many => {
            joined = concat(many);
            &joined
        }
    };
    let mut offset = 0usize;
    for index in 0..elements {
        let len =
            u32::from_le_bytes(bytes[offset..offset + 4].try_into().unwrap_or([0; 4])) as usize;
        let content = &bytes[offset + 4..offset + 4 + len];
        offset += 4 + len;
        let mut buffer: *mut std::ffi::c_char = ptr::null_mut();
        // SAFETY: ONNX Runtime resizes element `index` to `len` bytes and returns its buffer, which
        // we fill completely; arbitrary bytes (including NUL) are allowed.
        unsafe {
            check((api.GetResizedStringTensorElementBuffer)(
                value.0,
                index,
                len,
                &mut buffer,
            ))
            .map_err(internal)?;
            if len > 0 {
                ptr::copy_nonoverlapping(content.as_ptr(), buffer.cast::<u8>(), len);
            }
        }
    }
    Ok(value)
}

/// Reads a string tensor into the length-prefixed BYTES layout.
pub(crate) fn read_strings(value: &OwnedValue, shape: &[i64]) -> Result<Vec<u8>> {
    let api = ort::api();
    let internal = |e: crate::ffi::OrtFailure| Error::Internal { message: e.message };
    let count: usize = shape.iter().map(|&d| d.max(0) as usize).product();
    let mut total = 0usize;
    // SAFETY: `value` is a live string tensor with `count` elements.
    check(unsafe { (api.GetStringTensorDataLength)(value.0, &mut total) }).map_err(internal)?;
    let mut content = vec![0u8; total.max(1)];
    let mut offsets = vec![0usize; count.max(1)];
    if count > 0 {
        // SAFETY: buffers sized as ONNX Runtime requires (total bytes, one offset per element).
        check(unsafe {
            (api.GetStringTensorContent)(
                value.0,
                content.as_mut_ptr().cast(),
                total,
                offsets.as_mut_ptr(),
                count,
            )
        })
        .map_err(internal)?;
    }
    let mut out = Vec::with_capacity(total + 4 * count);
    for i in 0..count {
        let start = offsets[i];
        let end = if i + 1 < count { offsets[i + 1] } else { total };
        out.extend_from_slice(&((end - start) as u32).to_le_bytes());
        out.extend_from_slice(&content[start..end]);
    }
    Ok(out)
}
