package vitssl.augment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HorizontalFlipTest {
  @Test
  void mirrorsColumnsAndTwiceIsIdentity() {
    Planar img = TestImages.randomPlanar(7, 5, 11);
    Planar before = img.copy();
    HorizontalFlip.apply(img);
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < 5; y++) {
        for (int x = 0; x < 7; x++) {
          assertThat(img.get(x, y, c)).isEqualTo(before.get(6 - x, y, c));
        }
      }
    }
    HorizontalFlip.apply(img);
    assertThat(img.data()).containsExactly(before.data());
  }
}
