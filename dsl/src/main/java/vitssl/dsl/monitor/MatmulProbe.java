package vitssl.dsl.monitor;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.immutables.value.Value;
import vitssl.dsl.SpecException;

/**
 * The engine's {@code size}^3 fp32 matrix-multiply rate, measured between steps: the reference
 * rate a step's achieved FLOP/s is compared with, sampled through the run so that the comparison
 * holds when the machine's speed drifts. Each sample times the product repeatedly for about a
 * quarter of a second and logs {@code matmul_gflops}, the sustained rate (all calls' FLOPs over
 * all their time, as a step's rate is a mean over steps), and {@code matmul_best_gflops}, the
 * fastest call. The sample counts in the run's wall time and images per second but in none of
 * its step phases ({@code step_times.json}).
 */
@Value.Immutable
@JsonTypeName("matmul-probe")
@JsonDeserialize(as = ImmutableMatmulProbe.class)
public abstract class MatmulProbe implements MonitorSpec, WithMatmulProbe {
  @Override
  @Value.Parameter
  public abstract int every();

  /** Side of the square matrices; 1024 by default. */
  @Value.Default
  public int size() {
    return 1024;
  }

  public static MatmulProbe every(int iterations) {
    return ImmutableMatmulProbe.builder().every(iterations).build();
  }

  @Value.Check
  protected void check() {
    SpecException.require(
        every() >= 1, "MatmulProbe", "every", every(), "measure every 1 or more iterations");
    SpecException.require(
        size() >= 64 && size() <= 8192,
        "MatmulProbe",
        "size",
        size(),
        "use a matrix side from 64 to 8192 (1024 is the usual ceiling)");
  }
}
