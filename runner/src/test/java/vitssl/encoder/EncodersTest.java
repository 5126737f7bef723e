package vitssl.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vitssl.data.Dataset;
import vitssl.data.ImageFolderData;
import vitssl.dsl.Experiment;
import vitssl.dsl.data.ImageFolder;
import vitssl.dsl.monitor.Knn;
import vitssl.embed.Embedder;
import vitssl.embed.EmbeddingsFile;
import vitssl.encoder.command.EmbedCommand;
import vitssl.encoder.command.ExportCommand;
import vitssl.encoder.command.ImportCommand;
import vitssl.eval.KnnClassifier;
import vitssl.runner.evaluation.Features;
import vitssl.runner.run.RunOptions;
import vitssl.runner.Runner;
import vitssl.runner.run.Summary;
import vitssl.runner.TinyRuns;
import vitssl.weights.Encoder;

/** A trained run's encoder, opened from its folder, exported, embedded with, and its commands. */
class EncodersTest {
  @TempDir static Path dir;
  static Path data;
  static Path run;
  static Experiment experiment;
  static Summary summary;

  @BeforeAll
  static void train() {
    data = TinyRuns.imageFolder(dir.resolve("images"), 3, 12);
    run = dir.resolve("run");
    experiment = TinyRuns.experiment(data, run);
    summary = Runner.run(experiment, RunOptions.none()).summary();
  }

  @Test
  void theRunsEncoderReproducesItsFinalKnn() {
    Dataset split = ImageFolderData.open((ImageFolder) experiment.data());
    try (NDManager manager = NDManager.newBaseManager();
        Encoder encoder = Encoders.open(run, EncoderOptions.defaults(), manager)) {
      assertThat(encoder.spec()).isEqualTo(experiment.backbone());
      assertThat(encoder.source()).contains("step-00000006.ckpt");
      Features bank = features(encoder, split, true, manager);
      Features queries = features(encoder, split, false, manager);
      Knn knn = experiment.monitors().stream().filter(Knn.class::isInstance).map(Knn.class::cast).findFirst().orElseThrow();
      double top1 =
          KnnClassifier.of(knn)
              .evaluate(bank.features(), bank.labels(), queries.features(), queries.labels())
              .top1();
      assertThat(top1).isEqualTo(summary.knnTop1());
    }
  }

  @Test
  void exportedWeightsGiveTheRunsFeatures() {
    Path weights = dir.resolve("export").resolve("tiny.safetensors");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        CommandLines.execute(
            new ExportCommand(), new PrintWriter(out), new PrintWriter(err),
            run.toString(), "--out", weights.toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("vit backbone, 32 features of 16x16 images, timm names");
    try (NDManager manager = NDManager.newBaseManager();
        Encoder trained = Encoders.open(run, EncoderOptions.defaults(), manager);
        Encoder exported = Encoders.open(weights, EncoderOptions.defaults(), manager)) {
      assertThat(exported.preprocessing()).isEqualTo(trained.preprocessing());
      NDArray images = manager.randomNormal(new ai.djl.ndarray.types.Shape(3, 3, 16, 16));
      assertThat(Arrays.equals(exported.features(images).toFloatArray(), trained.features(images).toFloatArray()))
          .isTrue();
    }
  }

  @Test
  void embedWritesOneRowPerImageAsThePredictorEmbedsIt() throws Exception {
    Path file = dir.resolve("embeddings.safetensors");
    StringWriter out = new StringWriter();
    int code =
        CommandLines.execute(
            new EmbedCommand(), new PrintWriter(out), new PrintWriter(new StringWriter()),
            "--checkpoint", run.toString(), "--data", data.toString(), "--out", file.toString(),
            "--workers", "1");
    assertThat(code).isZero();
    EmbeddingsFile.Index index = EmbeddingsFile.index(file);
    assertThat(index.files()).hasSize(36).startsWith("class_0/000.png").endsWith("class_2/011.png");
    try (NDManager manager = NDManager.newBaseManager();
        Encoder encoder = Encoders.open(run, EncoderOptions.defaults(), manager);
        Predictor<BufferedImage, float[]> predictor = Embedder.predictor(encoder)) {
      NDArray rows = EmbeddingsFile.features(file, manager);
      assertThat(rows.getShape().getShape()).containsExactly(36, 32);
      for (int i : new int[] {0, 17, 35}) {
        float[] single = predictor.predict(ImageIO.read(data.resolve(index.files().get(i)).toFile()));
        float[] row = rows.get(i).toFloatArray();
        for (int j = 0; j < row.length; j++) {
          assertThat(single[j]).isCloseTo(row[j], org.assertj.core.data.Offset.offset(1e-5f));
        }
      }
    }
  }

  @Test
  void neighboursOfAnImageStartWithItself() {
    Path query = data.resolve("class_1").resolve("004.png");
    StringWriter out = new StringWriter();
    int code =
        CommandLines.execute(
            new EmbedCommand(), new PrintWriter(out), new PrintWriter(new StringWriter()),
            "--checkpoint", run.toString(), "--data", data.toString(), "--query", query.toString(),
            "--neighbours", "3");
    assertThat(code).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines).anyMatch(l -> l.startsWith("nearest to"));
    assertThat(lines.get(lines.size() - 3)).matches("  1  1\\.0000  class_1/004\\.png");
    assertThat(lines.subList(lines.size() - 3, lines.size())).hasSize(3);
  }

  @Test
  void wrongInputGetsOneLineAndHelpListsEveryFlag() {
    StringWriter err = new StringWriter();
    int code =
        CommandLines.execute(
            new EmbedCommand(), new PrintWriter(new StringWriter()), new PrintWriter(err),
            "--checkpoint", dir.resolve("nowhere").toString(), "--data", data.toString(), "--out",
            dir.resolve("x.safetensors").toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString().lines().toList())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("error: ")
        .contains("nowhere does not exist: give a run folder");

    err = new StringWriter();
    code =
        CommandLines.execute(
            new ImportCommand(), new PrintWriter(new StringWriter()), new PrintWriter(err),
            data.resolve("class_0").resolve("000.png").toString(), "--out",
            dir.resolve("y.safetensors").toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).startsWith("error: ").contains("is not a zip archive");

    err = new StringWriter();
    code =
        CommandLines.execute(
            new ExportCommand(), new PrintWriter(new StringWriter()), new PrintWriter(err),
            data.toString(), "--out", dir.resolve("z.safetensors").toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("holds no checkpoint (checkpoints/step-*.ckpt)");

    StringWriter help = new StringWriter();
    assertThat(
            CommandLines.execute(
                new EmbedCommand(), new PrintWriter(help), new PrintWriter(new StringWriter()), "--help"))
        .isZero();
    assertThat(help.toString())
        .contains("--checkpoint", "--data", "--out", "--query", "--neighbours", "--batch-size",
            "--workers", "--heads", "--image-size", "--encoder");
  }

  private static Features features(Encoder encoder, Dataset split, boolean train, NDManager manager) {
    return Features.extract(
        train ? split.train() : split.heldOut(),
        encoder.preprocessing().transform(),
        encoder::features,
        64,
        1,
        manager);
  }
}
