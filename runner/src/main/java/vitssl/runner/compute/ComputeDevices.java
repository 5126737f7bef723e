package vitssl.runner.compute;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.List;
import vitssl.dsl.compute.Compute;
import vitssl.dsl.compute.ComputeDevice;

/** The engine's devices for a spec's {@link Compute}, checked against what this machine has. */
public final class ComputeDevices {
  private ComputeDevices() {}

  /**
   * One device per replica: the spec's, or {@code fallback} (the engine's default) where the spec
   * lists none.
   *
   * @throws IllegalArgumentException naming the device and the fix, when a listed GPU is absent
   */
  public static List<Device> of(Compute compute, Device fallback) {
    if (compute.devices().isEmpty()) {
      return List.of(fallback);
    }
    int gpus = Engine.getEngine("PyTorch").getGpuCount();
    return compute.devices().stream().map(d -> device(d, gpus)).toList();
  }

  /** The device holding the weights the optimizer steps: the first replica's. */
  public static Device main(Compute compute, Device fallback) {
    return of(compute, fallback).get(0);
  }

  /** How many GPUs {@code compute} lists: what a job scheduler must give one run. */
  public static int gpusListed(Compute compute) {
    return (int) compute.devices().stream().filter(d -> d.kind() == ComputeDevice.Kind.GPU).count();
  }

  private static Device device(ComputeDevice device, int gpus) {
    if (device.kind() == ComputeDevice.Kind.CPU) {
      return Device.cpu();
    }
    if (device.index() >= gpus) {
      throw new IllegalArgumentException(
          "Experiment.compute.devices lists " + device + " but the engine sees "
              + (gpus == 0 ? "no GPU" : gpus + " GPU(s), gpu0 to gpu" + (gpus - 1))
              + ": list only GPUs this machine has, or run on a machine with more"
              + (gpus == 0 ? " (and build with -Pcuda)" : ""));
    }
    return Device.gpu(device.index());
  }
}
