package vitssl.data;

/**
 * One split of CIFAR-10 packed as bytes: {@code labels[i]} is image i's class, and image i's 32x32
 * RGB pixels are {@code pixels[i * IMAGE_BYTES ..]}, row-major with channels interleaved (HWC), the
 * layout of {@link RgbImage}. Arrays are shared, not copied: never write into them.
 */
record Cifar10Split(byte[] labels, byte[] pixels) {
  static final int SIDE = 32;
  static final int IMAGE_BYTES = SIDE * SIDE * 3;

  Cifar10Split {
    if (pixels.length != (long) labels.length * IMAGE_BYTES) {
      throw new IllegalArgumentException(
          "%d labels need %d pixel bytes, got %d"
              .formatted(labels.length, (long) labels.length * IMAGE_BYTES, pixels.length));
    }
  }

  int size() {
    return labels.length;
  }
}
