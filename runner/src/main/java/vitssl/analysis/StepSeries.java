package vitssl.analysis;

import java.util.Arrays;

/**
 * One metric against the training step: the steps strictly ascending (gaps allowed, since monitors
 * measure every n iterations), one value per step. The arrays are copied in and out, so a series
 * never changes after it is made.
 */
public record StepSeries(String name, long[] steps, double[] values) {
  public StepSeries {
    if (steps.length != values.length) {
      throw new IllegalArgumentException(
          name
              + ": "
              + steps.length
              + " steps but "
              + values.length
              + " values: give one value per step");
    }
    for (int i = 1; i < steps.length; i++) {
      if (steps[i] <= steps[i - 1]) {
        throw new IllegalArgumentException(
            name
                + ": step "
                + steps[i]
                + " (at index "
                + i
                + ") follows step "
                + steps[i - 1]
                + ": steps must be strictly ascending, one value per step");
      }
    }
    steps = steps.clone();
    values = values.clone();
  }

  public static StepSeries of(String name, long[] steps, double[] values) {
    return new StepSeries(name, steps, values);
  }

  @Override
  public long[] steps() {
    return steps.clone();
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  public int size() {
    return steps.length;
  }

  public long step(int i) {
    return steps[i];
  }

  public double value(int i) {
    return values[i];
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StepSeries s
        && name.equals(s.name)
        && Arrays.equals(steps, s.steps)
        && Arrays.equals(values, s.values);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * name.hashCode() + Arrays.hashCode(steps)) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return name + " (" + steps.length + " points)";
  }
}
