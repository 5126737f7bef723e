package recipes.study;

import java.util.List;
import vitssl.dsl.Experiment;
import vitssl.runner.Sweep;

/**
 * The study's batch-size figure (ViT-B, 100 epochs, learned patch projection: 1k 71.5%, 2k 72.6%,
 * 4k 72.2% with dips, 6k 69.7% with large dips; arXiv 2104.02057). Every variant sees the same
 * number of images, and the lr follows the batch (base lr x batch / 256, {@link
 * Experiment#peakLr()}). CPU: batch 64, 128, 256, 512 over 1.5 epochs of CIFAR-10.
 */
public final class BatchSize {
  private BatchSize() {}

  public static Experiment base(Scale scale) {
    Experiment base = scale.beforeTheTrick();
    return scale.pick(base.withEpochs(1.5), base);
  }

  public static List<Sweep.Variant> variants(Scale scale) {
    Experiment base = base(scale);
    List<Integer> batches = scale.pick(List.of(64, 128, 256, 512), List.of(1024, 2048, 4096, 6144));
    return batches.stream()
        .map(batch -> variant(base.withBatchSize(batch)))
        .toList();
  }

  private static Sweep.Variant variant(Experiment e) {
    return StudySweep.variant(
        "batch-" + e.batchSize(),
        "batch " + e.batchSize() + ", lr " + StudySweep.rate(e.peakLr()),
        e);
  }

  public static void main(String[] args) {
    StudySweep.main("study-batch-size", BatchSize::variants, args);
  }
}
