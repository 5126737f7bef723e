package vitssl.dsl;

import java.util.Optional;
import vitssl.dsl.head.HeadSpec;
import vitssl.dsl.head.Mlp;
import vitssl.dsl.loss.ByolCosine;
import vitssl.dsl.loss.InfoNce;
import vitssl.dsl.loss.NtXent;
import vitssl.dsl.optim.Momentum;

/**
 * The frameworks of the study's comparison (Chen, Xie, He 2021, section 5). Each keeps the
 * experiment's head widths (a CPU recipe's narrow heads stay narrow) and sets what the framework's
 * paper prescribes.
 */
public final class Frameworks {
  private Frameworks() {}

  /** MoCo v3: InfoNCE at tau 0.2, 3-layer projector and 2-layer predictor, m 0.99 cosine to 1. */
  public static Framework mocoV3() {
    return framework(
        "mocov3",
        e ->
            e.withLoss(InfoNce.infoNce().temperature(0.2))
                .withMomentum(Momentum.cosine(0.99))
                .withProjector(reshape(e.projector(), 3, true))
                .withPredictor(Optional.of(reshape(e.projector(), 2, true))));
  }

  /**
   * SimCLR (Chen et al. 2020): NT-Xent over the 2N views at tau 0.2 (the temperature the study
   * uses for ViT), no predictor and no key encoder: both views' online outputs are contrasted.
   */
  public static Framework simclr() {
    return framework(
        "simclr",
        e ->
            e.withLoss(NtXent.ntXent().temperature(0.2))
                .withPredictor(Optional.empty())
                .withMomentum(Momentum.none()));
  }

  /**
   * BYOL (Grill et al. 2020): 2 - 2 cos between the online prediction and the target projection,
   * 2-layer projector and predictor without a last BatchNorm, target momentum 0.996 cosine to 1.
   */
  public static Framework byol() {
    return framework(
        "byol",
        e -> {
          HeadSpec head = reshape(e.projector(), 2, false);
          return e.withLoss(ByolCosine.byolCosine())
              .withMomentum(Momentum.cosine(0.996))
              .withProjector(head)
              .withPredictor(Optional.of(head));
        });
  }

  /** An MLP head with this depth and last BatchNorm, keeping hidden and output widths. */
  private static HeadSpec reshape(HeadSpec head, int layers, boolean lastBatchNorm) {
    return head instanceof Mlp mlp ? mlp.withLayers(layers).withLastBatchNorm(lastBatchNorm) : head;
  }

  private static Framework framework(
      String name, java.util.function.UnaryOperator<Experiment> change) {
    return new Framework() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Experiment applyTo(Experiment experiment) {
        return change.apply(experiment);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }
}
