package vitssl.inject;

import ai.djl.ndarray.NDManager;
import vitssl.dsl.optim.OptimizerSpec;
import vitssl.optim.ParameterOptimizer;

/** Builds an optimizer from its spec; its state lives in {@code stateManager}. */
@FunctionalInterface
public interface OptimizerFactory<S extends OptimizerSpec> {
  ParameterOptimizer build(S spec, NDManager stateManager);
}
