package vitssl.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import vitssl.data.RgbImage;
import vitssl.dsl.augment.Views;

class EvalTransformTest {
  private static final List<Double> ZERO = List.of(0.0, 0.0, 0.0);
  private static final List<Double> ONE = List.of(1.0, 1.0, 1.0);

  @Test
  void fullCropAtTheImageSizeOnlyNormalises() {
    RgbImage img = TestImages.random(32, 32, 2);
    EvalTransform t = new EvalTransform(32, 1.0, Views.CIFAR10_MEAN, Views.CIFAR10_STD);
    float[] out = new float[3 * 32 * 32];
    t.apply(img, out, 0);
    for (int c = 0; c < 3; c++) {
      double mean = Views.CIFAR10_MEAN.get(c);
      double std = Views.CIFAR10_STD.get(c);
      for (int y = 0; y < 32; y++) {
        for (int x = 0; x < 32; x++) {
          double expected = (img.at(x, y, c) / 255.0 - mean) / std;
          assertThat((double) out[c * 1024 + y * 32 + x]).isCloseTo(expected, within(1e-5));
        }
      }
    }
  }

  /** 300x200 at 224 / 0.875: shorter side to 256, so 384x256, and the crop starts at (80, 16). */
  @Test
  void resizesTheShorterSideThenTakesTheCentre() {
    RgbImage ramp = TestImages.gray(300, 200, (x, y) -> x / 2);
    Planar q = new EvalTransform(224, 0.875, ZERO, ONE).resizeAndCrop(ramp);
    assertThat(q.width()).isEqualTo(224);
    assertThat(q.height()).isEqualTo(224);
    for (int xo = 0; xo < 224; xo += 7) {
      double sx = (xo + 80 + 0.5) * 300 / 384 - 0.5;
      double expected = interpolate(sx);
      assertThat((double) q.get(xo, 100, 0) * 255).isCloseTo(expected, within(1e-3));
    }
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> new EvalTransform(0, 1, ZERO, ONE))
        .hasMessageContaining("size = 0");
    assertThatThrownBy(() -> new EvalTransform(32, 1.5, ZERO, ONE))
        .hasMessageContaining("cropFraction = 1.5");
  }

  /** Linear interpolation of the staircase x / 2 (integer division) at source coordinate sx. */
  private static double interpolate(double sx) {
    int x0 = (int) Math.floor(sx);
    double f = sx - x0;
    return (1 - f) * (x0 / 2) + f * ((x0 + 1) / 2);
  }
}
