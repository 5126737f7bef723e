package vitssl.augment;

import java.util.List;
import java.util.SplittableRandom;
import vitssl.data.RgbImage;
import vitssl.dsl.augment.AugmentationSpec;

/** All views of an augmentation spec, drawn one after another from the image's generator. */
public final class MultiViewTransform implements ImageTransform {
  private final List<ViewTransform> views;
  private final List<ViewShape> shapes;

  public MultiViewTransform(AugmentationSpec spec) {
    this.views = spec.views().stream().map(ViewTransform::new).toList();
    this.shapes = views.stream().map(ViewTransform::shape).toList();
  }

  @Override
  public List<ViewShape> shapes() {
    return shapes;
  }

  @Override
  public void apply(RgbImage src, SplittableRandom rng, float[][] out, int slot) {
    for (int v = 0; v < views.size(); v++) {
      views.get(v).apply(src, rng, out[v], slot * shapes.get(v).length());
    }
  }
}
