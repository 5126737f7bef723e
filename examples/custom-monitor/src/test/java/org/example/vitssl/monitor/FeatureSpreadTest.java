package org.example.vitssl.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vitssl.dsl.Experiment;
import vitssl.dsl.SpecException;
import vitssl.runner.Runner;
import vitssl.runner.TinyRuns;
import vitssl.runner.log.MetricsLog;
import vitssl.runner.run.RunOptions;
import vitssl.runner.run.Wiring;

/** A monitor from outside the framework, used by an experiment with one extra module. */
class FeatureSpreadTest {
  @TempDir Path dir;

  @Test
  void oneVectorHasNoSpreadAndTheAxesSpreadFully() {
    float[] same = {1, 2, 3, 1, 2, 3, 2, 4, 6};
    assertThat(Spread.of(same, 3, 3)).isCloseTo(0, within(1e-9));
    // +e_j and -e_j for every axis: each dimension has std 1/sqrt(d) around mean 0.
    int d = 4;
    float[] axes = new float[2 * d * d];
    for (int j = 0; j < d; j++) {
      axes[(2 * j) * d + j] = 3;
      axes[(2 * j + 1) * d + j] = -0.5f;
    }
    assertThat(Spread.of(axes, 2 * d, d)).isCloseTo(1, within(1e-9));
  }

  @Test
  void theSpecChecksItselfAndRoundTripsWithItsModule() {
    assertThatThrownBy(() -> FeatureSpread.every(0))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("FeatureSpread.every = 0");
    var json = Wiring.of(new FeatureSpreadModule()).json();
    FeatureSpread spec = FeatureSpread.every(5).withImages(64);
    assertThat(json.read(json.write(spec), vitssl.dsl.monitor.MonitorSpec.class)).isEqualTo(spec);
  }

  @Test
  void aRunLogsTheSpreadOnTheStepsItIsDue() {
    Path data = TinyRuns.imageFolder(dir.resolve("images"), 2, 16);
    Experiment experiment =
        TinyRuns.experiment(data, dir.resolve("run"))
            .withSteps(4)
            .withMonitors(List.of(FeatureSpread.every(2).withImages(8)));

    Runner.run(experiment, RunOptions.none(), new FeatureSpreadModule());

    List<Map<String, Object>> rows = MetricsLog.read(dir.resolve("run/metrics.jsonl"));
    assertThat(rows)
        .filteredOn(r -> r.containsKey("feature_spread"))
        .extracting(r -> ((Number) r.get("step")).intValue())
        .containsExactly(2, 4);
    assertThat(rows)
        .filteredOn(r -> r.containsKey("feature_spread"))
        .allSatisfy(r -> assertThat(((Number) r.get("feature_spread")).doubleValue()).isBetween(0.0, 1.0));
  }
}
