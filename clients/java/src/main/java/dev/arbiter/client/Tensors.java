package dev.arbiter.client;

import com.google.protobuf.ByteString;
import dev.arbiter.client.v1.Tensor;
import dev.arbiter.client.v1.TensorContents;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Builds {@link Tensor}s from Java arrays and reads them back.
 *
 * <p>A tensor's values travel either as typed {@code contents} or as {@code raw_contents}: the
 * elements row-major, little-endian, unpadded (the Open Inference Protocol's layout). The
 * {@code fp32}, {@code int64}, ... builders use typed contents; the {@code ...Raw} builders the raw
 * bytes, which the server takes without decoding. The readers accept either form, since a server
 * may answer in either.
 *
 * <pre>{@code
 * Tensor features = Tensors.fp32("features", row, 1, 30);   // shape [1, 30]
 * float[] probabilities = Tensors.toFloats(output);
 * }</pre>
 */
public final class Tensors {
  private Tensors() {}

  /** An FP32 tensor with typed contents; the shape's element count must match data. */
  public static Tensor fp32(String name, float[] data, long... shape) {
    TensorContents.Builder contents = TensorContents.newBuilder();
    for (float value : data) contents.addFp32Contents(value);
    return typed(name, "FP32", data.length, shape, contents);
  }

  /** An FP64 tensor with typed contents. */
  public static Tensor fp64(String name, double[] data, long... shape) {
    TensorContents.Builder contents = TensorContents.newBuilder();
    for (double value : data) contents.addFp64Contents(value);
    return typed(name, "FP64", data.length, shape, contents);
  }

  /** An INT32 tensor with typed contents. */
  public static Tensor int32(String name, int[] data, long... shape) {
    TensorContents.Builder contents = TensorContents.newBuilder();
    for (int value : data) contents.addIntContents(value);
    return typed(name, "INT32", data.length, shape, contents);
  }

  /** An INT64 tensor with typed contents. */
  public static Tensor int64(String name, long[] data, long... shape) {
    TensorContents.Builder contents = TensorContents.newBuilder();
    for (long value : data) contents.addInt64Contents(value);
    return typed(name, "INT64", data.length, shape, contents);
  }

  /** An FP32 tensor as raw little-endian bytes. */
  public static Tensor fp32Raw(String name, float[] data, long... shape) {
    ByteBuffer bytes = littleEndian(data.length * Float.BYTES);
    bytes.asFloatBuffer().put(data);
    return raw(name, "FP32", data.length, shape, bytes);
  }

  /** An FP64 tensor as raw little-endian bytes. */
  public static Tensor fp64Raw(String name, double[] data, long... shape) {
    ByteBuffer bytes = littleEndian(data.length * Double.BYTES);
    bytes.asDoubleBuffer().put(data);
    return raw(name, "FP64", data.length, shape, bytes);
  }

  /** An INT32 tensor as raw little-endian bytes. */
  public static Tensor int32Raw(String name, int[] data, long... shape) {
    ByteBuffer bytes = littleEndian(data.length * Integer.BYTES);
    bytes.asIntBuffer().put(data);
    return raw(name, "INT32", data.length, shape, bytes);
  }

  /** An INT64 tensor as raw little-endian bytes. */
  public static Tensor int64Raw(String name, long[] data, long... shape) {
    ByteBuffer bytes = littleEndian(data.length * Long.BYTES);
    bytes.asLongBuffer().put(data);
    return raw(name, "INT64", data.length, shape, bytes);
  }

  /** The values of an FP32 tensor, row-major. */
  public static float[] toFloats(Tensor tensor) {
    expect(tensor, "FP32");
    if (tensor.hasRawContents()) {
      ByteBuffer bytes = rawOf(tensor, Float.BYTES);
      float[] out = new float[bytes.remaining() / Float.BYTES];
      bytes.asFloatBuffer().get(out);
      return out;
    }
    List<Float> values = tensor.getContents().getFp32ContentsList();
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) out[i] = values.get(i);
    return checked(tensor, out, out.length);
  }

  /** The values of an FP64 or FP32 tensor, row-major, as doubles. */
  public static double[] toDoubles(Tensor tensor) {
    if ("FP32".equals(tensor.getDatatype())) {
      float[] floats = toFloats(tensor);
      double[] out = new double[floats.length];
      for (int i = 0; i < out.length; i++) out[i] = floats[i];
      return out;
    }
    expect(tensor, "FP64");
    if (tensor.hasRawContents()) {
      ByteBuffer bytes = rawOf(tensor, Double.BYTES);
      double[] out = new double[bytes.remaining() / Double.BYTES];
      bytes.asDoubleBuffer().get(out);
      return out;
    }
    List<Double> values = tensor.getContents().getFp64ContentsList();
    double[] out = new double[values.size()];
    for (int i = 0; i < out.length; i++) out[i] = values.get(i);
    return checked(tensor, out, out.length);
  }

  /** The values of an INT8, INT16 or INT32 tensor, row-major, as ints. */
  public static int[] toInts(Tensor tensor) {
    int width = signedWidth(tensor.getDatatype());
    if (width == 0 || width == Long.BYTES) {
      throw new IllegalArgumentException(
          "tensor " + tensor.getName() + " is " + tensor.getDatatype() + ", not INT8, INT16 or INT32");
    }
    if (tensor.hasRawContents()) {
      ByteBuffer bytes = rawOf(tensor, width);
      int[] out = new int[bytes.remaining() / width];
      for (int i = 0; i < out.length; i++) out[i] = (int) readSigned(bytes, width);
      return out;
    }
    List<Integer> values = tensor.getContents().getIntContentsList();
    int[] out = new int[values.size()];
    for (int i = 0; i < out.length; i++) out[i] = values.get(i);
    return checked(tensor, out, out.length);
  }

  /**
   * The values of a signed integer tensor (INT8 to INT64), or of UINT8 to UINT32, row-major, as
   * longs.
   */
  public static long[] toLongs(Tensor tensor) {
    String datatype = tensor.getDatatype();
    int signed = signedWidth(datatype);
    int unsigned = unsignedWidth(datatype);
    if (signed == 0 && unsigned == 0) {
      throw new IllegalArgumentException(
          "tensor " + tensor.getName() + " is " + datatype + ", not INT8..INT64 or UINT8..UINT32");
    }
    if (tensor.hasRawContents()) {
      int width = signed != 0 ? signed : unsigned;
      ByteBuffer bytes = rawOf(tensor, width);
      long[] out = new long[bytes.remaining() / width];
      for (int i = 0; i < out.length; i++) {
        long value = readSigned(bytes, width);
        // Unsigned values are the same bits, zero-extended.
        out[i] = signed != 0 ? value : value & (-1L >>> (64 - 8 * width));
      }
      return out;
    }
    TensorContents contents = tensor.getContents();
    long[] out;
    if (signed == Long.BYTES) {
      out = contents.getInt64ContentsList().stream().mapToLong(Long::longValue).toArray();
    } else if (signed != 0) {
      out = contents.getIntContentsList().stream().mapToLong(Integer::longValue).toArray();
    } else {
      out = contents.getUintContentsList().stream().mapToLong(Integer::toUnsignedLong).toArray();
    }
    return checked(tensor, out, out.length);
  }

  /** The number of elements a shape holds. */
  public static long elementCount(List<Long> shape) {
    long count = 1;
    for (long dim : shape) {
      if (dim < 0) throw new IllegalArgumentException("a concrete tensor has no -1 dimension: " + shape);
      count = Math.multiplyExact(count, dim);
    }
    return count;
  }

  private static Tensor typed(String name, String datatype, int length, long[] shape, TensorContents.Builder contents) {
    return base(name, datatype, length, shape).setContents(contents).build();
  }

  private static Tensor raw(String name, String datatype, int length, long[] shape, ByteBuffer bytes) {
    return base(name, datatype, length, shape).setRawContents(ByteString.copyFrom(bytes)).build();
  }

  private static Tensor.Builder base(String name, String datatype, int length, long[] shape) {
    Tensor.Builder builder = Tensor.newBuilder().setName(name).setDatatype(datatype);
    for (long dim : shape) builder.addShape(dim);
    long expected = elementCount(builder.getShapeList());
    if (expected != length) {
      throw new IllegalArgumentException(
          "tensor " + name + ": shape " + builder.getShapeList() + " holds " + expected + " elements, got " + length);
    }
    return builder;
  }

  private static ByteBuffer littleEndian(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static void expect(Tensor tensor, String datatype) {
    if (!datatype.equals(tensor.getDatatype())) {
      throw new IllegalArgumentException("tensor " + tensor.getName() + " is " + tensor.getDatatype() + ", not " + datatype);
    }
  }

  /** The raw bytes, little-endian, after checking they hold exactly the shape's elements. */
  private static ByteBuffer rawOf(Tensor tensor, int width) {
    ByteString raw = tensor.getRawContents();
    long expected = elementCount(tensor.getShapeList());
    if (raw.size() != expected * width) {
      throw new IllegalArgumentException("tensor " + tensor.getName() + ": " + raw.size() + " raw bytes for "
          + expected + " elements of " + tensor.getDatatype());
    }
    return raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
  }

  private static <T> T checked(Tensor tensor, T values, int length) {
    long expected = elementCount(tensor.getShapeList());
    if (expected != length) {
      throw new IllegalArgumentException("tensor " + tensor.getName() + ": " + length + " values for shape "
          + tensor.getShapeList());
    }
    return values;
  }

  private static long readSigned(ByteBuffer bytes, int width) {
    return switch (width) {
      case 1 -> bytes.get();
      case 2 -> bytes.getShort();
      case 4 -> bytes.getInt();
      default -> bytes.getLong();
    };
  }

  private static int signedWidth(String datatype) {
    return switch (datatype) {
      case "INT8" -> 1;
      case "INT16" -> 2;
      case "INT32" -> 4;
      case "INT64" -> 8;
      default -> 0;
    };
  }

  private static int unsignedWidth(String datatype) {
    return switch (datatype) {
      case "UINT8" -> 1;
      case "UINT16" -> 2;
      case "UINT32" -> 4;
      default -> 0;
    };
  }
}
