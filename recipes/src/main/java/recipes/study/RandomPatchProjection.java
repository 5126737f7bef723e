package recipes.study;

import java.util.ArrayList;
import java.util.List;
import vitssl.dsl.Experiment;
import vitssl.dsl.backbone.PatchProjection;
import vitssl.dsl.backbone.Vit;
import vitssl.dsl.optim.AdamW;
import vitssl.runner.Sweep;

/**
 * The study's trick (arXiv 2104.02057): the patch projection frozen at its random initialisation
 * against the learned one, at rising learning rates. Frozen curves are smooth and the gain grows
 * with the lr (+0.4, +0.6, +1.7 at base lr 0.5e-4, 1.0e-4, 1.5e-4 on ViT-B). CPU: base lr 1e-3
 * (the recipe's) and 1e-2, high enough for the learned projection to spike.
 */
public final class RandomPatchProjection {
  private RandomPatchProjection() {}

  public static Experiment base(Scale scale) {
    return scale.beforeTheTrick();
  }

  public static List<Sweep.Variant> variants(Scale scale) {
    Experiment base = base(scale);
    Vit vit = (Vit) base.backbone();
    AdamW adamW = (AdamW) base.optimizer();
    List<Double> rates = scale.pick(List.of(1e-3, 1e-2), List.of(0.5e-4, 1.0e-4, 1.5e-4));
    List<Sweep.Variant> variants = new ArrayList<>();
    for (double lr : rates) {
      Experiment atRate = base.withOptimizer(adamW.withBaseLr(lr));
      String rate = StudySweep.rate(lr);
      variants.add(StudySweep.variant("learned-lr-" + rate, "learned, base lr " + rate, atRate));
      variants.add(
          StudySweep.variant(
              "frozen-lr-" + rate,
              "frozen random, base lr " + rate,
              atRate.withBackbone(vit.withPatchProjection(PatchProjection.frozenRandom()))));
    }
    return variants;
  }

  public static void main(String[] args) {
    StudySweep.main("study-random-patch-projection", RandomPatchProjection::variants, args);
  }
}
