package vitssl.inject;

import vitssl.dsl.loss.LossSpec;
import vitssl.loss.SiameseLoss;

/** Builds a loss from its spec. */
@FunctionalInterface
public interface LossFactory<S extends LossSpec> {
  SiameseLoss build(S spec);
}
