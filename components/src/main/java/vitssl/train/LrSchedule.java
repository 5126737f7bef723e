package vitssl.train;

import java.util.function.Function;
import vitssl.dsl.optim.ScheduleSpec;

/**
 * The learning rate as a multiple of the peak lr at iteration {@code step} (0-based, one per
 * optimizer step): a pure function, so the loop, a resumed run and a plot all agree.
 */
public interface LrSchedule {
  /**
   * @param step 0-based iteration, in [0, totalSteps]
   * @param totalSteps iterations in the whole run
   * @param stepsPerEpoch iterations per epoch, to resolve spans given in epochs
   */
  double multiplier(long step, long totalSteps, long stepsPerEpoch);

  /**
   * Builds the schedule of one spec type. Registered by spec class (see {@link LrSchedules}), so a
   * third-party schedule is one spec class plus one factory.
   */
  @FunctionalInterface
  interface Factory {
    LrSchedule create(ScheduleSpec spec);

    /** A factory for specs of {@code type}; any other spec fails with a message naming both. */
    static <S extends ScheduleSpec> Factory of(
        Class<S> type, Function<? super S, ? extends LrSchedule> create) {
      return spec -> {
        if (!type.isInstance(spec)) {
          throw new IllegalArgumentException(
              "the LrSchedule factory for "
                  + type.getSimpleName()
                  + " was given "
                  + spec
                  + ": register it under "
                  + type.getSimpleName()
                  + ".class only");
        }
        return create.apply(type.cast(spec));
      };
    }
  }
}
