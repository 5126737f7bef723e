package recipes.study;

import java.util.List;
import vitssl.dsl.Experiment;
import vitssl.dsl.backbone.Pooling;
import vitssl.dsl.backbone.Vit;
import vitssl.runner.Sweep;

/**
 * The study's class-token ablation (ViT-B/16, 300 epochs; arXiv 2104.02057): with [CLS] 76.5; no
 * [CLS] with the final LayerNorm kept and average pooling 69.7; no [CLS], no final LayerNorm,
 * global average pooling 76.3. One variant per {@link Pooling}.
 */
public final class PoolingStudy {
  private PoolingStudy() {}

  public static Experiment base(Scale scale) {
    return scale.base();
  }

  public static List<Sweep.Variant> variants(Scale scale) {
    return StudySweep.perConstant(
        base(scale), Pooling.values(), "pooling", Vit::withPooling);
  }

  public static void main(String[] args) {
    StudySweep.main("study-pooling", PoolingStudy::variants, args);
  }
}
