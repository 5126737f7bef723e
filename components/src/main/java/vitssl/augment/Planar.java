package vitssl.augment;

import vitssl.data.RgbImage;

/**
 * A working image: three float planes (R, G, B) of values in [0, 1], row-major. Planar floats let
 * every op run as a tight loop over one channel and match the engine's CHW layout at the end.
 * Mutable on purpose: the ops of one view rewrite it in place.
 */
public final class Planar {
  public static final int CHANNELS = 3;

  private final int width;
  private final int height;
  private final float[] data;

  public Planar(int width, int height) {
    this(width, height, new float[CHANNELS * width * height]);
  }

  /** Wraps {@code data} (R plane, then G, then B), which must hold {@code 3 * width * height}. */
  public Planar(int width, int height, float[] data) {
    if (width <= 0 || height <= 0 || data.length != CHANNELS * width * height) {
      throw new IllegalArgumentException(
          "Planar " + width + "x" + height + " needs " + CHANNELS * width * height
              + " floats, got " + data.length);
    }
    this.width = width;
    this.height = height;
    this.data = data;
  }

  /** The image's bytes scaled to [0, 1], de-interleaved. */
  public static Planar of(RgbImage image) {
    int pixels = image.width() * image.height();
    Planar out = new Planar(image.width(), image.height());
    byte[] src = image.pixels();
    for (int i = 0; i < pixels; i++) {
      for (int c = 0; c < CHANNELS; c++) {
        out.data[c * pixels + i] = (src[i * 3 + c] & 0xff) / 255f;
      }
    }
    return out;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** Pixels per plane. */
  public int area() {
    return width * height;
  }

  /** The backing array: plane {@code c} starts at {@code c * area()}. */
  public float[] data() {
    return data;
  }

  public float get(int x, int y, int c) {
    return data[c * area() + y * width + x];
  }

  public void set(int x, int y, int c, float value) {
    data[c * area() + y * width + x] = value;
  }

  /** A deep copy, for ops that need the untouched input while they write. */
  public Planar copy() {
    return new Planar(width, height, data.clone());
  }
}
