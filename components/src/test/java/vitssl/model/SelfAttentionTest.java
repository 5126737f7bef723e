package vitssl.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SelfAttentionTest {

  @ParameterizedTest
  @CsvSource({"8, 2, 3, true", "8, 1, 3, true", "12, 3, 5, false"})
  void matchesAPerHeadLoop(int width, int heads, int tokens, boolean qkvBias) {
    try (NDManager manager = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(4);
      SelfAttention attention = new SelfAttention(width, heads, qkvBias);
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
}
