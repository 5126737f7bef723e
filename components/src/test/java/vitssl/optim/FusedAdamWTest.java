package vitssl.optim;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import vitssl.engine.Kernels;

class FusedAdamWTest {
  private static final float[] W = {1, -2, 3, -4, 5, -6};

  @Test
  void stepsContiguousArraysAndLeavesAGroupItCannotTakeUntouched() {
    FusedAdamW kernel = FusedAdamW.get(Kernels.SCRIPTED).orElseThrow();
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray contiguous = manager.create(W, new Shape(3, 2));
      assertThat(step(kernel, manager, contiguous)).isTrue();
      assertThat(contiguous.toFloatArray()).isNotEqualTo(W);

      // A transposed view: the kernel would walk its memory in the wrong order.
      NDArray strided = manager.create(W, new Shape(2, 3)).transpose();
      float[] before = strided.toFloatArray();
      assertThat(step(kernel, manager, strided)).isFalse();
      assertThat(strided.toFloatArray()).containsExactly(before);
    }
  }

  private static boolean step(FusedAdamW kernel, NDManager manager, NDArray weight) {
    Shape shape = weight.getShape();
    return kernel.step(
        List.of(weight),
        List.of(manager.ones(shape)),
        List.of(manager.zeros(shape)),
        List.of(manager.zeros(shape)),
        List.of(manager.full(new Shape(), 1f, DataType.FLOAT32)),
        0.1,
        0.9,
        0.999,
        0.01,
        1e-8);
  }
}
