package vitssl.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import vitssl.dsl.monitor.InstabilityDetection;

class KnnDipsTest {
  private final KnnDips dips = new KnnDips(InstabilityDetection.defaults());

  /** Steps 10, 20, 30, ...: a kNN monitor every 10 iterations. */
  private static StepSeries every10(double... values) {
    return StepSeries.of(
        "knn_top1", LongStream.rangeClosed(1, values.length).map(i -> 10 * i).toArray(), values);
  }

  @Test
  void singleDipHasItsStartBottomDepthAndRecovery() {
    List<Dip> found = dips.find(every10(10, 20, 30, 28, 25, 27, 31, 32));

    assertThat(found).containsExactly(new Dip(30, 30, 50, 25, OptionalLong.of(70)));
    assertThat(found.get(0).depth()).isEqualTo(5.0);
  }

  @Test
  void aSecondDropBeforeRecoveryDeepensTheSameDip() {
    List<Dip> found = dips.find(every10(50, 47, 49, 45, 49.5, 51, 52));

    assertThat(found).containsExactly(new Dip(10, 50, 40, 45, OptionalLong.of(60)));
  }

  @Test
  void dropsSeparatedByARecoveryAreTwoDips() {
    List<Dip> found = dips.find(every10(50, 45, 50, 60, 55, 61));

    assertThat(found)
        .containsExactly(
            new Dip(10, 50, 20, 45, OptionalLong.of(30)),
            new Dip(40, 60, 50, 55, OptionalLong.of(60)));
  }

  @Test
  void aDipThatNeverRecoversHasNoRecoveryStep() {
    List<Dip> found = dips.find(every10(40, 50, 44, 46, 49));

    assertThat(found).containsExactly(new Dip(20, 50, 30, 44, OptionalLong.empty()));
    assertThat(found.get(0).recovered()).isFalse();
  }

  @Test
  void aDropAtTheLastPointIsADipEndingThere() {
    assertThat(dips.find(every10(40, 50, 60, 58.5)))
        .containsExactly(new Dip(30, 60, 40, 58.5, OptionalLong.empty()));
  }

  @Test
  void theDipStartsAtTheLastStepOfATiedMaximumAndRecoversAtEquality() {
    assertThat(dips.find(every10(50, 50, 48, 50)))
        .containsExactly(new Dip(20, 50, 30, 48, OptionalLong.of(40)));
  }

  @Test
  void sparseStepsAreReportedAsGiven() {
    StepSeries curve =
        StepSeries.of(
            "knn_top1", new long[] {0, 100, 250, 1000, 4000}, new double[] {12, 30, 20, 35, 36});

    assertThat(dips.find(curve)).containsExactly(new Dip(100, 30, 250, 20, OptionalLong.of(1000)));
  }

  @Test
  void aDropOfExactlyTheThresholdIsADipAndJustLessIsNot() {
    assertThat(dips.find(every10(50, 49, 50))).hasSize(1);
    assertThat(dips.find(every10(50, 49.01, 50))).isEmpty();
    KnnDips coarse = new KnnDips(InstabilityDetection.defaults().withDipThreshold(3));
    assertThat(coarse.find(every10(50, 47.5, 50))).isEmpty();
    assertThat(coarse.find(every10(50, 47, 50))).hasSize(1);
  }

  @Test
  void flatAndRisingCurvesHaveNoDips() {
    assertThat(dips.find(every10(42, 42, 42, 42))).isEmpty();
    assertThat(dips.find(every10(10, 20, 20, 30, 45, 60))).isEmpty();
    assertThat(dips.find(every10())).isEmpty();
    assertThat(dips.find(every10(33))).isEmpty();
  }

  @Test
  void noiseSmallerThanTheThresholdIsNotADip() {
    Random random = new Random(7);
    double[] values = new double[400];
    for (int i = 0; i < values.length; i++) {
      values[i] = 20 + 0.1 * i + 0.99 * random.nextDouble(); // rising, wobbling by < 1 point
    }
    assertThat(dips.find(every10(values))).isEmpty();
  }

  @Test
  void aFallingCurveIsOneDipThatNeverRecovers() {
    assertThat(dips.find(every10(50, 49.5, 49, 48, 47)))
        .containsExactly(new Dip(10, 50, 50, 47, OptionalLong.empty()));
  }

  @Test
  void randomCurvesMatchTheExcursionsBelowThePrefixMaximum() {
    Random random = new Random(11);
    for (int trial = 0; trial < 200; trial++) {
      double[] values = new double[5 + random.nextInt(60)];
      double v = 30;
      for (int i = 0; i < values.length; i++) {
        v += random.nextGaussian() * 1.5;
        values[i] = Math.rint(v * 4) / 4; // quarter points, so ties and exact thresholds occur
      }
      StepSeries curve = every10(values);
      assertThat(dips.find(curve)).as("trial %d", trial).isEqualTo(reference(curve, 1.0));
    }
  }

  /**
   * Dips by another route: the maximal runs of points below the prefix maximum of the points before
   * them; a run is a dip when its minimum is at least {@code threshold} under that maximum.
   */
  private static List<Dip> reference(StepSeries curve, double threshold) {
    double[] v = curve.values();
    long[] s = curve.steps();
    List<Dip> out = new ArrayList<>();
    int i = 1;
    while (i < v.length) {
      double before = v[0];
      int top = 0;
      for (int j = 1; j < i; j++) {
        if (v[j] >= before) {
          before = v[j];
          top = j;
        }
      }
      if (v[i] >= before) {
        i++;
        continue;
      }
      int end = i;
      while (end < v.length && v[end] < before) {
        end++;
      }
      int low = i;
      for (int j = i; j < end; j++) {
        low = v[j] < v[low] ? j : low;
      }
      if (before - v[low] >= threshold) {
        OptionalLong recovery = end < v.length ? OptionalLong.of(s[end]) : OptionalLong.empty();
        out.add(new Dip(s[top], before, s[low], v[low], recovery));
      }
      i = end;
    }
    return out;
  }

  @Test
  void aNonFiniteAccuracyIsRejectedWithItsStep() {
    assertThatThrownBy(() -> dips.find(every10(10, Double.NaN)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("knn_top1 at step 20 is NaN");
  }

  @Test
  void stepsOutOfOrderOrUnpairedAreRejected() {
    assertThatThrownBy(
            () -> StepSeries.of("knn_top1", new long[] {10, 20, 20}, new double[] {1, 2, 3}))
        .hasMessageContaining("knn_top1: step 20 (at index 2) follows step 20")
        .hasMessageContaining("strictly ascending");
    assertThatThrownBy(() -> StepSeries.of("knn_top1", new long[] {10, 20}, new double[] {1}))
        .hasMessageContaining("2 steps but 1 values");
  }
}
