package vitssl.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import vitssl.dsl.backbone.BackboneSpec;
import vitssl.dsl.backbone.PositionEmbedding;
import vitssl.dsl.backbone.Vit;

/**
 * Weights from elsewhere, in timm's or torchvision's names, as a vitssl {@link Encoder}: the spec
 * is read off the names and shapes ({@link SpecFromWeights}), the weights load strictly. A ViT
 * whose {@code pos_embed} is MoCo v3's fixed 2-D sin-cos table (to 1e-5) gets vitssl's frozen
 * sin-cos embedding; any other table stays a learned one.
 */
public final class ImportedWeights {
  /** The table and moco-v3's agree to float rounding of sin and cos. */
  private static final double SIN_COS_TOLERANCE = 1e-5;

  /**
   * What the weights cannot tell.
   *
   * @param heads a ViT's attention heads, if not moco-v3's for its width
   * @param imageSize a ResNet's image size, if not 224 (ImageNet stem) or 32 (CIFAR stem)
   */
  public record Options(OptionalInt heads, OptionalInt imageSize) {
    public static Options none() {
      return new Options(OptionalInt.empty(), OptionalInt.empty());
    }
  }

  private ImportedWeights() {}

  /** An encoder with these weights and ImageNet's evaluation view, in {@code parent}. */
  public static Encoder encoder(NDList tensors, Options options, String source, NDManager parent) {
    Map<String, Shape> shapes = new LinkedHashMap<>();
    tensors.forEach(t -> shapes.put(t.getName(), t.getShape()));
    BackboneSpec spec = SpecFromWeights.infer(shapes, options.heads(), options.imageSize());
    if (spec instanceof Vit vit && isSinCos(vit, tensors.get("pos_embed"), parent)) {
      spec = vit.withPositionEmbedding(PositionEmbedding.SIN_COS);
    }
    Encoder encoder =
        Encoder.create(spec, Preprocessing.imagenet(spec.imageSize()), source, parent);
    try {
      BackboneWeights.load(encoder.backbone().block(), WeightLayout.require(spec), tensors, source);
      return encoder;
    } catch (RuntimeException e) {
      encoder.close();
      throw e;
    }
  }

  private static boolean isSinCos(Vit vit, NDArray table, NDManager parent) {
    Vit sinCos = vit.withPositionEmbedding(PositionEmbedding.SIN_COS);
    if (sinCos.width() % 4 != 0) {
      return false;
    }
    try (Encoder reference = Encoder.create(sinCos, Preprocessing.imagenet(vit.imageSize()), "", parent)) {
      Parameter expected = ParameterPaths.of(reference.backbone().block()).get("position_embedding");
      return expected.getArray().getShape().equals(table.getShape())
          && expected.getArray().allClose(table, 0, SIN_COS_TOLERANCE, false);
    }
  }
}
