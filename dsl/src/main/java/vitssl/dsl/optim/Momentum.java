package vitssl.dsl.optim;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.immutables.value.Value;
import vitssl.dsl.Spec;
import vitssl.dsl.SpecException;

/**
 * The momentum of the key (target) encoder: theta_k = m theta_k + (1 - m) theta_q after every
 * optimizer step. MoCo v3 uses m = 0.99 for ViT, raised to 1 on a half cosine over the run
 * (m = 1 - (1 + cos(pi t / T)) (1 - m0) / 2). m = 0 makes the key encoder a copy of the query
 * encoder: the study's SimCLR-like setting.
 */
@Value.Immutable
@JsonDeserialize(as = ImmutableMomentum.class)
public abstract class Momentum implements Spec, WithMomentum {
  /** How m moves over the run. */
  public enum Shape {
    CONSTANT,
    COSINE_TO_ONE
  }

  /** m at the first step. */
  @Value.Parameter
  public abstract double base();

  @Value.Parameter
  public abstract Shape shape();

  /** m fixed for the whole run. */
  public static Momentum constant(double m) {
    return ImmutableMomentum.of(m, Shape.CONSTANT);
  }

  /** m starting at {@code m0} and raised to 1 on a half cosine: MoCo v3's {@code --moco-m-cos}. */
  public static Momentum cosine(double m0) {
    return ImmutableMomentum.of(m0, Shape.COSINE_TO_ONE);
  }

  /** m = 0: the key encoder is the query encoder of this step (SimCLR-like, still stop-grad). */
  public static Momentum none() {
    return constant(0);
  }

  @Value.Check
  protected void check() {
    SpecException.require(
        base() >= 0 && base() <= 1,
        "Momentum",
        "base",
        base(),
        "momentum lies in [0, 1]: 0 copies the query encoder, 0.99 is the study's default");
  }
}
