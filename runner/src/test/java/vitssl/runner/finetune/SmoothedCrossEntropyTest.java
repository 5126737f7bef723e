package vitssl.runner.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmoothedCrossEntropyTest {
  @AutoClose private final NDManager manager = NDManager.newBaseManager();

  @ParameterizedTest
  @ValueSource(doubles = {0, 0.1, 0.5})
  void matchesTheFormulaOnSmoothedTargets(double smoothing) {
    Random random = new Random(5);
    int batch = 6;
    int classes = 4;
    float[] logits = new float[batch * classes];
    long[] labels = new long[batch];
    for (int i = 0; i < logits.length; i++) {
      logits[i] = (float) (3 * random.nextGaussian());
    }
    for (int i = 0; i < batch; i++) {
      labels[i] = random.nextInt(classes);
    }
    double actual =
        new SmoothedCrossEntropy(smoothing)
            .of(manager.create(logits, new Shape(batch, classes)), manager.create(labels))
            .getFloat();

    // The target distribution: 1 - e + e / C on the label, e / C elsewhere; loss -sum q log p.
    double expected = 0;
    for (int b = 0; b < batch; b++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        max = Math.max(max, logits[b * classes + c]);
      }
      double sum = 0;
      for (int c = 0; c < classes; c++) {
        sum += Math.exp(logits[b * classes + c] - max);
      }
      for (int c = 0; c < classes; c++) {
        double logP = logits[b * classes + c] - max - Math.log(sum);
        double q = (c == labels[b] ? 1 - smoothing : 0) + smoothing / classes;
        expected -= q * logP;
      }
    }
    assertThat(actual).isCloseTo(expected / batch, within(1e-5));
  }
}
