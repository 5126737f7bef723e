package vitssl.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class NormalizeTest {
  @Test
  void writesChannelPlanesAtTheOffset() {
    Planar img = new Planar(2, 1);
    img.set(0, 0, 0, 1f);
    img.set(1, 0, 0, 0f);
    img.set(0, 0, 1, 0.5f);
    img.set(1, 0, 2, 0.25f);
    Normalize n = new Normalize(List.of(0.5, 0.25, 0.0), List.of(0.25, 0.5, 2.0));
    float[] out = new float[3 + 6];
    n.apply(img, out, 3);
    assertThat(out).containsExactly(
        new float[] {0, 0, 0, 2f, -2f, 0.5f, -0.5f, 0f, 0.125f}, within(1e-6f));
    assertThat(n.invert(out[3], 0)).isCloseTo(1f, within(1e-6f));
  }

  @Test
  void oneChannelEmitsNormalisedLuma() {
    Planar img = new Planar(1, 1);
    img.set(0, 0, 0, 1f);
    Normalize n = new Normalize(List.of(0.1), List.of(0.5));
    float[] out = new float[1];
    n.apply(img, out, 0);
    assertThat(n.channels()).isEqualTo(1);
    assertThat(out[0]).isCloseTo((0.299f - 0.1f) / 0.5f, within(1e-6f));
  }

  @Test
  void rejectsMismatchedStatistics() {
    assertThatThrownBy(() -> new Normalize(List.of(0.5, 0.5), List.of(1.0, 1.0)))
        .hasMessageContaining("mean = [0.5, 0.5]")
        .hasMessageContaining("3 for RGB, 1 for grayscale");
    assertThatThrownBy(() -> new Normalize(List.of(0.5), List.of(0.0)))
        .hasMessageContaining("std = [0.0]");
  }
}
