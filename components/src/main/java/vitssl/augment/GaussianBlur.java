package vitssl.augment;

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
    float[] line = new float[Math.max(w, h) + 2 * r];
    for (int c = 0; c < Planar.CHANNELS; c++) {
      int plane = c * w * h;
      for (int y = 0; y < h; y++) {
        convolve(d, plane + y * w, 1, w, k, line);
      }
      for (int x = 0; x < w; x++) {
        convolve(d, plane + x, w, h, k, line);
      }
    }
  }

  /** Convolves the {@code n} values at {@code start, start + step, ...} in place, edges repeated. */
  private static void convolve(float[] d, int start, int step, int n, float[] k, float[] line) {
    int r = k.length / 2;
    for (int i = 0; i < n + 2 * r; i++) {
      int src = Math.min(n - 1, Math.max(0, i - r));
      line[i] = d[start + src * step];
    }
    for (int i = 0; i < n; i++) {
      float sum = 0;
      for (int t = 0; t < k.length; t++) {
        sum += k[t] * line[i + t];
      }
      d[start + i * step] = sum;
    }
  }
}
