package vitssl.train;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * A loss over the outputs of the two branches of a siamese method: one query (online) output and
 * one key (target) output per view, in view order. Keys carry no gradient.
 */
@FunctionalInterface
public interface SiameseLoss {
  NDArray compute(List<NDArray> queries, List<NDArray> keys);

  /**
   * Whether the loss reads the key (target) encoder's outputs. SimCLR's does not: it contrasts
   * the online outputs of the views with each other, so the runner skips the key encoder and its
   * momentum update, and {@code keys} is empty.
   */
  default boolean usesKeys() {
    return true;
  }
}
