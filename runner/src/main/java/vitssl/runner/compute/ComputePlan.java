package vitssl.runner.compute;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import vitssl.dsl.compute.Compute;
import vitssl.dsl.compute.Precision;
import vitssl.backbone.Backbone;

/**
 * What a training step does beyond one device in fp32, at its four moments: the loss it
 * differentiates (scaled for fp16), after the backward pass (replicas' gradients summed, fp16's
 * unscaled), after the step is applied or skipped (fp16's scale follows), and after the update
 * (weights copied to the replicas). With one device in fp32 every moment does nothing.
 */
public final class ComputePlan {
  private final Optional<Replicas> replicas;
  private final Optional<LossScaler> scaler;

  private ComputePlan(Optional<Replicas> replicas, Optional<LossScaler> scaler) {
    this.replicas = replicas;
    this.scaler = scaler;
  }

  /** One device, fp32: the model runs its backbones itself. */
  public static ComputePlan none() {
    return new ComputePlan(Optional.empty(), Optional.empty());
  }

  /**
   * The plan of {@code compute} for a model whose backbones are {@code backbones} (the query
   * encoder's, and the key encoder's where there is one), on {@code devices} (one per replica, the
   * first the model's own). Every other replica gets its own copy of each backbone from {@code
   * newBackbone}, initialised on its device for {@code shardInput} (one replica's share of the
   * batch), set to the model's weights and frozen where they are. Install {@link #pass()} in the
   * model.
   */
  public static ComputePlan of(
      Compute compute,
      List<Device> devices,
      List<Backbone> backbones,
      Supplier<Backbone> newBackbone,
      NDManager manager,
      Shape shardInput) {
    Precision precision = compute.precision();
    Optional<LossScaler> scaler =
        precision == Precision.FP16 ? Optional.of(new LossScaler()) : Optional.empty();
    if (devices.size() == 1 && precision == Precision.FP32) {
      return new ComputePlan(Optional.empty(), scaler);
    }
    List<Replica> replicas = new ArrayList<>(devices.size());
    Map<Backbone, Backbone> own = new IdentityHashMap<>();
    backbones.forEach(b -> own.put(b, b));
    replicas.add(Replica.of(devices.get(0), own, manager, precision));
    for (Device device : devices.subList(1, devices.size())) {
      NDManager replicaManager = manager.newSubManager(device);
      Map<Backbone, Backbone> copies = new IdentityHashMap<>();
      for (Backbone backbone : backbones) {
        copies.put(backbone, replicaOf(backbone, newBackbone.get(), replicaManager, shardInput));
      }
      replicas.add(Replica.of(device, copies, replicaManager, precision));
    }
    return new ComputePlan(Optional.of(new Replicas(replicas, precision)), scaler);
  }

  private static Backbone replicaOf(Backbone main, Backbone copy, NDManager manager, Shape input) {
    copy.block().initialize(manager, DataType.FLOAT32, input);
    List<Parameter> from = new ArrayList<>(main.block().getParameters().values());
    List<Parameter> to = new ArrayList<>(copy.block().getParameters().values());
    ParameterSync.copyWeights(from, to);
    for (int i = 0; i < from.size(); i++) {
      if (!from.get(i).requiresGradient()) {
        to.get(i).freeze(true);
      }
    }
    return copy;
  }

  /** How the model should run its backbones; empty where it runs them itself. */
  public Optional<BackbonePass> pass() {
    return replicas.map(r -> r);
  }

  /** The array to differentiate: the loss, times fp16's scale. */
  public NDArray lossForBackward(NDArray loss) {
    return scaler.map(s -> s.scaled(loss)).orElse(loss);
  }

  /** After the backward pass: replicas' gradients summed, then fp16's scale divided out. */
  public void afterBackward(Collection<Parameter> trained) {
    replicas.ifPresent(Replicas::sumGradients);
    scaler.ifPresent(s -> s.unscale(trained));
  }

  /** After a step whose update was applied; fp16's current scale goes into {@code row}. */
  public void applied(Map<String, Object> row) {
    scaler.ifPresent(
        s -> {
          row.put("loss_scale", s.scale());
          s.applied();
        });
  }

  /** After a step skipped for a loss or gradient that is not finite. */
  public void skipped(Map<String, Object> row) {
    scaler.ifPresent(
        s -> {
          row.put("loss_scale", s.scale());
          s.overflowed();
        });
  }

  /** After the optimizer and the momentum update: the replicas take the new weights. */
  public void afterUpdate() {
    replicas.ifPresent(Replicas::copyWeights);
  }
}
