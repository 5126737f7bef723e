package vitssl.dsl.data;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.immutables.value.Value;
import vitssl.dsl.SpecException;

/**
 * Another dataset with its held-out split replaced by {@link #heldOutImages()} of its own training
 * images, drawn without replacement by {@link #seed()}; training uses the rest. The kNN monitor,
 * the final evaluation and the probes then measure on training images the encoder never trained
 * on, so settings chosen on them never saw the test set:
 * {@code ValidationSplit.of(Cifar10.cifar10(), 5_000)}.
 */
@Value.Immutable
@JsonTypeName("validation-split")
@JsonDeserialize(as = ImmutableValidationSplit.class)
public abstract class ValidationSplit implements DerivedData, WithValidationSplit {
  /** The dataset whose training split is divided. */
  @Override
  @Value.Parameter
  public abstract DataSpec data();

  /** Training images held out as the validation split. */
  @Value.Parameter
  public abstract int heldOutImages();

  @Value.Default
  public long seed() {
    return 0;
  }


  public static ValidationSplit of(DataSpec data, int heldOutImages) {
    return ImmutableValidationSplit.of(data, heldOutImages);
  }

  @Value.Check
  protected void check() {
    SpecException.require(
        heldOutImages() >= 1,
        "ValidationSplit",
        "heldOutImages",
        heldOutImages(),
        "hold out at least one training image (5,000 of CIFAR-10's 50,000 is usual)");
  }
}
