package vitssl.augment;

/** Mirrors an image left to right, in place. */
public final class HorizontalFlip {
  private HorizontalFlip() {}

  public static void apply(Planar img) {
    float[] d = img.data();
    int w = img.width();
    int rows = Planar.CHANNELS * img.height();
    for (int r = 0; r < rows; r++) {
      int left = r * w;
      int right = left + w - 1;
      while (left < right) {
        float t = d[left];
        d[left++] = d[right];
        d[right--] = t;
      }
    }
  }
}
