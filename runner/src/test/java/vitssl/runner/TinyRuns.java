package vitssl.runner;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Optional;
import vitssl.dsl.Experiment;
import vitssl.inject.Components;
import vitssl.runner.train.Encoder;
import vitssl.runner.train.SiameseModel;
import vitssl.tools.TinyRun;

/** Runs small enough for unit tests: a 16x16 image folder and a one-block ViT. */
public final class TinyRuns {
  private TinyRuns() {}

  /** {@link TinyRun#imageFolder}: 16x16 PNGs, a colour per class. */
  public static Path imageFolder(Path root, int classes, int perClass) {
    return TinyRun.imageFolder(root, classes, perClass);
  }

  /** {@link TinyRun#experiment}: six steps of MoCo v3 on a one-block ViT. */
  public static Experiment experiment(Path data, Path out) {
    return TinyRun.experiment(data, out);
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
}
