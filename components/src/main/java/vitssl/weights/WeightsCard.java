package vitssl.weights;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import vitssl.dsl.backbone.BackboneSpec;
import vitssl.dsl.backbone.ResNet;
import vitssl.dsl.backbone.Vit;

/**
 * The JSON sidecar of an exported backbone: what a reader in another library needs to rebuild and
 * feed it (architecture, sizes, pooling, normalisation), plus vitssl's own spec, from which import
 * rebuilds the identical backbone.
 *
 * @param format the parameter names: {@code timm} or {@code torchvision}
 * @param architecture {@code vit} or {@code resnet}
 * @param vit the ViT's shape, for a ViT
 * @param resnet the ResNet's shape, for a ResNet
 * @param backbone vitssl's backbone spec, as JSON
 * @param source the run, checkpoint or file the weights came from
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WeightsCard(
    String format,
    String architecture,
    int imageSize,
    int channels,
    int featureWidth,
    VitShape vit,
    ResNetShape resnet,
    Preprocessing preprocessing,
    JsonNode backbone,
    String source) {

  /**
   * @param pooling {@code token} (the class token after the final norm, timm's {@code
   *     global_pool="token"}), {@code avg_after_norm} (final norm on every token, then the mean)
   *     or {@code avg} (the mean of the last block's tokens, no final norm)
   * @param positionEmbedding {@code sincos} (MoCo v3's fixed table, stored as {@code pos_embed}),
   *     {@code learned} or {@code none}
   */
  public record VitShape(
      int patchSize,
      int width,
      int depth,
      int heads,
      int mlpWidth,
      boolean qkvBias,
      double layerNormEps,
      boolean classToken,
      String pooling,
      String positionEmbedding) {
    static VitShape of(Vit vit) {
      return new VitShape(
          vit.patchSize(),
          vit.width(),
          vit.depth(),
          vit.heads(),
          vit.mlpWidth(),
          vit.qkvBias(),
          vit.layerNormEps(),
          vit.pooling().usesClassToken(),
          switch (vit.pooling()) {
            case CLASS_TOKEN -> "token";
            case AVERAGE_WITH_FINAL_NORM -> "avg_after_norm";
            case GLOBAL_AVERAGE -> "avg";
          },
          switch (vit.positionEmbedding()) {
            case SIN_COS -> "sincos";
            case LEARNED -> "learned";
            case NONE -> "none";
          });
    }
  }

  /**
   * @param block {@code basic} or {@code bottleneck}
   * @param stem {@code imagenet} (7x7 stride 2 and max-pool) or {@code cifar} (3x3 stride 1)
   */
  public record ResNetShape(String block, List<Integer> stageDepths, int baseWidth, String stem) {
    static ResNetShape of(ResNet resNet) {
      return new ResNetShape(
          resNet.block().name().toLowerCase(java.util.Locale.ROOT),
          resNet.stageDepths(),
          resNet.baseWidth(),
          resNet.stem().name().toLowerCase(java.util.Locale.ROOT));
    }
  }

  /** The card of an encoder, with its spec as JSON. */
  static WeightsCard of(Encoder encoder, JsonNode specJson) {
    BackboneSpec spec = encoder.spec();
    WeightLayout layout = WeightLayout.require(spec);
    return new WeightsCard(
        layout.format(),
        spec instanceof Vit ? "vit" : "resnet",
        spec.imageSize(),
        spec.channels(),
        spec.featureWidth(),
        spec instanceof Vit vit ? VitShape.of(vit) : null,
        spec instanceof ResNet resNet ? ResNetShape.of(resNet) : null,
        encoder.preprocessing(),
        specJson,
        encoder.source());
  }
}
