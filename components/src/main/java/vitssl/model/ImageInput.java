package vitssl.model;

import ai.djl.ndarray.types.Shape;

/**
 * The check a backbone makes of its input before anything runs: images {@code [B, channels, size,
 * size]}, or an error naming the spec's fields, so that a mismatched view is found at the first
 * step rather than as a shape error deep inside the engine.
 */
final class ImageInput {
  private ImageInput() {}

  /**
   * @param block the block's name, e.g. {@code "ResidualNetwork"}
   * @param spec the spec's name, e.g. {@code "ResNet"}
   */
  static void check(Shape shape, int channels, int size, String block, String spec) {
    boolean matches =
        shape.dimension() == 4
            && shape.get(1) == channels
            && shape.get(2) == size
            && shape.get(3) == size;
    if (!matches) {
      throw new IllegalArgumentException(
          block
              + " input: expected images [B, "
              + channels
              + ", "
              + size
              + ", "
              + size
              + "] ("
              + spec
              + ".channels, "
              + spec
              + ".imageSize) but got "
              + shape
              + "; make the views match the spec or change "
              + spec
              + ".imageSize/channels");
    }
  }
}
