package vitssl.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GaussianBlurTest {
  @Test
  void matchesANaiveTwoDimensionalConvolutionWithEdgesRepeated() {
    for (double sigma : new double[] {0.1, 0.7, 2.0}) {
      Planar img = TestImages.randomPlanar(13, 9, 5);
      Planar expected = naive(img, sigma);
      GaussianBlur.apply(img, sigma);
      for (int i = 0; i < img.data().length; i++) {
        assertThat(img.data()[i]).as("sigma %s, value %d", sigma, i)
            .isCloseTo(expected.data()[i], within(2e-5f));
      }
    }
  }

  @Test
  void kernelCoversThreeSigmaAndSumsToOne() {
    assertThat(GaussianBlur.kernel(2.0)).hasSize(13);
    assertThat(GaussianBlur.kernel(0.1)).hasSize(3);
    double sum = 0;
    for (float w : GaussianBlur.kernel(1.3)) {
      sum += w;
    }
    assertThat(sum).isCloseTo(1.0, within(1e-6));
  }

  @Test
  void leavesAConstantImageConstant() {
    Planar img = Planar.of(TestImages.constant(6, 6, 40, 90, 200));
    GaussianBlur.apply(img, 1.5);
    assertThat(img.get(0, 0, 2) * 255).isCloseTo(200f, within(1e-3f));
    assertThat(img.get(5, 3, 1) * 255).isCloseTo(90f, within(1e-3f));
  }

  /** Direct 2-D sum with the unseparated kernel exp(-(dx^2 + dy^2) / 2 sigma^2), normalised. */
  private static Planar naive(Planar img, double sigma) {
    int r = GaussianBlur.radius(sigma);
    int w = img.width();
    int h = img.height();
    Planar out = new Planar(w, h);
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          double sum = 0;
          double norm = 0;
          for (int dy = -r; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++) {
              double k = Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
              int sx = Math.min(w - 1, Math.max(0, x + dx));
              int sy = Math.min(h - 1, Math.max(0, y + dy));
              sum += k * img.get(sx, sy, c);
              norm += k;
            }
          }
          out.set(x, y, c, (float) (sum / norm));
        }
      }
    }
    return out;
  }
}
