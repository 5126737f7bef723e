package vitssl.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import vitssl.dsl.augment.ColorJitter;

class RandomColorJitterTest {
  private static final int DRAWS = 24_000;

  @Test
  void drawsFactorsInRangeEveryOrderAndTheProbability() {
    RandomColorJitter jitter = new RandomColorJitter(ColorJitter.mocoV3());
    SplittableRandom rng = new SplittableRandom(1);
    Map<String, Integer> orders = new HashMap<>();
    int applied = 0;
    double brightnessSum = 0;
    float[] hueRange = {1, -1};
    for (int i = 0; i < DRAWS; i++) {
      Optional<RandomColorJitter.Draw> d = jitter.draw(rng);
      if (d.isEmpty()) {
        continue;
      }
      RandomColorJitter.Draw draw = d.get();
      applied++;
      orders.merge(Arrays.toString(draw.order()), 1, Integer::sum);
      assertThat(draw.brightness()).isBetween(0.6f, 1.4f);
      assertThat(draw.contrast()).isBetween(0.6f, 1.4f);
      assertThat(draw.saturation()).isBetween(0.8f, 1.2f);
      assertThat(draw.hue()).isBetween(-0.1f, 0.1f);
      brightnessSum += draw.brightness();
      hueRange[0] = Math.min(hueRange[0], draw.hue());
      hueRange[1] = Math.max(hueRange[1], draw.hue());
    }
    assertThat((double) applied / DRAWS).isCloseTo(0.8, within(0.01));
    assertThat(orders).hasSize(24);
    orders.values().forEach(n -> assertThat(n).isBetween(600, 1000));
    assertThat(brightnessSum / applied).isCloseTo(1.0, within(0.01));
    assertThat(hueRange[0]).isLessThan(-0.099f);
    assertThat(hueRange[1]).isGreaterThan(0.099f);
  }

  @Test
  void strengthZeroDrawsFactorOneAndBrightnessNeverGoesNegative() {
    ColorJitter onlyHue = ColorJitter.mocoV3().withBrightness(0).withContrast(0).withSaturation(0)
        .withProbability(1);
    RandomColorJitter.Draw draw = new RandomColorJitter(onlyHue).draw(new SplittableRandom(2))
        .orElseThrow();
    assertThat(new float[] {draw.brightness(), draw.contrast(), draw.saturation()})
        .containsOnly(1f);
    ColorJitter strong = ColorJitter.mocoV3().withBrightness(3).withProbability(1);
    SplittableRandom rng = new SplittableRandom(3);
    for (int i = 0; i < 1000; i++) {
      assertThat(new RandomColorJitter(strong).draw(rng).orElseThrow().brightness())
          .isBetween(0f, 4f);
    }
  }

  /** Hue and saturation do not commute, so the drawn order shows in the result. */
  @Test
  void appliesTheAdjustmentsInTheDrawnOrder() {
    Planar img = TestImages.randomPlanar(8, 8, 5);
    int[] hueFirst = {RandomColorJitter.HUE, RandomColorJitter.SATURATION,
        RandomColorJitter.BRIGHTNESS, RandomColorJitter.CONTRAST};
    int[] saturationFirst = {RandomColorJitter.SATURATION, RandomColorJitter.HUE,
        RandomColorJitter.BRIGHTNESS, RandomColorJitter.CONTRAST};
    Planar a = img.copy();
    new RandomColorJitter.Draw(hueFirst, 1f, 1f, 1.5f, 0.2f).apply(a);
    Planar expected = img.copy();
    Hue.apply(expected, 0.2f);
    Saturation.apply(expected, 1.5f);
    assertThat(a.data()).containsExactly(expected.data());
    Planar b = img.copy();
    new RandomColorJitter.Draw(saturationFirst, 1f, 1f, 1.5f, 0.2f).apply(b);
    assertThat(b.data()).isNotEqualTo(a.data());
  }
}
