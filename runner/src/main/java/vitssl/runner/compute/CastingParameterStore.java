package vitssl.runner.compute;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import vitssl.dsl.compute.Precision;

/**
 * Hands blocks their parameters cast to the compute type, while the parameters themselves (the
 * master weights the optimizer steps) stay fp32: each cast is recorded by autograd, so the
 * gradient reaches the fp32 parameter. BatchNorm running statistics are handed over as they are,
 * since the engine updates them in place during the forward pass. The casts of a step live in the
 * step's manager, set by {@link #castInto} before the forward pass.
 */
final class CastingParameterStore extends ParameterStore {
  private final Precision precision;
  private NDManager scope;

  CastingParameterStore(NDManager manager, Precision precision) {
    super(manager, false);
    this.precision = precision;
    this.scope = manager;
  }

  /** Where the next casts go: the step's manager, closed at the step's end. */
  void castInto(NDManager stepScope) {
    this.scope = stepScope;
  }

  @Override
  public NDArray getValue(Parameter parameter, Device device, boolean training) {
    NDArray value = super.getValue(parameter, device, training);
    if (value == null
        || parameter.getType() == Parameter.Type.RUNNING_MEAN
        || parameter.getType() == Parameter.Type.RUNNING_VAR) {
      return value;
    }
    NDArray cast = Casts.to(precision, value);
    cast.attach(scope);
    return cast;
  }
}
