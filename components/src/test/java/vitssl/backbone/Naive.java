package vitssl.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import java.nio.FloatBuffer;
import java.util.Random;
import vitssl.dsl.backbone.Vit;

/**
 * Plain-Java references for the models, one image at a time, in double precision: loops over
 * tokens, heads and features written straight from the formulas, reading the blocks' weights.
 */
public final class Naive {
  private Naive() {}

  public static double[] values(Parameter parameter) {
    return toDouble(parameter.getArray().toFloatArray());
  }

  public static double[] values(NDArray array) {
    return toDouble(array.toFloatArray());
  }

  private static double[] toDouble(float[] floats) {
    double[] out = new double[floats.length];
    for (int i = 0; i < floats.length; i++) {
      out[i] = floats[i];
    }
    return out;
  }

  /**
   * Overwrites the block's weights with uniform noise (norm scales around one), leaving the
   * statistics and the fixed scale and shift of normalisation layers as they are.
   */
  public static void randomise(Block block, long seed) {
    Random random = new Random(seed);
    for (Parameter parameter : block.getParameters().values()) {
      if (isNormalisationState(parameter)) {
        continue;
      }
      NDArray array = parameter.getArray();
      float[] noise = new float[Math.toIntExact(array.size())];
      boolean scale = parameter.getName().equals("gamma");
      for (int i = 0; i < noise.length; i++) {
        noise[i] = (scale ? 1f : 0f) + (random.nextFloat() - 0.5f);
      }
      array.set(FloatBuffer.wrap(noise));
    }
  }

  private static boolean isNormalisationState(Parameter parameter) {
    switch (parameter.getType()) {
      case RUNNING_MEAN:
      case RUNNING_VAR:
        return true;
      case GAMMA:
      case BETA:
        return !parameter.requiresGradient();
      default:
        return false;
    }
  }

  /** {@code y[t][o] = sum_i x[t][i] w[o][i] + b[o]}. */
  public static double[][] linear(double[][] x, Linear layer) {
    Parameter weightParameter = layer.getParameters().get("weight");
    Parameter biasParameter = layer.getParameters().get("bias");
    double[] w = values(weightParameter);
    double[] b = biasParameter == null ? null : values(biasParameter);
    int out = Math.toIntExact(weightParameter.getShape().get(0));
    int in = Math.toIntExact(weightParameter.getShape().get(1));
    double[][] y = new double[x.length][out];
    for (int t = 0; t < x.length; t++) {
      for (int o = 0; o < out; o++) {
        double sum = b == null ? 0 : b[o];
        for (int i = 0; i < in; i++) {
          sum += x[t][i] * w[o * in + i];
        }
        y[t][o] = sum;
      }
    }
    return y;
  }

  public static double[][] layerNorm(double[][] x, LayerNorm norm, double eps) {
    double[] gamma = values(norm.getParameters().get("gamma"));
    double[] beta = values(norm.getParameters().get("beta"));
    double[][] y = new double[x.length][];
    for (int t = 0; t < x.length; t++) {
      y[t] = standardise(x[t], eps);
      for (int i = 0; i < y[t].length; i++) {
        y[t][i] = y[t][i] * gamma[i] + beta[i];
      }
    }
    return y;
  }

  /** {@code (x - mean) / sqrt(biased variance + eps)}. */
  public static double[] standardise(double[] x, double eps) {
    double mean = 0;
    for (double v : x) {
      mean += v / x.length;
    }
    double variance = 0;
    for (double v : x) {
      variance += (v - mean) * (v - mean) / x.length;
    }
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = (x[i] - mean) / Math.sqrt(variance + eps);
    }
    return y;
  }

  /** Softmax(q k^T / sqrt(d)) v for each head in turn, then the output projection. */
  public static double[][] attention(double[][] x, SelfAttention attention, int heads) {
    double[][] qkv = linear(x, attention.qkv());
    int tokens = x.length;
    int width = x[0].length;
    int d = width / heads;
    double[][] mixed = new double[tokens][width];
    for (int h = 0; h < heads; h++) {
      for (int i = 0; i < tokens; i++) {
        double[] scores = new double[tokens];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < tokens; j++) {
          double dot = 0;
          for (int c = 0; c < d; c++) {
            dot += qkv[i][h * d + c] * qkv[j][width + h * d + c];
          }
          scores[j] = dot / Math.sqrt(d);
          max = Math.max(max, scores[j]);
        }
        double total = 0;
        for (int j = 0; j < tokens; j++) {
          scores[j] = Math.exp(scores[j] - max);
          total += scores[j];
        }
        for (int j = 0; j < tokens; j++) {
          for (int c = 0; c < d; c++) {
            mixed[i][h * d + c] += scores[j] / total * qkv[j][2 * width + h * d + c];
          }
        }
      }
    }
    return linear(mixed, attention.projection());
  }

  public static double[][] feedForward(double[][] x, FeedForward mlp) {
    double[][] hidden = linear(x, mlp.expand());
    for (double[] row : hidden) {
      for (int i = 0; i < row.length; i++) {
        row[i] = gelu(row[i]);
      }
    }
    return linear(hidden, mlp.contract());
  }

  public static double[][] block(double[][] x, TransformerBlock block, Vit spec) {
    double eps = spec.layerNormEps();
    double[][] y =
        add(
            x,
            attention(layerNorm(x, block.attentionNorm(), eps), block.attention(), spec.heads()));
    return add(y, feedForward(layerNorm(y, block.mlpNorm(), eps), block.mlp()));
  }

  /** The tokens entering the first block for one image {@code [C][H][W]} flattened. */
  static double[][] tokens(VisionTransformer vit, double[] image) {
    Vit spec = vit.spec();
    int c = spec.channels();
    int size = spec.imageSize();
    int p = spec.patchSize();
    int g = spec.gridSize();
    int width = spec.width();
    double[] w = values(vit.patchEmbedding().weight());
    double[] b = values(vit.patchEmbedding().bias());
    boolean cls = vit.classToken().isPresent();
    double[][] tokens = new double[spec.tokens()][width];
    if (cls) {
      tokens[0] = values(vit.classToken().get());
    }
    for (int row = 0; row < g; row++) {
      for (int col = 0; col < g; col++) {
        double[] token = tokens[(cls ? 1 : 0) + row * g + col];
        for (int o = 0; o < width; o++) {
          double sum = b[o];
          for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < p; i++) {
              for (int j = 0; j < p; j++) {
                double pixel = image[(ch * size + row * p + i) * size + col * p + j];
                sum += pixel * w[((o * c + ch) * p + i) * p + j];
              }
            }
          }
          token[o] = sum;
        }
      }
    }
    if (vit.positionEmbedding().isPresent()) {
      double[] pos = values(vit.positionEmbedding().get());
      for (int t = 0; t < tokens.length; t++) {
        for (int o = 0; o < width; o++) {
          tokens[t][o] += pos[t * width + o];
        }
      }
    }
    return tokens;
  }

  /** The whole ViT on one image {@code [C][H][W]} flattened, written from the paper's recipe. */
  public static double[] vit(VisionTransformer vit, double[] image) {
    Vit spec = vit.spec();
    double[][] tokens = tokens(vit, image);
    for (TransformerBlock block : vit.blocks()) {
      tokens = block(tokens, block, spec);
    }
    switch (spec.pooling()) {
      case CLASS_TOKEN:
        return layerNorm(new double[][] {tokens[0]}, vit.finalNorm().get(), spec.layerNormEps())[0];
      case AVERAGE_WITH_FINAL_NORM:
        return mean(layerNorm(tokens, vit.finalNorm().get(), spec.layerNormEps()));
      default:
        return mean(tokens);
    }
  }

  public static double[] mean(double[][] rows) {
    double[] out = new double[rows[0].length];
    for (double[] row : rows) {
      for (int i = 0; i < out.length; i++) {
        out[i] += row[i] / rows.length;
      }
    }
    return out;
  }

  public static double[][] add(double[][] x, double[][] y) {
    double[][] out = new double[x.length][x[0].length];
    for (int t = 0; t < x.length; t++) {
      for (int i = 0; i < x[t].length; i++) {
        out[t][i] = x[t][i] + y[t][i];
      }
    }
    return out;
  }

  /** Exact GELU, {@code x * Phi(x)}, with erf by Abramowitz-Stegun 7.1.26 (error below 1.5e-7). */
  public static double gelu(double x) {
    return 0.5 * x * (1 + erf(x / Math.sqrt(2)));
  }

  private static double erf(double x) {
    double sign = Math.signum(x);
    double a = Math.abs(x);
    double t = 1 / (1 + 0.3275911 * a);
    double poly =
        t
            * (0.254829592
                + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    return sign * (1 - poly * Math.exp(-a * a));
  }
}
