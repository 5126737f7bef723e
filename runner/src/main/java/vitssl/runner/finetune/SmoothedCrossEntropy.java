package vitssl.runner.finetune;

import ai.djl.ndarray.NDArray;
import vitssl.engine.Scalars;

/**
 * Cross-entropy against label-smoothed targets (Szegedy et al. 2016), as timm's {@code
 * LabelSmoothingCrossEntropy} that DeiT trains with: per sample {@code (1 - e) (-log p_y) + e
 * mean_c(-log p_c)}, i.e. the one-hot target mixed with the uniform distribution at weight e;
 * averaged over the batch.
 */
final class SmoothedCrossEntropy {
  private final double smoothing;

  SmoothedCrossEntropy(double smoothing) {
    this.smoothing = smoothing;
  }

  /**
   * @param logits {@code [B, classes]}
   * @param labels {@code [B]} class indices (int64)
   * @return the mean loss, a scalar in the logits' manager
   */
  NDArray of(NDArray logits, NDArray labels) {
    int classes = Math.toIntExact(logits.getShape().get(1));
    NDArray logP = logits.logSoftmax(1);
    NDArray nll = logP.mul(labels.oneHot(classes)).sum(new int[] {1}).neg();
    NDArray uniform = logP.mean(new int[] {1}).neg();
    return Scalars.mul(nll, 1 - smoothing).add(Scalars.mul(uniform, smoothing)).mean();
  }
}
