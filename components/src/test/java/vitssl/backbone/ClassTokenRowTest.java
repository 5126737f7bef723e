package vitssl.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vitssl.dsl.backbone.Vit;
import vitssl.engine.Kernels;

/**
 * The last block's class-token row computed alone equals row 0 of the whole block's output: values
 * and the gradients of the input and every parameter, on the batched-matmul path (17 tokens) and the
 * fused kernel's (40 tokens), with and without a qkv bias, with stochastic depth drawing the same
 * masks.
 */
class ClassTokenRowTest {

  @ParameterizedTest
  @CsvSource({
    "8, 2, 17, true, SCRIPTED",
    "12, 3, 40, true, SCRIPTED",
    "8, 2, 40, true, DJL_OPS",
    "8, 1, 5, true, DJL_OPS",
    "8, 2, 17, false, SCRIPTED",
    "12, 3, 40, false, SCRIPTED"
  })
  void attentionsRowZeroAlone(int width, int heads, int tokens, boolean qkvBias, Kernels kernels) {
    try (NDManager manager = NDManager.newBaseManager()) {
      SelfAttention attention = new SelfAttention(width, heads, qkvBias, kernels);
      attention.initialize(manager, DataType.FLOAT32, new Shape(3, tokens, width));
      Naive.randomise(attention, 7);
      NDArray x = manager.randomNormal(new Shape(3, tokens, width));
      NDArray weights = manager.randomNormal(new Shape(3, width));

      Gradients alone =
          Gradients.of(attention, x, weights, 0, (s, in) -> attention.classTokenForward(s, in, true));
      Gradients whole = Gradients.of(attention, x, weights, 0, ClassTokenRowTest::rowZero);

      alone.assertEqualTo(whole);
    }
  }

  @ParameterizedTest
  @CsvSource({"17, 0.0", "17, 0.5", "40, 0.0", "40, 0.5"})
  void blocksRowZeroAlone(int tokens, double dropRate) {
    try (NDManager manager = NDManager.newBaseManager()) {
      Vit spec = Vit.of(12, 1, 3).withMlpRatio(2.0);
      TransformerBlock block = new TransformerBlock(spec, dropRate);
      block.initialize(manager, DataType.FLOAT32, new Shape(4, tokens, 12));
      Naive.randomise(block, 3);
      NDArray x = manager.randomNormal(new Shape(4, tokens, 12));
      NDArray weights = manager.randomNormal(new Shape(4, 12));

      Gradients alone =
          Gradients.of(block, x, weights, 11, (s, in) -> block.classTokenForward(s, in, true));
      Gradients whole = Gradients.of(block, x, weights, 11, ClassTokenRowTest::rowZero);

      alone.assertEqualTo(whole);
      if (dropRate > 0) {
        Gradients otherDraw = Gradients.of(block, x, weights, 12, ClassTokenRowTest::rowZero);
        assertThat(otherDraw.output).as("another seed drops other samples").isNotEqualTo(whole.output);
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"8, 2, 17, true", "12, 3, 17, false", "8, 2, 40, true"})
  void withoutGradientTheFusedRowEqualsTheBatchedMatmulsRowZero(
      int width, int heads, int tokens, boolean qkvBias) {
    try (NDManager manager = NDManager.newBaseManager()) {
      Shape shape = new Shape(3, tokens, width);
      SelfAttention fused = new SelfAttention(width, heads, qkvBias, Kernels.SCRIPTED);
      SelfAttention eager = new SelfAttention(width, heads, qkvBias, Kernels.DJL_OPS);
      fused.initialize(manager, DataType.FLOAT32, shape);
      eager.initialize(manager, DataType.FLOAT32, shape);
      Naive.randomise(fused, 8);
      Naive.randomise(eager, 8);
      NDArray x = manager.randomNormal(shape);
      ParameterStore store = new ParameterStore(manager, false);

      NDArray alone = fused.classTokenForward(store, x, true);
      NDArray expected = rowZero(store, x, eager);

      assertThat(alone.hasGradient()).as("records a graph").isFalse();
      assertThat(Naive.values(alone)).containsExactly(Naive.values(expected), within(1e-5));
    }
  }

  private static NDArray rowZero(ParameterStore store, NDArray in, AbstractBlock block) {
    return block.forward(store, new NDList(in), true).singletonOrThrow().get(new NDIndex(":, 0, :"));
  }

  private interface Row {
    NDArray of(ParameterStore store, NDArray input, AbstractBlock block);
  }

  private interface RowOf {
    NDArray of(ParameterStore store, NDArray input);
  }

  /** The output, and the gradients of sum(output * weights) for the input and every parameter. */
  private static final class Gradients {
    double[] output;
    double[] input;
    final Map<String, double[]> parameters = new TreeMap<>();

    static Gradients of(AbstractBlock block, NDArray x, NDArray weights, long seed, Row row) {
      return of(block, x, weights, seed, (s, in) -> row.of(s, in, block));
    }

    static Gradients of(AbstractBlock block, NDArray x, NDArray weights, long seed, RowOf row) {
      Gradients g = new Gradients();
      NDArray input = x.duplicate();
      input.setRequiresGradient(true);
      Engine.getInstance().setRandomSeed((int) seed);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray out = row.of(new ParameterStore(input.getManager(), false), input);
        assertThat(out.getShape()).isEqualTo(weights.getShape());
        g.output = Naive.values(out);
        collector.backward(out.mul(weights).sum());
      }
      g.input = Naive.values(input.getGradient());
      block
          .getParameters()
          .forEach(
              p -> {
                NDArray grad = p.getValue().getArray().getGradient();
                g.parameters.put(p.getKey(), Naive.values(grad));
                grad.muli(0); // the next pass starts from zero gradients
              });
      return g;
    }

    void assertEqualTo(Gradients other) {
      assertThat(output).containsExactly(other.output, within(1e-5));
      assertThat(input).containsExactly(other.input, within(1e-5));
      assertThat(parameters).containsOnlyKeys(other.parameters.keySet());
      parameters.forEach(
          (name, grad) ->
              assertThat(grad).as(name).containsExactly(other.parameters.get(name), within(1e-4)));
    }
  }
}
