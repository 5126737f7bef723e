package vitssl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vitssl.runner.TinyRuns;

/** train, then finetune and eval on what it saved, through the command line. */
class PretrainedCommandsTest {
  @TempDir static Path dir;
  static Path data;
  static Path run;

  @BeforeAll
  static void train() {
    data = dir.resolve("images");
    TinyRuns.imageFolder(data.resolve("train"), 3, 24);
    TinyRuns.imageFolder(data.resolve("val"), 3, 8);
    run = dir.resolve("pre");
    Cli cli =
        Cli.run("train", "vitssl.cli.TinyRecipe", "--data", data.toString(), "--out", run.toString(),
            "--steps", "4", "--workers", "2");
    assertThat(cli.status()).as(cli.err()).isZero();
    assertThat(run.resolve("summary.json")).exists();
  }

  @Test
  void finetuneFromTheRunAndFromScratch() throws Exception {
    Path pretrained = dir.resolve("ft");
    Cli cli = Cli.run("finetune", run.toString(), "--steps", "3", "--batch", "8", "--out", pretrained.toString());
    assertThat(cli.status()).as(cli.err()).isZero();
    JsonNode summary = new ObjectMapper().readTree(pretrained.resolve("summary.json").toFile());
    assertThat(summary.get("weights").asText()).endsWith("step-00000004.ckpt");
    assertThat(summary.get("name").asText()).isEqualTo("tiny-finetune");

    Path scratch = dir.resolve("ft-scratch");
    cli = Cli.run("finetune", run.toString(), "--from-scratch", "--steps", "3", "--batch", "8",
        "--out", scratch.toString());
    assertThat(cli.status()).as(cli.err()).isZero();
    summary = new ObjectMapper().readTree(scratch.resolve("summary.json").toFile());
    assertThat(summary.get("weights").asText()).isEqualTo("none");
    assertThat(summary.get("name").asText()).isEqualTo("tiny-finetune-scratch");

    cli = Cli.run("finetune", "--spec", pretrained.resolve("spec.json").toString(), "--resume",
        "--out", pretrained.toString());
    assertThat(cli.status()).as(cli.err()).isZero();
  }

  @Test
  void evalOnTheHeldOutFolderReproducesTheEndOfRunFiguresExactly() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode summary = json.readTree(run.resolve("summary.json").toFile());
    Cli cli = Cli.run("eval", run.toString(), "--data", data.toString(), "--workers", "2");
    assertThat(cli.status()).as(cli.err()).isZero();
    Path folder = run.resolve("eval-images");
    JsonNode eval = json.readTree(folder.resolve("eval.json").toFile());
    // The run's own protocol is k = 5, T = 0.1; its final kNN and probe, to the last digit.
    assertThat(eval.get("knn_top1").get("k=5").asDouble()).isEqualTo(summary.get("knn_top1").asDouble());
    assertThat(eval.get("linear_probe").get("top1").asDouble())
        .isEqualTo(summary.get("linear_top1").asDouble());
    assertThat(eval.get("knn_top1").has("k=20")).isTrue();
    assertThat(eval.get("knn_top1").has("k=200")).isTrue();
    assertThat(eval.get("step").asLong()).isEqualTo(4);
    assertThat(eval.get("images").get("train").asInt()).isEqualTo(72);
    assertThat(eval.get("images").get("held_out").asInt()).isEqualTo(24);
    // 1% and 10% of 24 images per class: one and two per class.
    assertThat(eval.get("low_label").get("1%").get("labelled_images").asInt()).isEqualTo(3);
    assertThat(eval.get("low_label").get("10%").get("labelled_images").asInt()).isEqualTo(6);
    assertThat(eval.get("embedding_map").get("trustworthiness").asDouble()).isBetween(0.0, 1.0);
    for (String file : new String[] {"eval.html", "embedding_map.png", "neighbours.png", "attention.png"}) {
      assertThat(folder.resolve(file)).exists();
    }

    Cli own = Cli.run("eval", run.resolve("checkpoints/step-00000004.ckpt").toString(),
        "--out", dir.resolve("own-eval").toString());
    assertThat(own.status()).as(own.err()).isZero();
    JsonNode again = json.readTree(dir.resolve("own-eval/eval.json").toFile());
    assertThat(again.get("knn_top1")).isEqualTo(eval.get("knn_top1"));
    assertThat(eval.has("knn_top1_raw_pixels")).isFalse();
  }

  @Test
  void evalAtRandomInitialisationGivesTheRunsOwnRandomInitKnn() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode summary = json.readTree(run.resolve("summary.json").toFile());
    Cli cli = Cli.run("eval", run.toString(), "--data", data.toString(), "--random-init",
        "--workers", "2");
    assertThat(cli.status()).as(cli.err()).isZero();
    JsonNode eval = json.readTree(run.resolve("eval-random-init-images/eval.json").toFile());
    // The weights the run drew before its first step, measured by the run's own k = 5.
    assertThat(eval.get("knn_top1").get("k=5").asDouble())
        .isEqualTo(summary.get("knn_top1_random_init").asDouble());
    assertThat(eval.get("step").asLong()).isZero();
  }

  @Test
  void evalMeasuresRawPixelsBesideTheEncoderWhenAsked() throws Exception {
    Path folder = dir.resolve("raw-eval");
    Cli cli = Cli.run("eval", run.toString(), "--data", data.toString(), "--raw-pixels",
        "--out", folder.toString());
    assertThat(cli.status()).as(cli.err()).isZero();
    JsonNode eval = new ObjectMapper().readTree(folder.resolve("eval.json").toFile());
    JsonNode raw = eval.get("knn_top1_raw_pixels");
    assertThat(raw.fieldNames()).toIterable().containsExactly("k=5", "k=20", "k=200");
    // Each class is one colour under noise: its pixels alone name it.
    assertThat(raw.get("k=5").asDouble()).isEqualTo(100.0);
  }

  @Test
  void evalErrorsAreOneLine() {
    Cli missing = Cli.run("eval", dir.resolve("nowhere").toString());
    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.errorLine()).contains("nowhere: no such run folder or checkpoint");
    Cli noData = Cli.run("eval", run.toString(), "--data", dir.resolve("no-images").toString());
    assertThat(noData.status()).isEqualTo(2);
    assertThat(noData.errorLine()).contains("no-images");
    assertThat(Cli.run("eval").errorLine()).contains("Missing required parameter: 'RUN_DIR|CHECKPOINT'");
  }

  @Test
  void finetuneErrorsAreOneLine() {
    Cli missing = Cli.run("finetune", dir.resolve("nowhere").toString());
    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.errorLine()).contains("nowhere: no such run folder or checkpoint");
    assertThat(Cli.run("finetune", data.toString()).errorLine()).contains("holds no checkpoint");
    assertThat(Cli.run("finetune").errorLine()).contains("give what to fine-tune");
    assertThat(Cli.run("finetune", run.toString(), "--layer-decay", "2", "--out",
            dir.resolve("ld").toString()).errorLine())
        .contains("Finetune.layerDecay = 2.0: use a factor in (0, 1]");
    Cli notACheckpoint = Cli.run("finetune", data.resolve("train/class_0/000.png").toString());
    assertThat(notACheckpoint.status()).isEqualTo(3);
    assertThat(notACheckpoint.errorLine()).contains("is not a checkpoint of this framework");
  }
}
