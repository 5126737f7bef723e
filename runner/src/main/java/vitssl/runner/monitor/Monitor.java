package vitssl.runner.monitor;

import java.util.Map;

/**
 * Something measured during training. A monitor adds its values to the step's row of {@code
 * metrics.jsonl}; it runs only on steps it is due.
 */
public interface Monitor {
  /** Whether this monitor measures at this (0-based) step. */
  boolean dueAt(long step);

  /** Called after backward and before the optimizer step, while gradients are present. */
  default void onGradients(long step, Map<String, Object> row) {}

  /** Called after the optimizer step and the momentum update. */
  default void afterStep(long step, Map<String, Object> row) {}

  /** Whether the 1-based step number of the 0-based {@code step} is a multiple of {@code every}. */
  static boolean endsEvery(long step, int every) {
    return (step + 1) % every == 0;
  }
}
