package recipes.study;

import java.util.List;
import vitssl.dsl.Experiment;
import vitssl.dsl.Span;
import vitssl.dsl.backbone.Vit;
import vitssl.dsl.optim.AdamW;
import vitssl.dsl.optim.WarmupConstant;
import vitssl.runner.Sweep;

/**
 * A measured search for a CPU-sized setting in which the study's instability (arXiv 2104.02057:
 * kNN dips, and gradient spikes that reach the first layer before the last) appears with a learned
 * patch projection. Every variant starts from {@link #start()}, the CPU setting of {@link
 * RandomPatchProjection} at its higher rate (learned projection, base lr 1e-2, 600 steps of batch
 * 128), which dipped without spiking there, and pushes one lever the study ties to instability one
 * step further: a higher rate, no warmup, a deeper ViT, a larger batch. The study's own setting
 * (ViT-B, batch 4096 and up) is {@code BatchSize --paper} and {@code LearningRate --paper}.
 *
 * <pre>bin/vitssl recipes.study.InstabilitySearch</pre>
 */
public final class InstabilitySearch {
  /** The larger batch, run for 300 steps: twice the start's images, at the rate scaled with it. */
  static final int LARGE_BATCH = 512;

  private InstabilitySearch() {}

  /** Where the search starts: the learned projection at base lr 1e-2, 600 steps. */
  public static Experiment start() {
    Experiment learned = Scale.CPU.beforeTheTrick();
    return learned.withOptimizer(((AdamW) learned.optimizer()).withBaseLr(1e-2));
  }

  /** One lever each, the rest as {@link #start()}. */
  public static List<Sweep.Variant> variants() {
    Experiment start = start();
    AdamW adamW = (AdamW) start.optimizer();
    Vit vit = (Vit) start.backbone();
    WarmupConstant schedule = (WarmupConstant) start.schedule();
    return List.of(
        StudySweep.variant("lr-3e-2", "base lr 3e-2", start.withOptimizer(adamW.withBaseLr(3e-2))),
        StudySweep.variant(
            "no-warmup", "no warmup", start.withSchedule(schedule.withWarmup(Span.steps(0)))),
        StudySweep.variant(
            "depth-12", "12 blocks", start.withBackbone(vit.withDepth(12))),
        StudySweep.variant(
            "batch-" + LARGE_BATCH,
            "batch " + LARGE_BATCH + " x 300 steps (lr scaled with the batch)",
            start.withBatchSize(LARGE_BATCH).withSteps(300)));
  }

  public static void main(String[] args) {
    Sweep.main("study-instability-search", variants(), args);
  }
}
