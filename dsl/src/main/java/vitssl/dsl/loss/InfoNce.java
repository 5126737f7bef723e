package vitssl.dsl.loss;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.immutables.value.Value;
import vitssl.dsl.SpecException;

/**
 * MoCo v3's contrastive loss (Chen, Xie, He 2021): for L2-normalised queries q and keys k,
 * ctr(q, k) = cross-entropy of q k^T / tau with the positives on the diagonal, times 2 tau; the
 * total is ctr(q1, k2) + ctr(q2, k1). The other keys of the batch are the negatives. Keys carry no
 * gradient. The study uses tau = 0.2 for ViT and 1.0 for ResNet-50.
 */
@Value.Immutable
@JsonTypeName("info-nce")
@JsonDeserialize(as = ImmutableInfoNce.class)
public abstract class InfoNce implements LossSpec, WithInfoNce {
  @Value.Default
  public double temperature() {
    return 0.2;
  }

  /** MoCo v3's loss with the ViT temperature 0.2. */
  public static InfoNce infoNce() {
    return ImmutableInfoNce.builder().build();
  }

  /** Same loss at another temperature. */
  public InfoNce temperature(double tau) {
    return withTemperature(tau);
  }

  @Value.Check
  protected void check() {
    SpecException.require(
        temperature() > 0 && Double.isFinite(temperature()),
        "InfoNce",
        "temperature",
        temperature(),
        "use a positive temperature (the study: 0.2 for ViT, 1.0 for ResNet-50)");
  }
}
