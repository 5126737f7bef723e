package vitssl.backbone;

/**
 * Bilinear resampling of a square grid of vectors to another square grid, as a matrix: row {@code
 * (i, j)} of the {@code [g*g, G*G]} result holds the weights with which the output cell (i, j)
 * mixes the input cells. The weights are PyTorch's {@code interpolate(mode="bilinear",
 * align_corners=False)}: output index {@code i} samples the input at {@code (i + 0.5) G / g -
 * 0.5}, clamped at the border. Multiplying a position embedding by it gives the embedding of a
 * smaller (or larger) image, and the gradient flows back through the product.
 */
final class GridResampling {
  private GridResampling() {}

  /** The {@code [to*to, from*from]} weights, row-major. */
  static float[] matrix(int from, int to) {
    if (from < 1 || to < 1) {
      throw new IllegalArgumentException("grid sizes must be positive: " + from + " -> " + to);
    }
    double[][] axis = axisWeights(from, to);
    int cells = from * from;
    float[] out = new float[to * to * cells];
    for (int i = 0; i < to; i++) {
      for (int j = 0; j < to; j++) {
        int row = (i * to + j) * cells;
        for (int a = 0; a < from; a++) {
          if (axis[i][a] == 0) {
            continue;
          }
          for (int b = 0; b < from; b++) {
            out[row + a * from + b] = (float) (axis[i][a] * axis[j][b]);
          }
        }
      }
    }
    return out;
  }

  /** One axis: {@code [to][from]} linear-interpolation weights; each row sums to 1. */
  static double[][] axisWeights(int from, int to) {
    double[][] w = new double[to][from];
    double scale = from / (double) to;
    for (int i = 0; i < to; i++) {
      double source = Math.max(0, (i + 0.5) * scale - 0.5);
      int lower = Math.min((int) Math.floor(source), from - 1);
      int upper = Math.min(lower + 1, from - 1);
      double upperWeight = source - lower;
      w[i][lower] += 1 - upperWeight;
      w[i][upper] += upperWeight;
    }
    return w;
  }
}
