package vitssl.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vitssl.data.ImageSource;
import vitssl.data.RgbImage;
import vitssl.dsl.augment.TwoViews;
import vitssl.dsl.augment.View;
import vitssl.dsl.augment.Views;

class ContactSheetRendererTest {
  /** Keeps the whole image, normalised by CIFAR statistics: de-normalising must undo that. */
  private static final View IDENTITY =
      TestImages.identityView(16).withMean(Views.CIFAR10_MEAN).withStd(Views.CIFAR10_STD);

  @Test
  void rowsShowTheOriginalAndEachViewDeNormalised(@TempDir Path dir) throws Exception {
    ImageSource source = TestImages.source(5, 16);
    TwoViews spec = TwoViews.of(IDENTITY, IDENTITY.withFlipProbability(1));
    Path out = new ContactSheetRenderer(spec, 3, 2, 0).write(source, dir.resolve("a/sheet.png"));
    BufferedImage sheet = ImageIO.read(out.toFile());
    // 3 columns and 3 rows of 16-pixel cells with 2-pixel gaps, enlarged twice.
    assertThat(sheet.getWidth()).isEqualTo((2 + 3 * 18) * 2);
    assertThat(sheet.getHeight()).isEqualTo((2 + 3 * 18) * 2);
    for (int row = 0; row < 3; row++) {
      RgbImage img = source.image(row);
      int top = 2 + row * 18;
      for (int y = 0; y < 16; y += 5) {
        for (int x = 0; x < 16; x += 3) {
          for (int dx = 0; dx < 2; dx++) {
            int px = 2 * x + dx;
            int py = 2 * (top + y) + 1;
            assertThat(sheet.getRGB(2 * 2 + px, py) & 0xffffff).isEqualTo(rgb(img, x, y));
            assertClose(sheet.getRGB(2 * 20 + px, py), rgb(img, x, y));
            assertClose(sheet.getRGB(2 * 38 + px, py), rgb(img, 15 - x, y));
          }
        }
      }
    }
  }

  @Test
  void rejectsEmptySheets() {
    assertThatThrownBy(() -> new ContactSheetRenderer(Views.cifar(32), 0, 4, 0))
        .hasMessageContaining("rows = 0");
    assertThatThrownBy(() -> new ContactSheetRenderer(Views.cifar(32), 2, 0, 0))
        .hasMessageContaining("scale = 0");
  }

  private static int rgb(RgbImage img, int x, int y) {
    return img.at(x, y, 0) << 16 | img.at(x, y, 1) << 8 | img.at(x, y, 2);
  }

  private static void assertClose(int actual, int expected) {
    for (int shift = 0; shift <= 16; shift += 8) {
      assertThat((actual >> shift) & 0xff).isCloseTo((expected >> shift) & 0xff, within(1));
    }
  }
}
