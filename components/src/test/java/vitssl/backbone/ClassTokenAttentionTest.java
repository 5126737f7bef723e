package vitssl.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import vitssl.dsl.backbone.Pooling;
import vitssl.dsl.backbone.Vit;

class ClassTokenAttentionTest {
  @AutoClose private final NDManager manager = NDManager.newBaseManager();

  @Test
  void matchesTheClassTokensSoftmaxRowInThePlainJavaPass() {
    Vit spec = Models.tiny();
    VisionTransformer vit = Models.initialised(spec, manager, 1);
    Naive.randomise(vit, 2);
    NDArray images = Models.images(spec, manager, 2);
    NDArray actual = ClassTokenAttention.of(vit, new ParameterStore(manager, false), images);
    int patches = spec.gridSize() * spec.gridSize();
    assertThat(actual.getShape().getShape()).containsExactly(2, spec.heads(), patches);
    double[] values = Naive.values(actual);

    int pixels = spec.channels() * spec.imageSize() * spec.imageSize();
    double[] all = Naive.values(images);
    int width = spec.width();
    int d = width / spec.heads();
    for (int b = 0; b < 2; b++) {
      double[] image = Arrays.copyOfRange(all, b * pixels, (b + 1) * pixels);
      double[][] x = Naive.tokens(vit, image);
      TransformerBlock last = vit.blocks().get(spec.depth() - 1);
      for (TransformerBlock block : vit.blocks().subList(0, spec.depth() - 1)) {
        x = Naive.block(x, block, spec);
      }
      double[][] qkv =
          Naive.linear(Naive.layerNorm(x, last.attentionNorm(), spec.layerNormEps()), last.attention().qkv());
      for (int h = 0; h < spec.heads(); h++) {
        double[] scores = new double[x.length];
        double total = 0;
        for (int j = 0; j < x.length; j++) {
          double dot = 0;
          for (int c = 0; c < d; c++) {
            dot += qkv[0][h * d + c] * qkv[j][width + h * d + c];
          }
          scores[j] = Math.exp(dot / Math.sqrt(d));
          total += scores[j];
        }
        for (int p = 0; p < patches; p++) {
          assertThat(values[(b * spec.heads() + h) * patches + p])
              .isCloseTo(scores[p + 1] / total, within(1e-5));
        }
      }
    }
  }

  @Test
  void needsAClassToken() {
    Vit spec = Models.tiny().withPooling(Pooling.GLOBAL_AVERAGE);
    VisionTransformer vit = Models.initialised(spec, manager, 1);
    assertThatThrownBy(
            () -> ClassTokenAttention.of(vit, new ParameterStore(manager, false), Models.images(spec, manager, 1)))
        .hasMessageContaining("attention maps need a class token");
  }
}
