package vitssl.runner.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.function.UnaryOperator;
import vitssl.augment.EvalTransform;
import vitssl.augment.ImageTransform;
import vitssl.data.ImageSource;
import vitssl.dsl.Experiment;
import vitssl.dsl.augment.View;
import vitssl.dsl.data.DataSpec;

/**
 * How features are taken from images: the inference-time view (resize, centre crop, normalise),
 * a backbone in inference mode, and the batch size and loader threads to do it with. The run's
 * monitors, its final evaluation and an evaluation of a saved encoder all extract through one.
 */
public record FeatureExtractor(
    ImageTransform transform, UnaryOperator<NDArray> backbone, int batchSize, int workers) {

  /**
   * A pre-training run's extractor: {@code experiment}'s eval view (its backbone's image size, its
   * first view's normalisation) with {@code data}'s centre crop, a batch of at least 256 (inference
   * needs no gradient, so batches larger than training's fit). A run's final evaluation and an
   * evaluation of its saved encoder extract alike, so they measure the same features.
   */
  public static FeatureExtractor of(
      Experiment experiment, DataSpec data, UnaryOperator<NDArray> backbone, int workers) {
    View first = experiment.augmentation().views().get(0);
    EvalTransform eval =
        new EvalTransform(
            experiment.backbone().imageSize(), data.evalCropFraction(), first.mean(), first.std());
    return new FeatureExtractor(eval, backbone, Math.max(experiment.batchSize(), 256), workers);
  }

  /**
   * The same view, batch size and threads with the pixels themselves as features: each image's
   * normalised {@code [C, H, W]} values flattened, the floor a learned encoder must beat.
   */
  public FeatureExtractor rawPixels() {
    return new FeatureExtractor(
        transform, images -> images.reshape(images.getShape().get(0), -1), batchSize, workers);
  }

  /** Values per image of {@link #rawPixels()}: channels x height x width of the view. */
  public long pixelValues() {
    return transform.shapes().get(0).length();
  }

  /** Features of every image of {@code source}, owned by {@code manager}. */
  public Features of(ImageSource source, NDManager manager) {
    return Features.extract(source, transform, backbone, batchSize, workers, manager);
  }
}
