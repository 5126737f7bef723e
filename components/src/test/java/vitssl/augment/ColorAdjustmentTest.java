package vitssl.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Brightness, contrast and saturation: identity at factor 1, known blends elsewhere. */
class ColorAdjustmentTest {
  private final Planar img = TestImages.randomPlanar(8, 6, 21);

  @Test
  void factorOneIsIdentity() {
    Planar b = img.copy();
    Brightness.apply(b, 1f);
    Planar c = img.copy();
    Contrast.apply(c, 1f);
    Planar s = img.copy();
    Saturation.apply(s, 1f);
    assertThat(b.data()).containsExactly(img.data(), within(1e-6f));
    assertThat(c.data()).containsExactly(img.data(), within(1e-6f));
    assertThat(s.data()).containsExactly(img.data(), within(1e-6f));
  }

  @Test
  void brightnessScalesAndClamps() {
    Planar b = img.copy();
    Brightness.apply(b, 1.5f);
    for (int i = 0; i < b.data().length; i++) {
      assertThat(b.data()[i]).isCloseTo(Math.min(1f, 1.5f * img.data()[i]), within(1e-6f));
    }
  }

  @Test
  void contrastZeroGivesTheMeanLumaEverywhereAndTwoDoublesTheDistanceToIt() {
    double mean = 0;
    for (int y = 0; y < 6; y++) {
      for (int x = 0; x < 8; x++) {
        mean += 0.299 * img.get(x, y, 0) + 0.587 * img.get(x, y, 1) + 0.114 * img.get(x, y, 2);
      }
    }
    mean /= 48;
    Planar flat = img.copy();
    Contrast.apply(flat, 0f);
    for (float v : flat.data()) {
      assertThat((double) v).isCloseTo(mean, within(1e-5));
    }
    Planar strong = img.copy();
    Contrast.apply(strong, 2f);
    for (int i = 0; i < img.data().length; i++) {
      double expected = Math.min(1, Math.max(0, 2 * img.data()[i] - mean));
      assertThat((double) strong.data()[i]).isCloseTo(expected, within(1e-5));
    }
  }

  @Test
  void saturationZeroIsGrayscale() {
    Planar s = img.copy();
    Saturation.apply(s, 0f);
    Planar g = img.copy();
    Grayscale.apply(g);
    assertThat(s.data()).containsExactly(g.data(), within(1e-6f));
  }
}
