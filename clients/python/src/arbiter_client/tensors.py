"""numpy arrays as arbiter.v1 Tensors and back, in the Open Inference Protocol's layout.

Raw contents are row-major, little-endian and unpadded; a BYTES element is a 4-byte
little-endian length followed by its bytes. numpy has no bfloat16: BF16 tensors are read into
float32 arrays, and written from any float array when ``datatype="BF16"`` is asked for.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from arbiter.v1.common_pb2 import Tensor, TensorContents

#: Every numeric OIP datatype and the little-endian numpy dtype of its raw layout.
_DTYPES: dict[str, np.dtype[Any]] = {
    "BOOL": np.dtype(np.bool_),
    "UINT8": np.dtype("<u1"),
    "UINT16": np.dtype("<u2"),
    "UINT32": np.dtype("<u4"),
    "UINT64": np.dtype("<u8"),
    "INT8": np.dtype("<i1"),
    "INT16": np.dtype("<i2"),
    "INT32": np.dtype("<i4"),
    "INT64": np.dtype("<i8"),
    "FP16": np.dtype("<f2"),
    "FP32": np.dtype("<f4"),
    "FP64": np.dtype("<f8"),
}

#: The TensorContents field that carries each datatype; FP16 and BF16 travel only raw.
_TYPED_FIELD: dict[str, str] = {
    "BOOL": "bool_contents",
    "UINT8": "uint_contents",
    "UINT16": "uint_contents",
    "UINT32": "uint_contents",
    "UINT64": "uint64_contents",
    "INT8": "int_contents",
    "INT16": "int_contents",
    "INT32": "int_contents",
    "INT64": "int64_contents",
    "FP32": "fp32_contents",
    "FP64": "fp64_contents",
    "BYTES": "bytes_contents",
}


def datatype_of(dtype: npt.DTypeLike) -> str:
    """The OIP datatype of a numpy dtype: strings, bytes and objects map to BYTES."""
    dt = np.dtype(dtype)
    if dt.kind in ("U", "S", "O"):
        return "BYTES"
    for name, candidate in _DTYPES.items():
        if dt.kind == candidate.kind and dt.itemsize == candidate.itemsize:
            return name
    raise ValueError(f"numpy dtype {dt} has no Open Inference Protocol datatype")


def dtype_of(datatype: str) -> np.dtype[Any]:
    """The numpy dtype an OIP datatype is read into (BF16: float32; BYTES: object, of bytes)."""
    if datatype == "BF16":
        return np.dtype(np.float32)
    if datatype == "BYTES":
        return np.dtype(object)
    try:
        return _DTYPES[datatype]
    except KeyError:
        raise ValueError(f"unknown Open Inference Protocol datatype {datatype!r}") from None


def _as_bytes(item: object) -> bytes:
    if isinstance(item, bytes):
        return item
    if isinstance(item, str):
        return item.encode("utf-8")
    raise TypeError(f"a BYTES element must be bytes or str, got {type(item).__name__}")


def to_raw(array: npt.ArrayLike, datatype: str | None = None) -> bytes:
    """The raw contents of ``array`` as ``datatype`` (default: the one its dtype maps to).

    The values are converted to the datatype (``np.asarray(...).astype``), so e.g. a float64
    array can be sent as FP32. Usable as OIP ``raw_input_contents`` as well.
    """
    values = np.asarray(array)
    datatype = datatype or datatype_of(values.dtype)
    if datatype == "BYTES":
        return b"".join(
            struct.pack("<I", len(b)) + b for b in (_as_bytes(item) for item in values.reshape(-1).tolist())
        )
    if datatype == "BF16":
        # The upper half of each float32, rounded to nearest even (NaN kept a quiet NaN).
        floats = np.ascontiguousarray(values, dtype="<f4")
        bits = floats.view("<u4").astype(np.uint64)
        rounded = (bits + 0x7FFF + ((bits >> 16) & 1)) >> 16
        halves = np.where(np.isnan(floats), (bits >> 16) | 0x40, rounded)
        return halves.astype("<u2").tobytes()
    return np.ascontiguousarray(values, dtype=dtype_of(datatype)).tobytes()


def from_raw(raw: bytes, datatype: str, shape: Sequence[int]) -> npt.NDArray[Any]:
    """The array that raw contents of ``datatype`` and ``shape`` hold (a copy, writable)."""
    shape = tuple(int(d) for d in shape)
    count = int(np.prod(shape, dtype=np.int64))
    if datatype == "BYTES":
        items: list[bytes] = []
        at = 0
        while at < len(raw):
            if at + 4 > len(raw):
                raise ValueError("raw BYTES contents end inside an element's length")
            (size,) = struct.unpack_from("<I", raw, at)
            if at + 4 + size > len(raw):
                raise ValueError("raw BYTES contents end inside an element")
            items.append(bytes(raw[at + 4 : at + 4 + size]))
            at += 4 + size
        if len(items) != count:
            raise ValueError(f"{len(items)} BYTES elements for shape {list(shape)}")
        out = np.empty(count, dtype=object)
        out[:] = items
        return out.reshape(shape)
    if datatype == "BF16":
        halves = np.frombuffer(raw, dtype="<u2")
        values: npt.NDArray[Any] = (halves.astype("<u4") << 16).view("<f4")
    else:
        values = np.frombuffer(raw, dtype=dtype_of(datatype)).copy()
    if values.size != count:
        raise ValueError(
            f"{len(raw)} bytes hold {values.size} {datatype} elements, not {count} for shape {list(shape)}"
        )
    return values.reshape(shape)


def to_tensor(name: str, array: npt.ArrayLike, datatype: str | None = None) -> Tensor:
    """A Tensor named ``name`` holding ``array`` as raw contents (the server's fast path)."""
    values = np.asarray(array)
    datatype = datatype or datatype_of(values.dtype)
    return Tensor(name=name, datatype=datatype, shape=list(values.shape), raw_contents=to_raw(values, datatype))


def from_tensor(tensor: Tensor) -> npt.NDArray[Any]:
    """The values of a Tensor as an array of its shape, whichever form carries them: raw
    contents or the typed ``contents`` field the datatype uses."""
    shape = list(tensor.shape)
    if tensor.WhichOneof("data") == "raw_contents":
        return from_raw(tensor.raw_contents, tensor.datatype, shape)
    field = _TYPED_FIELD.get(tensor.datatype)
    if field is None:
        raise ValueError(f"{tensor.datatype} tensors travel only as raw contents (tensor {tensor.name!r})")
    contents: TensorContents = tensor.contents
    values = list(getattr(contents, field))
    count = int(np.prod(shape, dtype=np.int64))
    if len(values) != count:
        raise ValueError(f"tensor {tensor.name!r}: {len(values)} values in {field} for shape {shape}")
    if tensor.datatype == "BYTES":
        out = np.empty(count, dtype=object)
        out[:] = values
        return out.reshape(shape)
    return np.array(values, dtype=dtype_of(tensor.datatype)).reshape(shape)
