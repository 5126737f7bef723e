package vitssl.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import vitssl.data.RgbImage;

class BilinearResizeTest {
  @Test
  void constantStaysConstantUpAndDown() {
    RgbImage img = TestImages.constant(50, 40, 12, 130, 250);
    for (int out : new int[] {7, 32, 96}) {
      Planar p = BilinearResize.crop(img, new CropBox(3, 4, 41, 29), out, out);
      for (int c = 0; c < 3; c++) {
        float expected = new int[] {12, 130, 250}[c];
        for (int y = 0; y < out; y++) {
          for (int x = 0; x < out; x++) {
            assertThat(p.get(x, y, c) * 255).isCloseTo(expected, within(1e-3f));
          }
        }
      }
    }
  }

  @Test
  void sameSizeIsIdentity() {
    RgbImage img = TestImages.random(9, 7, 4);
    Planar p = BilinearResize.crop(img, new CropBox(0, 0, 9, 7), 9, 7);
    assertThat(p.data()).containsExactly(Planar.of(img).data(), within(1e-6f));
  }

  /** Upscaling interpolates a plane {@code x + 2y} exactly between pixel centres. */
  @Test
  void upscalingALinearRampIsExactInside() {
    RgbImage img = TestImages.gray(80, 60, (x, y) -> x + 2 * y);
    Planar p = BilinearResize.crop(img, new CropBox(10, 5, 30, 20), 60, 50);
    int checked = 0;
    for (int yo = 0; yo < 50; yo++) {
      for (int xo = 0; xo < 60; xo++) {
        double sx = 10 + (xo + 0.5) * 30 / 60 - 0.5;
        double sy = 5 + (yo + 0.5) * 20 / 50 - 0.5;
        if (sx >= 10 && sx <= 39 && sy >= 5 && sy <= 24) {
          assertThat((double) p.get(xo, yo, 1) * 255).isCloseTo(sx + 2 * sy, within(1e-3));
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(2000);
  }

  /** Downscaling by 2 averages symmetrically around the output centre: a ramp stays a ramp. */
  @Test
  void downscalingALinearRampKeepsItInside() {
    RgbImage img = TestImages.gray(100, 4, (x, y) -> 10 + 2 * x);
    Planar p = BilinearResize.crop(img, new CropBox(0, 0, 100, 4), 50, 2);
    for (int xo = 1; xo < 49; xo++) {
      assertThat((double) p.get(xo, 1, 0) * 255).isCloseTo(10 + 2 * (2 * xo + 0.5), within(1e-3));
    }
  }

  /** One-pixel stripes shrunk 4x average to mid gray instead of aliasing to black or white. */
  @Test
  void downscalingIsAntialiased() {
    RgbImage img = TestImages.gray(64, 8, (x, y) -> x % 2 == 0 ? 0 : 255);
    Planar p = BilinearResize.crop(img, new CropBox(0, 0, 64, 8), 16, 2);
    for (int xo = 1; xo < 15; xo++) {
      assertThat(p.get(xo, 0, 0) * 255).isCloseTo(127.5f, within(1f));
    }
  }

  @Test
  void centreCropOfTheResizedImageIsItsMiddle() {
    RgbImage img = TestImages.random(40, 30, 8);
    Planar full = BilinearResize.crop(img, new CropBox(0, 0, 40, 30), 42, 32);
    Planar middle = BilinearResize.resizeCentreCrop(img, 42, 32, 16, 16);
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < 16; y++) {
        for (int x = 0; x < 16; x++) {
          assertThat(middle.get(x, y, c)).isCloseTo(full.get(x + 13, y + 8, c), within(1e-6f));
        }
      }
    }
  }

  @Test
  void rejectsABoxOutsideTheImage() {
    RgbImage img = TestImages.random(10, 10, 1);
    assertThatThrownBy(() -> BilinearResize.crop(img, new CropBox(5, 0, 6, 10), 4, 4))
        .hasMessageContaining("leaves the 10x10 image");
  }
}
