package vitssl.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SoftmaxClassifierTest {
  private final NDManager manager = NDManager.newBaseManager();

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void firstStepFromZeroMatchesTheHandComputedGradient() {
    // x = (1, 2), y = 0, W = 0: p = (1/2, 1/2), dlogits = (-1/2, 1/2), dW = x^T dlogits, loss ln 2.
    try (SoftmaxClassifier classifier = new SoftmaxClassifier(manager, new float[2][2], 0.9, 0)) {
      double loss = step(classifier, new float[][] {{1, 2}}, new int[] {0}, 0.1);
      assertThat(loss).isCloseTo(Math.log(2), within(1e-6));
      assertThat(classifier.weight())
          .containsExactly(new float[] {0.05f, -0.05f, 0.1f, -0.1f}, within(1e-7f));
      assertThat(classifier.bias()).containsExactly(new float[] {0.05f, -0.05f}, within(1e-7f));
    }
  }

  @Test
  void stepsFollowPyTorchSgdWithMomentumAndWeightDecay() {
    float[][] w0 = {{0.3f, -0.2f, 0.1f}, {0.05f, 0.4f, -0.3f}};
    float[][] x = {{1, 2}, {3, -1}, {-0.5f, 0.5f}, {2, 2}};
    int[] y = {0, 2, 1, 2};
    double mu = 0.9;
    double wd = 0.05;
    double[] lrs = {0.5, 0.3, 0.1};
    NaiveSgd reference = new NaiveSgd(w0, mu, wd);
    try (SoftmaxClassifier classifier = new SoftmaxClassifier(manager, w0, mu, wd)) {
      for (double lr : lrs) {
        double loss = step(classifier, x, y, lr);
        assertThat(loss).isCloseTo(reference.step(x, y, lr), within(1e-5));
      }
      assertThat(classifier.weight()).containsExactly(reference.flatWeight(), within(1e-5f));
      assertThat(classifier.bias()).containsExactly(reference.floatBias(), within(1e-5f));
    }
  }

  @Test
  void stepsLeaveNoArraysBehind() {
    try (SoftmaxClassifier classifier = new SoftmaxClassifier(manager, new float[3][4], 0.9, 0.1)) {
      int before = manager.getManagedArrays().size();
      for (int i = 0; i < 3; i++) {
        step(classifier, new float[][] {{1, 2, 3}, {0, 1, 0}}, new int[] {1, 3}, 0.1);
      }
      try (NDManager step = manager.newSubManager()) {
        classifier.logits(SoftmaxClassifier.withBiasColumn(step.create(new float[][] {{1, 2, 3}})));
      }
      assertThat(manager.getManagedArrays()).hasSize(before);
    }
  }

  /** One step; returns the batch's loss before it. */
  private double step(SoftmaxClassifier classifier, float[][] x, int[] y, double lr) {
    int classes = classifier.bias().length;
    try (NDManager step = manager.newSubManager()) {
      NDArray features = SoftmaxClassifier.withBiasColumn(step.create(x));
      NDArray oneHot = step.create(y).oneHot(classes, DataType.FLOAT32);
      double loss = classifier.loss(features, oneHot);
      classifier.step(features, oneHot, lr);
      return loss;
    }
  }

  /** The textbook formulas in double precision, one loop at a time. */
  private static final class NaiveSgd {
    private final double[][] w;
    private final double[] b;
    private final double[][] bufW;
    private final double[] bufB;
    private final double mu;
    private final double wd;

    NaiveSgd(float[][] w0, double mu, double wd) {
      this.w = new double[w0.length][w0[0].length];
      for (int i = 0; i < w0.length; i++) {
        for (int j = 0; j < w0[0].length; j++) {
          w[i][j] = w0[i][j];
        }
      }
      this.b = new double[w0[0].length];
      this.bufW = new double[w0.length][w0[0].length];
      this.bufB = new double[w0[0].length];
      this.mu = mu;
      this.wd = wd;
    }

    double step(float[][] x, int[] y, double lr) {
      int classes = b.length;
      double[][] gw = new double[w.length][classes];
      double[] gb = new double[classes];
      double loss = 0;
      for (int n = 0; n < x.length; n++) {
        double[] logits = b.clone();
        for (int c = 0; c < classes; c++) {
          for (int d = 0; d < w.length; d++) {
            logits[c] += x[n][d] * w[d][c];
          }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logits) {
          max = Math.max(max, l);
        }
        double z = 0;
        for (double l : logits) {
          z += Math.exp(l - max);
        }
        loss += -(logits[y[n]] - max - Math.log(z)) / x.length;
        for (int c = 0; c < classes; c++) {
          double g = (Math.exp(logits[c] - max) / z - (c == y[n] ? 1 : 0)) / x.length;
          gb[c] += g;
          for (int d = 0; d < w.length; d++) {
            gw[d][c] += g * x[n][d];
          }
        }
      }
      for (int c = 0; c < classes; c++) {
        bufB[c] = mu * bufB[c] + gb[c] + wd * b[c];
        b[c] -= lr * bufB[c];
        for (int d = 0; d < w.length; d++) {
          bufW[d][c] = mu * bufW[d][c] + gw[d][c] + wd * w[d][c];
          w[d][c] -= lr * bufW[d][c];
        }
      }
      return loss;
    }

    float[] flatWeight() {
      float[] flat = new float[w.length * b.length];
      for (int d = 0; d < w.length; d++) {
        for (int c = 0; c < b.length; c++) {
          flat[d * b.length + c] = (float) w[d][c];
        }
      }
      return flat;
    }

    float[] floatBias() {
      float[] out = new float[b.length];
      for (int c = 0; c < b.length; c++) {
        out[c] = (float) b[c];
      }
      return out;
    }
  }
}
