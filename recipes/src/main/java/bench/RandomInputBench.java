package bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import vitssl.dsl.Experiment;
import vitssl.engine.EngineSettings;
import vitssl.engine.EngineSetup;
import vitssl.engine.NativeHeap;
import vitssl.runner.train.SyntheticTraining;

/**
 * A MoCo v3 step alone, as the PyTorch peer ({@code scripts/bench/moco_v3_step.py}) runs it: one of
 * {@link StepBench}'s models trained on two fixed Gaussian batches, with no dataset, no data loading
 * and no evaluation in the process. What it prints compares like with like with the peer: the mean
 * and the median of the steps after the first (the peer reports both, leaving out its first two),
 * and the peak resident memory of a process that holds only the model and its steps ({@link
 * StepBench}'s process also holds CIFAR-10, its loader and the kNN evaluations). The last line is
 * JSON, for {@code bin/side-by-side}; its {@code step_ms} lists every step after the first.
 *
 * <pre>bin/vitssl bench.RandomInputBench [--config recipe|tiny|wide|large|huge] [--steps N]</pre>
 */
public final class RandomInputBench {
  private RandomInputBench() {}

  public static void main(String[] args) throws Exception {
    BenchOptions options = BenchOptions.parse(args, 30);
    BenchModel config = options.config();
    int steps = options.steps();
    EngineSetup.start(EngineSettings.defaults());
    Experiment experiment = config.experiment();
    SyntheticTraining.Outcome outcome = options.trainOnRandomInputs();
    double meanMs = 1000 * outcome.seconds() / (steps - 1);
    double medianMs = outcome.medianStepMillis();
    // When the steps ended, before the parameters are copied out of the engine into Java arrays.
    double peakMb = outcome.peakRssMb();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("config", config.name().toLowerCase(java.util.Locale.ROOT));
    result.put("steps", steps - 1);
    result.put("mean_ms", meanMs);
    result.put("median_ms", medianMs);
    result.put("images_per_second", experiment.batchSize() * 1000 / meanMs);
    result.put("peak_rss_mb", peakMb);
    result.put("allocator", NativeHeap.describe());
    result.put("first_loss", outcome.losses().get(0));
    result.put("last_loss", outcome.losses().get(steps - 1));
    result.put("step_ms", outcome.stepMillis());
    System.out.printf(
        "%s on random inputs: %.1f ms a step (mean of the %d after the first; median %.1f),"
            + " peak resident memory %.0f MB%n",
        result.get("config"), meanMs, steps - 1, medianMs, peakMb);
    System.out.println(new ObjectMapper().writeValueAsString(result));
  }
}
