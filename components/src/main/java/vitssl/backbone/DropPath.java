package vitssl.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import vitssl.dsl.backbone.Vit;
import vitssl.engine.Scalars;

/**
 * Stochastic depth (Huang et al. 2016), as timm's {@code DropPath} that DeiT fine-tunes with: in
 * training, each sample's residual branch is zeroed with probability {@code rate} and the kept
 * ones are scaled by {@code 1 / (1 - rate)}, so the branch's expectation is unchanged; in inference
 * the branch passes as it is. A zero rate draws no random numbers, so pre-training (rate 0) is the
 * same computation with or without this.
 */
final class DropPath {
  private DropPath() {}

  /** Block {@code index}'s rate: timm's {@code linspace(0, spec.dropPath(), depth)[index]}. */
  static double rate(Vit spec, int index) {
    return spec.depth() == 1 ? 0 : spec.dropPath() * index / (spec.depth() - 1);
  }

  /** The branch {@code [B, ...]} with whole samples dropped at {@code rate} when training. */
  static NDArray apply(NDArray branch, double rate, boolean training) {
    if (!training || rate == 0) {
      return branch;
    }
    double keep = 1 - rate;
    long[] dims = new long[branch.getShape().dimension()];
    Arrays.fill(dims, 1);
    dims[0] = branch.getShape().get(0);
    NDArray uniform =
        branch.getManager().randomUniform(0f, 1f, new Shape(dims), DataType.FLOAT32, branch.getDevice());
    NDArray mask = Scalars.div(Scalars.add(uniform, keep).floor(), keep);
    return branch.mul(mask);
  }
}
