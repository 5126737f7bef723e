package vitssl.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vitssl.dsl.Experiment;
import vitssl.dsl.Frameworks;

/** SimCLR and BYOL run through the same runner as MoCo v3, one line apart. */
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
}
