package vitssl.augment;

import java.util.List;
import java.util.SplittableRandom;
import vitssl.data.RgbImage;

/**
 * Turns one image into the views a batch holds, each written planar (CHW) into its own batch
 * array. Implementations are stateless, so the loader's workers share one.
 */
public interface ImageTransform {
  /** One shape per view, in order. */
  List<ViewShape> shapes();

  /**
   * Writes view {@code v} of {@code src} into {@code views[v]} at {@code slot * shapes().get(v)
   * .length()}; all randomness comes from {@code rng}.
   */
  void apply(RgbImage src, SplittableRandom rng, float[][] views, int slot);
}
