package vitssl.runner.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vitssl.dsl.Experiment;
import vitssl.dsl.augment.Views;
import vitssl.dsl.backbone.Vit;
import vitssl.dsl.finetune.Finetune;
import vitssl.runner.log.MetricsLog;
import vitssl.runner.run.RunOptions;
import vitssl.runner.Runner;
import vitssl.runner.TinyRuns;

class FinetuningTest {
  @TempDir static Path dir;
  static Path data;
  static Experiment pretraining;

  @BeforeAll
  static void pretrain() {
    data = TinyRuns.imageFolder(dir.resolve("images"), 3, 24);
    pretraining = TinyRuns.experiment(data, dir.resolve("pre"));
    Runner.run(pretraining, RunOptions.none());
  }

  static Finetune tiny(Path out) {
    return Finetune.deit(
            "ft", pretraining.data(), pretraining.backbone(), Views.CIFAR10_MEAN, Views.CIFAR10_STD)
        .withBatchSize(8)
        .withSteps(6)
        .withCheckpointEvery(3)
        .withLogEvery(1)
        .withOutput(out.toString());
  }

  @Test
  void aFinetuneLeavesMetricsCheckpointsSummaryAndReport() {
    Path out = dir.resolve("ft");
    Finetune spec = tiny(out).withWeights(dir.resolve("pre").toString());
    FinetuneSummary summary = Finetuning.run(spec, RunOptions.none());

    assertThat(summary.weights()).endsWith("step-00000006.ckpt");
    assertThat(summary.steps()).isEqualTo(6);
    assertThat(summary.top1()).isBetween(0.0, 100.0);
    assertThat(summary.top5()).isGreaterThanOrEqualTo(summary.top1());
    List<Map<String, Object>> rows = MetricsLog.read(out.resolve("metrics.jsonl"));
    assertThat(rows).extracting(r -> ((Number) r.get("step")).intValue())
        .containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(rows).filteredOn(r -> r.containsKey("val_top1"))
        .extracting(r -> ((Number) r.get("step")).intValue()).containsExactly(3, 6);
    assertThat(rows.get(5).get("val_top1")).isEqualTo(summary.top1());
    assertThat(rows.get(0)).containsKeys("loss", "lr", "train_top1", "grad_norm_total");
    assertThat((double) rows.get(0).get("lr")).isZero(); // warmup starts at 0
    assertThat(out.resolve("report.html")).exists();
    assertThat(out.resolve("loss_lr.png")).exists();
    assertThat(out.resolve("checkpoints/step-00000006.ckpt")).exists();
    assertThat(out.resolve("spec.json")).exists();

    assertThatThrownBy(() -> Finetuning.run(spec, RunOptions.none()))
        .hasMessageContaining("already holds a run: pass --resume");
    assertThat(Finetuning.run(spec, RunOptions.parse("--resume"))).isEqualTo(summary);
  }

  @Test
  void aStoppedFinetuneResumesFromItsCheckpoint() throws Exception {
    Path out = dir.resolve("resumed");
    Finetuning.run(tiny(out).withSteps(3), RunOptions.none());
    // As if stopped after its checkpoint at step 3: no summary yet.
    Files.delete(out.resolve("summary.json"));
    FinetuneSummary longer = Finetuning.run(tiny(out), RunOptions.parse("--resume"));
    assertThat(longer.steps()).isEqualTo(6);
    assertThat(MetricsLog.read(out.resolve("metrics.jsonl")))
        .extracting(r -> ((Number) r.get("step")).intValue())
        .containsExactly(1, 2, 3, 4, 5, 6);
    assertThatThrownBy(
            () -> Finetuning.run(tiny(out).withLabelSmoothing(0.2), RunOptions.parse("--resume")))
        .hasMessageContaining("was written by another spec");
  }

  @Test
  void weightsThatAreMissingOrOfAnotherBackboneAreOneLine() {
    assertThatThrownBy(
            () -> Finetuning.run(tiny(dir.resolve("x")).withWeights(dir.resolve("nowhere").toString()), RunOptions.none()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nowhere: no such run folder or checkpoint");
    assertThatThrownBy(
            () -> Finetuning.run(tiny(dir.resolve("y")).withWeights(dir.resolve("images").toString()), RunOptions.none()))
        .hasMessageContaining("holds no checkpoint");
    Finetune wide =
        tiny(dir.resolve("z"))
            .withBackbone(Vit.of(64, 1, 2).withImageSize(16).withPatchSize(8))
            .withWeights(dir.resolve("pre").toString());
    assertThatThrownBy(() -> Finetuning.run(wide, RunOptions.none()))
        .hasMessageContaining("use the pre-trained run's backbone");
  }
}
