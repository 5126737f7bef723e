package vitssl.runner.compute;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.Map;
import vitssl.dsl.compute.Precision;
import vitssl.backbone.Backbone;

/**
 * One replica's share of a step: its device, its own copy of each of the model's backbones (by
 * the model's backbone it stands for; the first replica's copies are the model's own), and the
 * store that hands its blocks their parameters, cast to the compute type where that is not fp32.
 */
record Replica(Device device, Map<Backbone, Backbone> backbones, ParameterStore store) {
  static Replica of(
      Device device, Map<Backbone, Backbone> backbones, NDManager manager, Precision precision) {
    ParameterStore store =
        precision == Precision.FP32
            ? new ParameterStore(manager, false)
            : new CastingParameterStore(manager, precision);
    return new Replica(device, backbones, store);
  }

  Backbone own(Backbone model) {
    Backbone backbone = backbones.get(model);
    if (backbone == null) {
      throw new IllegalArgumentException(
          "backbone " + model + " is not one of the model's: pass the siamese model's backbones");
    }
    return backbone;
  }

  /** Sends this step's casts into {@code scope}. */
  void castInto(NDManager scope) {
    if (store instanceof CastingParameterStore casting) {
      casting.castInto(scope);
    }
  }
}
