package vitssl.encoder.command;

import java.util.OptionalInt;
import picocli.CommandLine.Option;
import vitssl.encoder.EncoderOptions;
import vitssl.weights.ImportedWeights;
import vitssl.weights.torch.MocoV3Encoder;

/** The flags for weights that do not describe themselves (moco-v3 checkpoints, timm files). */
public final class WeightsOptions {
  @Option(
      names = "--heads",
      paramLabel = "N",
      description =
          "Attention heads of a ViT from elsewhere (the weights do not say); default: moco-v3's"
              + " for its width (384 and 768: 12, 1024 and 1280: 16).")
  Integer heads;

  @Option(
      names = "--image-size",
      paramLabel = "PIXELS",
      description =
          "Image side of a ResNet from elsewhere; default: 224 for the ImageNet stem, 32 for the"
              + " CIFAR stem. (A ViT's follows from its position embedding.)")
  Integer imageSize;

  @Option(
      names = "--encoder",
      paramLabel = "BASE|MOMENTUM",
      defaultValue = "BASE",
      description =
          "Which encoder of a moco-v3 checkpoint: BASE (the one trained by gradient, as"
              + " convert_to_deit.py keeps) or MOMENTUM. Default: ${DEFAULT-VALUE}.")
  MocoV3Encoder encoder;

  public EncoderOptions options() {
    return new EncoderOptions(
        new ImportedWeights.Options(optional(heads), optional(imageSize)), encoder);
  }

  private static OptionalInt optional(Integer value) {
    return value == null ? OptionalInt.empty() : OptionalInt.of(value);
  }
}
