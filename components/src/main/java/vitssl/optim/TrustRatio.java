package vitssl.optim;

import ai.djl.ndarray.NDArray;

/**
 * The layer-wise trust ratio of LARS and LAMB: {@code coefficient ||p|| / ||u||} for a parameter p
 * and its update u, or 1 where either norm is 0 (a fresh zero-initialised layer, or an update of
 * zeros), as MoCo v3's LARS and timm's Lamb write it with nested {@code torch.where}. A norm that
 * is not a number also gives 1, as there: its comparison with 0 is false.
 */
final class TrustRatio {
  private TrustRatio() {}

  static double of(NDArray weight, NDArray update, double coefficient) {
    double weightNorm = norm(weight);
    double updateNorm = norm(update);
    return weightNorm > 0 && updateNorm > 0 ? coefficient * weightNorm / updateNorm : 1;
  }

  /** The L2 norm over all elements, whatever the array's rank. */
  private static double norm(NDArray array) {
    try (NDArray norm = array.norm()) {
      return norm.getFloat();
    }
  }
}
