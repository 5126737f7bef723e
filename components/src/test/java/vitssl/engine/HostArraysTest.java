package vitssl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HostArraysTest {
  @Test
  void floatsCopyEveryValueAcrossSeveralChunks() {
    int perChunk = HostArrays.STAGING_BYTES / Float.BYTES;
    float[] data = new float[2 * perChunk + 12_340];
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) random.nextGaussian();
    }
    Shape shape = new Shape(data.length / 4, 4);
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray array = HostArrays.floats(manager, data, shape);
      assertThat(array.getShape()).isEqualTo(shape);
      assertThat(array.getDataType()).isEqualTo(DataType.FLOAT32);
      assertThat(Arrays.mismatch(array.toFloatArray(), data)).as("first differing index").isEqualTo(-1);
    }
  }

  @Test
  void aLongerArrayGivesItsFirstValues() {
    float[] data = {1, 2, 3, 4, 5, 6, 7};
    int[] labels = {9, 8, 7, 6};
    try (NDManager manager = NDManager.newBaseManager()) {
      assertThat(HostArrays.floats(manager, data, new Shape(2, 3)).toFloatArray())
          .containsExactly(1, 2, 3, 4, 5, 6);
      NDArray ints = HostArrays.ints(manager, labels, new Shape(3));
      assertThat(ints.getDataType()).isEqualTo(DataType.INT32);
      assertThat(ints.toIntArray()).containsExactly(9, 8, 7);
      assertThat(HostArrays.ints(manager, labels).toIntArray()).containsExactly(labels);
    }
  }

  @Test
  void theCopyOwnsItsMemorySoTheStagingBufferCanBeReused() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray first = HostArrays.floats(manager, new float[] {1, 2, 3}, new Shape(3));
      HostArrays.floats(manager, new float[] {7, 7, 7}, new Shape(3));
      assertThat(first.toFloatArray()).containsExactly(1, 2, 3);
    }
  }

  @Test
  void aShapeLargerThanTheArrayIsRefused() {
    try (NDManager manager = NDManager.newBaseManager()) {
      assertThatThrownBy(() -> HostArrays.floats(manager, new float[5], new Shape(2, 3)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("shape (2, 3) needs 6 values, the array holds 5");
    }
  }

  /**
   * The point of the class: arrays made here hold no Java direct memory, where each one the
   * engine's own create makes holds its size of it until the collector finds it unreachable.
   */
  @Test
  void arraysMadeHereHoldNoDirectMemory() {
    float[] batch = new float[128 * 3 * 32 * 32];
    Shape shape = new Shape(128, 3, 32, 32);
    long batchBytes = batch.length * (long) Float.BYTES;
    try (NDManager manager = NDManager.newBaseManager()) {
      HostArrays.floats(manager, batch, shape).close();
      try (NDManager live = manager.newSubManager()) {
        long before = directBytes();
        for (int i = 0; i < 20; i++) {
          HostArrays.floats(live, batch, shape);
        }
        assertThat(directBytes() - before).isLessThan(batchBytes);
      }
      try (NDManager live = manager.newSubManager()) {
        long before = directBytes();
        for (int i = 0; i < 20; i++) {
          live.create(batch, shape);
        }
        assertThat(directBytes() - before).isGreaterThanOrEqualTo(20 * batchBytes);
      }
    }
  }

  private static long directBytes() {
    return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
        .filter(pool -> pool.getName().equals("direct"))
        .mapToLong(BufferPoolMXBean::getMemoryUsed)
        .sum();
  }
}
