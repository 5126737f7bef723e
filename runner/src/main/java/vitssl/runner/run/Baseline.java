package vitssl.runner.run;

import ai.djl.ndarray.NDManager;
import java.util.Map;
import vitssl.data.Dataset;
import vitssl.runner.evaluation.Evaluator;
import vitssl.runner.evaluation.FeatureExtractor;

/**
 * The kNN top-1 of the randomly initialised backbone, measured once per run with the final
 * evaluation's protocol, so that the summary can say what pre-training bought; kept in {@code
 * baseline.json} so a resumed run reuses it.
 */
final class Baseline {
  private static final String KEY = "knn_top1_random_init";

  private Baseline() {}

  static double knnTop1(
      RunFolder folder,
      long startStep,
      Evaluator evaluator,
      FeatureExtractor randomInit,
      Dataset data,
      NDManager manager) {
    if (folder.has(folder.baseline())) {
      return ((Number) folder.readJson(folder.baseline(), Map.class).get(KEY)).doubleValue();
    }
    if (startStep > 0) {
      throw new IllegalStateException(
          folder.baseline() + " is missing, so the random-init kNN of this run is lost:"
              + " start the run again without --resume");
    }
    System.out.println("kNN of the randomly initialised backbone...");
    double top1 = evaluator.knn(randomInit, data, manager).knnTop1();
    folder.writeJson(folder.baseline(), Map.of(KEY, top1));
    return top1;
  }
}
