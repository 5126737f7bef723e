package vitssl.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vitssl.engine.Kernels;
import vitssl.optim.Gradients;

class SelfAttentionTest {

  @ParameterizedTest
  @CsvSource({
    "8, 2, 33, true, SCRIPTED",
    "8, 1, 40, true, SCRIPTED",
    "12, 3, 35, false, SCRIPTED",
    "8, 2, 65, true, SCRIPTED",
    "8, 2, 3, true, SCRIPTED",
    "8, 2, 3, true, DJL_OPS",
    "12, 3, 5, false, DJL_OPS",
    "8, 2, 9, true, DJL_OPS"
  })
  void matchesAPerHeadLoop(int width, int heads, int tokens, boolean qkvBias, Kernels kernels) {
    try (NDManager manager = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(4);
      SelfAttention attention = new SelfAttention(width, heads, qkvBias, kernels);
      assertThat(attention.fused()).isEqualTo(kernels == Kernels.SCRIPTED);
      attention.initialize(manager, DataType.FLOAT32, new Shape(2, tokens, width));
      Naive.randomise(attention, 9);
      NDArray x = manager.randomNormal(new Shape(2, tokens, width));

      double[] actual = Naive.values(Models.forward(attention, x, true));

      double[] input = Naive.values(x);
      for (int b = 0; b < 2; b++) {
        double[][] rows = new double[tokens][width];
        for (int t = 0; t < tokens; t++) {
          System.arraycopy(input, (b * tokens + t) * width, rows[t], 0, width);
        }
        double[][] expected = Naive.attention(rows, attention, heads);
        for (int t = 0; t < tokens; t++) {
          for (int i = 0; i < width; i++) {
            assertThat(actual[(b * tokens + t) * width + i])
                .isCloseTo(expected[t][i], within(1e-5));
          }
        }
      }
      assertThat(attention.qkv().getParameters().contains("bias")).isEqualTo(qkvBias);
    }
  }

  @ParameterizedTest
  @CsvSource({"16, 4, 33", "12, 2, 40", "8, 2, 65", "8, 1, 197"})
  void theFusedKernelHasTheGradientsOfTheBatchedMatmuls(int width, int heads, int tokens) {
    try (NDManager manager = NDManager.newBaseManager()) {
      SelfAttention fused = new SelfAttention(width, heads, true, Kernels.SCRIPTED);
      SelfAttention eager = new SelfAttention(width, heads, true, Kernels.DJL_OPS);
      assertThat(fused.fused()).as("the engine runs the fused kernel here").isTrue();
      Shape shape = new Shape(3, tokens, width);
      fused.initialize(manager, DataType.FLOAT32, shape);
      eager.initialize(manager, DataType.FLOAT32, shape);
      Naive.randomise(fused, 5);
      Naive.randomise(eager, 5);
      // Several calls: the engine may re-plan a scripted module after its first runs.
      for (int call = 0; call < 3; call++) {
        NDArray x = manager.randomNormal(shape);
        NDArray weights = manager.randomNormal(shape);

        Gradients a = Gradients.of(fused, x, weights);
        Gradients b = Gradients.of(eager, x, weights);

        assertThat(a.output).as("call %d", call).containsExactly(b.output, within(1e-5));
        assertThat(a.input).as("call %d", call).containsExactly(b.input, within(1e-5));
        assertThat(a.parameters).containsOnlyKeys(b.parameters.keySet());
        a.parameters.forEach(
            (name, grad) ->
                assertThat(grad).as(name).containsExactly(b.parameters.get(name), within(1e-4)));
      }
    }
  }

  @Test
  void outsideAGradientCollectorTheFusedKernelRecordsNothing() {
    try (NDManager manager = NDManager.newBaseManager()) {
      SelfAttention attention = new SelfAttention(8, 2, true, Kernels.SCRIPTED);
      attention.initialize(manager, DataType.FLOAT32, new Shape(2, 40, 8));

      NDArray out = Models.forward(attention, manager.randomNormal(new Shape(2, 40, 8)), false);

      assertThat(out.hasGradient()).as("records a graph").isFalse();
    }
  }

  private static Parameter qkvWeight(SelfAttention attention) {
    return attention.qkv().getParameters().get("weight");
  }

  @Test
  void onACpuShortSequencesTakeTheFusedKernelOnlyWhereNoBackwardPassRuns() {
    try (NDManager manager = NDManager.newBaseManager()) {
      SelfAttention trained = new SelfAttention(8, 2, true, Kernels.SCRIPTED);
      SelfAttention frozen = new SelfAttention(8, 2, true, Kernels.SCRIPTED);
      trained.initialize(manager, DataType.FLOAT32, new Shape(2, 17, 8));
      frozen.initialize(manager, DataType.FLOAT32, new Shape(2, 17, 8));
      frozen.freezeParameters(true);
      NDArray shortTokens = manager.zeros(new Shape(2, 17, 8));
      NDArray longTokens = manager.zeros(new Shape(2, 33, 8));

      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        assertThat(SelfAttention.fusedPays(shortTokens, qkvWeight(trained))).isFalse();
        assertThat(SelfAttention.fusedPays(longTokens, qkvWeight(trained))).isTrue();
        assertThat(SelfAttention.fusedPays(shortTokens, qkvWeight(frozen))).as("frozen").isTrue();
      }
      assertThat(SelfAttention.fusedPays(shortTokens, qkvWeight(trained)))
          .as("outside a gradient collector")
          .isTrue();
    }
  }

  /** The output, and the gradients of sum(output * weights) for the input and every parameter. */
  private static final class Gradients {
    double[] output;
    double[] input;
    final Map<String, double[]> parameters = new TreeMap<>();

    static Gradients of(SelfAttention attention, NDArray x, NDArray weights) {
      Gradients g = new Gradients();
      NDArray input = x.duplicate();
      input.setRequiresGradient(true);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray out = Models.forward(attention, input, true);
        g.output = Naive.values(out);
        collector.backward(out.mul(weights).sum());
      }
      g.input = Naive.values(input.getGradient());
      attention
          .getParameters()
          .forEach(p -> g.parameters.put(p.getKey(), Naive.values(p.getValue().getArray().getGradient())));
      return g;
    }
  }
}
