package vitssl.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Random;
import vitssl.engine.Scalars;

/**
 * A linear classifier {@code logits = x W + b} trained with cross-entropy and SGD with momentum in
 * PyTorch's form: {@code g += wd * p; buf = mu * buf + g; p -= lr * buf} (no dampening, the first
 * buffer equals the first gradient). Weight decay reaches the bias too, as it does in {@code
 * main_lincls}, where every classifier parameter is in one group.
 *
 * <p>The probe takes thousands of tiny steps, so each costs as few engine calls as possible: the
 * bias is the last row of one matrix {@code [width + 1, classes]} applied to features with a column
 * of ones appended ({@link #withBiasColumn}), which is exact because weight and bias share one
 * update rule; the gradient is written out, {@code x^T (softmax(x W) - onehot(y)) / B}, instead of
 * recording an autograd graph.
 */
final class SoftmaxClassifier implements AutoCloseable {
  private final NDManager manager;
  private final double momentum;
  private final double weightDecay;
  private final NDArray weight;
  private final NDArray velocity;

  /** Starts from {@code initialWeight} ({@code [width][classes]}) and a zero bias. */
  SoftmaxClassifier(
      NDManager parent, float[][] initialWeight, double momentum, double weightDecay) {
    this.manager = parent.newSubManager();
    this.momentum = momentum;
    this.weightDecay = weightDecay;
    float[][] withBias = Arrays.copyOf(initialWeight, initialWeight.length + 1);
    withBias[initialWeight.length] = new float[initialWeight[0].length];
    this.weight = manager.create(withBias);
    this.velocity = weight.zerosLike();
  }

  /** MoCo v3's probe initialisation: weight normal(0, 0.01), drawn from {@code random}. */
  static float[][] normalWeight(Random random, int width, int classes) {
    float[][] w = new float[width][classes];
    for (float[] row : w) {
      for (int j = 0; j < classes; j++) {
        row[j] = (float) (0.01 * random.nextGaussian());
      }
    }
    return w;
  }

  /** {@code [x, 1]}: the features this classifier reads, in the manager of {@code features}. */
  static NDArray withBiasColumn(NDArray features) {
    try (NDArray ones = features.getManager().ones(new Shape(features.getShape().get(0), 1))) {
      return features.concat(ones, 1);
    }
  }

  /**
   * One SGD step on a mini-batch whose arrays live in a per-step manager.
   *
   * @param features {@code [B, width + 1]}, from {@link #withBiasColumn}
   * @param oneHot {@code [B, classes]} float one-hot labels
   */
  void step(NDArray features, NDArray oneHot, double lr) {
    long batch = features.getShape().get(0);
    NDArray probs = features.matMul(weight).softmax(1);
    NDArray gradient = Scalars.divi(features.transpose().matMul(probs.subi(oneHot)), batch);
    if (weightDecay != 0) {
      try (NDArray decay = Scalars.mul(weight, weightDecay)) {
        gradient.addi(decay);
      }
    }
    Scalars.muli(velocity, momentum).addi(gradient);
    try (NDArray delta = Scalars.mul(velocity, lr)) {
      weight.subi(delta);
    }
  }

  /** Mean cross-entropy of a batch ({@link #step}'s arguments), in double precision. */
  double loss(NDArray features, NDArray oneHot) {
    return -logits(features).logSoftmax(1).muli(oneHot).sum().getFloat()
        / features.getShape().get(0);
  }

  /** {@code x W + b} for {@code features} from {@link #withBiasColumn}, in their manager. */
  NDArray logits(NDArray features) {
    return features.matMul(weight);
  }

  /** {@code W} row by row ({@code [width, classes]}). */
  float[] weight() {
    float[] all = weight.toFloatArray();
    return Arrays.copyOf(all, all.length - classes());
  }

  float[] bias() {
    float[] all = weight.toFloatArray();
    return Arrays.copyOfRange(all, all.length - classes(), all.length);
  }

  private int classes() {
    return Math.toIntExact(weight.getShape().get(1));
  }

  @Override
  public void close() {
    manager.close();
  }
}
