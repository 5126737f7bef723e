package vitssl.pictures;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import vitssl.data.RgbImage;

/** What the pictures share: a fixed sample of rows, L2-normalised features, PNG encoding. */
final class Pictures {
  private Pictures() {}

  /** Up to {@code most} of {@code n} positions, drawn without replacement by {@code seed}, sorted. */
  static int[] sample(int n, int most, long seed) {
    List<Integer> all = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      all.add(i);
    }
    Collections.shuffle(all, new Random(seed));
    return all.subList(0, Math.min(n, most)).stream().mapToInt(Integer::intValue).sorted().toArray();
  }

  /** Row {@code i} of {@code features} ({@code [n, width]}, flat) scaled to unit length. */
  static double[] unitRow(float[] features, int width, int i) {
    double[] row = new double[width];
    double norm = 0;
    for (int d = 0; d < width; d++) {
      row[d] = features[i * width + d];
      norm += row[d] * row[d];
    }
    norm = Math.sqrt(norm);
    for (int d = 0; d < width; d++) {
      row[d] = norm > 0 ? row[d] / norm : 0;
    }
    return row;
  }

  /** An image as a picture, resized to {@code size x size} (the encoder's input side). */
  static BufferedImage picture(RgbImage image, int size) {
    BufferedImage picture =
        new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < image.height(); y++) {
      for (int x = 0; x < image.width(); x++) {
        picture.setRGB(x, y, image.at(x, y, 0) << 16 | image.at(x, y, 1) << 8 | image.at(x, y, 2));
      }
    }
    BufferedImage resized = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = resized.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(picture, 0, 0, size, size, null);
    g.dispose();
    return resized;
  }

  /** A white RGB picture of this size, to draw on. */
  static BufferedImage blank(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.dispose();
    return image;
  }

  static byte[] png(BufferedImage image) {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("could not encode a picture: " + e.getMessage(), e);
    }
  }
}
