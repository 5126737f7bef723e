package vitssl.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GrayscaleTest {
  @Test
  void replicatesTheItu601LumaOfChosenPixels() {
    Planar img = new Planar(3, 1);
    int[][] rgb = {{255, 0, 0}, {10, 200, 30}, {255, 255, 255}};
    for (int x = 0; x < 3; x++) {
      for (int c = 0; c < 3; c++) {
        img.set(x, 0, c, rgb[x][c] / 255f);
      }
    }
    Grayscale.apply(img);
    double[] expected = {
      0.299, (0.299 * 10 + 0.587 * 200 + 0.114 * 30) / 255, 1.0,
    };
    for (int x = 0; x < 3; x++) {
      for (int c = 0; c < 3; c++) {
        assertThat((double) img.get(x, 0, c)).isCloseTo(expected[x], within(1e-6));
      }
    }
  }

  @Test
  void lumaWritesOnePlaneAtTheOffset() {
    Planar img = TestImages.randomPlanar(4, 3, 7);
    float[] out = new float[5 + 12];
    Grayscale.luma(img, out, 5);
    assertThat(out[4]).isZero();
    for (int i = 0; i < 12; i++) {
      float[] d = img.data();
      assertThat(out[5 + i]).isCloseTo(0.299f * d[i] + 0.587f * d[12 + i] + 0.114f * d[24 + i],
          within(1e-6f));
    }
  }
}
