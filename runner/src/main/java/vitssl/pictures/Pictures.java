package vitssl.pictures;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

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

  static byte[] png(BufferedImage image) {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("could not encode a picture: " + e.getMessage(), e);
    }
  }
}
