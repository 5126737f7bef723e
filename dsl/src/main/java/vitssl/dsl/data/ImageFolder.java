package vitssl.dsl.data;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.immutables.value.Value;
import vitssl.dsl.SpecException;

/**
 * Images in folders, one sub-folder per class (the ImageNet layout): either {@code root/train/<class>}
 * and {@code root/val/<class>}, or {@code root/<class>} alone, in which case a deterministic
 * {@link #heldOutFraction()} of each class is held out for evaluation. Class index = sorted folder
 * names. PNG and JPEG; grayscale images are replicated to RGB.
 */
@Value.Immutable
@JsonTypeName("image-folder")
@JsonDeserialize(as = ImmutableImageFolder.class)
public abstract class ImageFolder implements DataSpec, WithImageFolder {
  @Value.Parameter
  public abstract String root();

  /** Used only when the root has no {@code train/} and {@code val/} folders. */
  @Value.Default
  public double heldOutFraction() {
    return 0.1;
  }

  @Override
  @Value.Default
  public double evalCropFraction() {
    return 0.875;
  }

  /**
   * Share of a split's images that may fail to decode before the run stops: at most {@code
   * ceil(fraction x images)}, so one bad file in a small folder passes and 0 stops at the first.
   * Each bad image is skipped, named once, and the next image that decodes stands in for it, so
   * batches keep their size; a few damaged files in a large folder cost nothing, while a folder
   * that is mostly unreadable stops the run early.
   */
  @Value.Default
  public double maxCorruptFraction() {
    return 0.01;
  }

  public static ImageFolder at(String root) {
    return ImmutableImageFolder.of(root);
  }

  @Value.Check
  protected void check() {
    SpecException.require(
        !root().isBlank(), "ImageFolder", "root", "\"" + root() + "\"", "give the folder's path");
    SpecException.require(
        heldOutFraction() > 0 && heldOutFraction() < 1,
        "ImageFolder",
        "heldOutFraction",
        heldOutFraction(),
        "hold out a fraction in (0, 1) of each class, e.g. 0.1");
    SpecException.require(
        evalCropFraction() > 0 && evalCropFraction() <= 1,
        "ImageFolder",
        "evalCropFraction",
        evalCropFraction(),
        "a centre crop keeps a fraction in (0, 1] of the shorter side, e.g. 0.875");
    SpecException.require(
        maxCorruptFraction() >= 0 && maxCorruptFraction() < 1,
        "ImageFolder",
        "maxCorruptFraction",
        maxCorruptFraction(),
        "allow a fraction in [0, 1) of the images to be unreadable, e.g. 0.01");
  }
}
