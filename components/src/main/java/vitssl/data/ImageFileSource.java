package vitssl.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * Labelled image files decoded on each {@link #image} call, so a collection the size of ImageNet
 * costs only its list of paths in memory. Immutable, hence safe to read from several threads.
 */
final class ImageFileSource implements ImageSource {
  private final List<Path> files;
  private final int[] labels;
  private final List<String> classes;

  private ImageFileSource(List<Path> files, int[] labels, List<String> classes) {
    this.files = List.copyOf(files);
    this.labels = labels;
    this.classes = List.copyOf(classes);
  }

  @Override
  public int size() {
    return files.size();
  }

  @Override
  public int label(int i) {
    return labels[Objects.checkIndex(i, labels.length)];
  }

  @Override
  public List<String> classes() {
    return classes;
  }

  @Override
  public RgbImage image(int i) {
    Path file = files.get(i);
    BufferedImage decoded;
    try {
      decoded = ImageIO.read(file.toFile());
    } catch (IOException | RuntimeException e) {
      throw new DataException(
          "Cannot decode %s (%s): replace it with a readable PNG or JPEG, or remove it from the folder"
              .formatted(file, e.getMessage()),
          e);
    }
    if (decoded == null) {
      throw new DataException(
          "%s is not an image javax.imageio can read: replace it with a PNG or JPEG, or remove it"
              .formatted(file));
    }
    return RgbPixels.image(decoded);
  }

  @Override
  public String name(int i) {
    return files.get(i).toString();
  }

  /** Collects (file, label) pairs in order; the built source keeps that order. */
  static final class Builder {
    private final List<String> classes;
    private final List<Path> files = new ArrayList<>();
    private final List<Integer> labels = new ArrayList<>();

    Builder(List<String> classes) {
      this.classes = classes;
    }

    Builder add(Path file, int label) {
      files.add(file);
      labels.add(label);
      return this;
    }

    ImageFileSource build() {
      return new ImageFileSource(
          files, labels.stream().mapToInt(Integer::intValue).toArray(), classes);
    }
  }
}
