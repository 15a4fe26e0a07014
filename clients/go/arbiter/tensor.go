package arbiter

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"

	arbiterpb "github.com/arbiter-mesh/arbiter/clients/go/gen/arbiter/v1"
)

// Element is a Go type with an Open Inference Protocol datatype (see Datatype).
type Element interface {
	bool | int8 | int16 | int32 | int64 | uint8 | uint16 | uint32 | uint64 | float32 | float64
}

// Datatype is the Open Inference Protocol datatype of T: BOOL, INT8..INT64, UINT8..UINT64,
// FP32 or FP64.
func Datatype[T Element]() string {
	var zero T
	switch any(zero).(type) {
	case bool:
		return "BOOL"
	case int8:
		return "INT8"
	case int16:
		return "INT16"
	case int32:
		return "INT32"
	case int64:
		return "INT64"
	case uint8:
		return "UINT8"
	case uint16:
		return "UINT16"
	case uint32:
		return "UINT32"
	case uint64:
		return "UINT64"
	case float32:
		return "FP32"
	default:
		return "FP64"
	}
}

// NewTensor builds a tensor of the given shape from values in row-major order. The values
// travel as raw little-endian bytes, which the server reads without decoding each element.
func NewTensor[T Element](name string, shape []int64, values []T) (*arbiterpb.Tensor, error) {
	count, err := elementCount(shape)
	if err != nil {
		return nil, err
	}
	if count != len(values) {
		return nil, fmt.Errorf("arbiter: tensor %q of shape %v needs %d values, got %d", name, shape, count, len(values))
	}
	raw, err := binary.Append(make([]byte, 0, count*elementSize[T]()), binary.LittleEndian, values)
	if err != nil {
		return nil, fmt.Errorf("arbiter: encoding tensor %q: %w", name, err)
	}
	return &arbiterpb.Tensor{
		Name:     name,
		Datatype: Datatype[T](),
		Shape:    slices.Clone(shape),
		Data:     &arbiterpb.Tensor_RawContents{RawContents: raw},
	}, nil
}

// NewBytesTensor builds a BYTES tensor (strings or blobs, one per element) in raw form: each
// element is its 4-byte little-endian length followed by its bytes.
func NewBytesTensor(name string, shape []int64, values [][]byte) (*arbiterpb.Tensor, error) {
	count, err := elementCount(shape)
	if err != nil {
		return nil, err
	}
	if count != len(values) {
		return nil, fmt.Errorf("arbiter: tensor %q of shape %v needs %d values, got %d", name, shape, count, len(values))
	}
	var raw []byte
	for _, value := range values {
		raw = binary.LittleEndian.AppendUint32(raw, uint32(len(value)))
		raw = append(raw, value...)
	}
	return &arbiterpb.Tensor{
		Name:     name,
		Datatype: "BYTES",
		Shape:    slices.Clone(shape),
		Data:     &arbiterpb.Tensor_RawContents{RawContents: raw},
	}, nil
}

// TensorValues reads a tensor's values in row-major order, whether the server sent them as
// raw bytes or typed contents. T must match the tensor's datatype, except that FP16 and BF16
// tensors are read as float32.
func TensorValues[T Element](tensor *arbiterpb.Tensor) ([]T, error) {
	count, err := elementCount(tensor.GetShape())
	if err != nil {
		return nil, err
	}
	datatype := tensor.GetDatatype()
	if half := datatype == "FP16" || datatype == "BF16"; half && Datatype[T]() == "FP32" {
		out, err := halfValues(tensor, count)
		return any(out).([]T), err
	}
	if datatype != Datatype[T]() {
		return nil, fmt.Errorf("arbiter: tensor %q is %s, not %s", tensor.GetName(), datatype, Datatype[T]())
	}
	switch data := tensor.GetData().(type) {
	case *arbiterpb.Tensor_RawContents:
		raw := data.RawContents
		if len(raw) != count*elementSize[T]() {
			return nil, fmt.Errorf("arbiter: tensor %q has %d raw bytes, %d expected for shape %v", tensor.GetName(), len(raw), count*elementSize[T](), tensor.GetShape())
		}
		out := make([]T, count)
		if _, err := binary.Decode(raw, binary.LittleEndian, out); err != nil {
			return nil, fmt.Errorf("arbiter: decoding tensor %q: %w", tensor.GetName(), err)
		}
		return out, nil
	case *arbiterpb.Tensor_Contents:
		out := typedContents[T](data.Contents)
		if len(out) != count {
			return nil, fmt.Errorf("arbiter: tensor %q has %d values, %d expected for shape %v", tensor.GetName(), len(out), count, tensor.GetShape())
		}
		return out, nil
	default:
		if count != 0 {
			return nil, fmt.Errorf("arbiter: tensor %q carries no values", tensor.GetName())
		}
		return []T{}, nil
	}
}

// TensorBytes reads the elements of a BYTES tensor, raw or typed.
func TensorBytes(tensor *arbiterpb.Tensor) ([][]byte, error) {
	if tensor.GetDatatype() != "BYTES" {
		return nil, fmt.Errorf("arbiter: tensor %q is %s, not BYTES", tensor.GetName(), tensor.GetDatatype())
	}
	count, err := elementCount(tensor.GetShape())
	if err != nil {
		return nil, err
	}
	var out [][]byte
	if contents := tensor.GetContents(); contents != nil {
		out = slices.Clone(contents.GetBytesContents())
	} else {
		raw := tensor.GetRawContents()
		for len(raw) > 0 {
			if len(raw) < 4 {
				return nil, fmt.Errorf("arbiter: tensor %q ends inside an element's length", tensor.GetName())
			}
			size := binary.LittleEndian.Uint32(raw)
			raw = raw[4:]
			if uint64(len(raw)) < uint64(size) {
				return nil, fmt.Errorf("arbiter: tensor %q ends inside an element", tensor.GetName())
			}
			out = append(out, raw[:size:size])
			raw = raw[size:]
		}
	}
	if len(out) != count {
		return nil, fmt.Errorf("arbiter: tensor %q has %d elements, %d expected for shape %v", tensor.GetName(), len(out), count, tensor.GetShape())
	}
	return out, nil
}

func elementCount(shape []int64) (int, error) {
	count := 1
	for _, dim := range shape {
		if dim < 0 {
			return 0, fmt.Errorf("arbiter: shape %v has a negative dimension", shape)
		}
		count *= int(dim)
	}
	return count, nil
}

func elementSize[T Element]() int {
	var zero T
	return binary.Size(zero)
}

// typedContents copies the typed field the Open Inference Protocol uses for T: int_contents
// carries INT8/16/32 and uint_contents UINT8/16/32, so the small types are narrowed.
func typedContents[T Element](contents *arbiterpb.TensorContents) []T {
	var out []T
	switch target := any(&out).(type) {
	case *[]bool:
		*target = slices.Clone(contents.GetBoolContents())
	case *[]int8:
		*target = narrow[int8](contents.GetIntContents())
	case *[]int16:
		*target = narrow[int16](contents.GetIntContents())
	case *[]int32:
		*target = slices.Clone(contents.GetIntContents())
	case *[]int64:
		*target = slices.Clone(contents.GetInt64Contents())
	case *[]uint8:
		*target = narrow[uint8](contents.GetUintContents())
	case *[]uint16:
		*target = narrow[uint16](contents.GetUintContents())
	case *[]uint32:
		*target = slices.Clone(contents.GetUintContents())
	case *[]uint64:
		*target = slices.Clone(contents.GetUint64Contents())
	case *[]float32:
		*target = slices.Clone(contents.GetFp32Contents())
	case *[]float64:
		*target = slices.Clone(contents.GetFp64Contents())
	}
	return out
}

func narrow[T int8 | int16 | uint8 | uint16, S int32 | uint32](values []S) []T {
	out := make([]T, len(values))
	for i, value := range values {
		out[i] = T(value)
	}
	return out
}

// halfValues widens a raw FP16 or BF16 tensor to float32 (the protocol has no typed field
// for half precision, so such tensors are always raw).
func halfValues(tensor *arbiterpb.Tensor, count int) ([]float32, error) {
	raw := tensor.GetRawContents()
	if len(raw) != 2*count {
		return nil, fmt.Errorf("arbiter: tensor %q has %d raw bytes, %d expected for shape %v", tensor.GetName(), len(raw), 2*count, tensor.GetShape())
	}
	out := make([]float32, count)
	for i := range out {
		bits := binary.LittleEndian.Uint16(raw[2*i:])
		if tensor.GetDatatype() == "BF16" {
			// bfloat16 is the upper half of a float32.
			out[i] = math.Float32frombits(uint32(bits) << 16)
		} else {
			out[i] = float16ToFloat32(bits)
		}
	}
	return out, nil
}

// float16ToFloat32 widens an IEEE 754 binary16 value exactly.
func float16ToFloat32(bits uint16) float32 {
	sign := uint32(bits>>15) << 31
	exponent := uint32(bits>>10) & 0x1f
	fraction := uint32(bits) & 0x3ff
	switch {
	case exponent == 0x1f: // infinity or NaN
		return math.Float32frombits(sign | 0x7f800000 | fraction<<13)
	case exponent == 0: // zero or subnormal: fraction × 2⁻²⁴
		value := float32(fraction) / (1 << 24)
		if sign != 0 {
			value = -value
		}
		return value
	default: // rebias the exponent from 15 to 127
		return math.Float32frombits(sign | (exponent+112)<<23 | fraction<<13)
	}
}
