package vitssl.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import org.junit.jupiter.api.Test;

class HueTest {
  @Test
  void pureRedTurnsGreenAfterAThirdAndYellowAfterASixth() {
    assertThat(shifted(255, 0, 0, 1f / 3)).containsExactly(new float[] {0, 1, 0}, within(1e-6f));
    assertThat(shifted(255, 0, 0, 1f / 6)).containsExactly(new float[] {1, 1, 0}, within(1e-6f));
    assertThat(shifted(0, 0, 255, -1f / 3)).containsExactly(new float[] {0, 1, 0}, within(1e-6f));
  }

  @Test
  void zeroShiftIsIdentityAndGraysStayGray() {
    Planar img = TestImages.randomPlanar(16, 16, 9);
    Planar before = img.copy();
    Hue.apply(img, 0f);
    assertThat(img.data()).containsExactly(before.data(), within(1e-6f));
    assertThat(shifted(77, 77, 77, 0.4f)).containsExactly(
        new float[] {77 / 255f, 77 / 255f, 77 / 255f}, within(1e-7f));
  }

  /** Against java.awt's own HSB conversion, an independent implementation of the same model. */
  @Test
  void agreesWithAwtHsbOnRandomPixels() {
    Planar img = TestImages.randomPlanar(32, 32, 4);
    Planar before = img.copy();
    float shift = 0.27f;
    Hue.apply(img, shift);
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 32; x++) {
        int r = Math.round(before.get(x, y, 0) * 255);
        int g = Math.round(before.get(x, y, 1) * 255);
        int b = Math.round(before.get(x, y, 2) * 255);
        float[] hsb = Color.RGBtoHSB(r, g, b, null);
        int rgb = Color.HSBtoRGB(hsb[0] + shift, hsb[1], hsb[2]);
        assertThat(img.get(x, y, 0) * 255).isCloseTo((rgb >> 16) & 0xff, within(0.6f));
        assertThat(img.get(x, y, 1) * 255).isCloseTo((rgb >> 8) & 0xff, within(0.6f));
        assertThat(img.get(x, y, 2) * 255).isCloseTo(rgb & 0xff, within(0.6f));
      }
    }
  }

  @Test
  void rejectsShiftsBeyondHalfATurn() {
    assertThatThrownBy(() -> Hue.apply(new Planar(1, 1), 0.6f))
        .hasMessageContaining("hue shift = 0.6");
  }

  private static float[] shifted(int r, int g, int b, float shift) {
    Planar img = Planar.of(TestImages.constant(1, 1, r, g, b));
    Hue.apply(img, shift);
    return img.data();
  }
}
