package vitssl.dsl.augment;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import org.immutables.value.Value;
import vitssl.dsl.SpecException;

/**
 * One augmented view, in the order torchvision applies MoCo v3's ops: random resized crop,
 * colour jitter, grayscale, Gaussian blur, solarisation, horizontal flip, then per-channel
 * normalisation. Probabilities of 0 switch an op off.
 */
@Value.Immutable
@JsonDeserialize(as = ImmutableView.class)
public abstract class View implements WithView {
  /** Output side in pixels. */
  public abstract int size();

  /** Smallest crop area as a fraction of the image (MoCo v3: 0.08; 0.2 at 100 epochs). */
  @Value.Default
  public double cropScaleMin() {
    return 0.08;
  }

  @Value.Default
  public double cropScaleMax() {
    return 1.0;
  }

  @Value.Default
  public double cropRatioMin() {
    return 3.0 / 4.0;
  }

  @Value.Default
  public double cropRatioMax() {
    return 4.0 / 3.0;
  }

  @Value.Default
  public double flipProbability() {
    return 0.5;
  }

  @Value.Default
  public ColorJitter jitter() {
    return ColorJitter.mocoV3();
  }

  @Value.Default
  public double grayscaleProbability() {
    return 0.2;
  }

  @Value.Default
  public double blurProbability() {
    return 1.0;
  }

  @Value.Default
  public double blurSigmaMin() {
    return 0.1;
  }

  @Value.Default
  public double blurSigmaMax() {
    return 2.0;
  }

  @Value.Default
  public double solarizeProbability() {
    return 0.0;
  }

  /** Pixel value (of 255) from which solarisation inverts. */
  @Value.Default
  public double solarizeThreshold() {
    return 128;
  }

  /** Per-channel mean (of 1.0) subtracted at the end; ImageNet's by default. */
  @Value.Default
  public List<Double> mean() {
    return Views.IMAGENET_MEAN;
  }

  /** Per-channel standard deviation (of 1.0) divided at the end; ImageNet's by default. */
  @Value.Default
  public List<Double> std() {
    return Views.IMAGENET_STD;
  }

  /**
   * This view normalised by other per-channel statistics; one entry each gives one grayscale
   * channel. Mean and std change together, so they stay consistent.
   */
  public View withStatistics(List<Double> mean, List<Double> std) {
    return ImmutableView.builder().from(this).mean(mean).std(std).build();
  }

  /** This view with crops drawn from [min, 1] of the image area. */
  public View cropMin(double min) {
    return withCropScaleMin(min);
  }

  @Value.Check
  protected void check() {
    String me = "View";
    SpecException.require(size() > 0, me, "size", size(), "use a positive output size in pixels");
    SpecException.require(
        cropScaleMin() > 0 && cropScaleMin() <= cropScaleMax() && cropScaleMax() <= 1,
        me,
        "cropScaleMin",
        cropScaleMin(),
        "crop scales satisfy 0 < min <= max (" + cropScaleMax() + ") <= 1");
    SpecException.require(
        cropRatioMin() > 0 && cropRatioMin() <= cropRatioMax(),
        me,
        "cropRatioMin",
        cropRatioMin(),
        "aspect ratios satisfy 0 < min <= max (" + cropRatioMax() + ")");
    Views.requireProbability(me, "flipProbability", flipProbability());
    Views.requireProbability(me, "grayscaleProbability", grayscaleProbability());
    Views.requireProbability(me, "blurProbability", blurProbability());
    Views.requireProbability(me, "solarizeProbability", solarizeProbability());
    SpecException.require(
        blurSigmaMin() > 0 && blurSigmaMin() <= blurSigmaMax(),
        me,
        "blurSigmaMin",
        blurSigmaMin(),
        "blur sigmas satisfy 0 < min <= max (" + blurSigmaMax() + ")");
    SpecException.require(
        solarizeThreshold() >= 0 && solarizeThreshold() <= 256,
        me,
        "solarizeThreshold",
        solarizeThreshold(),
        "a threshold lies in [0, 256] (of 255)");
    SpecException.require(
        mean().size() == std().size() && (mean().size() == 3 || mean().size() == 1),
        me,
        "mean",
        mean(),
        "give one mean and one std per channel (3 for RGB, 1 for grayscale)");
    SpecException.require(
        std().stream().allMatch(s -> s > 0), me, "std", std(), "standard deviations are positive");
  }
}
