package vitssl.backbone;

import vitssl.dsl.backbone.ResNet;
import vitssl.dsl.backbone.ResNetBlock;
import vitssl.dsl.backbone.ResNetStem;

/**
 * What a {@link ResNet} costs, derived from its spec alone (nothing is allocated): its parameter
 * count and the floating-point operations of one image's forward pass, as {@link VitCost} does for
 * a ViT.
 */
public final class ResNetCost {
  private ResNetCost() {}

  /**
   * Every parameter a gradient reaches: convolution kernels and BatchNorm gamma and beta, as
   * PyTorch's {@code parameters()} counts them (BatchNorm running statistics are buffers there).
   */
  public static long parameterCount(ResNet spec) {
    return walk(spec, false);
  }

  /**
   * Forward FLOPs per image of every convolution, 2 per multiply-add. BatchNorm, ReLU, pooling and
   * the residual adds, a small fraction, are left out.
   */
  public static double forwardFlops(ResNet spec) {
    return walk(spec, true);
  }

  /** Sums either the parameters or the FLOPs of every convolution, in forward order. */
  private static long walk(ResNet spec, boolean flops) {
    Counter counter = new Counter(flops);
    long side = spec.imageSize();
    ResNetStem stem = spec.stem();
    side = counter.conv(spec.channels(), spec.baseWidth(), stem.kernel(), stem.stride(), side);
    if (stem.maxPool()) {
      side = outputSide(side, 3, 2);
    }
    int in = spec.baseWidth();
    for (int stage = 0; stage < spec.stages(); stage++) {
      int width = spec.stageWidth(stage);
      int out = spec.stageOutput(stage);
      for (int i = 0; i < spec.stageDepths().get(stage); i++) {
        int stride = i == 0 ? spec.stageStride(stage) : 1;
        if (stride != 1 || in != out) {
          counter.conv(in, out, 1, stride, side);
        }
        if (spec.block() == ResNetBlock.BASIC) {
          side = counter.conv(in, width, 3, stride, side);
          side = counter.conv(width, out, 3, 1, side);
        } else {
          side = counter.conv(in, width, 1, 1, side);
          side = counter.conv(width, width, 3, stride, side);
          side = counter.conv(width, out, 1, 1, side);
        }
        in = out;
      }
    }
    return counter.total;
  }

  /** Side of a square map after a kernel of this size and stride with padding kernel / 2. */
  static long outputSide(long side, int kernel, int stride) {
    return (side + 2 * (kernel / 2) - kernel) / stride + 1;
  }

  private static final class Counter {
    private final boolean flops;
    private long total;

    Counter(boolean flops) {
      this.flops = flops;
    }

    /**
     * Counts a convolution without bias and its BatchNorm (gamma, beta) on a square map of this
     * side; returns the side of its output.
     */
    long conv(int in, int out, int kernel, int stride, long side) {
      long weights = (long) in * out * kernel * kernel;
      long outSide = outputSide(side, kernel, stride);
      total += flops ? 2 * weights * outSide * outSide : weights + 2L * out;
      return outSide;
    }
  }
}
