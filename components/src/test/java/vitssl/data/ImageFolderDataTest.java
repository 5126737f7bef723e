package vitssl.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vitssl.dsl.data.ImageFolder;

class ImageFolderDataTest {
  @TempDir Path root;

  @Test
  void classesAreSortedFolderNamesAndTheHeldOutSliceIsSpreadThroughEachClass() throws IOException {
    writeClass("dog", 3);
    writeClass("cat", 10);
    writeClass("bird", 1);

    Dataset data = ImageFolderData.open(spec().withHeldOutFraction(0.3));

    assertThat(data.train().classes()).containsExactly("bird", "cat", "dog");
    assertThat(data.heldOut().classes()).isEqualTo(data.train().classes());
    assertThat(data.name()).isEqualTo(root.getFileName().toString());
    // floor(n * 0.3) of each class: cat's 4th, 7th and 10th images, none of dog's 3 or bird's 1.
    assertThat(files(data.heldOut())).containsExactly("cat/03.png", "cat/06.png", "cat/09.png");
    assertThat(files(data.train()))
        .containsExactly(
            "bird/00.png",
            "cat/00.png",
            "cat/01.png",
            "cat/02.png",
            "cat/04.png",
            "cat/05.png",
            "cat/07.png",
            "cat/08.png",
            "dog/00.png",
            "dog/01.png",
            "dog/02.png");
    for (ImageSource split : List.of(data.train(), data.heldOut())) {
      for (int i = 0; i < split.size(); i++) {
        String folder = Path.of(split.name(i)).getParent().getFileName().toString();
        assertThat(split.classes().get(split.label(i))).isEqualTo(folder);
      }
    }
  }

  @Test
  void theHeldOutRuleTakesFloorOfNTimesTheFractionEvenlySpaced() {
    for (double fraction : new double[] {0.01, 0.1, 0.25, 0.3, 0.57, 0.9, 0.99}) {
      for (int n = 1; n <= 300; n++) {
        List<Integer> held = new ArrayList<>();
        for (int j = 0; j < n; j++) {
          if (ImageFolderData.isHeldOut(j, fraction)) {
            held.add(j);
          }
        }
        int exact =
            new BigDecimal(Double.toString(fraction))
                .multiply(BigDecimal.valueOf(n))
                .setScale(0, RoundingMode.FLOOR)
                .intValueExact();
        assertThat(held).as("n=%d f=%s", n, fraction).hasSize(exact);
        for (int k = 1; k < held.size(); k++) {
          int gap = held.get(k) - held.get(k - 1);
          assertThat(gap).isBetween((int) Math.floor(1 / fraction), (int) Math.ceil(1 / fraction));
        }
      }
    }
  }

  @Test
  void trainAndValFoldersShareTheTrainingClassList() throws IOException {
    writeClass("train/b", 2);
    writeClass("train/a", 1);
    writeClass("val/b", 1);

    Dataset data = ImageFolderData.open(spec());

    assertThat(data.train().classes()).containsExactly("a", "b");
    assertThat(files(data.train())).containsExactly("a/00.png", "b/00.png", "b/01.png");
    assertThat(data.heldOut().classes()).containsExactly("a", "b");
    assertThat(files(data.heldOut())).containsExactly("b/00.png");
    assertThat(data.heldOut().label(0)).isEqualTo(1);
  }

  @Test
  void pngJpegGreyPaletteAlphaAndSixteenBitAllDecodeToRgb() throws IOException {
    Path folder = Files.createDirectories(root.resolve("all"));
    BufferedImage rgb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
    rgb.setRGB(0, 0, 0x123456);
    rgb.setRGB(1, 0, 0xabcdef);
    write(rgb, "png", folder.resolve("a-rgb.png"));
    write(flat(BufferedImage.TYPE_INT_RGB, 0x4080c0, 16), "jpeg", folder.resolve("b-jpeg.JPG"));
    BufferedImage grey = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
    grey.getRaster().setSample(0, 0, 0, 90);
    write(grey, "png", folder.resolve("c-grey.png"));
    IndexColorModel palette =
        new IndexColorModel(
            8,
            2,
            RgbPixelsTest.bytes(1, 200),
            RgbPixelsTest.bytes(2, 100),
            RgbPixelsTest.bytes(3, 50));
    BufferedImage indexed = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_INDEXED, palette);
    indexed.getRaster().setSample(0, 0, 0, 1);
    write(indexed, "png", folder.resolve("d-palette.png"));
    write(flat(BufferedImage.TYPE_INT_ARGB, 0x20304050, 1), "png", folder.resolve("e-alpha.png"));
    write(RgbPixelsTest.sixteenBitPixel(65535, 0, 100 * 257), "png", folder.resolve("f-16bit.PNG"));
    Files.writeString(folder.resolve("g-notes.txt"), "not an image");
    Files.createDirectories(root.resolve(".hidden"));

    ImageSource images = ImageFolderData.open(spec()).train();

    assertThat(files(images))
        .containsExactly(
            "all/a-rgb.png",
            "all/b-jpeg.JPG",
            "all/c-grey.png",
            "all/d-palette.png",
            "all/e-alpha.png",
            "all/f-16bit.PNG");
    assertThat(images.image(0).pixels())
        .containsExactly(RgbPixelsTest.bytes(0x12, 0x34, 0x56, 0xab, 0xcd, 0xef));
    RgbImage jpeg = images.image(1);
    assertThat(jpeg.at(8, 8, 0)).isCloseTo(0x40, within(3));
    assertThat(jpeg.at(8, 8, 1)).isCloseTo(0x80, within(3));
    assertThat(jpeg.at(8, 8, 2)).isCloseTo(0xc0, within(3));
    assertThat(images.image(2).pixels()).containsExactly(RgbPixelsTest.bytes(90, 90, 90));
    assertThat(images.image(3).pixels()).containsExactly(RgbPixelsTest.bytes(200, 100, 50));
    assertThat(images.image(4).pixels()).containsExactly(RgbPixelsTest.bytes(0x30, 0x40, 0x50));
    assertThat(images.image(5).pixels()).containsExactly(RgbPixelsTest.bytes(255, 0, 100));
  }

  @Test
  void aCorruptImageFailsWhenDecodedNamingTheFile() throws IOException {
    writeClass("ok", 1);
    Path corrupt = root.resolve("ok/01-corrupt.jpg");
    Files.write(corrupt, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0x00, 0x13});
    Path text = root.resolve("ok/02-text.png");
    Files.writeString(text, "hello");

    ImageSource images =
        new ImageFileSource.Builder(List.of("ok"))
            .add(root.resolve("ok/00.png"), 0)
            .add(corrupt, 0)
            .add(text, 0)
            .build();

    assertThat(images.image(0).width()).isEqualTo(2);
    assertThatThrownBy(() -> images.image(1))
        .isInstanceOf(DataException.class)
        .hasMessageContaining(corrupt.toString())
        .hasMessageContaining("replace it");
    assertThatThrownBy(() -> images.image(2))
        .isInstanceOf(DataException.class)
        .hasMessageContaining(text + " is not an image")
        .hasMessageContaining("remove it");
  }

  @Test
  void aMissingRootIsAnError() {
    Path missing = root.resolve("nowhere");

    assertThatThrownBy(() -> ImageFolderData.open(ImageFolder.at(missing.toString())))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("ImageFolder.root = " + missing + " is not a folder")
        .hasMessageContaining("one sub-folder of images per class");
  }

  @Test
  void aRootWithoutClassFoldersIsAnError() throws IOException {
    write(flat(BufferedImage.TYPE_INT_RGB, 0, 1), "png", root.resolve("loose.png"));

    assertThatThrownBy(() -> ImageFolderData.open(spec()))
        .isInstanceOf(DataException.class)
        .hasMessageContaining(root + " has no class folders")
        .hasMessageContaining(root.resolve("cat") + "/0001.jpg");
  }

  @Test
  void anEmptyClassIsAnError() throws IOException {
    writeClass("full", 1);
    Files.createDirectories(root.resolve("empty"));
    Files.writeString(root.resolve("empty/readme.txt"), "no images");

    assertThatThrownBy(() -> ImageFolderData.open(spec()))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("Class folder " + root.resolve("empty") + " holds no .png")
        .hasMessageContaining("add images to it or remove it");
  }

  @Test
  void aValClassMissingFromTrainIsAnError() throws IOException {
    writeClass("train/a", 1);
    writeClass("val/a", 1);
    writeClass("val/z", 1);

    assertThatThrownBy(() -> ImageFolderData.open(spec()))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("Class folder " + root.resolve("val/z") + " has no counterpart in")
        .hasMessageContaining("add " + root.resolve("train/z"));
  }

  @Test
  void trainWithoutValIsAnError() throws IOException {
    writeClass("train/a", 1);

    assertThatThrownBy(() -> ImageFolderData.open(spec()))
        .isInstanceOf(DataException.class)
        .hasMessageContaining(root.resolve("val") + " is missing")
        .hasMessageContaining("needs both");
  }

  private ImageFolder spec() {
    return ImageFolder.at(root.toString());
  }

  private void writeClass(String folder, int count) throws IOException {
    Path dir = Files.createDirectories(root.resolve(folder));
    for (int i = 0; i < count; i++) {
      write(
          flat(BufferedImage.TYPE_INT_RGB, 0x010203 * i, 2),
          "png",
          dir.resolve(String.format("%02d.png", i)));
    }
  }

  /** Files of a source as "class-folder/name", in the source's order. */
  private static List<String> files(ImageSource source) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < source.size(); i++) {
      Path file = Path.of(source.name(i));
      names.add(file.getParent().getFileName() + "/" + file.getFileName());
    }
    return names;
  }

  private static BufferedImage flat(int type, int argb, int side) {
    BufferedImage image = new BufferedImage(side, side, type);
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        image.setRGB(x, y, argb);
      }
    }
    return image;
  }

  private static void write(BufferedImage image, String format, Path file) throws IOException {
    assertThat(ImageIO.write(image, format, file.toFile())).as("ImageIO writes %s", file).isTrue();
  }
}
