package vitssl.augment;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;
import vitssl.data.ImageSource;
import vitssl.data.RgbImage;
import vitssl.dsl.augment.ColorJitter;
import vitssl.dsl.augment.View;
import vitssl.dsl.augment.Views;

/** Small synthetic images and sources for the tests. */
final class TestImages {
  private TestImages() {}

  static RgbImage random(int width, int height, long seed) {
    byte[] px = new byte[width * height * 3];
    new SplittableRandom(seed).nextBytes(px);
    return new RgbImage(width, height, px);
  }

  static RgbImage constant(int width, int height, int r, int g, int b) {
    byte[] px = new byte[width * height * 3];
    for (int i = 0; i < width * height; i++) {
      px[i * 3] = (byte) r;
      px[i * 3 + 1] = (byte) g;
      px[i * 3 + 2] = (byte) b;
    }
    return new RgbImage(width, height, px);
  }

  /** Every channel of pixel (x, y) is {@code value(x, y)}, which must lie in 0..255. */
  static RgbImage gray(int width, int height, java.util.function.IntBinaryOperator value) {
    byte[] px = new byte[width * height * 3];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int v = value.applyAsInt(x, y);
        for (int c = 0; c < 3; c++) {
          px[(y * width + x) * 3 + c] = (byte) v;
        }
      }
    }
    return new RgbImage(width, height, px);
  }

  /** A view that keeps the whole image and changes nothing; tests switch single ops on. */
  static View identityView(int size) {
    return Views.plain(size)
        .withCropScaleMin(1)
        .withCropRatioMin(1)
        .withCropRatioMax(1)
        .withFlipProbability(0)
        .withJitter(ColorJitter.none())
        .withGrayscaleProbability(0)
        .withBlurProbability(0)
        .withMean(List.of(0.0, 0.0, 0.0))
        .withStd(List.of(1.0, 1.0, 1.0));
  }

  static Planar randomPlanar(int width, int height, long seed) {
    return Planar.of(random(width, height, seed));
  }

  /** {@code size} random images of {@code side x side}, label {@code i % 10}. */
  static ImageSource source(int size, int side) {
    return source(size, side, i -> i % 10);
  }

  static ImageSource source(int size, int side, IntUnaryOperator label) {
    return new ImageSource() {
      @Override
      public int size() {
        return size;
      }

      @Override
      public int label(int i) {
        return label.applyAsInt(i);
      }

      @Override
      public List<String> classes() {
        return List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
      }

      @Override
      public RgbImage image(int i) {
        if (i < 0 || i >= size) {
          throw new IndexOutOfBoundsException("image " + i + " of " + size);
        }
        return random(side, side, i);
      }
    };
  }
}
