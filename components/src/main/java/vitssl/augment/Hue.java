package vitssl.augment;

/**
 * torchvision's {@code adjust_hue}: each pixel goes to HSV, its hue turns by {@code shift} of a
 * full circle (in [-0.5, 0.5]), and it comes back to RGB; grays, having no hue, stay as they are.
 */
public final class Hue {
  private Hue() {}

  public static void apply(Planar img, float shift) {
    if (shift < -0.5f || shift > 0.5f) {
      throw new IllegalArgumentException("hue shift = " + shift + ": use a value in [-0.5, 0.5]");
    }
    float turn = 6 * shift;
    float[] d = img.data();
    int n = img.area();
    for (int i = 0; i < n; i++) {
      float r = d[i];
      float g = d[n + i];
      float b = d[2 * n + i];
      float max = Math.max(r, Math.max(g, b));
      float min = Math.min(r, Math.min(g, b));
      float chroma = max - min;
      // Hue in sixths of a turn, [-1, 5), picked without branches (random pixels defeat the
      // branch predictor); a gray has chroma 0 and comes back unchanged whatever its hue.
      float inv = chroma > 0 ? 1f / chroma : 0f;
      float fromRed = (g - b) * inv;
      float fromGreen = 2 + (b - r) * inv;
      float fromBlue = 4 + (r - g) * inv;
      float sector = (max == r ? fromRed : max == g ? fromGreen : fromBlue) + turn;
      if (sector < 0) {
        sector += 6;
      } else if (sector >= 6) {
        sector -= 6;
      }
      // Value v = max and saturation s = chroma / max are unchanged; each channel lies between
      // v and v - v * s = min, placed by the turned hue.
      d[i] = clamp(max - chroma * ramp(sector + 5));
      d[n + i] = clamp(max - chroma * ramp(sector + 3));
      d[2 * n + i] = clamp(max - chroma * ramp(sector + 1));
    }
  }

  /**
   * How far a channel falls below the value at hue sector {@code k} (mod 6): the closed form of
   * the six-case HSV to RGB switch, {@code clamp(min(k, 4 - k), 0, 1)}, without branches.
   */
  private static float ramp(float k) {
    float m = k >= 6 ? k - 6 : k;
    return Math.max(0f, Math.min(1f, Math.min(m, 4 - m)));
  }

  private static float clamp(float x) {
    return Math.min(1f, Math.max(0f, x));
  }
}
