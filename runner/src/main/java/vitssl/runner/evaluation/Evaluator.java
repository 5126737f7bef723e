package vitssl.runner.evaluation;

import ai.djl.ndarray.NDManager;
import java.util.Optional;
import vitssl.data.Dataset;
import vitssl.dsl.eval.Evaluation;
import vitssl.engine.NativeHeap;
import vitssl.eval.FeatureScaling;
import vitssl.eval.KnnClassifier;
import vitssl.eval.LinearProbeTrainer;
import vitssl.eval.ProbeResult;

/**
 * Runs an {@link Evaluation} on a backbone: the whole training split is the kNN bank (and the
 * probe's training set), the whole held-out split the queries. The end of a run, its random-init
 * baseline and the evaluation of a saved encoder all measure through this one class.
 */
public final class Evaluator {
  private final Evaluation spec;
  private final long seed;

  /** @param seed the linear probe's seed (its initialisation and data order) */
  public Evaluator(Evaluation spec, long seed) {
    this.spec = spec;
    this.seed = seed;
  }

  /** kNN only: the cheap measurement, e.g. of the randomly initialised backbone. */
  public EvaluationResult knn(FeatureExtractor extractor, Dataset data, NDManager manager) {
    return evaluate(extractor, data, manager, false);
  }

  /** kNN, and the linear probe when the evaluation has one. */
  public EvaluationResult full(FeatureExtractor extractor, Dataset data, NDManager manager) {
    return evaluate(extractor, data, manager, true);
  }

  private EvaluationResult evaluate(
      FeatureExtractor extractor, Dataset data, NDManager manager, boolean withProbe) {
    try (NDManager scope = manager.newSubManager()) {
      Features bank = extractor.of(data.train(), scope);
      Features queries = extractor.of(data.heldOut(), scope);
      return measure(bank, queries, data.train().classes().size(), withProbe);
    } finally {
      NativeHeap.release(); // training after a baseline does not reuse the evaluation's memory
    }
  }

  /**
   * The evaluation on features already taken: {@code bank} from the training split (the kNN bank
   * and the probe's training set), {@code queries} from the held-out split.
   */
  public EvaluationResult measure(
      Features bank, Features queries, int classes, boolean withProbe) {
    double knn =
        knnClassifier(bank.labels().length)
            .evaluate(bank.features(), bank.labels(), queries.features(), queries.labels())
            .top1();
    Optional<ProbeResult> probe = Optional.empty();
    if (withProbe && spec.linearProbe().isPresent()) {
      System.out.println("linear probe...");
      probe = Optional.of(probe(bank, queries, classes));
    }
    return new EvaluationResult(knn, probe);
  }

  /**
   * The evaluation's linear probe trained on {@code train} and measured on {@code test}; the
   * low-label protocol trains it on a fraction of the labels.
   */
  public ProbeResult probe(Features train, Features test, int classes) {
    return new LinearProbeTrainer(
            spec.linearProbe().orElseThrow(
                () -> new IllegalStateException("this evaluation has no linear probe")),
            FeatureScaling.STANDARDISED,
            seed)
        .train(train.features(), train.labels(), test.features(), test.labels(), classes);
  }

  /** The evaluation's kNN; k is at most the bank's size. */
  private KnnClassifier knnClassifier(int bankSize) {
    return new KnnClassifier(
        Math.min(spec.knnK(), bankSize), spec.knnTemperature(), KnnClassifier.DEFAULT_QUERY_CHUNK);
  }
}
