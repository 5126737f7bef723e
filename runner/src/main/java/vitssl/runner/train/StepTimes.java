package vitssl.runner.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a training step's time goes: waiting for data, forward, backward, optimizer, momentum
 * update, monitors. The engine's CPU ops are synchronous, so wall-clock splits are exact there.
 */
public final class StepTimes {
  /** The phases of one step, in order. */
  public enum Phase {
    DATA_WAIT,
    FORWARD,
    BACKWARD,
    OPTIMIZER,
    MOMENTUM_UPDATE,
    MONITORS
  }

  private final long[] nanos = new long[Phase.values().length];
  private long steps;

  public void add(Phase phase, long elapsedNanos) {
    nanos[phase.ordinal()] += elapsedNanos;
  }

  public void countStep() {
    steps++;
  }

  public long steps() {
    return steps;
  }

  /** Mean milliseconds per step of each phase. */
  public Map<Phase, Double> meanMillis() {
    Map<Phase, Double> out = new LinkedHashMap<>();
    for (Phase p : Phase.values()) {
      out.put(p, steps == 0 ? 0.0 : nanos[p.ordinal()] / 1e6 / steps);
    }
    return out;
  }

  /**
   * What {@code step_times.json} holds: {@code steps}, how many steps the means cover, and {@code
   * mean_ms}, the mean milliseconds per step of each phase.
   */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("steps", steps);
    json.put("mean_ms", meanMillis());
    return json;
  }

  public double totalMeanMillis() {
    return meanMillis().values().stream().mapToDouble(Double::doubleValue).sum();
  }

  public void reset() {
    java.util.Arrays.fill(nanos, 0);
    steps = 0;
  }
}
