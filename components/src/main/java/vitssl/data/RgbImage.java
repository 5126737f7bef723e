package vitssl.data;

import java.awt.image.BufferedImage;

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

  /** The pixels of a decoded image as 8-bit RGB, as PIL's {@code convert("RGB")} gives them. */
  public static RgbImage of(BufferedImage image) {
    return RgbPixels.image(image);
  }

  /** Channel {@code c} of pixel (x, y), 0..255. */
  public int at(int x, int y, int c) {
    return pixels[(y * width + x) * 3 + c] & 0xff;
  }
}
