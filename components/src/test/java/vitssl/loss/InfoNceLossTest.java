package vitssl.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vitssl.dsl.loss.InfoNce;
import vitssl.engine.GcChurn;

class InfoNceLossTest {
  private static final int N = 6;
  private static final int D = 5;

  @Test
  void matchesANaiveDoublePrecisionLoop() {
    Random random = new Random(1);
    double[][] q = randomMatrix(random, N, D);
    double[][] k = randomMatrix(random, N, D);
    try (NDManager manager = NDManager.newBaseManager()) {
      InfoNceLoss loss = new InfoNceLoss(InfoNce.infoNce());
      try (NDArray value = loss.ctr(array(manager, q), array(manager, k))) {
        assertThat(value.getShape()).isEqualTo(new Shape());
        assertThat(value.getFloat()).isCloseTo((float) naiveCtr(q, k, 0.2), within(1e-5f));
      }
    }
  }

  @Test
  void identicalKeysGiveTwoTauLogN() {
    Random random = new Random(2);
    double[][] q = randomMatrix(random, N, D);
    double[] key = randomMatrix(random, 1, D)[0];
    double[][] k = new double[N][];
    java.util.Arrays.fill(k, key);
    double tau = 0.3;
    try (NDManager manager = NDManager.newBaseManager();
        NDArray value =
            new InfoNceLoss(InfoNce.infoNce().temperature(tau))
                .ctr(array(manager, q), array(manager, k))) {
      assertThat(value.getFloat()).isCloseTo((float) (2 * tau * Math.log(N)), within(1e-5f));
    }
  }

  @Test
  void orthogonalOneHotPairsMatchTheClosedForm() {
    double[][] eye = new double[N][N];
    for (int i = 0; i < N; i++) {
      eye[i][i] = 1;
    }
    double tau = 0.5;
    // Positive logit 1 / tau, the N - 1 negatives 0.
    double expected = 2 * tau * Math.log(1 + (N - 1) * Math.exp(-1 / tau));
    try (NDManager manager = NDManager.newBaseManager();
        NDArray value =
            new InfoNceLoss(InfoNce.infoNce().temperature(tau))
                .ctr(array(manager, eye), array(manager, eye))) {
      assertThat(value.getFloat()).isCloseTo((float) expected, within(1e-6f));
    }
  }

  @Test
  void tinyTemperatureStaysFiniteAndNearZeroForPerfectPairs() {
    double[][] eye = new double[N][N];
    for (int i = 0; i < N; i++) {
      eye[i][i] = 3; // not unit: normalisation is part of the loss
    }
    // Logits of 1000 overflow a naive exp in float; a stable log-softmax gives ~0.
    try (NDManager manager = NDManager.newBaseManager();
        NDArray value =
            new InfoNceLoss(InfoNce.infoNce().temperature(1e-3))
                .ctr(array(manager, eye), array(manager, eye))) {
      assertThat(value.getFloat()).isFinite().isCloseTo(0f, within(1e-7f));
    }
  }

  @Test
  void symmetricLossIsTheSumOverCrossedViewsAndSymmetricInTheViews() {
    Random random = new Random(3);
    double[][] q1 = randomMatrix(random, N, D);
    double[][] q2 = randomMatrix(random, N, D);
    double[][] k1 = randomMatrix(random, N, D);
    double[][] k2 = randomMatrix(random, N, D);
    InfoNceLoss loss = new InfoNceLoss(InfoNce.infoNce());
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray aq1 = array(manager, q1);
      NDArray aq2 = array(manager, q2);
      NDArray ak1 = array(manager, k1);
      NDArray ak2 = array(manager, k2);
      float total = loss.symmetric(aq1, aq2, ak1, ak2).getFloat();
      float swapped = loss.symmetric(aq2, aq1, ak2, ak1).getFloat();
      assertThat(total)
          .isCloseTo((float) (naiveCtr(q1, k2, 0.2) + naiveCtr(q2, k1, 0.2)), within(1e-5f));
      assertThat(swapped).isCloseTo(total, within(1e-6f));
    }
  }

  @Test
  void gradientReachesQueriesAsFiniteDifferencesSayAndNeverKeys() {
    Random random = new Random(4);
    double[][] q = randomMatrix(random, N, D);
    double[][] k = randomMatrix(random, N, D);
    double tau = 0.2;
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray aq = array(manager, q);
      NDArray ak = array(manager, k);
      aq.setRequiresGradient(true);
      ak.setRequiresGradient(true); // would receive gradient without the loss's stop-gradient
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        collector.backward(new InfoNceLoss(InfoNce.infoNce()).ctr(aq, ak));
      }
      float[] qGrad = aq.getGradient().toFloatArray();
      float[] kGrad = ak.getGradient().toFloatArray();
      double h = 1e-5;
      for (int i = 0; i < N; i++) {
        for (int j = 0; j < D; j++) {
          double saved = q[i][j];
          q[i][j] = saved + h;
          double up = naiveCtr(q, k, tau);
          q[i][j] = saved - h;
          double down = naiveCtr(q, k, tau);
          q[i][j] = saved;
          assertThat(qGrad[i * D + j]).isCloseTo((float) ((up - down) / (2 * h)), within(1e-5f));
        }
      }
      assertThat(qGrad).isNotEqualTo(new float[N * D]);
      assertThat(kGrad).containsOnly(0f);
    }
  }

  /**
   * A garbage collection between the loss and its backward pass frees whatever Java memory nothing
   * holds; the gradient must not change (the temperature and the 2 tau factor are constants that
   * the backward pass reads).
   */
  @Test
  void gradientIsTheSameWhenMemoryIsFreedBeforeBackward() throws InterruptedException {
    Random random = new Random(6);
    double[][] q = randomMatrix(random, N, D);
    double[][] k = randomMatrix(random, N, D);
    float[] clean = queryGradient(q, k, false);
    for (int trial = 0; trial < 3; trial++) {
      assertThat(queryGradient(q, k, true)).containsExactly(clean);
    }
  }

  private static float[] queryGradient(double[][] q, double[][] k, boolean churn)
      throws InterruptedException {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray aq = array(manager, q);
      aq.setRequiresGradient(true);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray loss = new InfoNceLoss(InfoNce.infoNce()).symmetric(aq, aq, array(manager, k), array(manager, k));
        var refill = churn ? GcChurn.freeAndRefill(256) : java.util.List.of();
        collector.backward(loss);
        assertThat(refill).hasSize(churn ? 256 : 0);
      }
      return aq.getGradient().toFloatArray();
    }
  }

  @Test
  void leavesOnlyTheLossInTheQueriesManager() {
    Random random = new Random(5);
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray q = array(manager, randomMatrix(random, N, D));
      NDArray k = array(manager, randomMatrix(random, N, D));
      int before = manager.getManagedArrays().size();
      new InfoNceLoss(InfoNce.infoNce()).symmetric(q, q, k, k);
      assertThat(manager.getManagedArrays()).hasSize(before + 1);
    }
  }

  @Test
  void rejectsQueriesAndKeysOfDifferentShapes() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray q = manager.zeros(new Shape(4, 3));
      NDArray k = manager.zeros(new Shape(5, 3));
      assertThatThrownBy(() -> new InfoNceLoss(InfoNce.infoNce()).ctr(q, k))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("(4, 3)")
          .hasMessageContaining("(5, 3)")
          .hasMessageContaining("[N, D]");
    }
  }

  /** The paper's formula, term by term, in double precision. */
  private static double naiveCtr(double[][] q, double[][] k, double tau) {
    int n = q.length;
    double total = 0;
    for (int i = 0; i < n; i++) {
      double[] logits = new double[n];
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < n; j++) {
        logits[j] = dot(q[i], k[j]) / Math.sqrt(dot(q[i], q[i]) * dot(k[j], k[j])) / tau;
        max = Math.max(max, logits[j]);
      }
      double sumExp = 0;
      for (int j = 0; j < n; j++) {
        sumExp += Math.exp(logits[j] - max);
      }
      total += max + Math.log(sumExp) - logits[i];
    }
    return total / n * 2 * tau;
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static double[][] randomMatrix(Random random, int rows, int cols) {
    double[][] m = new double[rows][cols];
    for (double[] row : m) {
      for (int j = 0; j < cols; j++) {
        row[j] = (float) random.nextGaussian(); // representable in float, so both sides agree
      }
    }
    return m;
  }

  private static NDArray array(NDManager manager, double[][] m) {
    float[] flat = new float[m.length * m[0].length];
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m[0].length; j++) {
        flat[i * m[0].length + j] = (float) m[i][j];
      }
    }
    return manager.create(flat, new Shape(m.length, m[0].length));
  }
}
