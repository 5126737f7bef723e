package vitssl.data;

/**
 * A decoded image: 8-bit RGB, row-major, channels interleaved ({@code pixels[(y * width + x) * 3 +
 * c]}). Grayscale sources are replicated to three channels when decoded.
 */
public record RgbImage(int width, int height, byte[] pixels) {
  public RgbImage {
    if (width <= 0 || height <= 0 || pixels.length != width * height * 3) {
      throw new IllegalArgumentException(
          "RgbImage " + width + "x" + height + " needs " + width * height * 3 + " bytes, got "
              + pixels.length);
    }
  }

  /** Channel {@code c} of pixel (x, y), 0..255. */
  public int at(int x, int y, int c) {
    return pixels[(y * width + x) * 3 + c] & 0xff;
  }
}
