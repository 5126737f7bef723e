package vitssl.dsl.optim;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.immutables.value.Value;
import vitssl.dsl.SpecException;

/**
 * AdamW with decoupled weight decay, exactly as PyTorch's (Loshchilov and Hutter 2019): the weight
 * first shrinks by lr x wd, then takes the bias-corrected Adam step. MoCo v3's ViT recipe: base lr
 * 1.5e-4, weight decay 0.1, every parameter decayed.
 */
@Value.Immutable
@JsonTypeName("adamw")
@JsonDeserialize(as = ImmutableAdamW.class)
public abstract class AdamW implements OptimizerSpec, WithAdamW {
  @Override
  public abstract double baseLr();

  @Override
  @Value.Default
  public double weightDecay() {
    return 0.1;
  }

  @Value.Default
  public double beta1() {
    return 0.9;
  }

  @Value.Default
  public double beta2() {
    return 0.999;
  }

  @Value.Default
  public double epsilon() {
    return 1e-8;
  }

  @Override
  @Value.Default
  public WeightDecayScope weightDecayScope() {
    return WeightDecayScope.ALL;
  }

  /** AdamW at this base learning rate (per 256 images), weight decay 0.1. */
  public static AdamW baseLr(double baseLr) {
    return ImmutableAdamW.builder().baseLr(baseLr).build();
  }

  /** Same optimizer with another weight decay. */
  public AdamW weightDecay(double weightDecay) {
    return withWeightDecay(weightDecay);
  }

  @Value.Check
  protected void check() {
    String me = "AdamW";
    SpecException.require(
        baseLr() > 0 && Double.isFinite(baseLr()),
        me,
        "baseLr",
        baseLr(),
        "use a positive learning rate per 256 images (the study: 1.5e-4)");
    SpecException.require(
        weightDecay() >= 0, me, "weightDecay", weightDecay(), "use a weight decay >= 0");
    SpecException.require(
        beta1() >= 0 && beta1() < 1, me, "beta1", beta1(), "beta1 lies in [0, 1)");
    SpecException.require(
        beta2() >= 0 && beta2() < 1, me, "beta2", beta2(), "beta2 lies in [0, 1)");
    SpecException.require(epsilon() > 0, me, "epsilon", epsilon(), "use a positive epsilon");
  }
}
