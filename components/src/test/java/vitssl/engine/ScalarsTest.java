package vitssl.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class ScalarsTest {
  private static final float[] X = {-2f, -0.5f, 0f, 1.5f, 3f};

  @Test
  void eachOperationMatchesItsFormulaElementWise() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray x = manager.create(X);
      assertElementWise(Scalars.mul(x, 0.25), v -> v * 0.25f);
      assertElementWise(Scalars.div(x, 4), v -> v / 4f);
      assertElementWise(Scalars.add(x, 2), v -> v + 2f);
      assertElementWise(Scalars.sub(x, 2), v -> v - 2f);
      assertElementWise(Scalars.pow(x, 2), v -> v * v);
      assertElementWise(Scalars.maximum(x, 0.1), v -> Math.max(v, 0.1f));
      assertElementWise(Scalars.minimum(x, 0.1), v -> Math.min(v, 0.1f));
      NDArray y = manager.create(X);
      assertThat(Scalars.muli(y, 3)).isSameAs(y);
      assertElementWise(y, v -> v * 3f);
      assertThat(Scalars.divi(y, 3)).isSameAs(y);
      assertElementWise(y, v -> v);
    }
  }

  @Test
  void resultsStayInTheInputsManagerTypeAndDevice() {
    try (NDManager manager = NDManager.newBaseManager();
        NDManager scope = manager.newSubManager()) {
      NDArray x = scope.create(new double[] {1, 2});
      NDArray y = Scalars.mul(x, 1.0 / 3);
      assertThat(y.getManager()).isSameAs(scope);
      assertThat(y.getDataType()).isEqualTo(DataType.FLOAT64);
      assertThat(y.toDoubleArray()).containsExactly(1.0 / 3, 2.0 / 3);
      assertThat(y.getDevice()).isEqualTo(x.getDevice());
      NDArray c = Scalars.constant(x, Double.NEGATIVE_INFINITY);
      assertThat(c.getShape()).isEqualTo(new Shape());
      assertThat(c.getDouble()).isEqualTo(Double.NEGATIVE_INFINITY);
    }
  }

  /**
   * The backward pass reads the constant after a garbage collection has freed every unreachable
   * direct buffer and handed the memory out again filled with NaN: the gradient must still be the
   * constant (with DJL's own {@code mul(Number)} it comes out NaN or garbage).
   */
  @Test
  void gradientsSurviveAGarbageCollectionBeforeBackward() throws InterruptedException {
    assertGradientAfterChurn(Scalars::mul, 0.5, 0.5f);
    assertGradientAfterChurn(Scalars::div, 4, 0.25f);
    assertGradientAfterChurn((x, c) -> Scalars.pow(x, c), 1, 1f);
  }

  private static void assertGradientAfterChurn(
      BiFunction<NDArray, Double, NDArray> op, double constant, float expected)
      throws InterruptedException {
    for (int trial = 0; trial < 3; trial++) {
      try (NDManager manager = NDManager.newBaseManager();
          GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray x = manager.ones(new Shape(4));
        x.setRequiresGradient(true);
        NDArray y = op.apply(x, constant);
        List<ByteBuffer> refill = GcChurn.freeAndRefill(256);
        collector.backward(y.sum());
        assertThat(refill).hasSize(256);
        assertThat(x.getGradient().toFloatArray()).containsOnly(expected);
      }
    }
  }

  private static void assertElementWise(NDArray actual, java.util.function.Function<Float, Float> f) {
    float[] values = actual.toFloatArray();
    assertThat(values).hasSize(X.length);
    for (int i = 0; i < X.length; i++) {
      assertThat(values[i]).as("element %d", i).isEqualTo(f.apply(X[i]));
    }
  }
}
