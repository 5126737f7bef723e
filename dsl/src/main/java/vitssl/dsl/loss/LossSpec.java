package vitssl.dsl.loss;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import vitssl.dsl.Experiment;
import vitssl.dsl.Spec;

/** A self-supervised loss over the outputs of the online and target branches. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface LossSpec extends Spec {
  /**
   * Fails with a {@link vitssl.dsl.SpecException} naming the field and the fix where this loss
   * cannot work with the rest of {@code experiment} (e.g. more code views than global views);
   * {@link Experiment}'s own check calls it.
   */
  default void requireFits(Experiment experiment) {}
}
