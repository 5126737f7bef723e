package bench;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vitssl.dsl.Experiment;
import vitssl.dsl.backbone.Vit;
import vitssl.dsl.eval.Evaluation;
import vitssl.dsl.head.Mlp;
import vitssl.dsl.monitor.MatmulProbe;
import vitssl.dsl.monitor.MemoryUsage;
import vitssl.dsl.monitor.MonitorSpec;
import vitssl.dsl.monitor.OpProfile;
import vitssl.engine.EngineSetup;
import vitssl.engine.NativeHeap;
import vitssl.runner.Runner;
import vitssl.runner.cost.MatmulRate;
import vitssl.runner.cost.MklCodePath;
import vitssl.runner.cost.StepCost;
import vitssl.runner.run.RunOptions;
import vitssl.runner.run.RunResult;

/**
 * Where a MoCo v3 step's time goes, and whether memory stays flat: runs the CPU recipe's model
 * for {@code --steps} steps (1,000 by default) and prints the step split into data wait, forward,
 * backward, optimizer and momentum update, the model's FLOPs per step, the achieved FLOP/s beside
 * a matrix-multiply rate measured in the same process (before the run, and sampled through it by
 * a {@link MatmulProbe}, 20 to 40 times over {@code --steps} or every 25 steps with {@code
 * --epochs}, so that a machine whose speed drifts is compared with itself), resident memory at
 * step 100 and at the last step, and the peak while the steps ran and over the whole process. The
 * headline compares the step's rate, a mean over steps, with the samples' sustained rate, a mean
 * over calls; the fastest calls' rate is printed beside it.
 *
 * <p>{@code --profile FROM,STEPS} also runs the engine's op profiler over those steps and writes
 * {@code op_profile.md} (ops by self time) and {@code op_profile.json} into the run folder; the
 * profiled steps are slower, so the step split is best read from a run without it.
 *
 * <p>{@code --config recipe} (the default) benches the CPU recipe's model, {@code --config tiny}
 * the earlier one (width 192); {@code --config wide} one with ViT-B's blocks (see {@link
 * BenchModel#WIDE}), 40 steps by default; {@code large} and {@code huge} ViT-L's and ViT-H's
 * blocks.
 *
 * <pre>bin/vitssl bench.StepBench [--config recipe|tiny|wide|large|huge] [--steps N] [--batch N] [--out DIR]
 *     [--threads N] [--profile FROM,STEPS]</pre>
 */
public final class StepBench {
  /** How many times the matmul rate is sampled during the run (at most once a step). */
  private static final int PROBES = 40;

  private StepBench() {}

  public static void main(String[] args) throws Exception {
    List<String> rest = new ArrayList<>(List.of(args));
    BenchModel config = BenchModel.RECIPE;
    int named = rest.indexOf("--config");
    if (named >= 0) {
      config = BenchModel.named(valueAfter(rest, named));
      rest.subList(named, named + 2).clear();
    }
    List<MonitorSpec> monitors = new ArrayList<>(List.of(MemoryUsage.every(50)));
    int profile = rest.indexOf("--profile");
    if (profile >= 0) {
      monitors.add(profileWindow(valueAfter(rest, profile)));
      rest.subList(profile, profile + 2).clear();
    }
    String[] withDefaults = withDefaults(rest, config);
    RunOptions options = RunOptions.parse(withDefaults);
    int stepsFlag = List.of(withDefaults).indexOf("--steps");
    long steps =
        stepsFlag >= 0 ? Long.parseLong(valueAfter(List.of(withDefaults), stepsFlag)) : PROBES * 25L;
    monitors.add(MatmulProbe.every(probeEvery(steps)));
    Experiment experiment =
        options.apply(
            config
                .experiment()
                .withName("step-bench-" + config.name().toLowerCase(java.util.Locale.ROOT))
                .withMonitors(monitors)
                .withEvaluation(Evaluation.knn())
                .withCheckpointEvery(1_000_000));
    EngineSetup.start(options.engineSettings());
    MatmulRate.Sample before;
    try (NDManager manager = NDManager.newBaseManager()) {
      before = MatmulRate.measure(manager, 1024, 3);
    }
    RunResult result = Runner.run(experiment, options);
    var times = new ObjectMapper().readTree(result.folder().resolve("step_times.json").toFile());
    Map<String, Double> split = new LinkedHashMap<>();
    times.get("mean_ms").fields().forEachRemaining(f -> split.put(f.getKey(), f.getValue().asDouble()));
    double compute =
        split.get("FORWARD")
            + split.get("BACKWARD")
            + split.get("OPTIMIZER")
            + split.get("MOMENTUM_UPDATE");
    double total = split.values().stream().mapToDouble(Double::doubleValue).sum();
    double flops = StepCost.flopsPerStep(experiment).orElseThrow();
    System.out.printf(
        "%nconfiguration %s: %s%n",
        config.name().toLowerCase(java.util.Locale.ROOT), describe(experiment));
    System.out.println("matrix products: " + MklCodePath.describe());
    System.out.println("native allocator: " + NativeHeap.describe());
    long ran = result.summary().steps();
    long measured = times.get("steps").asLong();
    System.out.println(
        measured < ran
            ? String.format(
                "step time, mean over the last %d of %d steps (the first carries one-time costs):",
                measured, ran)
            : "step time of the one step run (one-time costs included):");
    split.forEach(
        (phase, ms) -> System.out.printf("  %-16s %9.1f ms  %5.1f%%%n", phase, ms, 100 * ms / total));
    System.out.printf("  %-16s %9.1f ms%n", "total", total);
    System.out.printf(
        "FLOPs per step (matmuls and convolutions): %.1f GFLOP (%.1f with every token through every"
            + " block, as timm's ViT computes it)%n",
        flops / 1e9, StepCost.everyTokenFlopsPerStep(experiment).orElseThrow() / 1e9);
    System.out.printf("achieved: %.1f GFLOP/s over compute, %.1f GFLOP/s over the whole step%n",
        flops / compute / 1e6, flops / total / 1e6);
    Path metrics = result.folder().resolve("metrics.jsonl");
    double achieved = flops / compute / 1e6;
    double[] sustained = samples(metrics, "matmul_gflops");
    double[] best = samples(metrics, "matmul_best_gflops");
    System.out.printf(
        "matmul 1024^3 in this process, sustained (all timed calls) / fastest call:%n"
            + "  before the run %.1f / %.1f GFLOP/s%n",
        before.sustained() / 1e9, before.best() / 1e9);
    if (sustained.length == 0) {
      System.out.printf(
          "  during it      not sampled (a sample every %d steps; the run was shorter)%n"
              + "-> compute reaches %.0f%% of the sustained rate before the run, %.0f%% of its"
              + " fastest call%n",
          probeEvery(steps), 100 * achieved / (before.sustained() / 1e9),
          100 * achieved / (before.best() / 1e9));
    } else {
      double during = Arrays.stream(sustained).average().orElseThrow();
      double duringBest = Arrays.stream(best).average().orElseThrow();
      System.out.printf(
          "  during it      %.1f / %.1f GFLOP/s (means of %d samples; sustained %.1f-%.1f)%n",
          during, duringBest, sustained.length, Arrays.stream(sustained).min().orElseThrow(),
          Arrays.stream(sustained).max().orElseThrow());
      System.out.printf(
          "-> compute reaches %.0f%% of the sustained rate during the run (step %.0f%%);"
              + " %.0f%% of the fastest calls' rate during it, %.0f%% of the sustained rate before"
              + " it%n",
          100 * achieved / during, 100 * flops / total / 1e6 / during, 100 * achieved / duringBest,
          100 * achieved / (before.sustained() / 1e9));
    }
    MetricsColumns.printMemory(metrics);
    System.out.printf(
        "peak resident memory: %.0f MB while the steps ran, %.0f MB over the whole process"
            + " (its kNN evaluations included)%n",
        Optional.ofNullable(result.summary().stepsPeakRssMb()).orElse(-1.0),
        result.summary().peakRssMb());
  }

  private static String describe(Experiment e) {
    Vit vit = (Vit) e.backbone();
    return String.format(
        "ViT width %d, %d blocks, %d heads, %d tokens; heads %d wide; batch %d x %d views",
        vit.width(), vit.depth(), vit.heads(), vit.tokens(), ((Mlp) e.projector()).hidden(),
        e.batchSize(), e.augmentation().views().size());
  }

  /**
   * Steps between matmul samples for a run of {@code steps}: at most {@link #PROBES} samples, and
   * at most one a step.
   */
  static int probeEvery(long steps) {
    return (int) Math.max(1, (steps + PROBES - 1) / PROBES);
  }

  private static double[] samples(Path metrics, String key) throws Exception {
    return MetricsColumns.column(metrics, key).values().stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static String valueAfter(List<String> args, int flag) {
    if (flag + 1 >= args.size()) {
      throw new IllegalArgumentException(args.get(flag) + " needs a value, e.g. --config wide or --profile 20,5");
    }
    return args.get(flag + 1);
  }

  private static OpProfile profileWindow(String value) {
    String[] parts = value.split(",");
    if (parts.length != 2) {
      throw new IllegalArgumentException(
          "--profile " + value + ": expected FROM,STEPS, e.g. --profile 20,5");
    }
    return OpProfile.steps(Long.parseLong(parts[0].trim()), Integer.parseInt(parts[1].trim()));
  }

  private static String[] withDefaults(List<String> args, BenchModel config) {
    List<String> all = new ArrayList<>(args);
    if (!all.contains("--steps") && !all.contains("--epochs")) {
      all.addAll(List.of("--steps", Integer.toString(config.defaultSteps)));
    }
    if (!all.contains("--out")) {
      all.addAll(List.of("--out", "runs/step-bench-" + System.currentTimeMillis()));
    }
    return all.toArray(new String[0]);
  }
}
