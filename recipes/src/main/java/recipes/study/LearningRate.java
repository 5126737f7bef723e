package recipes.study;

import java.util.List;
import vitssl.dsl.Experiment;
import vitssl.dsl.optim.AdamW;
import vitssl.runner.Sweep;

/**
 * The study's learning-rate figure (ViT-B, batch 4096, learned patch projection: base lr 0.5e-4
 * 70.4% stable but under-fitting, 1.0e-4 72.2%, 1.5e-4 71.7% with more dips; arXiv 2104.02057).
 * CPU: AdamW base lr 5e-4, 1e-3 (the recipe's), 2e-3 and 5e-3.
 */
public final class LearningRate {
  private LearningRate() {}

  public static Experiment base(Scale scale) {
    return scale.beforeTheTrick();
  }

  public static List<Sweep.Variant> variants(Scale scale) {
    Experiment base = base(scale);
    AdamW adamW = (AdamW) base.optimizer(); // both scales train with AdamW
    List<Double> rates = scale.pick(List.of(5e-4, 1e-3, 2e-3, 5e-3), List.of(0.5e-4, 1.0e-4, 1.5e-4));
    return rates.stream()
        .map(
            lr ->
                StudySweep.variant(
                    "lr-" + StudySweep.rate(lr),
                    "base lr " + StudySweep.rate(lr),
                    base.withOptimizer(adamW.withBaseLr(lr))))
        .toList();
  }

  public static void main(String[] args) {
    StudySweep.main("study-learning-rate", LearningRate::variants, args);
  }
}
