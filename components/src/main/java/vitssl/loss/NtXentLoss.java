package vitssl.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import java.util.List;
import vitssl.dsl.loss.NtXent;
import vitssl.engine.Scalars;

/**
 * SimCLR's NT-Xent loss (Chen, Kornblith, Norouzi, Hinton 2020, arXiv 2002.05709, Algorithm 1):
 * the two views' projections z1, z2 [N, D] are stacked into 2N rows and L2-normalised; the 2N x 2N
 * similarities / tau, with each row's similarity to itself masked to -infinity, go through a
 * cross-entropy whose target is the other view of the same image (row i and row i + N); the loss
 * is the mean over all 2N anchors. Both views carry gradient: SimCLR has no momentum encoder.
 *
 * <p>As a {@link SiameseLoss} it reads the two query outputs only and ignores the keys: for a
 * method without a target encoder, the runner's queries are the online projections (the study's
 * SimCLR has no predictor), and whatever a key encoder computes is not part of this loss.
 *
 * <p>The log-softmax subtracts each row's maximum, and a masked entry adds exp(-inf) = 0 to its
 * row and receives zero gradient. Every intermediate array is closed before returning; only the
 * loss is left to the caller, in the manager of {@code z1}.
 */
public final class NtXentLoss implements SiameseLoss {
  /** F.normalize's default. */
  private static final double NORM_EPS = 1e-12;

  private final double temperature;

  public NtXentLoss(NtXent spec) {
    this.temperature = spec.temperature();
  }

  /** NT-Xent of the two views of a batch: a scalar; gradient flows to both. Both are [N, D]. */
  public NDArray loss(NDArray z1, NDArray z2) {
    TwoViewInputs.requireSameRows("NtXentLoss", "view 1", z1, "view 2", z2);
    int n = Math.toIntExact(z1.getShape().get(0));
    NDManager manager = z1.getManager();
    try (NDArray both = z1.concat(z2, 0);
        NDArray unit = both.normalize(2, 1, NORM_EPS);
        NDArray scaled = Scalars.div(unit, temperature);
        NDArray unitT = unit.transpose();
        NDArray similarities = scaled.matMul(unitT);
        NDArray identity = manager.eye(2 * n);
        NDArray others = identity.eq(0f);
        NDArray minusInfinity = Scalars.constant(similarities, Double.NEGATIVE_INFINITY);
        NDArray logits = NDArrays.where(others, similarities, minusInfinity);
        NDArray logProbs = logits.logSoftmax(1);
        // Row i < N has its positive in column i + N, row N + i in column i.
        NDArray firstToSecond = logProbs.diagonal(n);
        NDArray secondToFirst = logProbs.diagonal(-n);
        NDArray positives = firstToSecond.concat(secondToFirst);
        NDArray meanLogProb = positives.mean()) {
      return meanLogProb.neg();
    }
  }

  /** {@link #loss} of the first and second query views; keys are not used (see class comment). */
  @Override
  public NDArray compute(List<NDArray> queries, List<NDArray> keys) {
    TwoViewInputs.requireTwo("NtXentLoss", "query", queries);
    return loss(queries.get(0), queries.get(1));
  }

  /** SimCLR has no key encoder: both views' online outputs carry gradient. */
  @Override
  public boolean usesKeys() {
    return false;
  }
}
