package vitssl.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import vitssl.data.RgbImage;
import vitssl.dsl.SpecJson;
import vitssl.dsl.augment.ColorJitter;
import vitssl.dsl.augment.TwoViews;
import vitssl.dsl.augment.View;
import vitssl.dsl.augment.Views;

class ViewTransformTest {
  /** A view that keeps the whole image and changes nothing; the tests switch single ops on. */
  private static final View IDENTITY = TestImages.identityView(16);

  private final RgbImage image = TestImages.random(16, 16, 3);

  @Test
  void identityViewReturnsThePixelsPlanar() {
    float[] out = run(IDENTITY, 1);
    assertThat(out).containsExactly(Planar.of(image).data(), within(1e-6f));
  }

  @Test
  void certainFlipMirrors() {
    Planar expected = Planar.of(image);
    HorizontalFlip.apply(expected);
    assertThat(run(IDENTITY.withFlipProbability(1), 1))
        .containsExactly(expected.data(), within(1e-6f));
  }

  @Test
  void certainGrayscaleAndSolarizeApplyTheirFormulas() {
    Planar expected = Planar.of(image);
    Grayscale.apply(expected);
    Solarize.apply(expected, 100);
    View view = IDENTITY.withGrayscaleProbability(1).withSolarizeProbability(1)
        .withSolarizeThreshold(100);
    assertThat(run(view, 1)).containsExactly(expected.data(), within(1e-6f));
  }

  /** Each op fires with its probability, counted by its exact effect over many draws. */
  @Test
  void opsHappenWithTheirProbabilities() {
    Planar original = Planar.of(image);
    Planar mirrored = original.copy();
    HorizontalFlip.apply(mirrored);
    Planar grayed = original.copy();
    Grayscale.apply(grayed);
    Planar both = grayed.copy();
    HorizontalFlip.apply(both);
    ViewTransform grayOrFlip =
        new ViewTransform(IDENTITY.withGrayscaleProbability(0.2).withFlipProbability(0.5));
    ViewTransform jitter = new ViewTransform(IDENTITY.withJitter(ColorJitter.mocoV3()));
    SplittableRandom rng = new SplittableRandom(4);
    int draws = 4000;
    int[] outcomes = new int[4];
    int jittered = 0;
    for (int i = 0; i < draws; i++) {
      float[] v = grayOrFlip.augment(image, rng).data();
      Planar[] candidates = {original, mirrored, grayed, both};
      for (int k = 0; k < 4; k++) {
        outcomes[k] += close(v, candidates[k].data()) ? 1 : 0;
      }
      jittered += close(jitter.augment(image, rng).data(), original.data()) ? 0 : 1;
    }
    assertThat(outcomes[0] + outcomes[1] + outcomes[2] + outcomes[3]).isEqualTo(draws);
    assertThat((double) (outcomes[2] + outcomes[3]) / draws).isCloseTo(0.2, within(0.03));
    assertThat((double) (outcomes[1] + outcomes[3]) / draws).isCloseTo(0.5, within(0.03));
    assertThat((double) jittered / draws).isCloseTo(0.8, within(0.03));
  }

  @Test
  void oneMeanGivesOneLumaChannel() {
    // The spec checks mean and std together, so a one-channel view is only reachable from JSON.
    View view = SpecJson.withTypes(List.of()).read(
        "{\"size\": 16, \"cropScaleMin\": 1, \"cropRatioMin\": 1, \"cropRatioMax\": 1,"
            + " \"flipProbability\": 0, \"jitter\": {\"probability\": 0},"
            + " \"grayscaleProbability\": 0, \"blurProbability\": 0,"
            + " \"mean\": [0.5], \"std\": [0.5]}",
        View.class);
    ViewTransform t = new ViewTransform(view);
    assertThat(t.shape()).isEqualTo(new ViewShape(1, 16, 16));
    float[] out = run(view, 1);
    assertThat(out).hasSize(256);
    float luma = 0.299f * image.at(3, 2, 0) + 0.587f * image.at(3, 2, 1)
        + 0.114f * image.at(3, 2, 2);
    assertThat(out[2 * 16 + 3]).isCloseTo((luma / 255 - 0.5f) / 0.5f, within(1e-5f));
  }

  @Test
  void sameSeedSameViewsAndDifferentSeedDifferentViews() {
    MultiViewTransform t = new MultiViewTransform(Views.cifar(32));
    RgbImage src = TestImages.random(32, 32, 12);
    float[][] a = views(t, src, ImageSeeds.random(7, 0, 5));
    float[][] b = views(t, src, ImageSeeds.random(7, 0, 5));
    float[][] otherSeed = views(t, src, ImageSeeds.random(8, 0, 5));
    float[][] otherEpoch = views(t, src, ImageSeeds.random(7, 1, 5));
    assertThat(a[0]).containsExactly(b[0]);
    assertThat(a[1]).containsExactly(b[1]);
    assertThat(a[0]).isNotEqualTo(otherSeed[0]);
    assertThat(a[0]).isNotEqualTo(otherEpoch[0]);
    assertThat(a[0]).isNotEqualTo(a[1]);
  }

  @Test
  void multiViewWritesEachViewAtItsSlot() {
    TwoViews spec = TwoViews.of(IDENTITY, IDENTITY.withFlipProbability(1));
    MultiViewTransform t = new MultiViewTransform(spec);
    assertThat(t.shapes()).containsExactly(new ViewShape(3, 16, 16), new ViewShape(3, 16, 16));
    float[][] out = {new float[2 * 768], new float[2 * 768]};
    t.apply(image, new SplittableRandom(0), out, 1);
    assertThat(out[0]).startsWith(new float[768]);
    assertThat(java.util.Arrays.copyOfRange(out[0], 768, 1536))
        .containsExactly(Planar.of(image).data(), within(1e-6f));
    Planar flipped = Planar.of(image);
    HorizontalFlip.apply(flipped);
    assertThat(java.util.Arrays.copyOfRange(out[1], 768, 1536))
        .containsExactly(flipped.data(), within(1e-6f));
  }

  /** The study's views stay within the range normalisation allows for values in [0, 1]. */
  @Test
  void studyViewsStayInTheNormalisedRange() {
    MultiViewTransform t = new MultiViewTransform(Views.cifar(32));
    for (int i = 0; i < 50; i++) {
      float[][] v = views(t, TestImages.random(32, 32, i), ImageSeeds.random(1, 0, i));
      for (float[] view : v) {
        for (int c = 0; c < 3; c++) {
          double mean = Views.CIFAR10_MEAN.get(c);
          double std = Views.CIFAR10_STD.get(c);
          for (int j = c * 1024; j < (c + 1) * 1024; j++) {
            assertThat((double) view[j]).isBetween(-mean / std - 1e-4, (1 - mean) / std + 1e-4);
          }
        }
      }
    }
  }

  private static boolean close(float[] a, float[] b) {
    for (int i = 0; i < a.length; i++) {
      if (Math.abs(a[i] - b[i]) > 1e-6f) {
        return false;
      }
    }
    return true;
  }

  private float[] run(View view, long seed) {
    ViewTransform t = new ViewTransform(view);
    float[] out = new float[t.shape().length()];
    t.apply(image, new SplittableRandom(seed), out, 0);
    return out;
  }

  private static float[][] views(MultiViewTransform t, RgbImage src, SplittableRandom rng) {
    float[][] out = new float[t.shapes().size()][];
    for (int v = 0; v < out.length; v++) {
      out[v] = new float[t.shapes().get(v).length()];
    }
    t.apply(src, rng, out, 0);
    return out;
  }
}
