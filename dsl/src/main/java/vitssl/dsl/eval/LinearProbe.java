package vitssl.dsl.eval;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.immutables.value.Value;
import vitssl.dsl.Spec;
import vitssl.dsl.SpecException;

/**
 * Linear probing after pre-training (MoCo v3's {@code main_lincls}): the backbone frozen in
 * inference mode, a linear classifier initialised normal(0, 0.01) trained with SGD, momentum 0.9,
 * weight decay 0, cosine learning rate without warmup; top-1 and top-5 on the held-out split.
 * Features are extracted once from the centre view, so the probe costs seconds, not a second
 * training run.
 */
@Value.Immutable
@JsonDeserialize(as = ImmutableLinearProbe.class)
public abstract class LinearProbe implements Spec, WithLinearProbe {
  @Value.Default
  public int epochs() {
    return 90;
  }

  /** Learning rate per 256 images; scaled by batch / 256 like pre-training's. */
  @Value.Default
  public double baseLr() {
    return 0.1;
  }

  @Value.Default
  public int batchSize() {
    return 1024;
  }

  @Value.Default
  public double momentum() {
    return 0.9;
  }

  @Value.Default
  public double weightDecay() {
    return 0.0;
  }

  public static LinearProbe defaults() {
    return ImmutableLinearProbe.builder().build();
  }

  public double lr() {
    return baseLr() * batchSize() / 256.0;
  }

  @Value.Check
  protected void check() {
    String me = "LinearProbe";
    SpecException.require(epochs() >= 1, me, "epochs", epochs(), "train for at least one epoch");
    SpecException.require(baseLr() > 0, me, "baseLr", baseLr(), "use a positive learning rate");
    SpecException.require(batchSize() >= 1, me, "batchSize", batchSize(), "use a positive batch");
    SpecException.require(
        momentum() >= 0 && momentum() < 1, me, "momentum", momentum(), "momentum lies in [0, 1)");
    SpecException.require(weightDecay() >= 0, me, "weightDecay", weightDecay(), "use a decay >= 0");
  }
}
