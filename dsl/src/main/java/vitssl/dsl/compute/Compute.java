package vitssl.dsl.compute;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.immutables.value.Value;
import vitssl.dsl.SpecException;

/**
 * Where and in which number format a run computes. Each entry of {@link #devices()} holds one
 * replica of the model: every step splits its batch into equal shards, one per replica, runs the
 * backbones of both encoders on each shard, gathers the features onto the first device, where the
 * heads run over the whole batch (so their BatchNorm sees the whole batch, as the study's SyncBN
 * does) and the loss sees every negative; the summed gradient steps the first device's weights,
 * which are then copied to the others. One process drives every device; runs across machines go
 * to a job scheduler instead.
 */
@Value.Immutable
@JsonDeserialize(as = ImmutableCompute.class)
public abstract class Compute implements WithCompute {
  /**
   * One device per replica, the first holding the weights the optimizer steps; empty means one
   * replica on the engine's default device (the first GPU where there is one, else the CPU). The
   * CPU may be listed several times: replicas that share it, to test the split on any machine.
   */
  public abstract List<ComputeDevice> devices();

  @Value.Default
  public Precision precision() {
    return Precision.FP32;
  }

  /** One replica on the default device, in fp32. */
  public static Compute defaults() {
    return ImmutableCompute.builder().build();
  }

  /** GPUs 0 to {@code count - 1}, one replica each. */
  public static Compute gpus(int count) {
    SpecException.require(count >= 1, "Compute", "gpus", count, "use 1 or more GPUs");
    return ImmutableCompute.builder()
        .devices(IntStream.range(0, count).mapToObj(ComputeDevice::gpu).toList())
        .build();
  }

  /** {@code count} replicas sharing the CPU. */
  public static Compute cpuReplicas(int count) {
    SpecException.require(count >= 1, "Compute", "cpuReplicas", count, "use 1 or more replicas");
    return ImmutableCompute.builder()
        .devices(IntStream.range(0, count).mapToObj(i -> ComputeDevice.cpu()).toList())
        .build();
  }

  /** How many shards each batch is split into. */
  public int replicas() {
    return Math.max(1, devices().size());
  }

  @Value.Check
  protected void check() {
    long kinds = devices().stream().map(ComputeDevice::kind).distinct().count();
    SpecException.require(
        kinds <= 1,
        "Compute",
        "devices",
        devices(),
        "list GPUs or the CPU, not both: replicas on one run should run at one speed");
    Set<ComputeDevice> gpus = new HashSet<>();
    for (ComputeDevice device : devices()) {
      SpecException.require(
          device.kind() == ComputeDevice.Kind.CPU || gpus.add(device),
          "Compute",
          "devices",
          devices(),
          "GPU " + device.index() + " is listed twice: list each GPU once");
    }
  }
}
