package vitssl.loss;

import ai.djl.ndarray.NDArray;
import java.util.List;
import vitssl.engine.Scalars;

/**
 * BYOL's loss (Grill et al. 2020, arXiv 2006.07733, eq. 2): for an online prediction p and a
 * target projection z', both L2-normalised, ||p - z'||^2 = 2 - 2 cos(p, z'), averaged over the
 * batch; symmetrised as in BYOL, the total is regression(p1, z2') + regression(p2, z1'), from 0
 * (aligned) to 8 (opposite).
 *
 * <p>Targets are detached here, so a caller cannot let gradient reach the target encoder. As a
 * {@link SiameseLoss} the queries are the online predictions and the keys the target projections,
 * one per view. Every intermediate array is closed before returning; only the loss is left to the
 * caller, in the manager of the first prediction.
 */
public final class ByolCosineLoss implements SiameseLoss {
  /** F.normalize's default, as in BYOL's reference implementations. */
  private static final double NORM_EPS = 1e-12;

  /** mean_i (2 - 2 cos(p_i, z_i)): a scalar; gradient flows to {@code p} only. Both are [N, D]. */
  public NDArray regression(NDArray p, NDArray z) {
    TwoViewInputs.requireSameRows("ByolCosineLoss", "predictions", p, "targets", z);
    try (NDArray target = z.stopGradient();
        NDArray pUnit = p.normalize(2, 1, NORM_EPS);
        NDArray zUnit = target.normalize(2, 1, NORM_EPS);
        NDArray products = pUnit.mul(zUnit);
        NDArray cosines = products.sum(new int[] {1});
        NDArray meanCosine = cosines.mean();
        NDArray scaled = Scalars.mul(meanCosine, -2)) {
      return Scalars.add(scaled, 2);
    }
  }

  /** regression(p1, z2) + regression(p2, z1): each view's prediction against the other's target. */
  public NDArray symmetric(NDArray p1, NDArray p2, NDArray z1, NDArray z2) {
    try (NDArray first = regression(p1, z2);
        NDArray second = regression(p2, z1)) {
      return first.add(second);
    }
  }

  /** {@link #symmetric} with the queries as predictions and the keys as target projections. */
  @Override
  public NDArray compute(List<NDArray> queries, List<NDArray> keys) {
    TwoViewInputs.requireTwo("ByolCosineLoss", "prediction (query)", queries);
    TwoViewInputs.requireTwo("ByolCosineLoss", "target (key)", keys);
    return symmetric(queries.get(0), queries.get(1), keys.get(0), keys.get(1));
  }
}
