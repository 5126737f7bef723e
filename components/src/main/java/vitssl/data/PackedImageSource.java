package vitssl.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * CIFAR-10 images held in memory as one byte array per split (150 MB for the training set, far less
 * than one object per image). Each {@link #image} call returns a fresh copy, so callers may modify
 * it; nothing is ever written, so any number of threads may read at once.
 */
final class PackedImageSource implements ImageSource {
  private final Cifar10Split split;
  private final List<String> classes;

  PackedImageSource(Cifar10Split split, List<String> classes) {
    this.split = split;
    this.classes = List.copyOf(classes);
  }

  @Override
  public int size() {
    return split.size();
  }

  @Override
  public int label(int i) {
    return split.labels()[Objects.checkIndex(i, size())];
  }

  @Override
  public List<String> classes() {
    return classes;
  }

  @Override
  public RgbImage image(int i) {
    int from = Objects.checkIndex(i, size()) * Cifar10Split.IMAGE_BYTES;
    byte[] pixels = Arrays.copyOfRange(split.pixels(), from, from + Cifar10Split.IMAGE_BYTES);
    return new RgbImage(Cifar10Split.SIDE, Cifar10Split.SIDE, pixels);
  }
}
