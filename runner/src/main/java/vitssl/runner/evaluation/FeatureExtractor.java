package vitssl.runner.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.function.UnaryOperator;
import vitssl.augment.ImageTransform;
import vitssl.data.ImageSource;

/**
 * How features are taken from images: the inference-time view (resize, centre crop, normalise),
 * a backbone in inference mode, and the batch size and loader threads to do it with. The run's
 * monitors, its final evaluation and an evaluation of a saved encoder all extract through one.
 */
public record FeatureExtractor(
    ImageTransform transform, UnaryOperator<NDArray> backbone, int batchSize, int workers) {

  /** Features of every image of {@code source}, owned by {@code manager}. */
  public Features of(ImageSource source, NDManager manager) {
    return Features.extract(source, transform, backbone, batchSize, workers, manager);
  }
}
