package vitssl.augment;

/**
 * The taps of a bilinear resampling along one axis, computed as Pillow's {@code
 * precompute_coeffs} does for {@code Image.BILINEAR}: a triangle filter whose support widens with
 * the downscaling factor. Upscaling is therefore plain bilinear interpolation with pixel centres
 * at half-integers; downscaling averages every source pixel under the footprint (antialiased), as
 * torchvision does on PIL images. Taps never leave the source window, like Pillow after a crop.
 */
final class ResampleAxis {
  /** First source index (in image coordinates) read by each output. */
  final int[] first;

  /** Number of taps of each output. */
  final int[] count;

  /** {@code weights[o * stride + t]}: weight of tap {@code t} of output {@code o}; they sum to 1. */
  final float[] weights;

  final int stride;

  private ResampleAxis(int[] first, int[] count, float[] weights, int stride) {
    this.first = first;
    this.count = count;
    this.weights = weights;
    this.stride = stride;
  }

  int outputs() {
    return first.length;
  }

  /**
   * Taps mapping a source window of {@code windowLength} pixels from {@code windowStart} onto
   * {@code outLength} outputs, of which only {@code count} from {@code firstOut} are produced (a
   * centre crop of the resized image needs only its middle).
   */
  static ResampleAxis of(int windowStart, int windowLength, int outLength, int firstOut, int count) {
    if (windowLength <= 0 || outLength <= 0 || firstOut < 0 || count <= 0
        || firstOut + count > outLength) {
      throw new IllegalArgumentException(
          "ResampleAxis window " + windowLength + " -> " + outLength + " outputs, producing "
              + count + " from " + firstOut + ": needs positive lengths inside the output");
    }
    double scale = (double) windowLength / outLength;
    double filterScale = Math.max(scale, 1.0);
    double support = filterScale;
    int stride = (int) Math.ceil(support) * 2 + 1;
    int[] firsts = new int[count];
    int[] counts = new int[count];
    float[] weights = new float[count * stride];
    double[] taps = new double[stride];
    for (int o = 0; o < count; o++) {
      double centre = (firstOut + o + 0.5) * scale;
      int min = Math.max((int) (centre - support + 0.5), 0);
      int n = Math.min((int) (centre + support + 0.5), windowLength) - min;
      double sum = 0;
      for (int t = 0; t < n; t++) {
        taps[t] = triangle((t + min - centre + 0.5) / filterScale);
        sum += taps[t];
      }
      int lo = 0;
      int hi = n;
      while (lo < hi - 1 && taps[lo] == 0) {
        lo++;
      }
      while (hi > lo + 1 && taps[hi - 1] == 0) {
        hi--;
      }
      firsts[o] = windowStart + min + lo;
      counts[o] = hi - lo;
      for (int t = lo; t < hi; t++) {
        weights[o * stride + t - lo] = (float) (taps[t] / sum);
      }
    }
    return new ResampleAxis(firsts, counts, weights, stride);
  }

  private static double triangle(double x) {
    double a = Math.abs(x);
    return a < 1 ? 1 - a : 0;
  }
}
