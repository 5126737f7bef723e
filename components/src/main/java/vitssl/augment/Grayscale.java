package vitssl.augment;

/**
 * ITU-R 601 luma (0.299 R + 0.587 G + 0.114 B), as Pillow's {@code convert("L")} behind
 * torchvision's {@code RandomGrayscale}; replicated to all three channels so later ops see RGB.
 */
public final class Grayscale {
  static final float RED = 0.299f;
  static final float GREEN = 0.587f;
  static final float BLUE = 0.114f;

  private Grayscale() {}

  public static void apply(Planar img) {
    float[] d = img.data();
    int n = img.area();
    for (int i = 0; i < n; i++) {
      float y = RED * d[i] + GREEN * d[n + i] + BLUE * d[2 * n + i];
      d[i] = y;
      d[n + i] = y;
      d[2 * n + i] = y;
    }
  }

  /** The luma plane of {@code img} written to {@code out} from {@code offset}. */
  public static void luma(Planar img, float[] out, int offset) {
    float[] d = img.data();
    int n = img.area();
    for (int i = 0; i < n; i++) {
      out[offset + i] = RED * d[i] + GREEN * d[n + i] + BLUE * d[2 * n + i];
    }
  }
}
