package vitssl.augment;

/** torchvision's {@code adjust_brightness}: a blend with black, {@code clamp(f * x, 0, 1)}. */
public final class Brightness {
  private Brightness() {}

  public static void apply(Planar img, float factor) {
    float[] d = img.data();
    for (int i = 0; i < d.length; i++) {
      d[i] = Math.min(1f, Math.max(0f, factor * d[i]));
    }
  }
}
