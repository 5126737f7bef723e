package vitssl.augment;

/**
 * Pillow's {@code ImageOps.solarize} as MoCo v3's view 2 applies it: values at or above the
 * threshold (of 255) are inverted, {@code v -> 255 - v}; the rest are kept.
 */
public final class Solarize {
  /** Slack (of 255) so that a pixel of exactly the threshold, stored as float, inverts. */
  private static final double SLACK = 1e-3;

  private Solarize() {}

  public static void apply(Planar img, double threshold) {
    float limit = (float) ((threshold - SLACK) / 255);
    float[] d = img.data();
    for (int i = 0; i < d.length; i++) {
      if (d[i] >= limit) {
        d[i] = 1f - d[i];
      }
    }
  }
}
