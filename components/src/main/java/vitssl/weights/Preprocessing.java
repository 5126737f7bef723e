package vitssl.weights;

import java.util.List;
import vitssl.augment.EvalTransform;
import vitssl.dsl.Experiment;
import vitssl.dsl.augment.View;
import vitssl.dsl.augment.Views;

/**
 * How an image is prepared for a trained backbone: the run's evaluation view (resize the shorter
 * side to {@code imageSize / cropFraction}, centre-crop {@code imageSize}, normalise by the first
 * view's mean and std), which the kNN monitor and the linear probe used too.
 */
public record Preprocessing(int imageSize, double cropFraction, List<Double> mean, List<Double> std) {
  /** ImageNet's Resize(256) + CenterCrop(224) ratio, for weights that come without a run. */
  public static final double IMAGENET_CROP_FRACTION = 0.875;

  public Preprocessing {
    mean = List.copyOf(mean);
    std = List.copyOf(std);
  }

  /** The evaluation view of an experiment. */
  public static Preprocessing of(Experiment experiment) {
    View first = experiment.augmentation().views().get(0);
    return new Preprocessing(
        experiment.backbone().imageSize(),
        experiment.data().evalCropFraction(),
        first.mean(),
        first.std());
  }

  /** ImageNet's evaluation view at this size: what moco-v3's and timm's weights expect. */
  public static Preprocessing imagenet(int imageSize) {
    return new Preprocessing(
        imageSize, IMAGENET_CROP_FRACTION, Views.IMAGENET_MEAN, Views.IMAGENET_STD);
  }

  public EvalTransform transform() {
    return new EvalTransform(imageSize, cropFraction, mean, std);
  }
}
