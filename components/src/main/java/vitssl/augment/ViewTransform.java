package vitssl.augment;

import java.util.SplittableRandom;
import vitssl.data.RgbImage;
import vitssl.dsl.augment.View;

/**
 * One view of the study's recipe, in MoCo v3's order: random resized crop (bilinear), colour
 * jitter, grayscale, Gaussian blur, solarisation, horizontal flip, normalisation. Each random op
 * draws from {@code rng} in that order, and only when its probability is positive.
 */
public final class ViewTransform {
  private final View view;
  private final RandomResizedCrop crop;
  private final RandomColorJitter jitter;
  private final Normalize normalize;
  private final ViewShape shape;

  public ViewTransform(View view) {
    this.view = view;
    this.crop = RandomResizedCrop.of(view);
    this.jitter = new RandomColorJitter(view.jitter());
    this.normalize = new Normalize(view.mean(), view.std());
    this.shape = new ViewShape(normalize.channels(), view.size(), view.size());
  }

  public ViewShape shape() {
    return shape;
  }

  /** Writes {@code shape().length()} floats of the view to {@code out} from {@code offset}. */
  public void apply(RgbImage src, SplittableRandom rng, float[] out, int offset) {
    normalize.apply(augment(src, rng), out, offset);
  }

  /** The augmented view before normalisation, in [0, 1]. */
  Planar augment(RgbImage src, SplittableRandom rng) {
    CropBox box = crop.sample(src.width(), src.height(), rng);
    Planar img = BilinearResize.crop(src, box, view.size(), view.size());
    if (view.jitter().probability() > 0) {
      jitter.apply(img, rng);
    }
    if (happens(rng, view.grayscaleProbability())) {
      Grayscale.apply(img);
    }
    if (happens(rng, view.blurProbability())) {
      double sigma = view.blurSigmaMin()
          + (view.blurSigmaMax() - view.blurSigmaMin()) * rng.nextDouble();
      GaussianBlur.apply(img, sigma);
    }
    if (happens(rng, view.solarizeProbability())) {
      Solarize.apply(img, view.solarizeThreshold());
    }
    if (happens(rng, view.flipProbability())) {
      HorizontalFlip.apply(img);
    }
    return img;
  }

  /** Draws only for a positive probability, so switching an op off leaves the others' draws. */
  private static boolean happens(SplittableRandom rng, double probability) {
    return probability > 0 && rng.nextDouble() < probability;
  }
}
