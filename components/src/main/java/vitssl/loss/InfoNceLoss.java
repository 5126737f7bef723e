package vitssl.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import vitssl.dsl.loss.InfoNce;
import vitssl.engine.Scalars;

/**
 * MoCo v3's contrastive loss (Chen, Xie, He 2021, arXiv 2104.02057, Algorithm 1): ctr(q, k) is the
 * cross-entropy of normalize(q) normalize(k)^T / tau against the diagonal, averaged over the batch
 * and multiplied by 2 tau; the symmetric loss is ctr(q1, k2) + ctr(q2, k1).
 *
 * <p>Keys are detached here, so a caller cannot let gradient reach the key encoder. The
 * cross-entropy is taken through the engine's log-softmax, which subtracts each row's maximum and
 * stays finite for tiny temperatures. Every intermediate array is closed before returning: the
 * autograd graph holds its own references, so only the loss itself is left to the caller, in the
 * manager of {@code q}. Scalars are passed as floats: a 0-dim float32 array (the mean) times a
 * Java double comes back as float64.
 */
public final class InfoNceLoss {
  /** F.normalize's default, as in moco-v3. */
  private static final double NORM_EPS = 1e-12;

  private final double temperature;

  public InfoNceLoss(InfoNce spec) {
    this.temperature = spec.temperature();
  }

  /** ctr(q, k): a scalar; gradient flows to {@code q} only. Both arrays are [N, D]. */
  public NDArray ctr(NDArray q, NDArray k) {
    checkPair(q, k);
    try (NDArray keys = k.stopGradient();
        NDArray qUnit = q.normalize(2, 1, NORM_EPS);
        NDArray kUnit = keys.normalize(2, 1, NORM_EPS);
        NDArray qScaled = Scalars.div(qUnit, temperature);
        NDArray kUnitT = kUnit.transpose();
        NDArray logits = qScaled.matMul(kUnitT);
        NDArray logProbs = logits.logSoftmax(1);
        NDArray positives = logProbs.diagonal();
        NDArray meanLogProb = positives.mean()) {
      return Scalars.mul(meanLogProb, -2 * temperature);
    }
  }

  /** ctr(q1, k2) + ctr(q2, k1): each view's query against the other view's key. */
  public NDArray symmetric(NDArray q1, NDArray q2, NDArray k1, NDArray k2) {
    try (NDArray first = ctr(q1, k2);
        NDArray second = ctr(q2, k1)) {
      return first.add(second);
    }
  }

  private static void checkPair(NDArray q, NDArray k) {
    Shape qs = q.getShape();
    Shape ks = k.getShape();
    if (qs.dimension() != 2 || !qs.equals(ks) || qs.get(0) < 1) {
      throw new IllegalArgumentException(
          "InfoNceLoss: queries "
              + qs
              + " and keys "
              + ks
              + " must both be [N, D] with the same N >= 1 and D: pass the projector/predictor"
              + " outputs of one batch, one row per image");
    }
  }
}
