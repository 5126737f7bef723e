package vitssl.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Java arrays into engine arrays that own their memory. The engine's own {@code create} of a
 * Java array copies it into a fresh direct buffer and makes the tensor point into that buffer,
 * whose memory comes back only when the garbage collector finds the buffer unreachable: a run
 * that creates its inputs every step holds every dead step's inputs until the next collection,
 * hundreds of megabytes with a large young generation. Here the data pass through one staging
 * buffer per thread, reused, in chunks of at most {@link #STAGING_BYTES}, into a tensor allocated
 * by the engine and freed when it is closed.
 */
public final class HostArrays {
  /** The staging buffer's size: a CIFAR batch of views in one chunk, larger arrays in several. */
  static final int STAGING_BYTES = 4 << 20;

  private static final ThreadLocal<ByteBuffer> STAGING =
      ThreadLocal.withInitial(
          () -> ByteBuffer.allocateDirect(STAGING_BYTES).order(ByteOrder.nativeOrder()));

  private HostArrays() {}

  /** The first {@code shape.size()} values of {@code data}, as a float array of that shape. */
  public static NDArray floats(NDManager manager, float[] data, Shape shape) {
    int count = checkedCount(data.length, shape);
    return copied(manager, shape, DataType.FLOAT32, count, (staging, from, n) ->
        staging.asFloatBuffer().put(data, from, n));
  }

  /** The first {@code shape.size()} values of {@code data}, as an int array of that shape. */
  public static NDArray ints(NDManager manager, int[] data, Shape shape) {
    int count = checkedCount(data.length, shape);
    return copied(manager, shape, DataType.INT32, count, (staging, from, n) ->
        staging.asIntBuffer().put(data, from, n));
  }

  /** All of {@code data} as a one-dimensional int array. */
  public static NDArray ints(NDManager manager, int[] data) {
    return ints(manager, data, new Shape(data.length));
  }

  /** Writes {@code count} values starting at {@code from} at the staging buffer's start. */
  @FunctionalInterface
  private interface Fill {
    void into(ByteBuffer staging, int from, int count);
  }

  private static NDArray copied(
      NDManager manager, Shape shape, DataType type, int count, Fill fill) {
    int perChunk = STAGING_BYTES / type.getNumOfBytes();
    ByteBuffer staging = STAGING.get();
    NDArray flat = manager.create(new Shape(count), type);
    try (NDManager chunks = NDManager.newBaseManager(Device.cpu())) {
      for (int from = 0; from < count; from += perChunk) {
        int n = Math.min(perChunk, count - from);
        staging.clear();
        fill.into(staging, from, n);
        ByteBuffer view = staging.slice(0, n * type.getNumOfBytes()).order(ByteOrder.nativeOrder());
        NDArray chunk = chunks.create(view, new Shape(n), type);
        flat.set(new NDIndex("{}:{}", from, from + n), chunk.toDevice(flat.getDevice(), false));
      }
    }
    NDArray shaped = flat.reshape(shape);
    flat.close();
    return shaped;
  }

  private static int checkedCount(int available, Shape shape) {
    long count = shape.size();
    if (count > available) {
      throw new IllegalArgumentException(
          "shape " + shape + " needs " + count + " values, the array holds " + available);
    }
    return (int) count;
  }
}
