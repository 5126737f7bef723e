package bench;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import recipes.MocoV3Cifar10;
import vitssl.dsl.Experiment;
import vitssl.dsl.monitor.MemoryUsage;
import vitssl.dsl.monitor.MonitorSpec;
import vitssl.dsl.monitor.OpProfile;
import vitssl.engine.EngineSetup;
import vitssl.runner.MatmulRate;
import vitssl.runner.RunOptions;
import vitssl.runner.RunResult;
import vitssl.runner.Runner;
import vitssl.runner.StepCost;

/**
 * Where a MoCo v3 step's time goes, and whether memory stays flat: runs the CPU recipe's model
 * for {@code --steps} steps (1,000 by default) and prints the step split into data wait, forward,
 * backward, optimizer and momentum update, the model's FLOPs per step, the achieved FLOP/s beside
 * a matrix-multiply rate measured in the same process, and resident memory at step 100 and at the
 * last step.
 *
 * <p>{@code --profile FROM,STEPS} also runs the engine's op profiler over those steps and writes
 * {@code op_profile.md} (ops by self time) and {@code op_profile.json} into the run folder; the
 * profiled steps are slower, so the step split is best read from a run without it.
 *
 * <pre>bin/vitssl bench.StepBench [--steps N] [--batch N] [--out DIR] [--threads N] [--profile FROM,STEPS]</pre>
 */
public final class StepBench {
  private StepBench() {}

  public static void main(String[] args) throws Exception {
    List<String> rest = new ArrayList<>(List.of(args));
    List<MonitorSpec> monitors = new ArrayList<>(List.of(MemoryUsage.every(50)));
    int profile = rest.indexOf("--profile");
    if (profile >= 0) {
      monitors.add(profileWindow(rest.get(profile + 1)));
      rest.subList(profile, profile + 2).clear();
    }
    RunOptions options = RunOptions.parse(withDefaults(rest));
    Experiment experiment =
        options.apply(
            MocoV3Cifar10.experiment()
                .withName("step-bench")
                .withMonitors(monitors)
                .withLinearProbe(Optional.empty())
                .withCheckpointEvery(1_000_000));
    EngineSetup.start(options.engineSettings());
    double matmul;
    try (NDManager manager = NDManager.newBaseManager()) {
      matmul = MatmulRate.measure(manager, 1024, 3);
    }
    RunResult result = Runner.run(experiment, options);
    @SuppressWarnings("unchecked")
    Map<String, Double> split =
        new ObjectMapper().readValue(result.folder().resolve("step_times.json").toFile(), Map.class);
    double compute =
        split.get("FORWARD") + split.get("BACKWARD") + split.get("OPTIMIZER") + split.get("MOMENTUM_UPDATE");
    double total = split.values().stream().mapToDouble(Double::doubleValue).sum();
    double flops = StepCost.flopsPerStep(experiment).orElseThrow();
    System.out.printf("%nstep time, mean over %d steps (batch %d, %s):%n",
        result.summary().steps(), experiment.batchSize(), experiment.backbone());
    split.forEach((phase, ms) -> System.out.printf("  %-16s %9.1f ms  %5.1f%%%n", phase, ms, 100 * ms / total));
    System.out.printf("  %-16s %9.1f ms%n", "total", total);
    System.out.printf("FLOPs per step (matmuls and convolutions): %.1f GFLOP%n", flops / 1e9);
    System.out.printf("achieved: %.1f GFLOP/s over compute, %.1f GFLOP/s over the whole step%n",
        flops / compute / 1e6, flops / total / 1e6);
    System.out.printf("matmul 1024^3 in this process: %.1f GFLOP/s -> compute reaches %.0f%%, step %.0f%%%n",
        matmul / 1e9, 100 * flops / compute / 1e6 / (matmul / 1e9), 100 * flops / total / 1e6 / (matmul / 1e9));
    printMemory(result.folder().resolve("metrics.jsonl"));
  }

  private static void printMemory(Path metrics) throws Exception {
    ObjectMapper json = new ObjectMapper();
    double at100 = Double.NaN;
    double last = Double.NaN;
    long lastStep = 0;
    for (String line : Files.readAllLines(metrics)) {
      var row = json.readTree(line);
      if (row.has("rss_mb")) {
        long step = row.get("step").asLong();
        if (step == 100) {
          at100 = row.get("rss_mb").asDouble();
        }
        last = row.get("rss_mb").asDouble();
        lastStep = step;
      }
    }
    System.out.printf("resident memory: %.0f MB at step 100, %.0f MB at step %d (%+.1f%%)%n",
        at100, last, lastStep, 100 * (last - at100) / at100);
  }

  private static OpProfile profileWindow(String value) {
    String[] parts = value.split(",");
    if (parts.length != 2) {
      throw new IllegalArgumentException(
          "--profile " + value + ": expected FROM,STEPS, e.g. --profile 20,5");
    }
    return OpProfile.steps(Long.parseLong(parts[0].trim()), Integer.parseInt(parts[1].trim()));
  }

  private static String[] withDefaults(List<String> args) {
    List<String> all = new ArrayList<>(args);
    if (!all.contains("--steps") && !all.contains("--epochs")) {
      all.addAll(List.of("--steps", "1000"));
    }
    if (!all.contains("--out")) {
      all.addAll(List.of("--out", "runs/step-bench-" + System.currentTimeMillis()));
    }
    return all.toArray(new String[0]);
  }
}
