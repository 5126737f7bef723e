package vitssl.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Random;

/** Labelled feature sets for tests: Gaussian clusters around shared random class centres. */
record SyntheticFeatures(float[][] rows, int[] labels) {
  /** Class centres, unit-variance Gaussian; draw train and test sets from the same centres. */
  record Clusters(float[][] centres) {
    static Clusters random(long seed, int classes, int width) {
      return new Clusters(gaussian(new Random(seed), classes, width, 1.0));
    }

    /** {@code n} rows with uniformly drawn labels: the class centre plus Gaussian noise. */
    SyntheticFeatures sample(long seed, int n, double noise) {
      Random random = new Random(seed);
      int width = centres[0].length;
      float[][] rows = gaussian(random, n, width, noise);
      int[] labels = new int[n];
      for (int i = 0; i < n; i++) {
        labels[i] = random.nextInt(centres.length);
        for (int j = 0; j < width; j++) {
          rows[i][j] += centres[labels[i]][j];
        }
      }
      return new SyntheticFeatures(rows, labels);
    }
  }

  static float[][] gaussian(Random random, int n, int width, double std) {
    float[][] rows = new float[n][width];
    for (float[] row : rows) {
      for (int j = 0; j < width; j++) {
        row[j] = (float) (std * random.nextGaussian());
      }
    }
    return rows;
  }

  NDArray array(NDManager manager) {
    return manager.create(rows);
  }
}
