package bench;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vitssl.dsl.Experiment;
import vitssl.engine.EngineSettings;
import vitssl.engine.EngineSetup;
import vitssl.engine.NativeHeap;
import vitssl.runner.monitor.ProcessMemory;
import vitssl.runner.run.Wiring;
import vitssl.runner.train.SyntheticTraining;

/**
 * A MoCo v3 step alone, as the PyTorch peer ({@code scripts/bench/moco_v3_step.py}) runs it: one of
 * {@link StepBench}'s models trained on two fixed Gaussian batches, with no dataset, no data loading
 * and no evaluation in the process. What it prints compares like with like with the peer: the mean
 * step after the first, and the peak resident memory of a process that holds only the model and
 * its steps ({@link StepBench}'s process also holds CIFAR-10, its loader and the kNN evaluations).
 * The last line is JSON, for {@code bin/side-by-side}.
 *
 * <pre>bin/vitssl bench.RandomInputBench [--config recipe|tiny|wide|large|huge] [--steps N]</pre>
 */
public final class RandomInputBench {
  private RandomInputBench() {}

  public static void main(String[] args) throws Exception {
    List<String> rest = new ArrayList<>(List.of(args));
    BenchModel config = BenchModel.RECIPE;
    int steps = 30;
    for (int i = 0; i < rest.size(); i += 2) {
      String value = i + 1 < rest.size() ? rest.get(i + 1) : null;
      switch (rest.get(i)) {
        case "--config" -> config = BenchModel.named(required(rest.get(i), value));
        case "--steps" -> steps = whole(required(rest.get(i), value));
        default -> throw new IllegalArgumentException(
            rest.get(i) + ": unknown option; use --config recipe|tiny|wide|large|huge or --steps N");
      }
    }
    if (steps < 2) {
      throw new IllegalArgumentException(
          "--steps " + steps + ": use at least 2 (the first step carries one-time costs)");
    }
    EngineSetup.start(EngineSettings.defaults());
    Experiment experiment = config.experiment();
    SyntheticTraining.Outcome outcome =
        SyntheticTraining.train(
            experiment, Wiring.of().components(), Device.cpu(), steps, experiment.peakLr(), 2,
            Optional.empty());
    double meanMs = 1000 * outcome.seconds() / (steps - 1);
    // Current size first: the peak read after it can only be as large or larger.
    double rssMb = ProcessMemory.rssMb();
    double peakMb = ProcessMemory.peakRssMb();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("config", config.name().toLowerCase(java.util.Locale.ROOT));
    result.put("steps", steps - 1);
    result.put("mean_ms", meanMs);
    result.put("images_per_second", experiment.batchSize() * 1000 / meanMs);
    result.put("peak_rss_mb", peakMb);
    result.put("rss_mb", rssMb);
    result.put("allocator", NativeHeap.describe());
    result.put("first_loss", outcome.losses().get(0));
    result.put("last_loss", outcome.losses().get(steps - 1));
    System.out.printf(
        "%s on random inputs: %.1f ms a step (mean of the %d after the first), peak resident"
            + " memory %.0f MB%n",
        result.get("config"), meanMs, steps - 1, peakMb);
    System.out.println(new ObjectMapper().writeValueAsString(result));
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
