package vitssl.dsl.backbone;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.OptionalDouble;
import org.immutables.value.Value;
import vitssl.dsl.SpecException;

/** See {@link PatchProjection#clipped(double)}. */
@Value.Immutable(builder = false)
@JsonTypeName("clipped")
@JsonDeserialize(as = ImmutableClippedPatchProjection.class)
public abstract class ClippedPatchProjection implements PatchProjection {
  /** Largest L2 norm the projection's gradient may have. */
  @Value.Parameter
  public abstract double maxNorm();

  @Override
  public boolean trainable() {
    return true;
  }

  @Override
  public OptionalDouble gradientClip() {
    return OptionalDouble.of(maxNorm());
  }

  @Value.Check
  protected void check() {
    SpecException.require(
        maxNorm() > 0 && Double.isFinite(maxNorm()),
        "PatchProjection.clipped",
        "maxNorm",
        maxNorm(),
        "give a positive clipping threshold, or use PatchProjection.frozenRandom() to freeze the layer");
  }
}
