package recipes.study;

import java.util.ArrayList;
import java.util.List;
import vitssl.dsl.Experiment;
import vitssl.dsl.optim.Momentum;
import vitssl.runner.Sweep;

/**
 * The study's momentum ablation (ViT-B/16, 300 epochs; arXiv 2104.02057): m 0 (SimCLR-like) 74.3,
 * 0.9, 0.99 the best (76.5), 0.999; plus the official recipe's m raised from 0.99 to 1 on a
 * cosine. Each m is constant over the run except in the cosine variant.
 */
public final class MomentumStudy {
  private MomentumStudy() {}

  public static Experiment base(Scale scale) {
    return scale.base();
  }

  public static List<Sweep.Variant> variants(Scale scale) {
    Experiment base = base(scale);
    List<Sweep.Variant> variants = new ArrayList<>();
    for (double m : List.of(0.0, 0.9, 0.99, 0.999)) {
      String value = m == 0 ? "0" : Double.toString(m);
      variants.add(
          StudySweep.variant(
              "m-" + value,
              "m " + value + " constant",
              base.withMomentum(Momentum.constant(m))));
    }
    variants.add(
        StudySweep.variant(
            "m-0.99-cosine",
            "m 0.99 raised to 1 on a cosine",
            base.withMomentum(Momentum.cosine(0.99))));
    return variants;
  }

  public static void main(String[] args) {
    StudySweep.main("study-momentum", MomentumStudy::variants, args);
  }
}
