package vitssl.augment;

import java.util.Arrays;

/**
 * A Gaussian blur of standard deviation {@code sigma} pixels, the op behind MoCo v3's {@code
 * GaussianBlur} (Pillow's {@code ImageFilter.GaussianBlur(radius=sigma)}, whose radius is the
 * standard deviation). Exact Gaussian weights over {@code ceil(3 sigma)} pixels each side (at
 * least 1), applied separably (rows, then columns); borders repeat the edge pixel, as Pillow's box
 * blurs do.
 */
public final class GaussianBlur {
  private GaussianBlur() {}

  /** Taps each side of the centre: the kernel covers three standard deviations. */
  public static int radius(double sigma) {
    return Math.max(1, (int) Math.ceil(3 * sigma));
  }

  /** The normalised 1-D kernel, {@code 2 * radius(sigma) + 1} weights. */
  public static float[] kernel(double sigma) {
    if (!(sigma > 0)) {
      throw new IllegalArgumentException("blur sigma = " + sigma + ": use a positive value");
    }
    int r = radius(sigma);
    double[] w = new double[2 * r + 1];
    double sum = 0;
    for (int i = -r; i <= r; i++) {
      w[i + r] = Math.exp(-(double) i * i / (2 * sigma * sigma));
      sum += w[i + r];
    }
    float[] k = new float[w.length];
    for (int i = 0; i < w.length; i++) {
      k[i] = (float) (w[i] / sum);
    }
    return k;
  }

  public static void apply(Planar img, double sigma) {
    float[] k = kernel(sigma);
    int r = k.length / 2;
    int w = img.width();
    int h = img.height();
    float[] d = img.data();
    float[] line = new float[w + 2 * r];
    float[] tmp = new float[w * h];
    for (int c = 0; c < Planar.CHANNELS; c++) {
      int plane = c * w * h;
      for (int y = 0; y < h; y++) {
        horizontal(d, plane + y * w, w, k, line, tmp, y * w);
      }
      for (int y = 0; y < h; y++) {
        vertical(tmp, w, h, y, k, d, plane + y * w);
      }
    }
  }

  /** One row, edges repeated: the row is padded into {@code line}, then summed tap by tap. */
  private static void horizontal(
      float[] src, int start, int w, float[] k, float[] line, float[] dst, int dstStart) {
    int r = k.length / 2;
    System.arraycopy(src, start, line, r, w);
    for (int i = 0; i < r; i++) {
      line[i] = src[start];
      line[r + w + i] = src[start + w - 1];
    }
    Arrays.fill(dst, dstStart, dstStart + w, 0f);
    for (int t = 0; t < k.length; t++) {
      float kt = k[t];
      for (int x = 0; x < w; x++) {
        dst[dstStart + x] += kt * line[x + t];
      }
    }
  }

  /** Output row {@code y} as a weighted sum of whole rows, the edge rows repeated. */
  private static void vertical(
      float[] src, int w, int h, int y, float[] k, float[] dst, int dstStart) {
    int r = k.length / 2;
    Arrays.fill(dst, dstStart, dstStart + w, 0f);
    for (int t = 0; t < k.length; t++) {
      float kt = k[t];
      int row = Math.min(h - 1, Math.max(0, y + t - r)) * w;
      for (int x = 0; x < w; x++) {
        dst[dstStart + x] += kt * src[row + x];
      }
    }
  }
}
