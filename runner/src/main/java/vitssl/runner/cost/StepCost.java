package vitssl.runner.cost;

import java.util.Optional;
import java.util.function.ToDoubleFunction;
import vitssl.backbone.VitCost;
import vitssl.dsl.Experiment;
import vitssl.dsl.backbone.Vit;
import vitssl.dsl.head.HeadSpec;
import vitssl.dsl.head.Mlp;

/**
 * Floating-point operations of one training step, from the spec alone: for every image and view,
 * the query encoder's forward and backward (backward counted as twice the forward) and the key
 * encoder's forward. Matrix products and convolutions only, 2 FLOPs per multiply-add. Known for
 * ViT backbones with MLP heads; empty for other components.
 */
public final class StepCost {
  private StepCost() {}

  public static Optional<Double> flopsPerStep(Experiment e) {
    return flopsPerImage(e).map(f -> f * e.batchSize());
  }

  /**
   * As {@link #flopsPerStep} with every token through every block of the ViT, as timm's ViT and
   * MoCo v3's code compute it (see {@link VitCost#everyTokenForwardFlops}).
   */
  public static Optional<Double> everyTokenFlopsPerStep(Experiment e) {
    return flopsPerImage(e, VitCost::everyTokenForwardFlops).map(f -> f * e.batchSize());
  }

  /** FLOPs one image costs a step, over all its views. */
  public static Optional<Double> flopsPerImage(Experiment e) {
    return flopsPerImage(e, VitCost::forwardFlops);
  }

  private static Optional<Double> flopsPerImage(Experiment e, ToDoubleFunction<Vit> forward) {
    if (!(e.backbone() instanceof Vit vit)) {
      return Optional.empty();
    }
    Optional<Double> projector = mlpFlops(e.projector(), vit.width());
    Optional<Double> predictor =
        e.predictor().isEmpty()
            ? Optional.of(0.0)
            : mlpFlops(e.predictor().get(), e.projector().outputWidth());
    if (projector.isEmpty() || predictor.isEmpty()) {
      return Optional.empty();
    }
    double backbone = forward.applyAsDouble(vit);
    double query = backbone + projector.get() + predictor.get();
    double key = backbone + projector.get();
    return Optional.of(e.augmentation().views().size() * (3 * query + key));
  }

  private static Optional<Double> mlpFlops(HeadSpec head, int inputWidth) {
    if (!(head instanceof Mlp mlp)) {
      return Optional.empty();
    }
    double flops = 0;
    int in = inputWidth;
    for (int layer = 0; layer < mlp.layers(); layer++) {
      int out = layer == mlp.layers() - 1 ? mlp.out() : mlp.hidden();
      flops += 2.0 * in * out;
      in = out;
    }
    return Optional.of(flops);
  }
}
