package vitssl.runner.compute;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import vitssl.dsl.compute.Precision;
import vitssl.backbone.Backbone;

/**
 * The backbones of a siamese model run as N replicas, one per device, in one process: each step's
 * views are split into N equal shards of images, each replica runs its backbone on its shard, and
 * the features are gathered, in shard order, onto the first device, where the heads and the loss
 * see the whole batch. Copying to another device is recorded by autograd, so the backward pass
 * returns every shard's gradient to its replica; {@link #sumGradients} adds them into the first
 * replica's parameters (the model's own, which the optimizer steps) and {@link #copyWeights}
 * sends the stepped weights back.
 *
 * <p>So the heads' BatchNorm normalises over the whole batch: PyTorch's SyncBatchNorm, exactly. A
 * ViT backbone is independent per image, so splitting it changes nothing but rounding. A backbone
 * with BatchNorm (ResNet) normalises each shard by its own statistics, as DistributedDataParallel
 * does without SyncBatchNorm, and its running statistics are the first replica's, copied to the
 * others after each step, as DDP broadcasts rank 0's buffers.
 *
 * <p>With a compute type other than fp32, each replica casts its shard and its parameters to it
 * and its features back to fp32, so the heads and the loss compute in fp32.
 */
public final class Replicas implements BackbonePass {
  private final List<Replica> replicas;
  private final Precision precision;

  Replicas(List<Replica> replicas, Precision precision) {
    if (replicas.isEmpty()) {
      throw new IllegalArgumentException("Replicas: no replica; give at least the model's own");
    }
    this.replicas = List.copyOf(replicas);
    this.precision = precision;
  }

  public int count() {
    return replicas.size();
  }

  @Override
  public List<NDArray> features(Backbone backbone, List<NDArray> views) {
    NDManager scope = views.get(0).getManager();
    Device main = replicas.get(0).device();
    int n = replicas.size();
    List<NDList> shards = new ArrayList<>(views.size());
    for (NDArray view : views) {
      shards.add(n == 1 ? new NDList(view) : view.split(n, 0));
    }
    List<List<NDArray>> perReplica = new ArrayList<>(n);
    for (int r = 0; r < n; r++) {
      Replica replica = replicas.get(r);
      replica.castInto(scope);
      List<NDArray> inputs = new ArrayList<>(views.size());
      for (NDList shard : shards) {
        inputs.add(computeType(shard.get(r).toDevice(replica.device(), false)));
      }
      perReplica.add(BackboneFeatures.of(replica.own(backbone), replica.store(), inputs));
    }
    List<NDArray> gathered = new ArrayList<>(views.size());
    for (int v = 0; v < views.size(); v++) {
      NDList parts = new NDList(n);
      for (List<NDArray> features : perReplica) {
        parts.add(features.get(v).toDevice(main, false));
      }
      NDArray whole = n == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
      gathered.add(precision == Precision.FP32 ? whole : Casts.toFp32(whole));
    }
    return gathered;
  }

  private NDArray computeType(NDArray x) {
    return precision == Precision.FP32 ? x : Casts.to(precision, x);
  }

  /**
   * Adds every other replica's backbone gradients into the first replica's and clears theirs;
   * call after the backward pass, before anything reads the gradients.
   */
  public void sumGradients() {
    Replica main = replicas.get(0);
    for (Replica replica : replicas.subList(1, replicas.size())) {
      for (Backbone backbone : main.backbones().keySet()) {
        ParameterSync.addGradients(parameters(backbone), parameters(replica.own(backbone)));
      }
    }
  }

  /** Copies the first replica's backbone weights (running statistics included) to the others. */
  public void copyWeights() {
    Replica main = replicas.get(0);
    for (Replica replica : replicas.subList(1, replicas.size())) {
      for (Backbone backbone : main.backbones().keySet()) {
        ParameterSync.copyWeights(parameters(backbone), parameters(replica.own(backbone)));
      }
    }
  }

  private static List<Parameter> parameters(Backbone backbone) {
    return new ArrayList<>(backbone.block().getParameters().values());
  }
}
