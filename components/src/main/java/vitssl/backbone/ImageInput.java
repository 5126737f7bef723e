package vitssl.backbone;

import ai.djl.ndarray.types.Shape;
import vitssl.dsl.backbone.BackboneSpec;

/**
 * The check a backbone makes of its input before anything runs: images {@code [B, channels, S,
 * S]} with a side the spec accepts, or an error naming the spec's fields, so that a mismatched
 * view is found at the first step rather than as a shape error deep inside the engine.
 */
final class ImageInput {
  private ImageInput() {}

  /**
   * @param block the block's name, e.g. {@code "ResidualNetwork"}
   * @param name the spec's name, e.g. {@code "ResNet"}
   */
  static void check(Shape shape, BackboneSpec spec, String block, String name) {
    boolean matches =
        shape.dimension() == 4
            && shape.get(1) == spec.channels()
            && shape.get(2) == shape.get(3)
            && shape.get(2) <= Integer.MAX_VALUE
            && spec.acceptsImageSize((int) shape.get(2));
    if (!matches) {
      throw new IllegalArgumentException(
          block
              + " input: expected images [B, "
              + spec.channels()
              + ", S, S] ("
              + name
              + ".channels; "
              + spec.imageSizeRule()
              + ") but got "
              + shape
              + "; make the views match the spec or change "
              + name
              + ".imageSize/channels");
    }
  }
}
