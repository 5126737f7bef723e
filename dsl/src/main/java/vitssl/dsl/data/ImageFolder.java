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
  }
}
