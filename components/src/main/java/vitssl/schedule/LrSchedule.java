package vitssl.schedule;

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
}
