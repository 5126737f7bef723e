package vitssl.runner.train;

/**
 * What one training step did.
 *
 * @param loss the step's loss (not finite when the step was skipped for it)
 * @param skipped whether the step changed nothing because its loss or gradient was not finite
 */
public record StepResult(double loss, boolean skipped) {
  static StepResult applied(double loss) {
    return new StepResult(loss, false);
  }

  static StepResult skipped(double loss) {
    return new StepResult(loss, true);
  }
}
