package vitssl.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import vitssl.dsl.backbone.ResNet;
import vitssl.dsl.backbone.ResNetBlock;
import vitssl.dsl.backbone.ResNetStem;

/**
 * Plain-Java references for convolutional networks, in double precision on {@code [B][C][H][W]}
 * arrays: loops written straight from the definitions, reading the blocks' weights.
 */
final class NaiveConv {
  static final double BN_EPS = 1e-5;

  private NaiveConv() {}

  static double[][][][] maps(NDArray array) {
    long[] s = array.getShape().getShape();
    double[] flat = Naive.values(array);
    double[][][][] x = new double[(int) s[0]][(int) s[1]][(int) s[2]][(int) s[3]];
    int i = 0;
    for (double[][][] image : x) {
      for (double[][] channel : image) {
        for (double[] row : channel) {
          for (int w = 0; w < row.length; w++) {
            row[w] = flat[i++];
          }
        }
      }
    }
    return x;
  }

  static double[] flat(double[][][][] x) {
    int b = x.length;
    int c = x[0].length;
    int h = x[0][0].length;
    int w = x[0][0][0].length;
    double[] out = new double[b * c * h * w];
    int i = 0;
    for (double[][][] image : x) {
      for (double[][] channel : image) {
        for (double[] row : channel) {
          for (double v : row) {
            out[i++] = v;
          }
        }
      }
    }
    return out;
  }

  /** Cross-correlation, no bias, padding {@code k / 2} of zeros, as torch's conv2d. */
  static double[][][][] conv(double[][][][] x, Parameter weight, int stride) {
    long[] s = weight.getShape().getShape();
    int out = (int) s[0];
    int in = (int) s[1];
    int k = (int) s[2];
    int pad = k / 2;
    double[] w = Naive.values(weight);
    int h = x[0][0].length;
    int oh = (h + 2 * pad - k) / stride + 1;
    double[][][][] y = new double[x.length][out][oh][oh];
    for (int b = 0; b < x.length; b++) {
      for (int o = 0; o < out; o++) {
        for (int r = 0; r < oh; r++) {
          for (int c = 0; c < oh; c++) {
            double sum = 0;
            for (int i = 0; i < in; i++) {
              for (int u = 0; u < k; u++) {
                for (int v = 0; v < k; v++) {
                  int row = r * stride + u - pad;
                  int col = c * stride + v - pad;
                  if (row >= 0 && row < h && col >= 0 && col < h) {
                    sum += x[b][i][row][col] * w[((o * in + i) * k + u) * k + v];
                  }
                }
              }
            }
            y[b][o][r][c] = sum;
          }
        }
      }
    }
    return y;
  }

  /**
   * BatchNorm per channel: in training by the batch's mean and biased variance over (B, H, W), in
   * inference by the layer's running statistics as they are now.
   */
  static double[][][][] batchNorm(double[][][][] x, BatchNorm norm, boolean training) {
    double[] gamma = Naive.values(norm.getParameters().get("gamma"));
    double[] beta = Naive.values(norm.getParameters().get("beta"));
    double[] runningMean = Naive.values(norm.getParameters().get("runningMean"));
    double[] runningVar = Naive.values(norm.getParameters().get("runningVar"));
    double[][][][] y = new double[x.length][x[0].length][x[0][0].length][x[0][0][0].length];
    for (int c = 0; c < x[0].length; c++) {
      double mean = runningMean[c];
      double variance = runningVar[c];
      if (training) {
        double[] values = channel(x, c);
        mean = 0;
        for (double v : values) {
          mean += v / values.length;
        }
        variance = 0;
        for (double v : values) {
          variance += (v - mean) * (v - mean) / values.length;
        }
      }
      for (int b = 0; b < x.length; b++) {
        for (int r = 0; r < x[b][c].length; r++) {
          for (int col = 0; col < x[b][c][r].length; col++) {
            double standard = (x[b][c][r][col] - mean) / Math.sqrt(variance + BN_EPS);
            y[b][c][r][col] = standard * gamma[c] + beta[c];
          }
        }
      }
    }
    return y;
  }

  static double[] channel(double[][][][] x, int c) {
    int h = x[0][c].length;
    int w = x[0][c][0].length;
    double[] values = new double[x.length * h * w];
    int i = 0;
    for (double[][][] image : x) {
      for (double[] row : image[c]) {
        for (double v : row) {
          values[i++] = v;
        }
      }
    }
    return values;
  }

  static double[][][][] convNorm(double[][][][] x, ConvNorm unit, int stride, boolean training) {
    return batchNorm(conv(x, unit.weight(), stride), unit.norm(), training);
  }

  /**
   * {@code relu(branch(x) + shortcut(x))}: the branch's units at these strides with ReLU between,
   * the shortcut (if any) at the strides' product.
   */
  static double[][][][] residual(
      double[][][][] x, ResidualBlock block, int[] branchStrides, boolean training) {
    double[][][][] y = x;
    int stride = 1;
    for (int i = 0; i < branchStrides.length; i++) {
      y = convNorm(y, block.branch().get(i), branchStrides[i], training);
      if (i < branchStrides.length - 1) {
        y = relu(y);
      }
      stride *= branchStrides[i];
    }
    double[][][][] skip = x;
    if (block.shortcut().isPresent()) {
      skip = convNorm(x, block.shortcut().get(), stride, training);
    }
    return relu(add(y, skip));
  }

  /** Where each of a block's branch units strides, written from the block's definition. */
  static int[] branchStrides(ResNetBlock kind, int stride) {
    return kind == ResNetBlock.BASIC ? new int[] {stride, 1} : new int[] {1, stride, 1};
  }

  /**
   * The whole network on a batch: stem convolution, BN, ReLU (and for the ImageNet stem the
   * 3x3/2 max-pool), every block, with stride 2 at the start of each stage but the first, then the
   * mean over positions; {@code [B][featureWidth]} flattened.
   */
  static double[] network(ResidualNetwork network, double[][][][] images, boolean training) {
    ResNet spec = network.spec();
    boolean imagenet = spec.stem() == ResNetStem.IMAGENET;
    ConvNorm stem = network.stem().convNorm();
    double[][][][] x = relu(convNorm(images, stem, imagenet ? 2 : 1, training));
    if (imagenet) {
      x = maxPool(x);
    }
    for (int stage = 0; stage < spec.stages(); stage++) {
      for (int i = 0; i < spec.stageDepths().get(stage); i++) {
        ResidualBlock block = network.blocks().get("stage_" + (stage + 1) + "_block_" + i);
        int stride = i == 0 && stage > 0 ? 2 : 1;
        x = residual(x, block, branchStrides(spec.block(), stride), training);
      }
    }
    return globalAverage(x);
  }

  static double[][][][] relu(double[][][][] x) {
    return map(x, null, (a, b) -> Math.max(0, a));
  }

  static double[][][][] add(double[][][][] x, double[][][][] y) {
    return map(x, y, Double::sum);
  }

  private static double[][][][] map(
      double[][][][] x, double[][][][] y, java.util.function.DoubleBinaryOperator f) {
    double[][][][] out = new double[x.length][x[0].length][x[0][0].length][x[0][0][0].length];
    for (int b = 0; b < x.length; b++) {
      for (int c = 0; c < x[b].length; c++) {
        for (int r = 0; r < x[b][c].length; r++) {
          for (int col = 0; col < x[b][c][r].length; col++) {
            double other = y == null ? 0 : y[b][c][r][col];
            out[b][c][r][col] = f.applyAsDouble(x[b][c][r][col], other);
          }
        }
      }
    }
    return out;
  }

  /** 3x3 max-pool, stride 2, padding 1 (padding never wins: it is minus infinity). */
  static double[][][][] maxPool(double[][][][] x) {
    int h = x[0][0].length;
    int oh = (h + 2 - 3) / 2 + 1;
    double[][][][] y = new double[x.length][x[0].length][oh][oh];
    for (int b = 0; b < x.length; b++) {
      for (int c = 0; c < x[b].length; c++) {
        for (int r = 0; r < oh; r++) {
          for (int col = 0; col < oh; col++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int u = -1; u <= 1; u++) {
              for (int v = -1; v <= 1; v++) {
                int row = 2 * r + u;
                int cc = 2 * col + v;
                if (row >= 0 && row < h && cc >= 0 && cc < h) {
                  max = Math.max(max, x[b][c][row][cc]);
                }
              }
            }
            y[b][c][r][col] = max;
          }
        }
      }
    }
    return y;
  }

  /** Mean over each channel's positions: {@code [B][C]} flattened. */
  static double[] globalAverage(double[][][][] x) {
    int channels = x[0].length;
    double[] out = new double[x.length * channels];
    for (int b = 0; b < x.length; b++) {
      for (int c = 0; c < channels; c++) {
        double sum = 0;
        int n = 0;
        for (double[] row : x[b][c]) {
          for (double v : row) {
            sum += v;
            n++;
          }
        }
        out[b * channels + c] = sum / n;
      }
    }
    return out;
  }
}
