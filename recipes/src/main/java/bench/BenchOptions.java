package bench;

import ai.djl.Device;
import java.util.Optional;
import vitssl.dsl.Experiment;
import vitssl.runner.run.Wiring;
import vitssl.runner.train.SyntheticTraining;

/**
 * The options of the benches that train on random inputs: {@code --config} (one of {@link
 * BenchModel}'s, the recipe's model by default) and {@code --steps}, at least 2 since the first
 * step carries one-time costs.
 */
record BenchOptions(BenchModel config, int steps) {
  /**
   * The model trained for the steps on two fixed Gaussian batches, nothing else in the process:
   * MoCo v3's step alone, as the PyTorch peer runs it. The engine must have been started.
   */
  SyntheticTraining.Outcome trainOnRandomInputs() {
    Experiment experiment = config.experiment();
    return SyntheticTraining.train(
        experiment, Wiring.of().components(), Device.cpu(), steps, experiment.peakLr(), 2,
        Optional.empty());
  }

  static BenchOptions parse(String[] args, int defaultSteps) {
    BenchModel config = BenchModel.RECIPE;
    int steps = defaultSteps;
    for (int i = 0; i < args.length; i += 2) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--config" -> config = BenchModel.named(required(args[i], value));
        case "--steps" -> steps = whole(required(args[i], value));
        default -> throw new IllegalArgumentException(
            args[i] + ": unknown option; use --config recipe|tiny|wide|large|huge or --steps N");
      }
    }
    if (steps < 2) {
      throw new IllegalArgumentException(
          "--steps " + steps + ": use at least 2 (the first step carries one-time costs)");
    }
    return new BenchOptions(config, steps);
  }

  private static int whole(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--steps " + value + ": use a whole number of steps, e.g. --steps 30");
    }
  }

  private static String required(String flag, String value) {
    if (value == null) {
      throw new IllegalArgumentException(flag + " needs a value, e.g. --config wide or --steps 30");
    }
    return value;
  }
}
