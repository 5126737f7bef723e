package vitssl.augment;

import java.util.List;

/**
 * torchvision's {@code ToTensor} then {@code Normalize}: {@code (x - mean) / std} per channel,
 * written planar (CHW) into the caller's batch array. With one mean and one std the view is
 * emitted as a single luma channel.
 */
public final class Normalize {
  private final float[] scale;
  private final float[] bias;

  public Normalize(List<Double> mean, List<Double> std) {
    if (mean.size() != std.size() || (mean.size() != 1 && mean.size() != Planar.CHANNELS)) {
      throw new IllegalArgumentException(
          "Normalize mean = " + mean + ", std = " + std
              + ": give one mean and one std per channel (3 for RGB, 1 for grayscale)");
    }
    scale = new float[mean.size()];
    bias = new float[mean.size()];
    for (int c = 0; c < scale.length; c++) {
      double s = std.get(c);
      if (!(s > 0)) {
        throw new IllegalArgumentException("Normalize std = " + std + ": use positive values");
      }
      scale[c] = (float) (1 / s);
      bias[c] = (float) (-mean.get(c) / s);
    }
  }

  /** 3 for RGB output, 1 for luma. */
  public int channels() {
    return scale.length;
  }

  /** Writes {@code channels() * img.area()} floats to {@code out} from {@code offset}. */
  public void apply(Planar img, float[] out, int offset) {
    int n = img.area();
    if (channels() == 1) {
      Grayscale.luma(img, out, offset);
      for (int i = offset; i < offset + n; i++) {
        out[i] = out[i] * scale[0] + bias[0];
      }
      return;
    }
    float[] d = img.data();
    for (int c = 0; c < Planar.CHANNELS; c++) {
      float s = scale[c];
      float b = bias[c];
      int base = c * n;
      for (int i = 0; i < n; i++) {
        out[offset + base + i] = d[base + i] * s + b;
      }
    }
  }

  /** The inverse, back to [0, 1] for display: {@code x * std + mean} of channel {@code c}. */
  public float invert(float value, int c) {
    return (value - bias[c]) / scale[c];
  }
}
