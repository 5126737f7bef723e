package vitssl.dsl.monitor;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.immutables.value.Value;
import vitssl.dsl.SpecException;

/**
 * The engine's operator profiler over a window of whole steps: which native ops a step spends its
 * time in. Writes {@code op_profile.json} (a Chrome trace: open it in Perfetto or
 * chrome://tracing) and {@code op_profile.md} (ops by self time per step, with calls and share)
 * into the run folder. The window starts after step {@code from - 1} has finished, so the first
 * steps' one-off allocations can be left out; profiling slows the steps it covers.
 */
@Value.Immutable
@JsonTypeName("op-profile")
@JsonDeserialize(as = ImmutableOpProfile.class)
public abstract class OpProfile implements MonitorSpec, WithOpProfile {
  /** First profiled step (0-based); at least 1. */
  @Value.Parameter
  public abstract long from();

  /** How many steps the window covers. */
  @Value.Parameter
  public abstract int steps();

  /** Every step of the window is profiled. */
  @Override
  public int every() {
    return 1;
  }

  /** Profiles steps {@code from .. from + steps - 1}. */
  public static OpProfile steps(long from, int steps) {
    return ImmutableOpProfile.of(from, steps);
  }

  @Value.Check
  protected void check() {
    SpecException.require(
        from() >= 1, "OpProfile", "from", from(), "start at step 1 or later (step 0 allocates everything once)");
    SpecException.require(steps() >= 1, "OpProfile", "steps", steps(), "profile 1 or more steps");
  }
}
