package vitssl.runner;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import javax.imageio.ImageIO;
import vitssl.dsl.Experiment;
import vitssl.dsl.Span;
import vitssl.dsl.augment.ColorJitter;
import vitssl.dsl.augment.TwoViews;
import vitssl.dsl.augment.View;
import vitssl.dsl.augment.Views;
import vitssl.dsl.backbone.Vit;
import vitssl.dsl.data.ImageFolder;
import vitssl.dsl.eval.Evaluation;
import vitssl.dsl.eval.LinearProbe;
import vitssl.dsl.head.Mlp;
import vitssl.dsl.loss.InfoNce;
import vitssl.dsl.monitor.GradientNorms;
import vitssl.dsl.monitor.Knn;
import vitssl.dsl.optim.AdamW;
import vitssl.dsl.optim.Momentum;
import vitssl.dsl.optim.WarmupConstant;
import vitssl.inject.Components;
import vitssl.runner.train.Encoder;
import vitssl.runner.train.SiameseModel;

/** Runs small enough for unit tests: a 16x16 image folder and a one-block ViT. */
public final class TinyRuns {
  private TinyRuns() {}

  /**
   * Writes {@code classes} folders of {@code perClass} 16x16 PNGs, each class a colour with noise,
   * so a kNN on raw colour separates them.
   */
  public static Path imageFolder(Path root, int classes, int perClass) {
    Random random = new Random(7);
    try {
      for (int c = 0; c < classes; c++) {
        Path dir = Files.createDirectories(root.resolve("class_" + c));
        int base = java.awt.Color.HSBtoRGB(c / (float) classes, 0.8f, 0.8f);
        for (int i = 0; i < perClass; i++) {
          BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
          for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
              int noise = random.nextInt(40) - 20;
              int r = clamp(((base >> 16) & 0xff) + noise);
              int g = clamp(((base >> 8) & 0xff) + noise);
              int b = clamp((base & 0xff) + noise);
              image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
          }
          ImageIO.write(image, "png", dir.resolve(String.format("%03d.png", i)).toFile());
        }
      }
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Six steps of MoCo v3 on a one-block ViT, with every monitor and the probe. */
  public static Experiment experiment(Path data, Path out) {
    View view =
        Views.plain(16)
            .cropMin(0.5)
            .withJitter(ColorJitter.mocoV3().withProbability(0.5))
            .withStatistics(Views.CIFAR10_MEAN, Views.CIFAR10_STD);
    return Experiment.builder()
        .name("tiny")
        .data(ImageFolder.at(data.toString()).withHeldOutFraction(0.25).withEvalCropFraction(1.0))
        .augmentation(TwoViews.of(view, view.withSolarizeProbability(0.2)))
        .backbone(Vit.of(32, 1, 2).withImageSize(16).withPatchSize(8))
        .projector(Mlp.layers(2).withHidden(64).withOut(16))
        .predictor(Mlp.layers(2).withHidden(64).withOut(16))
        .loss(InfoNce.infoNce())
        .momentum(Momentum.constant(0.9))
        .optimizer(AdamW.baseLr(1e-3))
        .schedule(WarmupConstant.warmup(Span.steps(1)))
        .batchSize(8)
        .steps(6)
        .addMonitors(Knn.every(3).withK(5), GradientNorms.everyStep())
        .evaluation(
            Evaluation.knnAndProbe(LinearProbe.defaults().withEpochs(3).withBatchSize(16)).withKnnK(5))
        .checkpointEvery(3)
        .logEvery(2)
        .output(out.toString())
        .build();
  }

  /** The siamese model of {@link #experiment}'s spec (16x16 images, batch 8), seeded. */
  public static SiameseModel siameseModel(
      Experiment experiment, NDManager manager, Components components) {
    Engine.getInstance().setRandomSeed(1);
    return new SiameseModel(
        new Encoder(components.backbone(experiment.backbone()), components.head(experiment.projector(), 32)),
        Optional.of(components.head(experiment.predictor().orElseThrow(), 16)),
        Optional.of(
            new Encoder(components.backbone(experiment.backbone()), components.head(experiment.projector(), 32))),
        manager,
        new Shape(8, 3, 16, 16));
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }
}
