package vitssl.runner.finetune;

import java.util.List;
import java.util.SplittableRandom;
import vitssl.augment.ImageTransform;
import vitssl.augment.ViewShape;
import vitssl.augment.ViewTransform;
import vitssl.data.RgbImage;
import vitssl.dsl.augment.View;

/** One augmented view per image: what a supervised batch holds. */
final class OneView implements ImageTransform {
  private final ViewTransform view;

  OneView(View spec) {
    this.view = new ViewTransform(spec);
  }

  @Override
  public List<ViewShape> shapes() {
    return List.of(view.shape());
  }

  @Override
  public void apply(RgbImage src, SplittableRandom rng, float[][] views, int slot) {
    view.apply(src, rng, views[0], slot * view.shape().length());
  }
}
