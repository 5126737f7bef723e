package vitssl.augment;

/** A rectangle of whole pixels inside an image: left column, top row, width and height. */
public record CropBox(int x, int y, int width, int height) {
  public CropBox {
    if (x < 0 || y < 0 || width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "CropBox at (" + x + ", " + y + ") of " + width + "x" + height
              + ": needs a non-negative corner and a positive size");
    }
  }

  /** Area as a fraction of an image of the given size. */
  public double areaFraction(int imageWidth, int imageHeight) {
    return (double) width * height / ((double) imageWidth * imageHeight);
  }
}
