package vitssl.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vitssl.dsl.Experiment;
import vitssl.dsl.eval.Evaluation;
import vitssl.dsl.monitor.MatmulProbe;
import vitssl.dsl.monitor.MonitorSpec;
import vitssl.dsl.monitor.OpProfile;
import vitssl.runner.log.MetricsLog;
import vitssl.runner.monitor.Monitor;
import vitssl.runner.monitor.MonitorBindings;
import vitssl.runner.run.RunOptions;
import vitssl.runner.run.RunResult;
import vitssl.runner.run.Summary;
import vitssl.runner.run.Wiring;

class RunnerTest {
  @TempDir static Path dir;
  static Path data;

  @BeforeAll
  static void images() {
    data = TinyRuns.imageFolder(dir.resolve("images"), 3, 24);
  }

  @Test
  void aRunLeavesSpecMetricsCheckpointsSummaryAndReport() throws Exception {
    Path out = dir.resolve("run");
    Experiment experiment = TinyRuns.experiment(data, out);
    RunResult result = Runner.run(experiment, RunOptions.none());

    var json = Wiring.of().json();
    assertThat(json.readExperiment(Files.readString(out.resolve("spec.json")))).isEqualTo(experiment);

    List<Map<String, Object>> rows = MetricsLog.read(out.resolve("metrics.jsonl"));
    assertThat(rows).extracting(r -> ((Number) r.get("step")).intValue()).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(rows.get(0)).containsKeys("loss", "lr", "momentum", "images_per_second", "epoch",
        "grad_norm.block_0", "grad_norm.final_norm");
    assertThat(rows.get(0)).doesNotContainKey("grad_norm.patch_embed"); // frozen: no gradient
    assertThat(rows).filteredOn(r -> r.containsKey("knn_top1"))
        .extracting(r -> ((Number) r.get("step")).intValue()).containsExactly(3, 6);
    assertThat((double) rows.get(0).get("lr")).isZero(); // warmup starts at 0
    assertThat((double) rows.get(1).get("lr")).isEqualTo(1e-3 * 8 / 256);

    Summary summary = result.summary();
    assertThat(summary.steps()).isEqualTo(6);
    // The last kNN monitor measured the final weights with the final evaluation's settings (k = 5,
    // the whole bank and held-out split) through the monitor's own code path: the same figure.
    double lastMonitored = ((Number) rows.get(rows.size() - 1).get("knn_top1")).doubleValue();
    assertThat(summary.knnTop1()).isEqualTo(lastMonitored);
    // Accuracies over the 18 held-out images are multiples of 1/18.
    assertThat(summary.knnTop1RandomInit() * 18 / 100).isCloseTo(Math.rint(summary.knnTop1RandomInit() * 18 / 100), within(1e-9));
    assertThat(summary.linearTop1()).isNotNull();
    assertThat(summary.linearTop5()).isGreaterThanOrEqualTo(summary.linearTop1());
    assertThat(summary.peakRssMb()).isPositive();
    assertThat(summary.stepsPeakRssMb()).isPositive().isLessThanOrEqualTo(summary.peakRssMb());
    assertThat(Files.readString(out.resolve("summary.json"))).contains("\"knn_top1_random_init\"");
    assertThat(out.resolve("report.html")).exists();
    // The final evaluation's pictures, in the folder and in the report.
    for (String picture : new String[] {"embedding_map.png", "neighbours.png", "attention.png"}) {
      assertThat(out.resolve(picture)).exists();
    }
    assertThat(Files.readString(out.resolve("report.html")))
        .contains("Embedding map", "Nearest neighbours", "Class-token attention");
    assertThat(out.resolve("checkpoints/step-00000006.ckpt")).exists();
    // The phase means leave out the first step, which carries one-time costs.
    JsonNode times = new ObjectMapper().readTree(out.resolve("step_times.json").toFile());
    assertThat(times.get("steps").asLong()).isEqualTo(5);
    assertThat(times.get("mean_ms").get("FORWARD").asDouble()).isPositive();

    assertThatThrownBy(() -> Runner.run(experiment, RunOptions.none()))
        .hasMessageContaining("already holds a run: pass --resume");
    assertThat(Runner.run(experiment, RunOptions.parse("--resume")).summary()).isEqualTo(summary);
  }

  @Test
  void theOpProfilerWritesATraceAndATableOfItsWindow() throws Exception {
    Path out = dir.resolve("profiled");
    Experiment experiment =
        TinyRuns.experiment(data, out)
            .withEvaluation(Evaluation.knn())
            .withMonitors(List.of(OpProfile.steps(2, 3)));
    Runner.run(experiment, RunOptions.none());

    assertThat(out.resolve("op_profile.json")).exists();
    String table = Files.readString(out.resolve("op_profile.md"));
    assertThat(table).contains("mean over 3 profiled steps").contains("| aten::");
    // A matmul runs in every step: its calls per step are a whole positive number.
    assertThat(table).containsPattern("\\| aten::(mm|addmm|matmul) \\| [1-9][0-9]* \\|");
  }

  @Test
  void theMatmulProbeLogsTheRateAtItsSteps() throws Exception {
    Path out = dir.resolve("probed");
    Experiment experiment =
        TinyRuns.experiment(data, out)
            .withEvaluation(Evaluation.knn())
            .withMonitors(List.of(MatmulProbe.every(2).withSize(128)));
    Runner.run(experiment, RunOptions.none());

    ObjectMapper json = new ObjectMapper();
    List<Long> probed = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("metrics.jsonl"))) {
      JsonNode row = json.readTree(line);
      if (row.has("matmul_gflops")) {
        probed.add(row.get("step").asLong());
        assertThat(row.get("matmul_gflops").asDouble()).isPositive();
        assertThat(row.has("matmul_best_gflops")).isTrue();
        assertThat(row.get("matmul_best_gflops").asDouble())
            .isGreaterThanOrEqualTo(row.get("matmul_gflops").asDouble());
      }
    }
    assertThat(probed).containsExactly(2L, 4L, 6L);
  }

  @Test
  void anOpProfileWindowMustStartAfterTheFirstStep() {
    assertThatThrownBy(() -> OpProfile.steps(0, 3))
        .hasMessageContaining("OpProfile.from")
        .hasMessageContaining("step 1 or later");
    assertThatThrownBy(() -> OpProfile.steps(1, 0)).hasMessageContaining("OpProfile.steps");
  }

  /** A monitor from outside the framework that fails once, as a run killed half-way would. */
  @JsonTypeName("crash-once")
  record CrashOnce(int every, long atStep) implements MonitorSpec {}

  static final AtomicBoolean CRASHED = new AtomicBoolean();

  static final class CrashModule extends AbstractModule {
    @Override
    protected void configure() {
      MonitorBindings.monitor(
          binder(),
          CrashOnce.class,
          (spec, run) ->
              new Monitor() {
                @Override
                public boolean dueAt(long step) {
                  return step == spec.atStep();
                }

                @Override
                public void afterStep(long step, Map<String, Object> row) {
                  if (CRASHED.compareAndSet(false, true)) {
                    throw new IllegalStateException("killed at step " + step);
                  }
                }
              });
    }
  }

  @Test
  void resumingAfterACrashReproducesTheUninterruptedRun() throws Exception {
    Experiment crashing =
        TinyRuns.experiment(data, dir.resolve("crashed")).withMonitors(List.of(new CrashOnce(1, 4)));
    assertThatThrownBy(() -> Runner.run(crashing, RunOptions.none(), new CrashModule()))
        .hasMessageContaining("killed at step 4");
    assertThat(dir.resolve("crashed/checkpoints/step-00000003.ckpt")).exists();
    assertThat(dir.resolve("crashed/summary.json")).doesNotExist();

    Summary resumed = Runner.run(crashing, RunOptions.parse("--resume"), new CrashModule()).summary();
    Summary straight =
        Runner.run(crashing.withOutput(dir.resolve("straight").toString()), RunOptions.none(), new CrashModule())
            .summary();

    assertThat(resumed.steps()).isEqualTo(straight.steps()).isEqualTo(6);
    // The resumed run's phase means cover its own steps 5 and 6: step 4, its first, is left out.
    assertThat(new ObjectMapper().readTree(dir.resolve("crashed/step_times.json").toFile()).get("steps").asLong())
        .isEqualTo(2);
    assertThat(resumed.finalLoss()).isCloseTo(straight.finalLoss(), within(1e-4));
    assertThat(Files.readString(dir.resolve("crashed/spec.json")))
        .isEqualTo(Files.readString(dir.resolve("straight/spec.json")).replace("straight", "crashed"));
    // Every second step, and step 5, where the crash monitor was due; lines of the crashed
    // attempt past its checkpoint (step 4) are gone.
    assertThat(MetricsLog.read(dir.resolve("crashed/metrics.jsonl")))
        .extracting(r -> ((Number) r.get("step")).intValue())
        .containsExactly(2, 4, 5, 6);
  }
}
