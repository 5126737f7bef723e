package vitssl.runner.compute;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.Collection;
import vitssl.engine.Scalars;
import vitssl.optim.Gradients;

/**
 * fp16's dynamic loss scaling, as PyTorch's {@code torch.cuda.amp.GradScaler} with its defaults:
 * the loss is multiplied by the scale before the backward pass, so small gradients survive fp16's
 * narrow range, and the gradients are divided by it before anything reads them. A step whose
 * gradients overflow (not finite) is skipped by the training step and halves the scale; {@link
 * #GROWTH_INTERVAL} finite steps in a row double it.
 */
public final class LossScaler {
  static final double INITIAL_SCALE = 65536;
  static final double GROWTH_FACTOR = 2;
  static final double BACKOFF_FACTOR = 0.5;
  static final int GROWTH_INTERVAL = 2000;

  private double scale = INITIAL_SCALE;
  private int goodSteps;

  public double scale() {
    return scale;
  }

  /** loss x scale, for the backward pass; in the loss's manager. */
  public NDArray scaled(NDArray loss) {
    return Scalars.mul(loss, scale);
  }

  /** Divides every gradient of {@code parameters} by the scale, in place. */
  public void unscale(Collection<Parameter> parameters) {
    for (Parameter parameter : parameters) {
      try (NDArray gradient = Gradients.of(parameter)) {
        if (gradient != null) {
          Scalars.muli(gradient, 1 / scale);
        }
      }
    }
  }

  /** After a step that was applied: counts it, and grows the scale after enough of them. */
  public void applied() {
    if (++goodSteps >= GROWTH_INTERVAL) {
      scale *= GROWTH_FACTOR;
      goodSteps = 0;
    }
  }

  /** After a step skipped for a gradient or loss that is not finite: backs the scale off. */
  public void overflowed() {
    scale *= BACKOFF_FACTOR;
    goodSteps = 0;
  }
}
