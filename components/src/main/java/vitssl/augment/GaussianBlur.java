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
    float[] acc = new float[w];
    float[] scratch = new float[w];
    for (int c = 0; c < Planar.CHANNELS; c++) {
      int plane = c * w * h;
      for (int y = 0; y < h; y++) {
        // Rows: pad with the edge pixels, then sum the shifted copies tap by tap.
        System.arraycopy(d, plane + y * w, line, r, w);
        Arrays.fill(line, 0, r, d[plane + y * w]);
        Arrays.fill(line, r + w, w + 2 * r, d[plane + y * w + w - 1]);
        Arrays.fill(acc, 0f);
        for (int t = 0; t < k.length; t++) {
          Rows.addScaled(acc, line, t, k[t], scratch, w);
        }
        System.arraycopy(acc, 0, tmp, y * w, w);
      }
      for (int y = 0; y < h; y++) {
        // Columns: each output row is a weighted sum of whole rows, the edge rows repeated.
        Arrays.fill(acc, 0f);
        for (int t = 0; t < k.length; t++) {
          int row = Math.min(h - 1, Math.max(0, y + t - r));
          Rows.addScaled(acc, tmp, row * w, k[t], scratch, w);
        }
        System.arraycopy(acc, 0, d, plane + y * w, w);
      }
    }
  }
}
