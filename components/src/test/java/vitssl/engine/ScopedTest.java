package vitssl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ScopedTest {
  /** tanh(x W) * x W, summed over a row: intermediates autograd reads and some it does not. */
  private static NDArray pass(NDArray x, NDArray w, List<NDArray> seen) {
    NDArray product = x.matMul(w);
    NDArray squashed = product.tanh();
    NDArray out = squashed.mul(product).sum(new int[] {1});
    seen.addAll(List.of(product, squashed, out));
    return out;
  }

  @Test
  void onlyTheOutputOutlivesThePassAndGradientsAreThoseOfAPassThatKeepsEverything() {
    EngineSetup.ensureStarted();
    try (NDManager manager = NDManager.newBaseManager()) {
      float[] weights = manager.randomNormal(new Shape(6, 5)).toFloatArray();
      float[] inputs = manager.randomNormal(new Shape(4, 6)).toFloatArray();
      float[][] gradients = new float[2][];
      for (int scoped = 0; scoped < 2; scoped++) {
        try (NDManager step = manager.newSubManager()) {
          NDArray w = step.create(weights, new Shape(6, 5));
          w.setRequiresGradient(true);
          NDArray x = step.create(inputs, new Shape(4, 6));
          List<NDArray> seen = new ArrayList<>();
          UnaryOperator<NDArray> pass = in -> pass(in, w, seen);
          try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray out = scoped == 1 ? Scoped.output(x, pass) : pass.apply(x);
            if (scoped == 1) {
              assertThat(out.getManager()).isSameAs(step);
              assertThat(x.getManager()).isSameAs(step);
              assertThat(seen.subList(0, 2)).allMatch(NDArray::isReleased);
              assertThat(step.getManagedArrays())
                  .extracting(NDArray::getUid)
                  .containsExactlyInAnyOrder(w.getUid(), x.getUid(), out.getUid());
            }
            collector.backward(out.sum());
          }
          gradients[scoped] = w.getGradient().toFloatArray();
        }
      }
      assertThat(gradients[1]).containsExactly(gradients[0], within(1e-6f));
    }
  }
}
