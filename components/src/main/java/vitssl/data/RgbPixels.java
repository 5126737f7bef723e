package vitssl.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;

/**
 * Turns whatever javax.imageio decodes into 8-bit interleaved RGB, as PIL's {@code convert("RGB")}
 * does for torchvision: alpha is dropped, grey is replicated to three channels, 16-bit samples are
 * rounded to 8 bits and palettes are looked up.
 *
 * <p>Grey samples are read from the raster rather than through {@link BufferedImage#getRGB}, which
 * would treat Java's linear grey colour space as non-sRGB and brighten every mid-grey.
 */
final class RgbPixels {
  private RgbPixels() {}

  static RgbImage image(BufferedImage image) {
    return new RgbImage(image.getWidth(), image.getHeight(), of(image));
  }

  /** The pixels of {@code image}, row-major, channels interleaved. */
  static byte[] of(BufferedImage image) {
    int width = image.getWidth();
    int height = image.getHeight();
    byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(width, height), 3)];
    ColorModel model = image.getColorModel();
    int[] bands = samplesToRead(model);
    if (bands != null) {
      copySamples(image.getRaster(), model, bands, out);
    } else {
      copyArgb(image, out);
    }
    return out;
  }

  /** Raster bands holding R, G, B, or null when the colour model needs a conversion. */
  private static int[] samplesToRead(ColorModel model) {
    if (!(model instanceof ComponentColorModel) || model.isAlphaPremultiplied()) {
      return null;
    }
    ColorSpace space = model.getColorSpace();
    if (space.getType() == ColorSpace.TYPE_GRAY) {
      return new int[] {0, 0, 0};
    }
    return space.isCS_sRGB() ? new int[] {0, 1, 2} : null;
  }

  private static void copySamples(Raster raster, ColorModel model, int[] bands, byte[] out) {
    int width = raster.getWidth();
    int[] row = new int[width];
    for (int y = 0; y < raster.getHeight(); y++) {
      for (int c = 0; c < 3; c++) {
        int bits = model.getComponentSize(bands[c]);
        raster.getSamples(0, y, width, 1, bands[c], row);
        int at = y * width * 3 + c;
        for (int x = 0; x < width; x++, at += 3) {
          out[at] = (byte) toEightBits(row[x], bits);
        }
      }
    }
  }

  private static void copyArgb(BufferedImage image, byte[] out) {
    int width = image.getWidth();
    int[] row = new int[width];
    for (int y = 0; y < image.getHeight(); y++) {
      image.getRGB(0, y, width, 1, row, 0, width);
      int at = y * width * 3;
      for (int x = 0; x < width; x++) {
        out[at++] = (byte) (row[x] >> 16);
        out[at++] = (byte) (row[x] >> 8);
        out[at++] = (byte) row[x];
      }
    }
  }

  /** Rounds a sample of {@code bits} bits to the nearest 8-bit value. */
  static int toEightBits(int sample, int bits) {
    if (bits == 8) {
      return sample;
    }
    long max = (1L << bits) - 1;
    return (int) ((sample * 255L + max / 2) / max);
  }
}
