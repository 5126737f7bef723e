package vitssl.dsl.monitor;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.Optional;
import org.immutables.value.Value;
import vitssl.dsl.SpecException;

/**
 * Weighted cosine k-nearest-neighbour accuracy of the backbone's features (Wu et al. 2018,
 * InstDisc): each of the k most similar bank features votes for its class with weight
 * exp(similarity / T). k = 200, T = 0.1. The study monitors it to find the "dips" that final
 * accuracy hides, and recommends measuring it per iteration.
 */
@Value.Immutable
@JsonTypeName("knn")
@JsonDeserialize(as = ImmutableKnn.class)
public abstract class Knn implements MonitorSpec, WithKnn {
  @Override
  @Value.Parameter
  public abstract int every();

  @Value.Default
  public int k() {
    return 200;
  }

  @Value.Default
  public double temperature() {
    return 0.1;
  }

  /** Training images in the feature bank during training; unset means all. */
  public abstract Optional<Integer> bankSize();

  /** Held-out images queried during training; unset means all. */
  public abstract Optional<Integer> querySize();

  public static Knn every(int iterations) {
    return ImmutableKnn.of(iterations);
  }

  @Value.Check
  protected void check() {
    SpecException.require(every() >= 1, "Knn", "every", every(), "measure every 1 or more iterations");
    SpecException.require(k() >= 1, "Knn", "k", k(), "use k >= 1 (200 in the SSL libraries)");
    SpecException.require(
        temperature() > 0, "Knn", "temperature", temperature(), "use a positive temperature (0.1)");
    bankSize()
        .ifPresent(
            n -> SpecException.require(n >= k(), "Knn", "bankSize", n, "the bank needs at least k = " + k() + " images"));
    querySize()
        .ifPresent(n -> SpecException.require(n >= 1, "Knn", "querySize", n, "query at least one image"));
  }
}
