package vitssl.optim;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
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

  /**
   * sqrt of the sum of squares of every gradient element in the group. Each parameter's norm is
   * taken where its gradient lives and they all come back in one read per device: on a GPU, one
   * synchronisation a step instead of one per parameter. The sum runs in double, in the group's
   * order.
   */
  public static double of(Collection<Parameter> group) {
    Map<Device, NDList> norms = new LinkedHashMap<>();
    try {
      for (Parameter parameter : group) {
        try (NDArray gradient = Gradients.of(parameter)) {
          if (gradient != null) {
            NDArray norm = gradient.norm();
            norms.computeIfAbsent(norm.getDevice(), d -> new NDList()).add(norm);
          }
        }
      }
      double sumOfSquares = 0;
      for (NDList onDevice : norms.values()) {
        try (NDArray stacked = NDArrays.stack(onDevice)) {
          for (float n : stacked.toFloatArray()) {
            sumOfSquares += (double) n * n;
          }
        }
      }
      return Math.sqrt(sumOfSquares);
    } finally {
      norms.values().forEach(NDList::close);
    }
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
