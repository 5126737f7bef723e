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
    float[] d = img.data();
    int n = img.area();
    for (int i = 0; i < n; i++) {
      float r = d[i];
      float g = d[n + i];
      float b = d[2 * n + i];
      float max = Math.max(r, Math.max(g, b));
      float min = Math.min(r, Math.min(g, b));
      float chroma = max - min;
      if (chroma <= 0) {
        continue;
      }
      float h;
      if (max == r) {
        h = (g - b) / chroma;
      } else if (max == g) {
        h = 2 + (b - r) / chroma;
      } else {
        h = 4 + (r - g) / chroma;
      }
      h = h / 6 + shift;
      h -= (float) Math.floor(h);
      float s = chroma / max;
      writeHsv(d, n, i, h, s, max);
    }
  }

  /** Pixel {@code i} set from hue {@code h} in [0, 1), saturation {@code s}, value {@code v}. */
  private static void writeHsv(float[] d, int n, int i, float h, float s, float v) {
    float sector = h * 6;
    int k = (int) sector;
    float f = sector - k;
    float p = v * (1 - s);
    float q = v * (1 - s * f);
    float t = v * (1 - s * (1 - f));
    float r;
    float g;
    float b;
    switch (k % 6) {
      case 0 -> { r = v; g = t; b = p; }
      case 1 -> { r = q; g = v; b = p; }
      case 2 -> { r = p; g = v; b = t; }
      case 3 -> { r = p; g = q; b = v; }
      case 4 -> { r = t; g = p; b = v; }
      default -> { r = v; g = p; b = q; }
    }
    d[i] = clamp(r);
    d[n + i] = clamp(g);
    d[2 * n + i] = clamp(b);
  }

  private static float clamp(float x) {
    return Math.min(1f, Math.max(0f, x));
  }
}
