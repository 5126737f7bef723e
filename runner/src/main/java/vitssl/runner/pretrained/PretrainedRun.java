package vitssl.runner.pretrained;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import vitssl.dsl.Experiment;
import vitssl.dsl.SpecJson;
import vitssl.dsl.backbone.BackboneSpec;
import vitssl.dsl.backbone.PatchProjection;
import vitssl.dsl.backbone.Vit;
import vitssl.inject.Components;
import vitssl.backbone.Backbone;
import vitssl.runner.train.Checkpoints;

/**
 * A pre-trained encoder named by a path: a run folder (its latest checkpoint) or one checkpoint
 * file, with the experiment that wrote it.
 */
public record PretrainedRun(Path checkpoint, Experiment experiment) {
  /**
   * Finds the checkpoint at {@code path} and reads its experiment; fails with one line naming the
   * path when there is no folder or file there, or no checkpoint in the folder.
   */
  public static PretrainedRun at(Path path, SpecJson json) {
    Path file;
    if (Files.isDirectory(path)) {
      file =
          new Checkpoints(path)
              .latest()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          path + " holds no checkpoint (checkpoints/step-*.ckpt): give the folder"
                              + " of a run that saved one, or a checkpoint file"));
    } else if (Files.isRegularFile(path)) {
      file = path;
    } else {
      throw new IllegalArgumentException(
          path + ": no such run folder or checkpoint; give a run folder (e.g. runs/mocov3-cifar10)"
              + " or a checkpoint file (runs/NAME/checkpoints/step-NNNNNNNN.ckpt)");
    }
    return new PretrainedRun(file, json.readExperiment(Checkpoints.header(file).specJson()));
  }

  /** The run's backbone with its trained weights, as the run built it. */
  public Backbone backbone(Components components, NDManager manager) {
    return backbone(components, experiment.backbone(), manager);
  }

  /**
   * The query encoder's backbone with the checkpoint's weights, built from {@code spec}: the run's
   * own backbone spec, up to what has no weights (a ViT's drop path, whether its patch projection
   * trains), so a fine-tune may change those.
   * Its parameters live in {@code manager} and record gradients.
   */
  public Backbone backbone(Components components, BackboneSpec spec, NDManager manager) {
    if (!weightsOf(spec).equals(weightsOf(experiment.backbone()))) {
      throw new IllegalArgumentException(
          "the backbone " + spec + " is not the one of " + checkpoint + " ("
              + experiment.backbone() + "): use the pre-trained run's backbone");
    }
    return build(components, spec, manager, true);
  }

  /**
   * The run's backbone as it was before its first step: built and initialised under the run's
   * seed in the order the run drew its weights (query backbone, then its projector), so it holds
   * the weights the run's random-init kNN measured. The floor a pre-training must beat, on any
   * data.
   */
  public Backbone randomBackbone(Components components, NDManager manager) {
    Engine.getInstance().setRandomSeed((int) experiment.seed());
    return build(components, experiment.backbone(), manager, false);
  }

  private Backbone build(
      Components components, BackboneSpec spec, NDManager manager, boolean loadWeights) {
    Backbone backbone = components.backbone(spec);
    Block projector = components.head(experiment.projector(), backbone.featureWidth());
    SequentialBlock encoder = new SequentialBlock().add(backbone.block()).add(projector);
    // Two images: the projector's BatchNorm accepts no batch of one when it is initialised.
    Shape input = new Shape(2, spec.channels(), spec.imageSize(), spec.imageSize());
    encoder.initialize(manager, DataType.FLOAT32, input);
    if (loadWeights) {
      Checkpoints.loadLeading(
          checkpoint, Map.of(Checkpoints.QUERY_ENCODER, Checkpoints.Part.of(encoder)), manager);
      // Loading drops the gradients of the loaded arrays; initialising again re-attaches them.
      encoder.initialize(manager, DataType.FLOAT32, input);
    }
    return backbone;
  }

  /** The spec up to what has no weights: a ViT's drop path, whether its projection trains. */
  private static BackboneSpec weightsOf(BackboneSpec spec) {
    return spec instanceof Vit vit
        ? vit.withDropPath(0).withPatchProjection(PatchProjection.learned())
        : spec;
  }
}
