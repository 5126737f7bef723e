package vitssl.encoder.command;

import ai.djl.ndarray.NDManager;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vitssl.encoder.Encoders;
import vitssl.weights.BackboneFile;
import vitssl.weights.Encoder;
import vitssl.weights.Sidecars;
import vitssl.weights.WeightsCard;

/**
 * What export and import both do, with their shared flags: open an encoder wherever it is kept
 * ({@link Encoders}) and write it as an exported backbone ({@link BackboneFile}).
 */
abstract class WeightsConversion implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "SOURCE",
      description =
          "A run folder (its latest checkpoint), a checkpoint checkpoints/step-N.ckpt, a"
              + " .safetensors (exported, or in timm's or torchvision's names), or a torch.save"
              + " checkpoint (moco-v3's, DeiT's, a state_dict).")
  Path source;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE.safetensors",
      description = "The weights file to write; the sidecar goes beside it as FILE.json.")
  Path out;

  @Mixin WeightsOptions weights;

  @Override
  public Integer call() {
    write(spec.commandLine().getOut());
    return 0;
  }

  WeightsCard write(PrintWriter log) {
    if (!out.getFileName().toString().endsWith(".safetensors")) {
      throw new IllegalArgumentException(
          "--out " + out + ": name the weights file NAME.safetensors (its sidecar becomes NAME.json)");
    }
    try (NDManager manager = NDManager.newBaseManager();
        Encoder encoder = Encoders.open(source, weights.options(), manager)) {
      WeightsCard card = BackboneFile.write(out, encoder);
      log.printf(
          "%s: %s backbone, %d features of %dx%d images, %s names%n  wrote %s%n  wrote %s%n",
          encoder.source(),
          card.architecture(),
          card.featureWidth(),
          card.imageSize(),
          card.imageSize(),
          card.format(),
          out,
          Sidecars.of(out));
      log.flush();
      return card;
    }
  }
}
