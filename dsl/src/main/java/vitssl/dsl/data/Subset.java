package vitssl.dsl.data;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.immutables.value.Value;
import vitssl.dsl.SpecException;

/**
 * A fixed random part of another dataset: {@link #trainImages()} of its training split and {@link
 * #heldOutImages()} of its held-out split, drawn without replacement by {@link #seed()} and the
 * same every time. For smoke runs and benchmarks, where the evaluations over the full splits would
 * cost more than the training being measured. A split smaller than asked is used whole.
 */
@Value.Immutable
@JsonTypeName("subset")
@JsonDeserialize(as = ImmutableSubset.class)
public abstract class Subset implements DerivedData, WithSubset {
  @Override
  @Value.Parameter
  public abstract DataSpec data();

  @Value.Parameter
  public abstract int trainImages();

  @Value.Parameter
  public abstract int heldOutImages();

  @Value.Default
  public long seed() {
    return 0;
  }


  public static Subset of(DataSpec data, int trainImages, int heldOutImages) {
    return ImmutableSubset.of(data, trainImages, heldOutImages);
  }

  @Value.Check
  protected void check() {
    SpecException.require(
        trainImages() >= 1, "Subset", "trainImages", trainImages(), "keep at least one training image");
    SpecException.require(
        heldOutImages() >= 1,
        "Subset",
        "heldOutImages",
        heldOutImages(),
        "keep at least one held-out image");
  }
}
