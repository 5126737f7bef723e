package vitssl.dsl.compute;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.immutables.value.Value;
import vitssl.dsl.SpecException;

/** One device a replica of the model runs on: the CPU, or one GPU by its CUDA index. */
@Value.Immutable
@JsonDeserialize(as = ImmutableComputeDevice.class)
public abstract class ComputeDevice {
  /** Which kind of device. */
  public enum Kind {
    CPU,
    GPU
  }

  @Value.Parameter
  public abstract Kind kind();

  /** The GPU's CUDA index; 0 for the CPU. */
  @Value.Parameter
  public abstract int index();

  public static ComputeDevice cpu() {
    return ImmutableComputeDevice.of(Kind.CPU, 0);
  }

  public static ComputeDevice gpu(int index) {
    return ImmutableComputeDevice.of(Kind.GPU, index);
  }

  @Value.Check
  protected void check() {
    SpecException.require(
        index() >= 0, "ComputeDevice", "index", index(), "GPU indices count from 0");
    SpecException.require(
        kind() == Kind.GPU || index() == 0,
        "ComputeDevice",
        "index",
        index(),
        "the CPU is one device: use ComputeDevice.cpu()");
  }

  @Override
  public String toString() {
    return kind() == Kind.CPU ? "cpu" : "gpu" + index();
  }
}
