package vitssl.dsl.augment;

import java.util.List;
import vitssl.dsl.SpecException;

/** Named view recipes of the study. */
public final class Views {
  /** ImageNet's channel means, the normalisation of the official recipes. */
  public static final List<Double> IMAGENET_MEAN = List.of(0.485, 0.456, 0.406);

  public static final List<Double> IMAGENET_STD = List.of(0.229, 0.224, 0.225);

  /** CIFAR-10's training-set channel means (125.307, 122.950, 113.865 of 255). */
  public static final List<Double> CIFAR10_MEAN = List.of(0.4914, 0.4822, 0.4465);

  public static final List<Double> CIFAR10_STD = List.of(0.2470, 0.2435, 0.2616);

  private Views() {}

  /**
   * MoCo v3's asymmetric BYOL-style views (Grill et al. 2020): both views crop (0.08, 1), flip,
   * jitter (0.4, 0.4, 0.2, 0.1) p 0.8, grayscale p 0.2; view 1 always blurs and never solarises,
   * view 2 blurs with p 0.1 and solarises with p 0.2.
   */
  public static TwoViews byolAsymmetric(int size) {
    View base = ImmutableView.builder().size(size).build();
    return TwoViews.of(
        base.withBlurProbability(1.0).withSolarizeProbability(0.0),
        base.withBlurProbability(0.1).withSolarizeProbability(0.2));
  }

  /** The same two views for CIFAR-10 at 32x32, normalised by CIFAR-10's own statistics. */
  public static TwoViews cifar(int size) {
    return byolAsymmetric(size).both(v -> v.withStatistics(CIFAR10_MEAN, CIFAR10_STD));
  }

  /** One plain view of this size: crop, flip, jitter, grayscale, no blur, no solarisation. */
  public static View plain(int size) {
    return ImmutableView.builder().size(size).blurProbability(0).build();
  }

  static void requireProbability(String owner, String field, double p) {
    SpecException.require(p >= 0 && p <= 1, owner, field, p, "a probability lies in [0, 1]");
  }
}
