package dev.arbiter.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.arbiter.client.v1.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class TensorsTest {
  @Test
  void rawFp32IsLittleEndianRowMajor() {
    Tensor tensor = Tensors.fp32Raw("x", new float[] {1.0f, -2.0f}, 1, 2);
    // 1.0f is 0x3F800000 and -2.0f 0xC0000000; the lowest byte comes first.
    assertArrayEquals(
        new byte[] {0, 0, (byte) 0x80, 0x3F, 0, 0, 0, (byte) 0xC0}, tensor.getRawContents().toByteArray());
    assertEquals(List.of(1L, 2L), tensor.getShapeList());
    assertEquals("FP32", tensor.getDatatype());
  }

  @Test
  void rawInt64IsLittleEndian() {
    Tensor tensor = Tensors.int64Raw("label", new long[] {0x0102030405060708L}, 1);
    assertArrayEquals(new byte[] {8, 7, 6, 5, 4, 3, 2, 1}, tensor.getRawContents().toByteArray());
  }

  @Test
  void typedAndRawTensorsReadBackTheSameValues() {
    float[] floats = {0.5f, 4.172325e-7f, 0.9999996f, -3e38f};
    assertArrayEquals(floats, Tensors.toFloats(Tensors.fp32("p", floats, 2, 2)));
    assertArrayEquals(floats, Tensors.toFloats(Tensors.fp32Raw("p", floats, 2, 2)));

    double[] doubles = {Math.PI, -1e300};
    assertArrayEquals(doubles, Tensors.toDoubles(Tensors.fp64("d", doubles, 2)));
    assertArrayEquals(doubles, Tensors.toDoubles(Tensors.fp64Raw("d", doubles, 2)));

    long[] longs = {Long.MIN_VALUE, 0, 1, Long.MAX_VALUE};
    assertArrayEquals(longs, Tensors.toLongs(Tensors.int64("l", longs, 4)));
    assertArrayEquals(longs, Tensors.toLongs(Tensors.int64Raw("l", longs, 4)));

    int[] ints = {Integer.MIN_VALUE, -1, 7};
    assertArrayEquals(ints, Tensors.toInts(Tensors.int32("i", ints, 3)));
    assertArrayEquals(ints, Tensors.toInts(Tensors.int32Raw("i", ints, 1, 3)));
    assertArrayEquals(new long[] {Integer.MIN_VALUE, -1, 7}, Tensors.toLongs(Tensors.int32Raw("i", ints, 3)));
  }

  @Test
  void fp32ReadsAsDoubles() {
    assertArrayEquals(new double[] {0.25, -8}, Tensors.toDoubles(Tensors.fp32Raw("x", new float[] {0.25f, -8f}, 2)));
  }

  @Test
  void narrowAndUnsignedRawIntegersAreWidened() {
    Tensor int8 = Tensor.newBuilder().setName("b").setDatatype("INT8").addShape(3)
        .setRawContents(ByteString.copyFrom(new byte[] {-1, 0, 127})).build();
    assertArrayEquals(new int[] {-1, 0, 127}, Tensors.toInts(int8));

    Tensor uint32 = Tensor.newBuilder().setName("u").setDatatype("UINT32").addShape(1)
        .setRawContents(ByteString.copyFrom(new byte[] {-1, -1, -1, -1})).build();
    assertArrayEquals(new long[] {4294967295L}, Tensors.toLongs(uint32));

    Tensor uint16 = Tensor.newBuilder().setName("u").setDatatype("UINT16").addShape(1)
        .setRawContents(ByteString.copyFrom(new byte[] {0x34, (byte) 0xF2})).build();
    assertArrayEquals(new long[] {0xF234}, Tensors.toLongs(uint16));
  }

  @Test
  void aShapeThatDoesNotMatchTheDataIsRejected() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> Tensors.fp32("features", new float[30], 1, 29));
    assertTrue(error.getMessage().contains("29 elements, got 30"), error.getMessage());

    Tensor truncated = Tensor.newBuilder().setName("p").setDatatype("FP32").addShape(2)
        .setRawContents(ByteString.copyFrom(new byte[7])).build();
    assertThrows(IllegalArgumentException.class, () -> Tensors.toFloats(truncated));
  }

  @Test
  void readingAsTheWrongDatatypeIsRejected() {
    Tensor label = Tensors.int64("label", new long[] {1}, 1);
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Tensors.toFloats(label));
    assertTrue(error.getMessage().contains("INT64, not FP32"), error.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Tensors.toInts(label));
  }
}
