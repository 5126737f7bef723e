package recipes.study;

import java.util.List;
import vitssl.dsl.Experiment;
import vitssl.dsl.head.Mlp;
import vitssl.runner.Sweep;

/**
 * The study's ablation of BatchNorm in the MLP heads (ViT-B/16, 300 epochs; arXiv 2104.02057):
 * with 76.5, without 74.4 (the study needed batch 2048 for the BN-free heads; this sweep keeps the
 * base's batch). BN off means none at all: neither after the hidden layers nor the last one.
 */
public final class BatchNormInHeads {
  private BatchNormInHeads() {}

  public static Experiment base(Scale scale) {
    return scale.base();
  }

  public static List<Sweep.Variant> variants(Scale scale) {
    Experiment base = base(scale);
    Mlp projector = withoutBatchNorm((Mlp) base.projector());
    Mlp predictor = withoutBatchNorm((Mlp) base.predictor().orElseThrow());
    return List.of(
        StudySweep.variant("bn", "BN in projector and predictor", base),
        StudySweep.variant("no-bn-projector", "no BN in the projector", base.withProjector(projector)),
        StudySweep.variant("no-bn-predictor", "no BN in the predictor", base.withPredictor(predictor)),
        StudySweep.variant(
            "no-bn",
            "no BN in either head",
            base.withProjector(projector).withPredictor(predictor)));
  }

  private static Mlp withoutBatchNorm(Mlp head) {
    return head.withBatchNorm(false).withLastBatchNorm(false);
  }

  public static void main(String[] args) {
    StudySweep.main("study-batch-norm-in-heads", BatchNormInHeads::variants, args);
  }
}
