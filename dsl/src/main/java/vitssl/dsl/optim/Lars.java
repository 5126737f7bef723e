package vitssl.dsl.optim;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.immutables.value.Value;
import vitssl.dsl.SpecException;

/**
 * LARS (You et al. 2017, arXiv 1708.03888) as MoCo v3's {@code moco/optimizer.py} writes it: SGD
 * with momentum whose step for a weight matrix is rescaled by a trust ratio eta ||p|| / ||g + wd
 * p||, so every layer moves by about the same fraction of its norm. MoCo v3's ResNet-50 recipe:
 * base lr 0.6 (100 epochs) or 0.3 (300 and 1000 epochs), weight decay 1e-6 (1.5e-6 at 1000 epochs),
 * momentum 0.9, trust coefficient 0.001.
 *
 * <p>{@link #weightDecayScope()} picks the parameters that get both the weight decay and the trust
 * ratio, as MoCo v3 ties the two: it defaults to {@link WeightDecayScope#MATRICES_ONLY}, where
 * biases and norm scales take plain SGD-with-momentum steps. {@link WeightDecayScope#ALL} applies
 * both to every parameter, as the original paper does.
 */
@Value.Immutable
@JsonTypeName("lars")
@JsonDeserialize(as = ImmutableLars.class)
public abstract class Lars implements OptimizerSpec, WithLars {
  @Override
  public abstract double baseLr();

  @Override
  @Value.Default
  public double weightDecay() {
    return 1e-6;
  }

  @Value.Default
  public double momentum() {
    return 0.9;
  }

  /** eta: the fraction of a layer's norm that one unscaled step may move it. */
  @Value.Default
  public double trustCoefficient() {
    return 0.001;
  }

  /** Which parameters get weight decay and the trust ratio; MoCo v3 leaves out 1-D ones. */
  @Override
  @Value.Default
  public WeightDecayScope weightDecayScope() {
    return WeightDecayScope.MATRICES_ONLY;
  }

  /** LARS at this base learning rate (per 256 images), weight decay 1e-6, momentum 0.9. */
  public static Lars baseLr(double baseLr) {
    return ImmutableLars.builder().baseLr(baseLr).build();
  }

  /** Same optimizer with another weight decay. */
  public Lars weightDecay(double weightDecay) {
    return withWeightDecay(weightDecay);
  }

  @Value.Check
  protected void check() {
    String me = "Lars";
    SpecException.require(
        baseLr() > 0 && Double.isFinite(baseLr()),
        me,
        "baseLr",
        baseLr(),
        "use a positive learning rate per 256 images (MoCo v3's ResNet-50: 0.3 or 0.6)");
    SpecException.require(
        weightDecay() >= 0 && Double.isFinite(weightDecay()),
        me,
        "weightDecay",
        weightDecay(),
        "use a weight decay >= 0 (MoCo v3's ResNet-50: 1e-6)");
    SpecException.require(
        momentum() >= 0 && momentum() < 1,
        me,
        "momentum",
        momentum(),
        "momentum lies in [0, 1) (MoCo v3: 0.9)");
    SpecException.require(
        trustCoefficient() > 0 && Double.isFinite(trustCoefficient()),
        me,
        "trustCoefficient",
        trustCoefficient(),
        "use a positive trust coefficient (MoCo v3: 0.001)");
  }
}
