package vitssl.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import vitssl.dsl.monitor.InstabilityDetection;

class SpikeLagsTest {
  private final SpikeLags lags = new SpikeLags(InstabilityDetection.defaults()); // maxLag 100

  private static List<SpikeEvent> at(long... firstSteps) {
    return LongStream.of(firstSteps).mapToObj(s -> new SpikeEvent(s, s, s, 10, 10)).toList();
  }

  @Test
  void aLastLayerSpikeThirtyIterationsAfterAFirstLayerSpikeHasLag30() {
    List<SpikeLag> found = lags.match(at(100), at(130));

    assertThat(found).containsExactly(new SpikeLag(130, OptionalLong.of(100)));
    assertThat(found.get(0).lag()).hasValue(30);
  }

  @Test
  void aFirstLayerSpikeMoreThanMaxLagEarlierIsNoMatch() {
    assertThat(lags.match(at(100), at(201)))
        .containsExactly(new SpikeLag(201, OptionalLong.empty()));
    assertThat(lags.match(at(100), at(200)).get(0).lag()).hasValue(100);
    assertThat(lags.match(at(100), at(201)).get(0).lag()).isEmpty();
  }

  @Test
  void theLatestFirstLayerSpikeAtOrBeforeIsChosen() {
    assertThat(lags.match(at(100, 120, 140), at(130, 140, 400)))
        .containsExactly(
            new SpikeLag(130, OptionalLong.of(120)),
            new SpikeLag(140, OptionalLong.of(140)),
            new SpikeLag(400, OptionalLong.empty()));
  }

  @Test
  void aFirstLayerSpikeAfterTheLastLayerOneIsNoMatch() {
    assertThat(lags.match(at(150), at(130)))
        .containsExactly(new SpikeLag(130, OptionalLong.empty()));
    assertThat(lags.match(at(), at(130))).containsExactly(new SpikeLag(130, OptionalLong.empty()));
    assertThat(lags.match(at(100), at())).isEmpty();
  }

  @Test
  void aSmallerMaxLagDropsLongerLags() {
    SpikeLags strict = new SpikeLags(InstabilityDetection.defaults().withMaxLag(20));
    assertThat(strict.match(at(100), at(130)).get(0).lag()).isEmpty();
    assertThat(strict.match(at(100), at(120)).get(0).lag()).hasValue(20);
  }

  @Test
  void spikesFoundInTwoNormSeriesLineUpWithTheirKnownLag() {
    InstabilityDetection spec = InstabilityDetection.defaults();
    double[] first = new double[400];
    double[] last = new double[400];
    Arrays.fill(first, 0.5);
    Arrays.fill(last, 0.05);
    first[99] = 5; // steps 100-102 in the first layer
    first[100] = 8;
    first[101] = 6;
    last[129] = 1; // step 130 in the last layer, 20x its median
    last[349] = 1; // step 350: no first-layer spike within 100 iterations
    long[] steps = LongStream.rangeClosed(1, 400).toArray();
    GradientSpikes finder = new GradientSpikes(spec);

    List<SpikeLag> found =
        new SpikeLags(spec)
            .match(
                finder.find(StepSeries.of("first", steps, first)),
                finder.find(StepSeries.of("last", steps, last)));

    assertThat(found)
        .containsExactly(
            new SpikeLag(130, OptionalLong.of(100)), new SpikeLag(350, OptionalLong.empty()));
  }
}
