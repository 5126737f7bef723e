package vitssl.runner.reliability;

import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * When the loop writes a checkpoint: every {@code everySteps} steps, at the last step, and once
 * {@code minutes} of wall time have passed since the last one (or since the loop started), so a
 * killed job loses at most that much work however slow its steps are.
 */
public final class CheckpointCadence {
  private final long everySteps;
  private final long intervalNanos;
  private final LongSupplier clock;
  private long lastNanos;

  CheckpointCadence(long everySteps, Optional<Double> minutes, LongSupplier clock) {
    this.everySteps = everySteps;
    this.intervalNanos =
        minutes.map(m -> (long) (m * 60e9)).orElse(Long.MAX_VALUE);
    this.clock = clock;
    this.lastNanos = clock.getAsLong();
  }

  /** The spec's cadence, timed from now. */
  public static CheckpointCadence of(long everySteps, Optional<Double> minutes) {
    return new CheckpointCadence(everySteps, minutes, System::nanoTime);
  }

  /** Whether a checkpoint is due after {@code stepsDone} steps of {@code total}. */
  public boolean due(long stepsDone, long total) {
    return stepsDone % everySteps == 0
        || stepsDone == total
        || clock.getAsLong() - lastNanos >= intervalNanos;
  }

  /** A checkpoint was just written; the clock starts again. */
  public void saved() {
    lastNanos = clock.getAsLong();
  }
}
