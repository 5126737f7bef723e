package vitssl.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vitssl.dsl.Experiment;
import vitssl.dsl.compute.Compute;
import vitssl.dsl.compute.Precision;
import vitssl.runner.run.RunOptions;
import vitssl.runner.run.Summary;
import vitssl.runner.run.Wiring;

/** A whole run with its batch split over CPU replicas in bf16, through the runner. */
class ComputeRunTest {
  @TempDir Path dir;

  @Test
  void aRunOnTwoReplicasInBf16TrainsEvaluatesAndRecordsItsCompute() throws Exception {
    Path data = TinyRuns.imageFolder(dir.resolve("images"), 3, 24);
    Compute compute = Compute.cpuReplicas(2).withPrecision(Precision.BF16);
    Experiment e = TinyRuns.experiment(data, dir.resolve("run")).withCompute(compute);

    Summary summary = Runner.run(e, RunOptions.none()).summary();

    assertThat(summary.steps()).isEqualTo(6);
    assertThat(summary.finalLoss()).isFinite().isPositive();
    assertThat(summary.skippedSteps()).isZero();
    Experiment recorded =
        Wiring.of().json().readExperiment(Files.readString(dir.resolve("run/spec.json")));
    assertThat(recorded.compute()).isEqualTo(compute);
  }

  @Test
  void aGpuTheMachineLacksIsRefusedBeforeTheRunStarts() {
    Experiment e = TinyRuns.experiment(dir.resolve("images"), dir.resolve("gpu")).withCompute(Compute.gpus(2));
    org.junit.jupiter.api.Assumptions.assumeTrue(
        ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount() < 2, "this machine has two GPUs");
    assertThatThrownBy(() -> Runner.run(e, RunOptions.none()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Experiment.compute.devices lists gpu")
        .hasMessageContaining("list only GPUs this machine has");
    assertThat(dir.resolve("gpu")).doesNotExist();
  }
}
