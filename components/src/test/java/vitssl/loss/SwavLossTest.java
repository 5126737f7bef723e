package vitssl.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static vitssl.loss.LossFixtures.array;
import static vitssl.loss.LossFixtures.finiteDifferences;
import static vitssl.loss.LossFixtures.randomMatrix;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vitssl.dsl.Span;
import vitssl.dsl.loss.Swav;
import vitssl.optim.GradientNorm;

class SwavLossTest {
  private static final int B = 6;
  private static final int D = 5;
  private static final int K = 4;

  @Test
  void sinkhornMatchesANaiveDoubleLoop() {
    double[][] scores = randomMatrix(new Random(1), B, K);
    try (NDManager manager = NDManager.newBaseManager();
        NDArray codes = SwavLoss.sinkhorn(array(manager, scores).mul(0.1f), 0.05, 3)) {
      double[][] expected = naiveSinkhorn(scaled(scores, 0.1), 0.05, 3);
      float[] got = codes.toFloatArray();
      for (int b = 0; b < B; b++) {
        for (int k = 0; k < K; k++) {
          assertThat(got[b * K + k]).isCloseTo((float) expected[b][k], within(1e-5f));
        }
      }
    }
  }

  @Test
  void sinkhornMarginalsAreOnePerSampleAndBalancedOverPrototypes() {
    double[][] scores = scaled(randomMatrix(new Random(2), 32, 8), 0.3);
    try (NDManager manager = NDManager.newBaseManager()) {
      // After the last column step each sample's code sums to 1, whatever the iterations.
      float[] three = SwavLoss.sinkhorn(array(manager, scores), 0.05, 3).toFloatArray();
      for (double sum : rowSums(three, 32, 8)) {
        assertThat(sum).isCloseTo(1.0, within(1e-5));
      }
      // Converged, every prototype carries B / K of the mass.
      float[] converged = SwavLoss.sinkhorn(array(manager, scores), 0.05, 200).toFloatArray();
      for (double sum : columnSums(converged, 32, 8)) {
        assertThat(sum).isCloseTo(32 / 8.0, within(1e-3));
      }
    }
  }

  @Test
  void sinkhornAtASmallEpsilonStaysFinite() {
    // Scores in [0.8, 1] at eps 0.005: exp(score / eps) reaches exp(200), beyond float; the shift
    // by the maximum keeps every entry within exp(-40) of 1.
    Random random = new Random(3);
    double[][] scores = new double[B][K];
    for (double[] row : scores) {
      for (int k = 0; k < K; k++) {
        row[k] = (float) (0.8 + 0.2 * random.nextDouble());
      }
    }
    try (NDManager manager = NDManager.newBaseManager()) {
      float[] codes = SwavLoss.sinkhorn(array(manager, scores), 0.005, 3).toFloatArray();
      for (float v : codes) {
        assertThat(v).isFinite().isBetween(0f, 1f);
      }
      double[][] expected = naiveSinkhorn(scores, 0.005, 3);
      for (int b = 0; b < B; b++) {
        for (int k = 0; k < K; k++) {
          assertThat(codes[b * K + k]).isCloseTo((float) expected[b][k], within(1e-4f));
        }
      }
    }
  }

  @Test
  void lossMatchesANaiveLoopOverCodeViewsAndPredictingViews() {
    Random random = new Random(4);
    List<double[][]> views = List.of(
        randomMatrix(random, B, D), randomMatrix(random, B, D), randomMatrix(random, B, D));
    Swav spec = Swav.swav().withPrototypes(K).withTemperature(0.5).withEpsilon(0.5);
    try (NDManager manager = NDManager.newBaseManager()) {
      SwavLoss loss = initialised(spec, manager);
      double[][] prototypes = matrix(loss.prototypes().toFloatArray(), K, D);
      List<NDArray> queries = new ArrayList<>();
      for (double[][] v : views) {
        queries.add(array(manager, v));
      }
      float value = loss.compute(queries, List.of()).getFloat();
      assertThat(value)
          .isCloseTo((float) naiveLoss(views, prototypes, spec, null), within(1e-5f));
    }
  }

  @Test
  void gradientTreatsTheCodesAsConstants() {
    Random random = new Random(5);
    List<double[][]> views = List.of(
        randomMatrix(random, B, D), randomMatrix(random, B, D), randomMatrix(random, B, D));
    Swav spec = Swav.swav().withPrototypes(K).withTemperature(0.5).withEpsilon(0.5);
    try (NDManager manager = NDManager.newBaseManager()) {
      SwavLoss loss = initialised(spec, manager);
      double[][] prototypes = matrix(loss.prototypes().toFloatArray(), K, D);
      List<double[][]> codes = naiveCodes(views, prototypes, spec);
      List<NDArray> queries = new ArrayList<>();
      for (double[][] v : views) {
        NDArray q = array(manager, v);
        q.setRequiresGradient(true);
        queries.add(q);
      }
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        collector.backward(loss.compute(queries, List.of()));
      }
      // The first view is a code view: its gradient is that of the loss with its codes frozen.
      double[][] first = views.get(0);
      double[] expected =
          finiteDifferences(
              m -> naiveLoss(List.of(m, views.get(1), views.get(2)), prototypes, spec, codes),
              first);
      float[] got = queries.get(0).getGradient().toFloatArray();
      for (int i = 0; i < expected.length; i++) {
        assertThat(got[i]).isCloseTo((float) expected[i], within(1e-4f));
      }
      assertThat(loss.prototypes().getGradient().abs().sum().getFloat()).isPositive();
    }
  }

  @Test
  void prototypesAreNormalisedEachStepAndFrozenAtFirst() {
    Swav spec = Swav.swav().withPrototypes(K).withFreezePrototypes(Span.steps(2));
    try (NDManager manager = NDManager.newBaseManager()) {
      SwavLoss loss = initialised(spec, manager);
      assertUnitRows(loss.prototypes());
      loss.prototypes().muli(3f);
      loss.beginStep(0);
      assertUnitRows(loss.prototypes());

      List<NDArray> queries =
          List.of(
              array(manager, randomMatrix(new Random(6), B, D)),
              array(manager, randomMatrix(new Random(7), B, D)));
      for (long step : new long[] {1, 2}) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          collector.backward(loss.compute(queries, List.of()));
        }
        loss.beforeUpdate(step);
        assertThat(loss.parametersFrozenAt(step)).isEqualTo(step < 2);
        float total = loss.prototypes().getGradient().abs().sum().getFloat();
        if (step < 2) {
          assertThat(total).as("frozen at step %d", step).isZero();
        } else {
          assertThat(total).as("learning at step %d", step).isPositive();
        }
        GradientNorm.zero(loss.parameters());
      }
    }
  }

  @Test
  void aFullQueueJoinsTheSinkhornProblem() {
    Random random = new Random(8);
    double[][] a1 = randomMatrix(random, B, D);
    double[][] a2 = randomMatrix(random, B, D);
    double[][] b1 = randomMatrix(random, B, D);
    double[][] b2 = randomMatrix(random, B, D);
    Swav spec =
        Swav.swav().withPrototypes(K).withEpsilon(0.5).queue(B, Span.steps(0));
    try (NDManager manager = NDManager.newBaseManager()) {
      SwavLoss loss = initialised(spec, manager);
      double[][] prototypes = matrix(loss.prototypes().toFloatArray(), K, D);
      loss.beginStep(0);
      float first = loss.compute(List.of(array(manager, a1), array(manager, a2)), List.of()).getFloat();
      // The queue was empty: plain codes.
      assertThat(first)
          .isCloseTo((float) naiveLoss(List.of(a1, a2), prototypes, spec, null), within(1e-5f));
      loss.beginStep(1);
      float second = loss.compute(List.of(array(manager, b1), array(manager, b2)), List.of()).getFloat();
      // Now each code view's codes come from Sinkhorn over [queue (batch a); batch b].
      List<double[][]> codes = new ArrayList<>();
      double[][][] previous = {a1, a2};
      double[][][] current = {b1, b2};
      for (int i = 0; i < 2; i++) {
        double[][] joined = new double[2 * B][];
        double[][] old = scores(previous[i], prototypes);
        double[][] now = scores(current[i], prototypes);
        System.arraycopy(old, 0, joined, 0, B);
        System.arraycopy(now, 0, joined, B, B);
        double[][] all = naiveSinkhorn(joined, spec.epsilon(), spec.sinkhornIterations());
        double[][] own = new double[B][];
        System.arraycopy(all, B, own, 0, B);
        codes.add(own);
      }
      assertThat(second)
          .isCloseTo((float) naiveLoss(List.of(b1, b2), prototypes, spec, codes), within(1e-5f));
    }
  }

  @Test
  void stateRoundTripsThroughACheckpoint() throws IOException {
    Swav spec = Swav.swav().withPrototypes(K).queue(B, Span.steps(0));
    try (NDManager manager = NDManager.newBaseManager()) {
      SwavLoss loss = initialised(spec, manager);
      loss.beginStep(0);
      loss.compute(
          List.of(
              array(manager, randomMatrix(new Random(9), B, D)),
              array(manager, randomMatrix(new Random(10), B, D))),
          List.of());
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      loss.saveState(new DataOutputStream(bytes));

      SwavLoss restored = initialised(spec, manager);
      restored.loadState(
          new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), manager);
      assertThat(restored.prototypes().toFloatArray()).containsExactly(loss.prototypes().toFloatArray());
      assertThat(restored.prototypes().hasGradient()).isTrue();
      List<NDArray> next =
          List.of(
              array(manager, randomMatrix(new Random(11), B, D)),
              array(manager, randomMatrix(new Random(12), B, D)));
      loss.beginStep(1);
      restored.beginStep(1);
      assertThat(restored.compute(next, List.of()).getFloat())
          .isEqualTo(loss.compute(next, List.of()).getFloat());
    }
  }

  @Test
  void tooFewViewsAreRefusedWithTheField() {
    try (NDManager manager = NDManager.newBaseManager()) {
      SwavLoss loss = initialised(Swav.swav().withPrototypes(K), manager);
      NDArray one = array(manager, randomMatrix(new Random(13), B, D));
      assertThatThrownBy(() -> loss.compute(List.of(one), List.of()))
          .hasMessageContaining("Swav.codeViews");
    }
  }

  private static SwavLoss initialised(Swav spec, NDManager manager) {
    Engine.getInstance().setRandomSeed(7);
    SwavLoss loss = new SwavLoss(spec);
    loss.initialize(new LossContext(manager, D, 10, 100));
    return loss;
  }

  private static void assertUnitRows(NDArray prototypes) {
    double[][] m = matrix(prototypes.toFloatArray(), K, D);
    for (double[] row : m) {
      assertThat(Math.sqrt(LossFixtures.dot(row, row))).isCloseTo(1.0, within(1e-5));
    }
  }

  // ---- the reference, in doubles, written from SwAV's main_swav.py ----

  private static double naiveLoss(
      List<double[][]> views, double[][] prototypes, Swav spec, List<double[][]> fixedCodes) {
    List<double[][]> codes = fixedCodes != null ? fixedCodes : naiveCodes(views, prototypes, spec);
    double total = 0;
    for (int i = 0; i < spec.codeViews(); i++) {
      double sub = 0;
      for (int v = 0; v < views.size(); v++) {
        if (v == i) {
          continue;
        }
        double[][] s = scores(views.get(v), prototypes);
        double sum = 0;
        for (int b = 0; b < s.length; b++) {
          double max = Double.NEGATIVE_INFINITY;
          for (double x : s[b]) {
            max = Math.max(max, x / spec.temperature());
          }
          double norm = 0;
          for (double x : s[b]) {
            norm += Math.exp(x / spec.temperature() - max);
          }
          for (int k = 0; k < s[b].length; k++) {
            double logP = s[b][k] / spec.temperature() - max - Math.log(norm);
            sum -= codes.get(i)[b][k] * logP;
          }
        }
        sub += sum / s.length;
      }
      total += sub / (views.size() - 1);
    }
    return total / spec.codeViews();
  }

  private static List<double[][]> naiveCodes(
      List<double[][]> views, double[][] prototypes, Swav spec) {
    List<double[][]> codes = new ArrayList<>();
    for (int i = 0; i < spec.codeViews(); i++) {
      codes.add(
          naiveSinkhorn(
              scores(views.get(i), prototypes), spec.epsilon(), spec.sinkhornIterations()));
    }
    return codes;
  }

  /** z / |z| times the prototypes, [B, K]. */
  private static double[][] scores(double[][] z, double[][] prototypes) {
    double[][] s = new double[z.length][prototypes.length];
    for (int b = 0; b < z.length; b++) {
      double norm = Math.sqrt(LossFixtures.dot(z[b], z[b]));
      for (int k = 0; k < prototypes.length; k++) {
        s[b][k] = LossFixtures.dot(z[b], prototypes[k]) / norm;
      }
    }
    return s;
  }

  private static double[][] naiveSinkhorn(double[][] scores, double eps, int iterations) {
    int b = scores.length;
    int k = scores[0].length;
    double[][] q = new double[k][b];
    double total = 0;
    for (int i = 0; i < b; i++) {
      for (int j = 0; j < k; j++) {
        q[j][i] = Math.exp(scores[i][j] / eps);
        total += q[j][i];
      }
    }
    for (double[] row : q) {
      for (int i = 0; i < b; i++) {
        row[i] /= total;
      }
    }
    for (int it = 0; it < iterations; it++) {
      for (double[] row : q) {
        double sum = 0;
        for (double x : row) {
          sum += x;
        }
        for (int i = 0; i < b; i++) {
          row[i] = row[i] / sum / k;
        }
      }
      for (int i = 0; i < b; i++) {
        double sum = 0;
        for (double[] row : q) {
          sum += row[i];
        }
        for (double[] row : q) {
          row[i] = row[i] / sum / b;
        }
      }
    }
    double[][] out = new double[b][k];
    for (int i = 0; i < b; i++) {
      for (int j = 0; j < k; j++) {
        out[i][j] = q[j][i] * b;
      }
    }
    return out;
  }

  private static double[][] scaled(double[][] m, double factor) {
    return LossFixtures.scaled(m, factor);
  }

  private static double[][] matrix(float[] flat, int rows, int cols) {
    double[][] m = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        m[i][j] = flat[i * cols + j];
      }
    }
    return m;
  }

  private static double[] rowSums(float[] flat, int rows, int cols) {
    return sums(flat, rows, cols, true);
  }

  private static double[] columnSums(float[] flat, int rows, int cols) {
    return sums(flat, rows, cols, false);
  }

  private static double[] sums(float[] flat, int rows, int cols, boolean byRow) {
    double[] sums = new double[byRow ? rows : cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        sums[byRow ? i : j] += flat[i * cols + j];
      }
    }
    return sums;
  }
}
