package arbiter

import (
	"bytes"
	"math"
	"slices"
	"testing"

	arbiterpb "github.com/arbiter-mesh/arbiter/clients/go/gen/arbiter/v1"
)

func TestNewTensorEncodesRowMajorLittleEndian(t *testing.T) {
	tensor, err := NewTensor("x", []int64{1, 2}, []float32{1, -2})
	if err != nil {
		t.Fatal(err)
	}
	if tensor.GetDatatype() != "FP32" || !slices.Equal(tensor.GetShape(), []int64{1, 2}) {
		t.Fatalf("datatype %s shape %v", tensor.GetDatatype(), tensor.GetShape())
	}
	// 1.0f is 0x3f800000 and -2.0f 0xc0000000, least significant byte first.
	want := []byte{0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0xc0}
	if !bytes.Equal(tensor.GetRawContents(), want) {
		t.Fatalf("raw contents % x, want % x", tensor.GetRawContents(), want)
	}
}

func TestTensorRoundTripsEveryElementType(t *testing.T) {
	roundTrip(t, []bool{true, false, true, true})
	roundTrip(t, []int8{-128, 0, 1, 127})
	roundTrip(t, []int16{-32768, 0, 1, 32767})
	roundTrip(t, []int32{math.MinInt32, 0, 1, math.MaxInt32})
	roundTrip(t, []int64{math.MinInt64, 0, 1, math.MaxInt64})
	roundTrip(t, []uint8{0, 1, 128, 255})
	roundTrip(t, []uint16{0, 1, 32768, 65535})
	roundTrip(t, []uint32{0, 1, 1 << 31, math.MaxUint32})
	roundTrip(t, []uint64{0, 1, 1 << 63, math.MaxUint64})
	roundTrip(t, []float32{0, -1.5, 3.25e-7, math.MaxFloat32})
	roundTrip(t, []float64{0, -1.5, 3.25e-300, math.MaxFloat64})
}

func roundTrip[T Element](t *testing.T, values []T) {
	t.Helper()
	tensor, err := NewTensor("x", []int64{2, 2}, values)
	if err != nil {
		t.Fatal(err)
	}
	got, err := TensorValues[T](tensor)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, values) {
		t.Fatalf("%s: got %v, want %v", Datatype[T](), got, values)
	}
}

func TestTensorValuesReadsTypedContents(t *testing.T) {
	labels := &arbiterpb.Tensor{
		Name: "label", Datatype: "INT64", Shape: []int64{2},
		Data: &arbiterpb.Tensor_Contents{Contents: &arbiterpb.TensorContents{Int64Contents: []int64{1, 0}}},
	}
	if got, err := TensorValues[int64](labels); err != nil || !slices.Equal(got, []int64{1, 0}) {
		t.Fatalf("INT64: got %v, %v", got, err)
	}
	// INT8 travels in int_contents (int32) and comes back as int8.
	small := &arbiterpb.Tensor{
		Name: "small", Datatype: "INT8", Shape: []int64{3},
		Data: &arbiterpb.Tensor_Contents{Contents: &arbiterpb.TensorContents{IntContents: []int32{-3, 0, 7}}},
	}
	if got, err := TensorValues[int8](small); err != nil || !slices.Equal(got, []int8{-3, 0, 7}) {
		t.Fatalf("INT8: got %v, %v", got, err)
	}
}

func TestTensorValuesRefusesMismatches(t *testing.T) {
	tensor, err := NewTensor("x", []int64{2}, []float32{1, 2})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := TensorValues[int64](tensor); err == nil {
		t.Fatal("an FP32 tensor was read as INT64")
	}
	truncated := &arbiterpb.Tensor{
		Name: "x", Datatype: "FP32", Shape: []int64{2},
		Data: &arbiterpb.Tensor_RawContents{RawContents: make([]byte, 7)},
	}
	if _, err := TensorValues[float32](truncated); err == nil {
		t.Fatal("7 raw bytes were read as two FP32 values")
	}
	if _, err := NewTensor("x", []int64{2, 2}, []float32{1, 2, 3}); err == nil {
		t.Fatal("3 values were accepted for shape [2 2]")
	}
}

func TestTensorValuesWidensHalfPrecision(t *testing.T) {
	// FP16: 1.0 = 0x3c00, -2.5 = 0xc100, 65504 (largest) = 0x7bff, 2⁻²⁴ (smallest subnormal) = 0x0001.
	fp16 := &arbiterpb.Tensor{
		Name: "h", Datatype: "FP16", Shape: []int64{4},
		Data: &arbiterpb.Tensor_RawContents{RawContents: []byte{0x00, 0x3c, 0x00, 0xc1, 0xff, 0x7b, 0x01, 0x00}},
	}
	got, err := TensorValues[float32](fp16)
	want := []float32{1, -2.5, 65504, float32(math.Ldexp(1, -24))}
	if err != nil || !slices.Equal(got, want) {
		t.Fatalf("FP16: got %v, %v; want %v", got, err, want)
	}
	// BF16: 1.0 = 0x3f80, -2.5 = 0xc020.
	bf16 := &arbiterpb.Tensor{
		Name: "b", Datatype: "BF16", Shape: []int64{2},
		Data: &arbiterpb.Tensor_RawContents{RawContents: []byte{0x80, 0x3f, 0x20, 0xc0}},
	}
	if got, err := TensorValues[float32](bf16); err != nil || !slices.Equal(got, []float32{1, -2.5}) {
		t.Fatalf("BF16: got %v, %v", got, err)
	}
}

func TestBytesTensorRoundTrips(t *testing.T) {
	values := [][]byte{[]byte("mystery"), {}, []byte("london")}
	tensor, err := NewBytesTensor("text", []int64{3}, values)
	if err != nil {
		t.Fatal(err)
	}
	// Each element is a 4-byte little-endian length then its bytes.
	if raw := tensor.GetRawContents(); len(raw) != 3*4+7+6 || raw[0] != 7 {
		t.Fatalf("raw contents % x", raw)
	}
	got, err := TensorBytes(tensor)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.EqualFunc(got, values, bytes.Equal) {
		t.Fatalf("got %q, want %q", got, values)
	}
}
