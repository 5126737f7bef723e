package vitssl.augment;

/** The shape of one view of one image as the engine sees it: {@code [channels, height, width]}. */
public record ViewShape(int channels, int height, int width) {
  public ViewShape {
    if (channels <= 0 || height <= 0 || width <= 0) {
      throw new IllegalArgumentException(
          "ViewShape [" + channels + ", " + height + ", " + width + "]: needs positive sizes");
    }
  }

  /** Floats per image: {@code channels * height * width}. */
  public int length() {
    return channels * height * width;
  }
}
