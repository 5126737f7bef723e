package vitssl.dsl.optim;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.immutables.value.Value;
import vitssl.dsl.SpecException;

/**
 * LAMB (You et al. 2020, arXiv 1904.00962): the bias-corrected Adam direction plus weight decay,
 * {@code u = mhat / (sqrt(vhat) + eps) + wd p}, rescaled per parameter by the trust ratio {@code
 * ||p|| / ||u||}, so each step moves a parameter by lr times its own norm. The MoCo v3 study found
 * it slightly better than AdamW at its best base lr (5e-4: 72.5% against 72.2%) but collapsing as
 * the lr rises (6e-4: -1.6%, 8e-4: -6.0%), and kept AdamW for its robustness.
 *
 * <p>Defaults: betas 0.9 and 0.999 and eps 1e-6, those of timm's {@code Lamb}; weight decay 0.1 on
 * every parameter, as the AdamW recipe it replaces. {@link #weightDecayScope()} picks the decayed
 * parameters only; every parameter gets the trust ratio, as in the paper.
 */
@Value.Immutable
@JsonTypeName("lamb")
@JsonDeserialize(as = ImmutableLamb.class)
public abstract class Lamb implements OptimizerSpec, WithLamb {
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
    return 1e-6;
  }

  @Override
  @Value.Default
  public WeightDecayScope weightDecayScope() {
    return WeightDecayScope.ALL;
  }

  /** LAMB at this base learning rate (per 256 images), weight decay 0.1. */
  public static Lamb baseLr(double baseLr) {
    return ImmutableLamb.builder().baseLr(baseLr).build();
  }

  /** Same optimizer with another weight decay. */
  public Lamb weightDecay(double weightDecay) {
    return withWeightDecay(weightDecay);
  }

  @Value.Check
  protected void check() {
    String me = "Lamb";
    SpecException.require(
        baseLr() > 0 && Double.isFinite(baseLr()),
        me,
        "baseLr",
        baseLr(),
        "use a positive learning rate per 256 images (the study's best for LAMB: 5e-4)");
    SpecException.require(
        weightDecay() >= 0 && Double.isFinite(weightDecay()),
        me,
        "weightDecay",
        weightDecay(),
        "use a weight decay >= 0");
    SpecException.require(
        beta1() >= 0 && beta1() < 1, me, "beta1", beta1(), "beta1 lies in [0, 1)");
    SpecException.require(
        beta2() >= 0 && beta2() < 1, me, "beta2", beta2(), "beta2 lies in [0, 1)");
    SpecException.require(
        epsilon() > 0 && Double.isFinite(epsilon()),
        me,
        "epsilon",
        epsilon(),
        "use a positive epsilon (LAMB: 1e-6)");
  }
}
