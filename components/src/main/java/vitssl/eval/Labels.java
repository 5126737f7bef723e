package vitssl.eval;

import ai.djl.ndarray.NDArray;

/** Checks that features and labels describe the same samples, before any work starts. */
final class Labels {
  private Labels() {}

  /** Fails unless {@code features} is {@code [labels.length, D]} and every label is >= 0. */
  static void check(String name, NDArray features, int[] labels) {
    if (features.getShape().dimension() != 2) {
      throw new IllegalArgumentException(
          name
              + " features have shape "
              + features.getShape()
              + ": pass a matrix [samples, width]");
    }
    long rows = features.getShape().get(0);
    if (rows != labels.length) {
      throw new IllegalArgumentException(
          name
              + " has "
              + rows
              + " feature rows but "
              + labels.length
              + " labels: pass one label per feature row");
    }
    if (rows == 0) {
      throw new IllegalArgumentException(name + " is empty: pass at least one sample");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0) {
        throw new IllegalArgumentException(
            name + " label[" + i + "] = " + labels[i] + ": labels are class indices 0, 1, ...");
      }
    }
  }

  /** One more than the largest label: the number of classes the labels name. */
  static int classCount(int[]... labelSets) {
    int max = -1;
    for (int[] labels : labelSets) {
      for (int label : labels) {
        max = Math.max(max, label);
      }
    }
    return max + 1;
  }
}
