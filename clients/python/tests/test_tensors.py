"""numpy arrays to arbiter.v1 Tensors and back, in the Open Inference Protocol's layout."""

import unittest

import numpy as np

from arbiter.v1.common_pb2 import Tensor, TensorContents
from arbiter_client import datatype_of, from_raw, from_tensor, to_raw, to_tensor


class TensorHelperTest(unittest.TestCase):
    def test_fp32_travels_as_little_endian_raw_bytes(self) -> None:
        tensor = to_tensor("features", np.array([[1.0, -2.0]], dtype=np.float32))
        self.assertEqual(tensor.name, "features")
        self.assertEqual(tensor.datatype, "FP32")
        self.assertEqual(list(tensor.shape), [1, 2])
        self.assertEqual(tensor.raw_contents, b"\x00\x00\x80\x3f\x00\x00\x00\xc0")
        np.testing.assert_array_equal(from_tensor(tensor), [[1.0, -2.0]])

    def test_every_numeric_datatype_round_trips(self) -> None:
        numeric = ["BOOL", "UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16", "INT32", "INT64"]
        numeric += ["FP16", "FP32", "FP64"]
        for datatype in numeric:
            with self.subTest(datatype=datatype):
                values = np.array([[0, 1, 1], [1, 0, 1]]) if datatype == "BOOL" else np.arange(6).reshape(2, 3)
                tensor = to_tensor("x", values, datatype)
                back = from_tensor(tensor)
                self.assertEqual(tensor.datatype, datatype)
                self.assertEqual(datatype_of(back.dtype), datatype)
                self.assertEqual(back.shape, (2, 3))
                np.testing.assert_array_equal(back, values.astype(back.dtype))

    def test_big_endian_arrays_are_sent_little_endian(self) -> None:
        self.assertEqual(to_raw(np.array([1], dtype=">i4")), b"\x01\x00\x00\x00")

    def test_bytes_elements_are_length_prefixed(self) -> None:
        tensor = to_tensor("text", np.array(["a", "bc"]))
        self.assertEqual(tensor.datatype, "BYTES")
        self.assertEqual(tensor.raw_contents, b"\x01\x00\x00\x00a\x02\x00\x00\x00bc")
        self.assertEqual(from_tensor(tensor).tolist(), [b"a", b"bc"])

    def test_bf16_is_rounded_to_nearest_even_and_read_as_float32(self) -> None:
        # 1.00390625 lies halfway between two BF16 values and rounds to the even one (1.0);
        # 1.01171875 lies halfway too and rounds up to the even 1.015625.
        raw = to_raw(np.array([1.0, -2.5, 1.00390625, 1.01171875], dtype=np.float32), "BF16")
        self.assertEqual(raw, b"\x80\x3f\x20\xc0\x80\x3f\x82\x3f")
        back = from_raw(raw, "BF16", [4])
        self.assertEqual(back.dtype, np.float32)
        np.testing.assert_array_equal(back, [1.0, -2.5, 1.0, 1.015625])
        self.assertTrue(np.isnan(from_raw(to_raw(np.array([np.nan]), "BF16"), "BF16", [1])[0]))

    def test_typed_contents_are_read_too(self) -> None:
        int8 = Tensor(name="x", datatype="INT8", shape=[2], contents=TensorContents(int_contents=[-1, 7]))
        self.assertEqual(from_tensor(int8).dtype, np.int8)
        self.assertEqual(from_tensor(int8).tolist(), [-1, 7])
        labels = Tensor(name="label", datatype="INT64", shape=[1, 1], contents=TensorContents(int64_contents=[1]))
        self.assertEqual(from_tensor(labels).tolist(), [[1]])
        text = Tensor(name="t", datatype="BYTES", shape=[1], contents=TensorContents(bytes_contents=[b"hi"]))
        self.assertEqual(from_tensor(text).tolist(), [b"hi"])

    def test_mismatched_sizes_are_refused(self) -> None:
        with self.assertRaisesRegex(ValueError, "not 3"):
            from_raw(b"\x00" * 8, "FP32", [3])
        short = Tensor(name="x", datatype="FP32", shape=[3], contents=TensorContents(fp32_contents=[1.0]))
        with self.assertRaisesRegex(ValueError, "1 values"):
            from_tensor(short)
        fp16 = Tensor(name="x", datatype="FP16", shape=[1], contents=TensorContents(fp32_contents=[1.0]))
        with self.assertRaisesRegex(ValueError, "only as raw"):
            from_tensor(fp16)
        with self.assertRaisesRegex(ValueError, "no Open Inference Protocol datatype"):
            datatype_of(np.complex64)


if __name__ == "__main__":
    unittest.main()
