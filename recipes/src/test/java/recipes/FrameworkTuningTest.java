package recipes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vitssl.dsl.Experiment;
import vitssl.dsl.Span;
import vitssl.dsl.data.ValidationSplit;
import vitssl.dsl.eval.Evaluation;
import vitssl.dsl.optim.AdamW;
import vitssl.runner.Sweep;

class FrameworkTuningTest {
  @TempDir Path folder;

  @Test
  void eachTuningRunIsItsFrameworkOnTheValidationSplitAtOneRateAThirdAsLong() {
    List<Sweep.Variant> comparison = FrameworkComparison.variants();
    List<Sweep.Variant> tuning = FrameworkTuning.variants(comparison);

    assertThat(tuning).hasSize(comparison.size() * FrameworkTuning.RATES.size());
    assertThat(tuning.get(0).name()).isEqualTo("mocov3-lr-5e-4");
    assertThat(tuning.get(4).name()).isEqualTo("simclr-lr-1e-3");
    for (int i = 0; i < tuning.size(); i++) {
      Experiment framework = comparison.get(i / 3).experiment();
      Experiment e = tuning.get(i).experiment();
      double rate = FrameworkTuning.RATES.get(i % 3);
      assertThat(e.data()).isEqualTo(ValidationSplit.of(framework.data(), 5_000));
      assertThat(e.length()).isEqualTo(Span.steps(500));
      assertThat(((AdamW) e.optimizer()).baseLr()).isEqualTo(rate);
      // Everything else is the framework's own.
      assertThat(
              e.withData(framework.data())
                  .withSteps(1500)
                  .withOptimizer(framework.optimizer())
                  .withEvaluation(framework.evaluation())
                  .withName(framework.name()))
          .isEqualTo(framework);
      assertThat(e.evaluation()).isEqualTo(Evaluation.knn());
    }
  }

  private void summary(String variant, double knn) throws IOException {
    Path dir = Files.createDirectories(folder.resolve(variant));
    Files.writeString(dir.resolve("summary.json"), "{\"name\":\"" + variant + "\",\"knn_top1\":" + knn + "}");
  }

  @Test
  void eachFrameworkTakesTheRateWithTheBestValidationKnnOnceAllHaveRun() throws IOException {
    List<Sweep.Variant> comparison = FrameworkComparison.variants();
    double[][] knn = {{40.1, 42.3, 41.0}, {38.0, 37.5, 39.9}, {36.2, 35.0, 35.1}, {41.0, 41.5, 41.4}};
    for (int f = 0; f < comparison.size(); f++) {
      for (int r = 0; r < 3; r++) {
        if (f == 3 && r == 2) {
          assertThat(FrameworkTuning.choices(comparison, folder)).isEmpty();
        }
        summary(FrameworkTuning.name(comparison.get(f).name(), FrameworkTuning.RATES.get(r)), knn[f][r]);
      }
    }

    List<FrameworkTuning.Choice> choices = FrameworkTuning.choices(comparison, folder).orElseThrow();

    assertThat(choices).extracting(FrameworkTuning.Choice::rate).containsExactly(1e-3, 2e-3, 5e-4, 1e-3);
    assertThat(choices.get(1).knnByRate()).isEqualTo(Map.of(5e-4, 38.0, 1e-3, 37.5, 2e-3, 39.9));
    assertThat(choices.get(0).describe())
        .isEqualTo("base lr 1e-3 (validation kNN: 5e-4 40.10, 1e-3 42.30, 2e-3 41.00)");
    List<Sweep.Variant> tuned = FrameworkTuning.tuned(comparison, choices);
    for (int f = 0; f < comparison.size(); f++) {
      Experiment e = tuned.get(f).experiment();
      Experiment framework = comparison.get(f).experiment();
      assertThat(((AdamW) e.optimizer()).baseLr()).isEqualTo(choices.get(f).rate());
      assertThat(e.withOptimizer(framework.optimizer())).isEqualTo(framework);
      assertThat(tuned.get(f).name()).isEqualTo(comparison.get(f).name());
    }
  }

  @Test
  void commandArgumentsLoseTheirValuesAndTheSchedulerOptionsAreNotRunOptions() {
    String[] args = {"--steps", "300", "--emit", "slurm", "jobs", "--out", "runs/x", "--threads", "2"};
    assertThat(CommandArgs.runOptions(args).orElseThrow().steps()).contains(300L);
    assertThat(CommandArgs.runOptions(new String[] {"--stepz", "3"})).isEmpty();
    assertThat(CommandArgs.with(CommandArgs.without(args, List.of("--steps", "--out")), "--out", "y"))
        .containsExactly("--emit", "slurm", "jobs", "--threads", "2", "--out", "y");
  }
}
