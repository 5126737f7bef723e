package vitssl.runner.train;

import vitssl.dsl.Experiment;

/**
 * How many steps make an epoch (every full batch of the training split; the last partial batch
 * is dropped) and the whole run: the one place both are computed, for the loop, the schedules and
 * the loss.
 */
public record StepCount(long perEpoch, long total) {
  public static StepCount of(Experiment experiment, int trainImages) {
    long perEpoch = trainImages / experiment.batchSize();
    if (perEpoch < 1) {
      throw new IllegalArgumentException(
          "Experiment.batchSize = " + experiment.batchSize() + " exceeds the " + trainImages
              + " training images: use a batch of at most that many");
    }
    return new StepCount(perEpoch, experiment.length().toSteps(perEpoch, 0));
  }

  /** Epochs done after {@code steps} steps. */
  public double epochs(long steps) {
    return steps / (double) perEpoch;
  }
}
