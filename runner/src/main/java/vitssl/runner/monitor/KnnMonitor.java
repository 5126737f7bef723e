package vitssl.runner.monitor;

import ai.djl.ndarray.NDManager;
import java.util.Map;
import vitssl.data.ImageSource;
import vitssl.data.SubsetSource;
import vitssl.dsl.monitor.Knn;
import vitssl.engine.NativeHeap;
import vitssl.eval.KnnClassifier;
import vitssl.runner.evaluation.Features;

/**
 * The study's kNN curve: weighted cosine kNN top-1 of the query backbone's features, in inference
 * mode, every {@code every} steps, on a subset of the training split as the bank and of the
 * held-out split as queries that stays the same for the whole run.
 */
final class KnnMonitor implements Monitor {
  private final Knn spec;
  private final RunContext run;
  private final ImageSource bank;
  private final ImageSource queries;
  private final KnnClassifier classifier;

  KnnMonitor(Knn spec, RunContext run) {
    this.spec = spec;
    this.run = run;
    long seed = run.experiment().seed();
    this.bank = SubsetSource.of(run.data().train(), spec.bankSize().orElse(Integer.MAX_VALUE), seed);
    this.queries =
        SubsetSource.of(run.data().heldOut(), spec.querySize().orElse(Integer.MAX_VALUE), seed + 1);
    this.classifier = KnnClassifier.of(spec);
  }

  @Override
  public boolean dueAt(long step) {
    return Monitor.endsEvery(step, spec.every());
  }

  @Override
  public void afterStep(long step, Map<String, Object> row) {
    try (NDManager scope = run.manager().newSubManager()) {
      Features b = run.features().of(bank, scope);
      Features q = run.features().of(queries, scope);
      row.put("knn_top1", classifier.evaluate(b.features(), b.labels(), q.features(), q.labels()).top1());
    }
    NativeHeap.release(); // the training steps that follow do not reuse the evaluation's memory
  }
}
