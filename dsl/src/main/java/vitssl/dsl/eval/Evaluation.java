package vitssl.dsl.eval;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.Optional;
import org.immutables.value.Value;
import vitssl.dsl.Spec;
import vitssl.dsl.SpecException;

/**
 * What a run measures of its backbone after pre-training (and, for the gain, before it): weighted
 * cosine kNN top-1 with the whole training split as the bank and the whole held-out split as
 * queries (k = 200, T = 0.1, the protocol of InstDisc and the SSL libraries), and a linear probe
 * when one is given. It is its own setting, not borrowed from a monitor: removing the kNN monitor
 * leaves the headline figure as it was.
 */
@Value.Immutable
@JsonDeserialize(as = ImmutableEvaluation.class)
public abstract class Evaluation implements Spec, WithEvaluation {
  /** Neighbours that vote; clipped to the bank's size on data smaller than that. */
  @Value.Default
  public int knnK() {
    return 200;
  }

  /** Temperature of the kNN vote weights exp(similarity / T). */
  @Value.Default
  public double knnTemperature() {
    return 0.1;
  }

  /** The linear probe on frozen features; absent skips it. */
  public abstract Optional<LinearProbe> linearProbe();

  /** kNN only, k = 200, T = 0.1. */
  public static Evaluation knn() {
    return ImmutableEvaluation.builder().build();
  }

  /** kNN and the linear probe. */
  public static Evaluation knnAndProbe(LinearProbe probe) {
    return knn().withLinearProbe(probe);
  }

  @Value.Check
  protected void check() {
    String me = "Evaluation";
    SpecException.require(knnK() >= 1, me, "knnK", knnK(), "use k >= 1 (200 in the SSL libraries)");
    SpecException.require(
        knnTemperature() > 0 && Double.isFinite(knnTemperature()),
        me,
        "knnTemperature",
        knnTemperature(),
        "use a positive temperature (0.1)");
  }
}
