package vitssl.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/** Fused in-place arithmetic for optimizer steps: one native call, no array on the Java side. */
final class InPlace {
  private InPlace() {}

  /**
   * {@code target = a target + b x}, in place, without recording a graph, and zeroes {@code
   * target}'s gradient if it has one.
   *
   * <p>DJL's fused SGD kernel computes {@code w -= lr (rescale g + wd w)}; with {@code lr = 1},
   * {@code rescale = -b} and {@code wd = 1 - a} that is {@code a w + b g}, with float32 scalars.
   * With {@code a = 1} it is PyTorch's {@code add_(x, alpha=b)}. The kernel subtracts from {@code
   * w}, so an {@code a} near 0 loses to rounding what little of {@code w} should remain: callers
   * pass 1 or a momentum coefficient.
   */
  static void scaleAdd(NDArray target, double a, NDArray x, double b) {
    target
        .getNDArrayInternal()
        .sgdUpdate(
            new NDList(target, x),
            new NDList(target),
            1f,
            (float) (1 - a),
            (float) -b,
            -1f,
            0f,
            false);
  }
}
