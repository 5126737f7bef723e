package vitssl.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import vitssl.dsl.monitor.InstabilityDetection;

class GradientSpikesTest {
  private final GradientSpikes spikes = new GradientSpikes(InstabilityDetection.defaults());

  /** Steps 1, 2, 3, ...: a norm every iteration. */
  private static StepSeries perIteration(double[] values) {
    return StepSeries.of(
        "grad_norm.patch_embed", LongStream.rangeClosed(1, values.length).toArray(), values);
  }

  private static double[] constant(int n, double value) {
    double[] values = new double[n];
    Arrays.fill(values, value);
    return values;
  }

  @Test
  void spikesOverAFlatBaselineAreFoundWithTheirRatios() {
    double[] norms = constant(300, 2.0);
    norms[99] = 16.0; // step 100: 8x the median 2
    norms[149] = 9.0; // step 150: 4.5x, under the factor 5
    norms[199] = 10.0; // step 200: exactly 5x

    List<SpikeEvent> found = spikes.find(perIteration(norms));

    assertThat(found)
        .containsExactly(
            new SpikeEvent(100, 100, 100, 16.0, 8.0), new SpikeEvent(200, 200, 200, 10.0, 5.0));
  }

  @Test
  void consecutiveSpikesAreOneEventPeakingAtItsHighestRatio() {
    double[] norms = constant(300, 1.0);
    norms[149] = 12;
    norms[150] = 30;
    norms[151] = 20;
    norms[152] = 6;
    norms[153] = 1.0;
    norms[154] = 7; // a new event after one ordinary value

    assertThat(spikes.find(perIteration(norms)))
        .containsExactly(
            new SpikeEvent(150, 153, 151, 30, 30), new SpikeEvent(155, 155, 155, 7, 7));
  }

  @Test
  void aNonFiniteNormIsASpikeEvenWithoutHistory() {
    double[] norms = constant(100, 1.0);
    norms[2] = Double.NaN;
    norms[59] = Double.POSITIVE_INFINITY;
    norms[60] = 50; // joins the infinite one: one event, peaking at the infinity

    assertThat(spikes.find(perIteration(norms)))
        .containsExactly(
            new SpikeEvent(3, 3, 3, Double.NaN, Double.POSITIVE_INFINITY),
            new SpikeEvent(60, 61, 60, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY));
  }

  @Test
  void aFiniteValueNeedsMinHistoryFiniteValuesBeforeIt() {
    double[] early = constant(30, 1.0);
    early[9] = 100; // 9 values before it: no baseline yet
    early[20] = 100; // 20 values before it
    assertThat(spikes.find(perIteration(early)))
        .extracting(SpikeEvent::firstStep)
        .containsExactly(21L);

    // A NaN is not history: 9 finite values and a NaN before step 11 are still too few.
    double[] withNaN = constant(11, 1.0);
    withNaN[9] = Double.NaN;
    withNaN[10] = 100;
    assertThat(spikes.find(perIteration(withNaN)))
        .extracting(SpikeEvent::firstStep)
        .containsExactly(10L);
  }

  @Test
  void theMedianIsOverTheLastWindowValuesOnly() {
    InstabilityDetection shortWindow = InstabilityDetection.defaults().withMedianWindow(20);
    double[] norms = new double[60];
    Arrays.fill(norms, 0, 30, 1.0);
    Arrays.fill(norms, 30, 60, 10.0); // a lasting change of level
    norms[59] = 60.0; // 6x the new level, 60x the old

    List<SpikeEvent> found = new GradientSpikes(shortWindow).find(perIteration(norms));

    // Steps 31-40 still see a median of 1 (fewer than half the window is new); step 41 sees
    // (1 + 10) / 2, later steps 10, so the change of level is one event and step 60 is 6x.
    assertThat(found)
        .containsExactly(new SpikeEvent(31, 40, 31, 10, 10), new SpikeEvent(60, 60, 60, 60, 6));
  }

  @Test
  void aQuietNoisySeriesHasNoSpikes() {
    Random random = new Random(3);
    double[] norms = new double[2000];
    for (int i = 0; i < norms.length; i++) {
      norms[i] = 1 + random.nextDouble(); // within [1, 2): at most 2x any median
    }
    assertThat(spikes.find(perIteration(norms))).isEmpty();
  }

  @Test
  void randomSeriesMatchANaiveMedianOfTheWindow() {
    Random random = new Random(5);
    InstabilityDetection spec =
        InstabilityDetection.defaults().withSpikeFactor(3).withMedianWindow(15).withMinHistory(4);
    for (int trial = 0; trial < 50; trial++) {
      double[] norms = new double[200];
      for (int i = 0; i < norms.length; i++) {
        double u = random.nextDouble();
        norms[i] =
            u < 0.02
                ? Double.NaN
                : u < 0.12 ? 2 + 10 * random.nextDouble() : random.nextDouble() + 0.5;
      }
      StepSeries series = perIteration(norms);
      assertThat(new GradientSpikes(spec).find(series))
          .as("trial %d", trial)
          .isEqualTo(reference(series, spec));
    }
  }

  /** Spikes by brute force: for each point, re-collect the finite values before it. */
  private static List<SpikeEvent> reference(StepSeries series, InstabilityDetection spec) {
    double[] v = series.values();
    long[] s = series.steps();
    boolean[] spike = new boolean[v.length];
    double[] ratio = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      List<Double> before = new ArrayList<>();
      for (int j = i - 1; j >= 0 && before.size() < spec.medianWindow(); j--) {
        if (Double.isFinite(v[j])) {
          before.add(v[j]);
        }
      }
      if (!Double.isFinite(v[i])) {
        spike[i] = true;
        ratio[i] = Double.POSITIVE_INFINITY;
      } else if (before.size() >= spec.minHistory()) {
        double[] sorted = before.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        ratio[i] = v[i] / median;
        spike[i] = ratio[i] >= spec.spikeFactor();
      }
    }
    List<SpikeEvent> events = new ArrayList<>();
    for (int i = 0; i < v.length; i++) {
      if (spike[i] && (i == 0 || !spike[i - 1])) {
        int end = i;
        int peak = i;
        while (end + 1 < v.length && spike[end + 1]) {
          end++;
          peak = ratio[end] > ratio[peak] ? end : peak;
        }
        events.add(new SpikeEvent(s[i], s[end], s[peak], v[peak], ratio[peak]));
      }
    }
    return events;
  }

  @Test
  void ratiosAreTheValueOverTheMedianOfTheWindowBeforeIt() {
    double[] norms = new double[80];
    for (int i = 0; i < norms.length; i++) {
      norms[i] = 1 + (i % 7) * 0.1; // 1.0 .. 1.6, repeating
    }
    norms[70] = 40;
    SpikeEvent event = spikes.find(perIteration(norms)).get(0);

    double[] window = Arrays.copyOfRange(norms, 20, 70);
    Arrays.sort(window);
    double median = (window[24] + window[25]) / 2;
    assertThat(event.firstStep()).isEqualTo(71);
    assertThat(event.peakRatio()).isCloseTo(40 / median, within(1e-12));
  }
}
