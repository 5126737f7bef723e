package vitssl.weights;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import vitssl.dsl.SpecJson;
import vitssl.dsl.backbone.BackboneSpec;
import vitssl.dsl.backbone.ResNet;
import vitssl.dsl.backbone.Vit;

/**
 * An exported backbone: {@code NAME.safetensors} with the parameters in the family's {@link
 * WeightLayout} (timm's or torchvision's names), beside {@code NAME.json}, its {@link
 * WeightsCard}. Import reads the pair back into an identical backbone, bit for bit.
 */
public final class BackboneFile {
  /** The backbone specs a {@link WeightLayout} covers, to and from the sidecar. */
  private static final SpecJson SPECS = SpecJson.withTypes(List.of(Vit.class, ResNet.class));

  private BackboneFile() {}

  /** Writes the encoder's weights and its sidecar; returns the sidecar's card. */
  public static WeightsCard write(Path weights, Encoder encoder) {
    WeightLayout layout = WeightLayout.require(encoder.spec());
    WeightsCard card = WeightsCard.of(encoder, Sidecars.tree(SPECS.write(encoder.spec())));
    try (NDManager scope = encoder.manager().newSubManager()) {
      NDList named = BackboneWeights.named(encoder.backbone().block(), layout, scope);
      SafetensorsFiles.write(weights, named);
    }
    Sidecars.write(weights, card);
    return card;
  }

  /** Reads the sidecar of exported weights. */
  public static WeightsCard card(Path weights) {
    return Sidecars.read(
        weights,
        WeightsCard.class,
        "give a file that export or import wrote, or import the weights first");
  }

  /** An encoder rebuilt from its sidecar's spec, with the file's weights, in {@code parent}. */
  public static Encoder read(Path weights, NDManager parent) {
    WeightsCard card = card(weights);
    if (card.backbone() == null) {
      throw new IllegalArgumentException(
          Sidecars.of(weights) + " has no vitssl backbone spec: import the weights instead");
    }
    BackboneSpec spec = SPECS.read(card.backbone().toString(), BackboneSpec.class);
    Encoder encoder = Encoder.create(spec, card.preprocessing(), weights.toString(), parent);
    try (NDManager scope = parent.newSubManager()) {
      NDList tensors = SafetensorsFiles.read(weights, scope);
      BackboneWeights.load(
          encoder.backbone().block(), WeightLayout.require(spec), tensors, weights.toString());
    } catch (RuntimeException e) {
      encoder.close();
      throw e;
    }
    return encoder;
  }
}
