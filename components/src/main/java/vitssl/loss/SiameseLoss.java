package vitssl.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
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

  /** Creates the loss's parameters and state; called once, before training or loading. */
  default void initialize(LossContext context) {}

  /** Parameters the loss learns; the optimizer steps them with the encoder's. */
  default List<Parameter> parameters() {
    return List.of();
  }

  /** Called before step {@code step}'s forward pass (0-based). */
  default void beginStep(long step) {}

  /** Called after step {@code step}'s backward pass, before the optimizer; may edit gradients. */
  default void beforeUpdate(long step) {}

  /**
   * Whether the loss's own {@link #parameters} sit out step {@code step}'s optimizer update: no
   * weight decay, no moment update, no step count, as PyTorch's optimizers skip a parameter whose
   * gradient is None (SwAV's frozen prototypes). Their gradient must still be cleared, in {@link
   * #beforeUpdate}.
   */
  default boolean parametersFrozenAt(long step) {
    return false;
  }

  /** Whether checkpoints must hold {@link #saveState}. */
  default boolean stateful() {
    return false;
  }

  default void saveState(DataOutputStream out) throws IOException {}

  default void loadState(DataInputStream in, NDManager manager) throws IOException {}
}
