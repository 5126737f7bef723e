package vitssl.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vitssl.dsl.Experiment;
import vitssl.dsl.Frameworks;
import vitssl.dsl.Span;
import vitssl.dsl.loss.Swav;
import vitssl.engine.EngineSetup;
import vitssl.inject.Components;
import vitssl.loss.SiameseLoss;
import vitssl.runner.run.RunOptions;
import vitssl.runner.run.Summary;
import vitssl.runner.run.Wiring;
import vitssl.runner.train.CheckpointParts;
import vitssl.runner.train.SiameseModel;

/** SimCLR, BYOL and SwAV run through the same runner as MoCo v3, one line apart. */
class FrameworkRunsTest {
  @TempDir static Path dir;
  static Path data;

  @BeforeAll
  static void images() {
    data = TinyRuns.imageFolder(dir.resolve("images"), 3, 24);
  }

  @Test
  void simclrTrainsWithoutAKeyEncoder() {
    Experiment simclr = TinyRuns.experiment(data, dir.resolve("simclr")).with(Frameworks.simclr());
    EngineSetup.ensureStarted();
    Components components = Wiring.of().components();
    try (NDManager manager = NDManager.newBaseManager()) {
      SiameseLoss loss = components.loss(simclr.loss());
      SiameseModel model = SiameseModel.of(simclr, loss, components, manager);
      assertThat(model.hasKeyEncoder()).isFalse();
      assertThat(CheckpointParts.of(model, components.optimizer(simclr.optimizer(), manager), loss))
          .doesNotContainKey("key_encoder")
          .containsKey("query_encoder");
    }
    Summary summary = Runner.run(simclr, RunOptions.none()).summary();
    assertThat(summary.steps()).isEqualTo(6);
    assertThat(summary.finalLoss()).isFinite().isPositive();
    assertThat(summary.skippedSteps()).isZero();
  }

  @Test
  void byolTrainsWithItsRegressionLoss() {
    Experiment byol = TinyRuns.experiment(data, dir.resolve("byol")).with(Frameworks.byol());
    Summary summary = Runner.run(byol, RunOptions.none()).summary();
    assertThat(summary.steps()).isEqualTo(6);
    // 2 - 2 cos per view pair, two pairs: between 0 and 8.
    assertThat(summary.finalLoss()).isBetween(0.0, 8.0);
  }

  @Test
  void swavTrainsOnMultiCropWithAQueueAndResumes() {
    Experiment swav =
        TinyRuns.experiment(data, dir.resolve("swav"))
            .with(Frameworks.swav(2))
            .withLoss(
                Swav.swav()
                    .withPrototypes(10)
                    .withFreezePrototypes(Span.steps(2))
                    .queue(16, Span.steps(1)));
    Summary straight = Runner.run(swav, RunOptions.none()).summary();
    assertThat(straight.steps()).isEqualTo(6);
    assertThat(straight.finalLoss()).isFinite().isPositive();
    assertThat(straight.skippedSteps()).isZero();

    // Killed at step 4, after its step-3 checkpoint: the run continues with the prototypes and
    // the queue restored from it.
    RunnerTest.CRASHED.set(false);
    Experiment crashing =
        swav.withOutput(dir.resolve("swav-crashed").toString())
            .withMonitors(List.of(new RunnerTest.CrashOnce(1, 4)));
    assertThatThrownBy(() -> Runner.run(crashing, RunOptions.none(), new RunnerTest.CrashModule()))
        .hasMessageContaining("killed at step 4");
    Summary resumed =
        Runner.run(crashing, RunOptions.parse("--resume"), new RunnerTest.CrashModule()).summary();
    assertThat(resumed.steps()).isEqualTo(6);
    assertThat(resumed.finalLoss()).isFinite().isPositive();
  }
}
