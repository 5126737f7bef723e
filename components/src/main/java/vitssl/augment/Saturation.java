package vitssl.augment;

/**
 * torchvision's {@code adjust_saturation}: a per-pixel blend with the pixel's own luma, {@code
 * clamp(f * x + (1 - f) * luma, 0, 1)}; 0 gives grayscale, 1 the image unchanged.
 */
public final class Saturation {
  private Saturation() {}

  public static void apply(Planar img, float factor) {
    float[] d = img.data();
    int n = img.area();
    float keep = 1 - factor;
    for (int i = 0; i < n; i++) {
      float grey =
          keep * (Grayscale.RED * d[i] + Grayscale.GREEN * d[n + i] + Grayscale.BLUE * d[2 * n + i]);
      d[i] = Math.min(1f, Math.max(0f, factor * d[i] + grey));
      d[n + i] = Math.min(1f, Math.max(0f, factor * d[n + i] + grey));
      d[2 * n + i] = Math.min(1f, Math.max(0f, factor * d[2 * n + i] + grey));
    }
  }
}
