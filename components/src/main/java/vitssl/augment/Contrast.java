package vitssl.augment;

/**
 * torchvision's {@code adjust_contrast}: a blend with the mean luma of the whole image, {@code
 * clamp(f * x + (1 - f) * mean, 0, 1)}.
 */
public final class Contrast {
  private Contrast() {}

  public static void apply(Planar img, float factor) {
    float[] d = img.data();
    int n = img.area();
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += Grayscale.RED * d[i] + Grayscale.GREEN * d[n + i] + Grayscale.BLUE * d[2 * n + i];
    }
    float offset = (float) ((1 - factor) * sum / n);
    for (int i = 0; i < d.length; i++) {
      d[i] = Math.min(1f, Math.max(0f, factor * d[i] + offset));
    }
  }
}
