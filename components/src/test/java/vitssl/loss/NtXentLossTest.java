package vitssl.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static vitssl.loss.LossFixtures.array;
import static vitssl.loss.LossFixtures.cosine;
import static vitssl.loss.LossFixtures.finiteDifferences;
import static vitssl.loss.LossFixtures.identity;
import static vitssl.loss.LossFixtures.randomMatrix;
import static vitssl.loss.LossFixtures.scaled;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vitssl.dsl.loss.NtXent;

class NtXentLossTest {
  private static final int N = 6;
  private static final int D = 5;

  @Test
  void matchesANaiveDoublePrecisionLoop() {
    Random random = new Random(1);
    double[][] z1 = randomMatrix(random, N, D);
    double[][] z2 = randomMatrix(random, N, D);
    for (double tau : new double[] {0.1, 0.2, 1.0}) {
      try (NDManager manager = NDManager.newBaseManager();
          NDArray value =
              new NtXentLoss(NtXent.ntXent().temperature(tau))
                  .loss(array(manager, z1), array(manager, z2))) {
        assertThat(value.getShape()).isEqualTo(new Shape());
        assertThat(value.getFloat()).isCloseTo((float) naiveNtXent(z1, z2, tau), within(2e-5f));
      }
    }
  }

  @Test
  void identicalVectorsGiveLogOfTwoNMinusOne() {
    double[] v = randomMatrix(new Random(2), 1, D)[0];
    double[][] same = new double[N][];
    Arrays.fill(same, v);
    // Every logit is 1 / tau, so the positive is one of 2N - 1 equal candidates.
    try (NDManager manager = NDManager.newBaseManager();
        NDArray value =
            new NtXentLoss(NtXent.ntXent())
                .loss(array(manager, same), array(manager, scaled(same, 3)))) {
      assertThat(value.getFloat()).isCloseTo((float) Math.log(2 * N - 1), within(1e-5f));
    }
  }

  @Test
  void oneHotPairsMatchTheClosedForm() {
    double tau = 0.5;
    // Positive logit 1 / tau, self masked, the 2N - 2 negatives 0.
    double expected = Math.log(1 + (2 * N - 2) * Math.exp(-1 / tau));
    try (NDManager manager = NDManager.newBaseManager();
        NDArray value =
            new NtXentLoss(NtXent.ntXent().temperature(tau))
                .loss(array(manager, identity(N, 1)), array(manager, identity(N, 2)))) {
      assertThat(value.getFloat()).isCloseTo((float) expected, within(1e-6f));
    }
  }

  @Test
  void selfSimilarityIsMaskedAndTinyTemperaturesStayFinite() {
    // Logits of 1000: an unmasked diagonal would tie with the positive and give log 2, a naive
    // exp would overflow; the masked, stable loss is ~0.
    try (NDManager manager = NDManager.newBaseManager();
        NDArray value =
            new NtXentLoss(NtXent.ntXent().temperature(1e-3))
                .loss(array(manager, identity(N, 3)), array(manager, identity(N, 3)))) {
      assertThat(value.getFloat()).isFinite().isCloseTo(0f, within(1e-6f));
    }
  }

  @Test
  void oneImageHasOnlyItsPositiveAndZeroLoss() {
    double[][] z1 = randomMatrix(new Random(3), 1, D);
    double[][] z2 = randomMatrix(new Random(4), 1, D);
    try (NDManager manager = NDManager.newBaseManager();
        NDArray value = new NtXentLoss(NtXent.ntXent()).loss(array(manager, z1), array(manager, z2))) {
      assertThat(value.getFloat()).isCloseTo(0f, within(1e-7f));
    }
  }

  @Test
  void isSymmetricInTheViews() {
    Random random = new Random(5);
    double[][] z1 = randomMatrix(random, N, D);
    double[][] z2 = randomMatrix(random, N, D);
    NtXentLoss loss = new NtXentLoss(NtXent.ntXent());
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray a1 = array(manager, z1);
      NDArray a2 = array(manager, z2);
      float swapped = loss.loss(a2, a1).getFloat();
      // Equal up to float rounding of the summation order (a few ulps of a value near 8).
      assertThat(swapped).isCloseTo(loss.loss(a1, a2).getFloat(), within(5e-6f));
      assertThat(swapped).isCloseTo((float) naiveNtXent(z1, z2, 0.1), within(2e-5f));
    }
  }

  @Test
  void gradientReachesBothViewsAsFiniteDifferencesSay() {
    Random random = new Random(6);
    double[][] z1 = randomMatrix(random, N, D);
    double[][] z2 = randomMatrix(random, N, D);
    double tau = 0.2;
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray a1 = array(manager, z1);
      NDArray a2 = array(manager, z2);
      a1.setRequiresGradient(true);
      a2.setRequiresGradient(true);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        collector.backward(new NtXentLoss(NtXent.ntXent().temperature(tau)).loss(a1, a2));
      }
      float[] g1 = a1.getGradient().toFloatArray();
      float[] g2 = a2.getGradient().toFloatArray();
      double[] expected1 = finiteDifferences(m -> naiveNtXent(m, z2, tau), z1);
      double[] expected2 = finiteDifferences(m -> naiveNtXent(z1, m, tau), z2);
      for (int i = 0; i < N * D; i++) {
        assertThat(g1[i]).as("view 1, entry %d", i).isCloseTo((float) expected1[i], within(2e-5f));
        assertThat(g2[i]).as("view 2, entry %d", i).isCloseTo((float) expected2[i], within(2e-5f));
      }
      assertThat(g1).isNotEqualTo(new float[N * D]);
      assertThat(g2).isNotEqualTo(new float[N * D]);
    }
  }

  @Test
  void asASiameseLossItReadsTheTwoQueriesAndIgnoresTheKeys() {
    Random random = new Random(7);
    NtXentLoss loss = new NtXentLoss(NtXent.ntXent());
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray q1 = array(manager, randomMatrix(random, N, D));
      NDArray q2 = array(manager, randomMatrix(random, N, D));
      NDArray k1 = array(manager, randomMatrix(random, N, D));
      NDArray k2 = array(manager, randomMatrix(random, N, D));
      float direct = loss.loss(q1, q2).getFloat();
      assertThat(loss.compute(List.of(q1, q2), List.of(k1, k2)).getFloat()).isEqualTo(direct);
      assertThat(loss.compute(List.of(q1, q2), List.of(q1, q1)).getFloat()).isEqualTo(direct);
    }
  }

  @Test
  void leavesOnlyTheLossInTheFirstViewsManager() {
    Random random = new Random(8);
    try (NDManager manager = NDManager.newBaseManager();
        NDManager scope = manager.newSubManager();
        NDManager other = manager.newSubManager()) {
      NDArray z1 = array(scope, randomMatrix(random, N, D));
      NDArray z2 = array(other, randomMatrix(random, N, D));
      new NtXentLoss(NtXent.ntXent()).compute(List.of(z1, z2), List.of());
      assertThat(scope.getManagedArrays()).hasSize(2);
      assertThat(other.getManagedArrays()).containsExactly(z2);
    }
  }

  @Test
  void rejectsViewsOfDifferentShapesAndAnyNumberOfViewsButTwo() {
    NtXentLoss loss = new NtXentLoss(NtXent.ntXent());
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray a = manager.zeros(new Shape(4, 3));
      NDArray b = manager.zeros(new Shape(5, 3));
      assertThatThrownBy(() -> loss.loss(a, b))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("NtXentLoss")
          .hasMessageContaining("(4, 3)")
          .hasMessageContaining("(5, 3)")
          .hasMessageContaining("[N, D]");
      assertThatThrownBy(() -> loss.compute(List.of(a, a, a), List.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("got 3 query views, expected exactly 2")
          .hasMessageContaining("Views.byolAsymmetric");
    }
  }

  /** SimCLR's formula, anchor by anchor, in double precision. */
  private static double naiveNtXent(double[][] z1, double[][] z2, double tau) {
    int n = z1.length;
    double[][] z = new double[2 * n][];
    for (int i = 0; i < n; i++) {
      z[i] = z1[i];
      z[n + i] = z2[i];
    }
    double total = 0;
    for (int i = 0; i < 2 * n; i++) {
      int positive = i < n ? i + n : i - n;
      double max = Double.NEGATIVE_INFINITY;
      double[] logits = new double[2 * n];
      for (int j = 0; j < 2 * n; j++) {
        if (j != i) {
          logits[j] = cosine(z[i], z[j]) / tau;
          max = Math.max(max, logits[j]);
        }
      }
      double sumExp = 0;
      for (int j = 0; j < 2 * n; j++) {
        if (j != i) {
          sumExp += Math.exp(logits[j] - max);
        }
      }
      total += max + Math.log(sumExp) - logits[positive];
    }
    return total / (2 * n);
  }
}
