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
    data = TinyRuns.imageFolder(dir.resolve("images"), 3, 24);
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
  void finetuneErrorsAreOneLine() {
    Cli missing = Cli.run("finetune", dir.resolve("nowhere").toString());
    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.errorLine()).contains("nowhere: no such run folder or checkpoint");
    assertThat(Cli.run("finetune", data.toString()).errorLine()).contains("holds no checkpoint");
    assertThat(Cli.run("finetune").errorLine()).contains("give what to fine-tune");
    assertThat(Cli.run("finetune", run.toString(), "--layer-decay", "2", "--out",
            dir.resolve("ld").toString()).errorLine())
        .contains("Finetune.layerDecay = 2.0: use a factor in (0, 1]");
    Cli notACheckpoint = Cli.run("finetune", data.resolve("class_0/000.png").toString());
    assertThat(notACheckpoint.status()).isEqualTo(3);
    assertThat(notACheckpoint.errorLine()).contains("is not a checkpoint of this framework");
  }
}
