package vitssl.dsl.loss;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.immutables.value.Value;
import vitssl.dsl.SpecException;

/**
 * SimCLR's NT-Xent loss (Chen, Kornblith, Norouzi, Hinton 2020, arXiv 2002.05709): the 2N
 * L2-normalised projections of a batch's two views are compared with each other; each one's
 * positive is the other view of its image, the remaining 2N - 2 are its negatives; cross-entropy of
 * the similarities / tau, averaged over the 2N anchors. Both views carry gradient: SimCLR has no
 * momentum encoder. The default tau = 0.1 is SimCLR's for ImageNet at batch 4096 (Table 5 and
 * section 5.1; 0.5 for CIFAR-10).
 */
@Value.Immutable
@JsonTypeName("nt-xent")
@JsonDeserialize(as = ImmutableNtXent.class)
public abstract class NtXent implements LossSpec, WithNtXent {
  @Value.Default
  public double temperature() {
    return 0.1;
  }

  /** SimCLR's loss at its ImageNet temperature 0.1. */
  public static NtXent ntXent() {
    return ImmutableNtXent.builder().build();
  }

  /** Same loss at another temperature. */
  public NtXent temperature(double tau) {
    return withTemperature(tau);
  }

  @Value.Check
  protected void check() {
    SpecException.require(
        temperature() > 0 && Double.isFinite(temperature()),
        "NtXent",
        "temperature",
        temperature(),
        "use a positive temperature (SimCLR: 0.1 on ImageNet, 0.5 on CIFAR-10)");
  }
}
