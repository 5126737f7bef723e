package org.example.vitssl.monitor;

/** The arithmetic of {@link FeatureSpread}, on plain arrays so that it is checked on its own. */
final class Spread {
  private Spread() {}

  /**
   * sqrt(d) times the mean over dimensions of the standard deviation (over rows) of the
   * L2-normalised rows of {@code features}, an {@code n x d} row-major matrix.
   */
  static double of(float[] features, int n, int d) {
    double[] unit = new double[n * d];
    for (int i = 0; i < n; i++) {
      double norm = 0;
      for (int j = 0; j < d; j++) {
        norm += (double) features[i * d + j] * features[i * d + j];
      }
      norm = Math.max(Math.sqrt(norm), 1e-12);
      for (int j = 0; j < d; j++) {
        unit[i * d + j] = features[i * d + j] / norm;
      }
    }
    double stdSum = 0;
    for (int j = 0; j < d; j++) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += unit[i * d + j];
      }
      mean /= n;
      double variance = 0;
      for (int i = 0; i < n; i++) {
        double dev = unit[i * d + j] - mean;
        variance += dev * dev;
      }
      stdSum += Math.sqrt(variance / n);
    }
    return Math.sqrt(d) * stdSum / d;
  }
}
