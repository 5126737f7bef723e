package vitssl.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SolarizeTest {
  @Test
  void invertsEveryByteValueAtOrAboveTheThreshold() {
    Planar img = Planar.of(TestImages.gray(256, 1, (x, y) -> x));
    Solarize.apply(img, 128);
    for (int v = 0; v < 256; v++) {
      int expected = v >= 128 ? 255 - v : v;
      for (int c = 0; c < 3; c++) {
        assertThat(img.get(v, 0, c) * 255).as("value %d", v).isCloseTo(expected, within(1e-4f));
      }
    }
  }

  @Test
  void thresholdAbove255LeavesTheImageAlone() {
    Planar img = TestImages.randomPlanar(8, 8, 3);
    Planar before = img.copy();
    Solarize.apply(img, 256);
    assertThat(img.data()).containsExactly(before.data());
  }
}
