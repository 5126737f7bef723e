package vitssl.augment;

import java.util.Arrays;
import vitssl.data.RgbImage;

/**
 * Crops and resizes an 8-bit image into a {@link Planar} in one separable pass (rows, then
 * columns), with the taps of {@link ResampleAxis}: bilinear when upscaling, Pillow's antialiased
 * triangle filter when downscaling.
 */
public final class BilinearResize {
  private BilinearResize() {}

  /** The {@code box} of {@code src} resampled to {@code outWidth x outHeight}. */
  public static Planar crop(RgbImage src, CropBox box, int outWidth, int outHeight) {
    if (box.x() + box.width() > src.width() || box.y() + box.height() > src.height()) {
      throw new IllegalArgumentException(
          box + " leaves the " + src.width() + "x" + src.height() + " image: keep it inside");
    }
    return resample(
        src,
        ResampleAxis.of(box.x(), box.width(), outWidth, 0, outWidth),
        ResampleAxis.of(box.y(), box.height(), outHeight, 0, outHeight));
  }

  /**
   * The whole image resized to {@code resizedWidth x resizedHeight}, of which only the centred
   * {@code outWidth x outHeight} is produced, offsets rounded as torchvision's {@code CenterCrop}.
   */
  public static Planar resizeCentreCrop(
      RgbImage src, int resizedWidth, int resizedHeight, int outWidth, int outHeight) {
    if (outWidth > resizedWidth || outHeight > resizedHeight) {
      throw new IllegalArgumentException(
          "centre crop " + outWidth + "x" + outHeight + " exceeds the resized "
              + resizedWidth + "x" + resizedHeight + " image: crop at most the resized size");
    }
    int left = (int) Math.rint((resizedWidth - outWidth) / 2.0);
    int top = (int) Math.rint((resizedHeight - outHeight) / 2.0);
    return resample(
        src,
        ResampleAxis.of(0, src.width(), resizedWidth, left, outWidth),
        ResampleAxis.of(0, src.height(), resizedHeight, top, outHeight));
  }

  static Planar resample(RgbImage src, ResampleAxis xs, ResampleAxis ys) {
    int outW = xs.outputs();
    int outH = ys.outputs();
    int rowStart = ys.first[0];
    int rows = ys.first[outH - 1] + ys.count[outH - 1] - rowStart;
    float[] tmp = horizontal(src, xs, rowStart, rows);
    Planar out = new Planar(outW, outH);
    float[] dst = out.data();
    int tmpPlane = rows * outW;
    int outPlane = outW * outH;
    float[] acc = new float[outW];
    float[] scratch = new float[outW];
    for (int c = 0; c < Planar.CHANNELS; c++) {
      for (int o = 0; o < outH; o++) {
        int base = o * ys.stride;
        Arrays.fill(acc, 0f);
        for (int t = 0; t < ys.count[o]; t++) {
          int srcRow = c * tmpPlane + (ys.first[o] + t - rowStart) * outW;
          Rows.addScaled(acc, tmp, srcRow, ys.weights[base + t] / 255f, scratch, outW);
        }
        System.arraycopy(acc, 0, dst, c * outPlane + o * outW, outW);
      }
    }
    return out;
  }

  /** Rows {@code rowStart .. rowStart + rows} resampled horizontally, planar, still in 0..255. */
  private static float[] horizontal(RgbImage src, ResampleAxis xs, int rowStart, int rows) {
    int outW = xs.outputs();
    int plane = rows * outW;
    float[] tmp = new float[Planar.CHANNELS * plane];
    byte[] px = src.pixels();
    int width = src.width();
    for (int r = 0; r < rows; r++) {
      int rowBase = (rowStart + r) * width;
      for (int o = 0; o < outW; o++) {
        float red = 0;
        float green = 0;
        float blue = 0;
        int wBase = o * xs.stride;
        int p = (rowBase + xs.first[o]) * 3;
        for (int t = 0; t < xs.count[o]; t++, p += 3) {
          float w = xs.weights[wBase + t];
          red += w * (px[p] & 0xff);
          green += w * (px[p + 1] & 0xff);
          blue += w * (px[p + 2] & 0xff);
        }
        int i = r * outW + o;
        tmp[i] = red;
        tmp[plane + i] = green;
        tmp[2 * plane + i] = blue;
      }
    }
    return tmp;
  }
}
