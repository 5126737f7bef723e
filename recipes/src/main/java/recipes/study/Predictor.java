package recipes.study;

import java.util.List;
import java.util.Optional;
import vitssl.dsl.Experiment;
import vitssl.runner.Sweep;

/**
 * The study's prediction-head ablation (ViT-B/16, 300 epochs; arXiv 2104.02057): with the
 * predictor 76.5, without 75.5.
 */
public final class Predictor {
  private Predictor() {}

  public static Experiment base(Scale scale) {
    return scale.base();
  }

  public static List<Sweep.Variant> variants(Scale scale) {
    Experiment base = base(scale);
    return List.of(
        StudySweep.variant("predictor", "2-layer predictor", base),
        StudySweep.variant("no-predictor", "no predictor", base.withPredictor(Optional.empty())));
  }

  public static void main(String[] args) {
    StudySweep.main("study-predictor", Predictor::variants, args);
  }
}
