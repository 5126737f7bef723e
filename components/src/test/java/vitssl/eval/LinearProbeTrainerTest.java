package vitssl.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vitssl.dsl.eval.LinearProbe;

class LinearProbeTrainerTest {
  private static final LinearProbe SHORT = LinearProbe.defaults().withEpochs(10).withBatchSize(128);

  private final NDManager manager = NDManager.newBaseManager();

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void separableClassesAreLearnedCompletely() {
    SyntheticFeatures.Clusters clusters = SyntheticFeatures.Clusters.random(1, 10, 32);
    SyntheticFeatures train = clusters.sample(2, 2000, 0.2);
    SyntheticFeatures test = clusters.sample(3, 500, 0.2);
    NDArray trainArray = train.array(manager);
    NDArray testArray = test.array(manager);
    manager.cap();

    ProbeResult result =
        LinearProbeTrainer.of(SHORT)
            .train(trainArray, train.labels(), testArray, test.labels(), 10);

    assertThat(result.top1()).isGreaterThanOrEqualTo(99.8);
    assertThat(result.top5()).isEqualTo(100.0);
    assertThat(result.finalTrainLoss()).isBetween(0.0, 0.05);
    assertThat(manager.getManagedArrays()).containsExactlyInAnyOrder(trainArray, testArray);
  }

  @Test
  void randomLabelsGiveChanceOnTheTestSet() {
    Random random = new Random(4);
    float[][] trainRows = SyntheticFeatures.gaussian(random, 3000, 16, 1.0);
    float[][] testRows = SyntheticFeatures.gaussian(random, 3000, 16, 1.0);
    int[] trainLabels = random.ints(3000, 0, 10).toArray();
    int[] testLabels = random.ints(3000, 0, 10).toArray();

    ProbeResult result =
        LinearProbeTrainer.of(SHORT)
            .train(
                manager.create(trainRows), trainLabels, manager.create(testRows), testLabels, 10);

    // Chance is 10% and 50%; three standard deviations of 3,000 draws are about 1.6 and 2.7 points.
    assertThat(result.top1()).isBetween(7.5, 12.5);
    assertThat(result.top5()).isBetween(46.0, 54.0).isGreaterThanOrEqualTo(result.top1());
    assertThat(result.finalTrainLoss()).isBetween(2.0, 2.4);
  }

  @Test
  void standardisedProbeIgnoresPerDimensionScaleAndShift() {
    SyntheticFeatures.Clusters clusters = SyntheticFeatures.Clusters.random(5, 5, 8);
    SyntheticFeatures train = clusters.sample(6, 600, 1.5);
    SyntheticFeatures test = clusters.sample(7, 300, 1.5);
    float[] scale = {100, 0.01f, 3, 1, 1000, 0.5f, 7, 0.001f};
    float[] shift = {5, -3, 0, 100, 0, 2, -1, 0.5f};

    ProbeResult plain = probe(train.rows(), train.labels(), test.rows(), test.labels());
    ProbeResult rescaled =
        probe(
            affine(train.rows(), scale, shift),
            train.labels(),
            affine(test.rows(), scale, shift),
            test.labels());

    assertThat(rescaled.top1()).isEqualTo(plain.top1());
    assertThat(rescaled.finalTrainLoss()).isCloseTo(plain.finalTrainLoss(), within(1e-3));
  }

  @Test
  void sameSeedGivesTheSameResult() {
    SyntheticFeatures.Clusters clusters = SyntheticFeatures.Clusters.random(8, 4, 6);
    SyntheticFeatures train = clusters.sample(9, 300, 2.0);
    SyntheticFeatures test = clusters.sample(10, 100, 2.0);
    assertThat(probe(train.rows(), train.labels(), test.rows(), test.labels()))
        .isEqualTo(probe(train.rows(), train.labels(), test.rows(), test.labels()));
  }

  @Test
  void cosineStartsAtTheSpecRateAndDecaysTowardsZero() {
    LinearProbe spec = LinearProbe.defaults().withBaseLr(0.1).withBatchSize(512);
    LinearProbeTrainer trainer = LinearProbeTrainer.of(spec);
    assertThat(trainer.cosineLr(0, 100)).isEqualTo(0.2);
    assertThat(trainer.cosineLr(50, 100)).isCloseTo(0.1, within(1e-12));
    assertThat(trainer.cosineLr(99, 100))
        .isCloseTo(0.2 * 0.5 * (1 + Math.cos(Math.PI * 0.99)), within(1e-12));
  }

  @Test
  void badInputIsNamed() {
    NDArray train = manager.create(new float[][] {{1, 0}, {0, 1}});
    NDArray test = manager.create(new float[][] {{1, 0, 0}});
    LinearProbeTrainer trainer = LinearProbeTrainer.of(SHORT);
    assertThatThrownBy(() -> trainer.train(train, new int[] {0, 3}, train, new int[] {0, 1}, 3))
        .hasMessage(
            "probe classes = 3 but the labels go up to 3: pass the data set's number of classes (at"
                + " least 2)");
    assertThatThrownBy(() -> trainer.train(train, new int[] {0, 1}, test, new int[] {0}, 2))
        .hasMessageContaining(
            "probe test features have shape (1, 3) but the train features (2, 2)");
    assertThatThrownBy(() -> trainer.train(train, new int[] {0}, train, new int[] {0, 1}, 2))
        .hasMessageContaining("probe train has 2 feature rows but 1 labels");
  }

  private ProbeResult probe(float[][] train, int[] trainLabels, float[][] test, int[] testLabels) {
    return new LinearProbeTrainer(SHORT, FeatureScaling.STANDARDISED, 11)
        .train(manager.create(train), trainLabels, manager.create(test), testLabels, 5);
  }

  private static float[][] affine(float[][] rows, float[] scale, float[] shift) {
    float[][] out = new float[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = rows[i].clone();
      for (int j = 0; j < scale.length; j++) {
        out[i][j] = rows[i][j] * scale[j] + shift[j];
      }
    }
    return out;
  }
}
