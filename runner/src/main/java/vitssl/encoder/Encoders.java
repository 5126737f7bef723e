package vitssl.encoder;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.google.inject.Module;
import java.nio.file.Files;
import java.nio.file.Path;
import vitssl.backbone.Backbone;
import vitssl.runner.pretrained.PretrainedRun;
import vitssl.runner.run.Wiring;
import vitssl.runner.train.Checkpoints;
import vitssl.weights.BackboneFile;
import vitssl.weights.Encoder;
import vitssl.weights.ImportedWeights;
import vitssl.weights.Preprocessing;
import vitssl.weights.SafetensorsFiles;
import vitssl.weights.Sidecars;
import vitssl.weights.torch.StateDicts;
import vitssl.weights.torch.TorchArchive;

/**
 * Opens a trained encoder from wherever it is kept: a run folder (its latest checkpoint), a
 * vitssl checkpoint ({@code .ckpt}: the query encoder's backbone, and the run's evaluation view),
 * an exported or imported {@code .safetensors} with its sidecar, a {@code .safetensors} in timm's
 * or torchvision's names from elsewhere, or a {@code torch.save} checkpoint (moco-v3's, DeiT's, a
 * state dict).
 */
public final class Encoders {
  private static final String CHECKPOINT = ".ckpt";
  private static final String SAFETENSORS = ".safetensors";

  private Encoders() {}

  /** The encoder at {@code path} with default {@link EncoderOptions}, in its own manager. */
  public static Encoder open(Path path) {
    return open(path, EncoderOptions.defaults(), NDManager.newBaseManager());
  }

  /**
   * The encoder at {@code path}, its parameters in a sub-manager of {@code parent}.
   *
   * @param modules modules that bind the components of a run's spec beyond the framework's own
   */
  public static Encoder open(Path path, EncoderOptions options, NDManager parent, Module... modules) {
    if (Files.isDirectory(path)) {
      return fromRun(path, parent, modules);
    }
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException(
          path + " does not exist: give a run folder, a .ckpt checkpoint, a .safetensors file or a"
              + " moco-v3 checkpoint");
    }
    String name = path.getFileName().toString();
    if (name.endsWith(CHECKPOINT)) {
      return fromRun(path, parent, modules);
    }
    if (name.endsWith(SAFETENSORS)) {
      if (Files.isRegularFile(Sidecars.of(path)) && BackboneFile.card(path).backbone() != null) {
        return BackboneFile.read(path, parent);
      }
      try (NDManager scope = parent.newSubManager()) {
        return ImportedWeights.encoder(
            SafetensorsFiles.read(path, scope), options.shape(), path.toString(), parent);
      }
    }
    try (TorchArchive archive = TorchArchive.open(path);
        NDManager scope = parent.newSubManager()) {
      NDList tensors = StateDicts.backbone(archive, options.encoder(), scope);
      return ImportedWeights.encoder(tensors, options.shape(), path.toString(), parent);
    }
  }

  /**
   * The query encoder's backbone of a vitssl run folder (its latest checkpoint) or checkpoint, with
   * the run's evaluation view: loaded as {@link PretrainedRun} loads it for eval and finetune.
   */
  static Encoder fromRun(Path runOrCheckpoint, NDManager parent, Module... modules) {
    Wiring wiring = Wiring.of(modules);
    PretrainedRun run = PretrainedRun.at(runOrCheckpoint, wiring.json());
    NDManager manager = parent.newSubManager();
    try {
      Backbone backbone = run.backbone(wiring.components(), manager);
      return Encoder.wrap(
          run.experiment().backbone(),
          backbone,
          Preprocessing.of(run.experiment()),
          run.checkpoint() + " (step " + Checkpoints.header(run.checkpoint()).step() + ")",
          manager);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }
}
