package vitssl.dsl.monitor;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.immutables.value.Value;
import vitssl.dsl.SpecException;

/**
 * L2 norm of the gradient of the first layer (patch projection), of every block and of the last
 * layer, before the optimizer step. The study finds spikes start in the first layer and reach the
 * last layers some iterations later.
 */
@Value.Immutable
@JsonTypeName("gradient-norms")
@JsonDeserialize(as = ImmutableGradientNorms.class)
public abstract class GradientNorms implements MonitorSpec, WithGradientNorms {
  @Override
  @Value.Parameter
  public abstract int every();

  public static GradientNorms everyStep() {
    return ImmutableGradientNorms.of(1);
  }

  public static GradientNorms every(int iterations) {
    return ImmutableGradientNorms.of(iterations);
  }

  @Value.Check
  protected void check() {
    SpecException.require(
        every() >= 1, "GradientNorms", "every", every(), "measure every 1 or more iterations");
  }
}
