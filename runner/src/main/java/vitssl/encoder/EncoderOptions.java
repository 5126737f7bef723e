package vitssl.encoder;

import vitssl.weights.ImportedWeights;
import vitssl.weights.torch.MocoV3Encoder;

/**
 * What weights from elsewhere do not say: the ViT's head count or the ResNet's image size ({@link
 * ImportedWeights.Options}), and which encoder of a moco-v3 checkpoint to read.
 */
public record EncoderOptions(ImportedWeights.Options shape, MocoV3Encoder encoder) {
  public static EncoderOptions defaults() {
    return new EncoderOptions(ImportedWeights.Options.none(), MocoV3Encoder.BASE);
  }
}
