package vitssl.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vitssl.dsl.monitor.Knn;

class KnnClassifierTest {
  private final NDManager manager = NDManager.newBaseManager();

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void matchesBruteForceOnRandomDataAcrossChunks() {
    SyntheticFeatures.Clusters clusters = SyntheticFeatures.Clusters.random(1, 10, 24);
    SyntheticFeatures bank = clusters.sample(2, 3000, 1.5);
    SyntheticFeatures queries = clusters.sample(3, 500, 1.5);
    int[] expected = bruteForce(bank.rows(), bank.labels(), queries.rows(), 50, 0.1);

    NDArray bankArray = bank.array(manager);
    NDArray queryArray = queries.array(manager);
    manager.cap();
    int[] chunked = new KnnClassifier(50, 0.1, 97).predict(bankArray, bank.labels(), queryArray);
    int[] whole = new KnnClassifier(50, 0.1, 500).predict(bankArray, bank.labels(), queryArray);

    assertThat(chunked).containsExactly(expected);
    assertThat(whole).containsExactly(expected);
    assertThat(manager.getManagedArrays()).containsExactlyInAnyOrder(bankArray, queryArray);
  }

  @Test
  void accuracyCountsTheBruteForcePredictions() {
    SyntheticFeatures.Clusters clusters = SyntheticFeatures.Clusters.random(4, 10, 16);
    SyntheticFeatures bank = clusters.sample(5, 2000, 1.5);
    SyntheticFeatures queries = clusters.sample(6, 400, 1.5);
    int[] expected = bruteForce(bank.rows(), bank.labels(), queries.rows(), 200, 0.1);
    long correct =
        IntStream.range(0, expected.length).filter(i -> expected[i] == queries.labels()[i]).count();

    Accuracy accuracy =
        KnnClassifier.of(Knn.every(1))
            .evaluate(bank.array(manager), bank.labels(), queries.array(manager), queries.labels());

    assertThat(accuracy.top1()).isCloseTo(100.0 * correct / expected.length, within());
    assertThat(accuracy.top1()).isBetween(30.0, 99.0);
    assertThat(accuracy.top5()).isGreaterThanOrEqualTo(accuracy.top1());
  }

  @Test
  void weightsNotCountsDecideAndTemperatureSharpensThem() {
    // One class-0 feature equal to the query (cosine 1) against three class-1 features at cosine
    // 0.8.
    float[][] bank = {{1, 0}, {0.8f, 0.6f}, {0.8f, -0.6f}, {0.8f, 0.6f}, {-1, 0}};
    int[] labels = {0, 1, 1, 1, 0};
    float[][] query = {{2, 0}};
    // T = 0.1: e^10 = 22026 > 3 e^8 = 8943; T = 1: e^1 = 2.72 < 3 e^0.8 = 6.68.
    assertThat(predict(bank, labels, query, 4, 0.1)).containsExactly(0);
    assertThat(predict(bank, labels, query, 4, 1.0)).containsExactly(1);
  }

  @Test
  void kLargerThanAClassLetsTheOtherClassesVote() {
    // k = 5 but class 0 has two features: its two close votes still beat three distant ones.
    float[][] bank = {{1, 0}, {1, 0.1f}, {0, 1}, {0.1f, 1}, {-0.1f, 1}, {0, -1}};
    int[] labels = {0, 0, 1, 1, 1, 2};
    float[][] queries = {{1, 0.05f}, {0, 3}};
    assertThat(predict(bank, labels, queries, 5, 0.1)).containsExactly(0, 1);
    assertThat(predict(bank, labels, queries, 6, 0.1)).containsExactly(0, 1);
  }

  @Test
  void equalClassScoresGoToTheLowerClass() {
    float[][] bank = {{1, 0}, {1, 0}, {0, 1}};
    float[][] query = {{1, 0}};
    assertThat(predict(bank, new int[] {2, 1, 0}, query, 2, 0.1)).containsExactly(1);
    assertThat(predict(bank, new int[] {1, 2, 0}, query, 2, 0.1)).containsExactly(1);
  }

  @Test
  void equallySimilarFeaturesAtTheKthPlaceAreTakenByLowerBankIndex() {
    // Three bank features tie at cosine 1 for two places: indices 1 and 2 are taken, not 3.
    float[][] bank = {{0, 1}, {1, 0}, {1, 0}, {1, 0}, {0, -1}};
    float[][] query = {{1, 0}};
    assertThat(predict(bank, new int[] {0, 2, 1, 0, 0}, query, 2, 0.1)).containsExactly(1);
    assertThat(predict(bank, new int[] {0, 0, 2, 1, 1}, query, 2, 0.1)).containsExactly(0);
    // Many exact ties: the brute force that sorts by (similarity, index) agrees.
    float[][] tied = new float[300][];
    int[] tiedLabels = new int[300];
    for (int i = 0; i < tied.length; i++) {
      tied[i] = new float[] {i % 3 == 0 ? 1 : 0, i % 3 == 0 ? 0 : 1};
      tiedLabels[i] = (i * 7) % 4;
    }
    float[][] queries = {{1, 0}, {0, 1}, {1, 1}};
    assertThat(predict(tied, tiedLabels, queries, 120, 0.1))
        .containsExactly(bruteForce(tied, tiedLabels, queries, 120, 0.1));
  }

  @Test
  void topFiveCountsTheTrueClassInTheFiveBest() {
    float[][] bank = {{1, 0}, {0.9f, 0.1f}, {0, 1}};
    Accuracy accuracy =
        new KnnClassifier(3, 0.1, 10)
            .evaluate(
                manager.create(bank),
                new int[] {0, 1, 2},
                manager.create(new float[][] {{1, 0}}),
                new int[] {1});
    assertThat(accuracy.top1()).isZero();
    assertThat(accuracy.top5()).isEqualTo(100.0);
  }

  @Test
  void badInputIsNamed() {
    NDArray bank = manager.create(new float[][] {{1, 0}, {0, 1}});
    NDArray queries = manager.create(new float[][] {{1, 0, 0}});
    KnnClassifier knn = new KnnClassifier(2, 0.1, 10);
    assertThatThrownBy(() -> knn.predict(bank, new int[] {0}, bank))
        .hasMessage("knn bank has 2 feature rows but 1 labels: pass one label per feature row");
    assertThatThrownBy(() -> knn.predict(bank, new int[] {0, -1}, bank))
        .hasMessageContaining("knn bank label[1] = -1");
    assertThatThrownBy(() -> knn.predict(bank, new int[] {0, 1}, queries))
        .hasMessageContaining("knn queries have shape (1, 3) but the bank has (2, 2)");
    assertThatThrownBy(() -> new KnnClassifier(3, 0.1, 10).predict(bank, new int[] {0, 1}, bank))
        .hasMessage(
            "knn bank has 2 features but k = 3: use a bank of at least k features or a smaller k");
    assertThatThrownBy(() -> new KnnClassifier(5, 0, 10)).hasMessageContaining("temperature = 0.0");
  }

  @Test
  void aChunkHoldsAtMostTheBudgetOfSimilaritiesButNeverUnderSixteenQueries() {
    assertThat(KnnClassifier.queriesPerChunk(1000, 3000)).isEqualTo(1000);
    int cifar = KnnClassifier.queriesPerChunk(1000, 50_000);
    assertThat(cifar).isEqualTo(83);
    assertThat(cifar * 50_000L).isLessThanOrEqualTo(KnnClassifier.SIMILARITY_BUDGET);
    assertThat((cifar + 1) * 50_000L).isGreaterThan(KnnClassifier.SIMILARITY_BUDGET);
    assertThat(KnnClassifier.queriesPerChunk(1000, 1_281_167)).isEqualTo(16);
    assertThat(KnnClassifier.queriesPerChunk(10, 50_000)).isEqualTo(10);
  }

  private int[] predict(float[][] bank, int[] labels, float[][] queries, int k, double t) {
    return new KnnClassifier(k, t, 2)
        .predict(manager.create(bank), labels, manager.create(queries));
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }

  /** The definition, one query at a time in double precision: sort, take k, add weights. */
  static int[] bruteForce(float[][] bank, int[] labels, float[][] queries, int k, double t) {
    int classes = Arrays.stream(labels).max().orElseThrow() + 1;
    double[][] unitBank = Arrays.stream(bank).map(KnnClassifierTest::unit).toArray(double[][]::new);
    int[] predictions = new int[queries.length];
    for (int q = 0; q < queries.length; q++) {
      double[] query = unit(queries[q]);
      double[] sims = Arrays.stream(unitBank).mapToDouble(b -> dot(b, query)).toArray();
      Integer[] order = IntStream.range(0, bank.length).boxed().toArray(Integer[]::new);
      Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -sims[i]).thenComparing(i -> i));
      double[] scores = new double[classes];
      for (int j = 0; j < k; j++) {
        scores[labels[order[j]]] += Math.exp(sims[order[j]] / t);
      }
      int best = 0;
      for (int c = 1; c < classes; c++) {
        best = scores[c] > scores[best] ? c : best;
      }
      predictions[q] = best;
    }
    return predictions;
  }

  private static double[] unit(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += (double) x * x;
    }
    double scale = 1 / Math.max(Math.sqrt(norm), 1e-12);
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] * scale;
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
