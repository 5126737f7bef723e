package vitssl.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Collection;
import vitssl.engine.Scalars;

/**
 * The L2 norm of a group of parameters' gradients, taken over all their elements together, and
 * clipping of that norm in place. The study watches this norm per layer (its spikes start in the
 * patch projection) and tries clipping the patch projection's gradient as an alternative to
 * freezing it.
 *
 * <p>A DJL gradient handle on the PyTorch engine shares the gradient's storage, so scaling it in
 * place changes what the next optimizer step reads. Parameters without a gradient (frozen, or not
 * reached by backward) count as zero and are left alone.
 */
public final class GradientNorm {
  /** Added to the norm before dividing, as {@code torch.nn.utils.clip_grad_norm_} does. */
  private static final double CLIP_EPS = 1e-6;

  private GradientNorm() {}

  /** sqrt of the sum of squares of every gradient element in the group. */
  public static double of(Collection<Parameter> group) {
    double sumOfSquares = 0;
    for (Parameter parameter : group) {
      try (NDArray gradient = Gradients.of(parameter)) {
        if (gradient != null) {
          try (NDArray norm = gradient.norm()) {
            double n = norm.getFloat();
            sumOfSquares += n * n;
          }
        }
      }
    }
    return Math.sqrt(sumOfSquares);
  }

  /**
   * Scales the group's gradients in place so their joint norm is at most {@code maxNorm}, by
   * {@code maxNorm / (norm + 1e-6)} when that is below 1, as {@code clip_grad_norm_} does.
   *
   * @return the norm before clipping
   */
  public static double clip(Collection<Parameter> group, double maxNorm) {
    if (!(maxNorm > 0 && Double.isFinite(maxNorm))) {
      throw new IllegalArgumentException(
          "GradientNorm.clip: maxNorm = " + maxNorm + ": use a positive, finite threshold");
    }
    double norm = of(group);
    double scale = maxNorm / (norm + CLIP_EPS);
    if (scale < 1) {
      for (Parameter parameter : group) {
        try (NDArray gradient = Gradients.of(parameter)) {
          if (gradient != null) {
            Scalars.muli(gradient, scale);
          }
        }
      }
    }
    return norm;
  }

  /**
   * Sets the group's gradients to exactly zero, NaN and infinite elements included, so a step
   * whose gradient is not finite can be skipped without its values reaching the next one.
   */
  public static void zero(Collection<Parameter> group) {
    for (Parameter parameter : group) {
      try (NDArray gradient = Gradients.of(parameter)) {
        if (gradient != null) {
          if (parameter.getArray() instanceof PtNDArray pt) {
            JniUtils.zeroGrad(pt);
          } else {
            gradient.set(new ai.djl.ndarray.index.NDIndex("..."), 0f);
          }
        }
      }
    }
  }
}
