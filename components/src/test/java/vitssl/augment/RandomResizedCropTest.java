package vitssl.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandomResizedCropTest {
  private static final int DRAWS = 20_000;

  /** With max scale 0.5 on a square no attempt is rejected, so area is uniform in [min, max]. */
  @Test
  void areaIsUniformAndLogRatioBoundedWhenNothingIsRejected() {
    RandomResizedCrop crop = new RandomResizedCrop(0.08, 0.5, 3.0 / 4, 4.0 / 3);
    SplittableRandom rng = new SplittableRandom(1);
    double areaSum = 0;
    double logRatioSum = 0;
    double leftSum = 0;
    int below = 0;
    for (int i = 0; i < DRAWS; i++) {
      CropBox box = crop.sample(1000, 1000, rng);
      double area = box.areaFraction(1000, 1000);
      double logRatio = Math.log((double) box.width() / box.height());
      assertThat(area).isBetween(0.08 - 1e-3, 0.5 + 1e-3);
      assertThat(logRatio).isBetween(Math.log(3.0 / 4) - 0.01, Math.log(4.0 / 3) + 0.01);
      assertThat(box.x() + box.width()).isLessThanOrEqualTo(1000);
      assertThat(box.y() + box.height()).isLessThanOrEqualTo(1000);
      areaSum += area;
      logRatioSum += logRatio;
      leftSum += (double) box.x() / (1000 - box.width());
      below += area < 0.29 ? 1 : 0;
    }
    assertThat(areaSum / DRAWS).isCloseTo(0.29, within(0.005));
    assertThat((double) below / DRAWS).isCloseTo(0.5, within(0.02));
    assertThat(logRatioSum / DRAWS).isCloseTo(0.0, within(0.005));
    assertThat(leftSum / DRAWS).isCloseTo(0.5, within(0.01));
  }

  @Test
  void defaultScalesStayInsideTheImageAndInRange() {
    RandomResizedCrop crop = new RandomResizedCrop(0.08, 1, 3.0 / 4, 4.0 / 3);
    SplittableRandom rng = new SplittableRandom(2);
    double areaSum = 0;
    for (int i = 0; i < DRAWS; i++) {
      CropBox box = crop.sample(32, 32, rng);
      assertThat(box.x() + box.width()).isLessThanOrEqualTo(32);
      assertThat(box.y() + box.height()).isLessThanOrEqualTo(32);
      areaSum += box.areaFraction(32, 32);
    }
    // Rejections of wide or tall boxes near full size pull the mean below the unrejected 0.54.
    assertThat(areaSum / DRAWS).isBetween(0.45, 0.54);
  }

  @Test
  void fallsBackToACentreCropClampedToTheRatioRange() {
    RandomResizedCrop crop = new RandomResizedCrop(0.9, 1, 3.0 / 4, 4.0 / 3);
    SplittableRandom rng = new SplittableRandom(3);
    assertThat(crop.sample(100, 10, rng)).isEqualTo(new CropBox(43, 0, 13, 10));
    assertThat(crop.sample(10, 100, rng)).isEqualTo(new CropBox(0, 43, 10, 13));
    RandomResizedCrop wide = new RandomResizedCrop(1, 1, 2, 3);
    assertThat(wide.sample(20, 20, rng)).isEqualTo(new CropBox(0, 5, 20, 10));
  }

  @Test
  void rejectsInvalidRanges() {
    assertThatThrownBy(() -> new RandomResizedCrop(0.5, 0.2, 1, 1))
        .hasMessageContaining("scale = (0.5, 0.2)");
    assertThatThrownBy(() -> new RandomResizedCrop(0.5, 1, 2, 1))
        .hasMessageContaining("ratio = (2.0, 1.0)");
  }
}
