package vitssl.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vitssl.dsl.backbone.Pooling;
import vitssl.dsl.backbone.Vit;

class SinCosPositionEmbeddingTest {

  @ParameterizedTest
  @CsvSource({"4, 16, true", "3, 8, false", "14, 768, true"})
  void matchesMocoV3FormulaTokenByToken(int grid, int width, boolean classToken) {
    SinCosPositionEmbedding embedding = new SinCosPositionEmbedding(grid, width, classToken);
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray table = embedding.initialize(manager, embedding.shape(), DataType.FLOAT32);
      float[] actual = table.toFloatArray();

      int offset = classToken ? 1 : 0;
      assertThat(table.getShape()).isEqualTo(new Shape(1, grid * grid + offset, width));
      for (int i = 0; i < offset * width; i++) {
        assertThat(actual[i]).isZero();
      }
      int quarter = width / 4;
      double worst = 0;
      for (int m = 0; m < grid * grid; m++) {
        // torch.meshgrid(grid_w, grid_h) is "ij": the "w" coordinate of token m is m / grid.
        int w = m / grid;
        int h = m % grid;
        for (int i = 0; i < quarter; i++) {
          double omega = 1 / Math.pow(10000, i / (double) quarter);
          int at = (offset + m) * width + i;
          worst = Math.max(worst, Math.abs(actual[at] - Math.sin(w * omega)));
          worst = Math.max(worst, Math.abs(actual[at + quarter] - Math.cos(w * omega)));
          worst = Math.max(worst, Math.abs(actual[at + 2 * quarter] - Math.sin(h * omega)));
          worst = Math.max(worst, Math.abs(actual[at + 3 * quarter] - Math.cos(h * omega)));
        }
      }
      assertThat(worst).isLessThan(2e-5);
    }
  }

  @Test
  void isTheFrozenPositionParameterOfADefaultVit() {
    Vit spec = Vit.cpuTiny().withDepth(1);
    try (NDManager manager = NDManager.newBaseManager()) {
      VisionTransformer vit = Models.initialised(spec, manager, 1);
      SinCosPositionEmbedding expected = new SinCosPositionEmbedding(4, 192, true);

      float[] actual = vit.positionEmbedding().orElseThrow().getArray().toFloatArray();

      assertThat(actual)
          .containsExactly(
              expected.initialize(manager, expected.shape(), DataType.FLOAT32).toFloatArray());
      assertThat(actual).hasSize(17 * 192);
    }
  }

  @Test
  void hasNoClassRowWithoutAClassToken() {
    Vit spec = Vit.cpuTiny().withDepth(1).withPooling(Pooling.GLOBAL_AVERAGE);
    try (NDManager manager = NDManager.newBaseManager()) {
      VisionTransformer vit = Models.initialised(spec, manager, 1);

      assertThat(vit.positionEmbedding().orElseThrow().getShape()).isEqualTo(new Shape(1, 16, 192));
    }
  }

  @Test
  void rejectsAWidthNotDivisibleByFour() {
    assertThatThrownBy(() -> new SinCosPositionEmbedding(4, 10, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("width 10")
        .hasMessageContaining("divisible by 4");
  }
}
