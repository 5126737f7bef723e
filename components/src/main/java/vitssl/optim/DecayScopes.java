package vitssl.optim;

import ai.djl.ndarray.NDArray;
import vitssl.dsl.optim.WeightDecayScope;

/** Which parameters a {@link WeightDecayScope} takes in, by the parameter's array. */
final class DecayScopes {
  private DecayScopes() {}

  /** Whether {@code scope} covers {@code weight}: every array, or those of two or more axes. */
  static boolean covers(WeightDecayScope scope, NDArray weight) {
    return switch (scope) {
      case ALL -> true;
      case MATRICES_ONLY -> weight.getShape().dimension() >= 2;
    };
  }
}
