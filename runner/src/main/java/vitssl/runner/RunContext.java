package vitssl.runner;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import vitssl.augment.ImageTransform;
import vitssl.data.Dataset;
import vitssl.dsl.Experiment;

/**
 * What a monitor may use of the run it watches.
 *
 * @param manager long-lived manager of the run; a monitor keeps its per-measurement arrays in
 *     sub-managers of it
 * @param evalTransform the inference-time view (resize, centre crop, normalise)
 * @param workers data loading threads
 * @param folder the run's folder, where a monitor writes files of its own
 */
public record RunContext(
    Experiment experiment,
    SiameseModel model,
    Dataset data,
    ImageTransform evalTransform,
    NDManager manager,
    int workers,
    Path folder) {

  /** Batch size for feature extraction: inference needs no gradient, so larger batches fit. */
  public int evalBatchSize() {
    return Math.max(experiment.batchSize(), 256);
  }
}
