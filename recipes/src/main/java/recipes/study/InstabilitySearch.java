package recipes.study;

import java.util.List;
import java.util.stream.Stream;
import vitssl.dsl.Experiment;
import vitssl.dsl.Span;
import vitssl.dsl.backbone.PatchProjection;
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
 * (ViT-B, batch 4096 and up) is {@code BatchSize --paper} and {@code LearningRate --paper}. Each
 * lever is run again with the patch projection frozen at its random initialisation.
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

  /**
   * Every lever of {@link #levers()}, then each again with the patch projection frozen at its
   * random initialisation: the study's trick where the lever was pushed.
   */
  public static List<Sweep.Variant> variants() {
    List<Sweep.Variant> levers = levers();
    return Stream.concat(levers.stream(), levers.stream().map(InstabilitySearch::frozen)).toList();
  }

  /** {@code lever} with the frozen random patch projection, named {@code LEVER-frozen}. */
  static Sweep.Variant frozen(Sweep.Variant lever) {
    Vit vit = (Vit) lever.experiment().backbone();
    return StudySweep.variant(
        lever.name() + "-frozen",
        lever.value().orElse(lever.name()) + ", frozen random patch projection",
        lever.experiment().withBackbone(vit.withPatchProjection(PatchProjection.frozenRandom())));
  }

  /** One lever each, the rest as {@link #start()}. */
  public static List<Sweep.Variant> levers() {
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
