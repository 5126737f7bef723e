package vitssl.augment;

import java.util.List;
import java.util.SplittableRandom;
import vitssl.data.RgbImage;

/**
 * The deterministic view of evaluation (kNN monitor, linear probe): resize so the shorter side is
 * {@code round(size / cropFraction)}, centre-crop {@code size x size}, normalise. ImageNet's
 * Resize(256) + CenterCrop(224) is {@code cropFraction = 0.875}; CIFAR at its own size uses 1,
 * which leaves a 32x32 image's pixels as they are.
 */
public final class EvalTransform implements ImageTransform {
  private final int size;
  private final double cropFraction;
  private final Normalize normalize;
  private final List<ViewShape> shapes;

  public EvalTransform(int size, double cropFraction, List<Double> mean, List<Double> std) {
    if (size <= 0) {
      throw new IllegalArgumentException(
          "EvalTransform size = " + size + ": use a positive output size in pixels");
    }
    if (!(cropFraction > 0 && cropFraction <= 1)) {
      throw new IllegalArgumentException(
          "EvalTransform cropFraction = " + cropFraction
              + ": the centre crop keeps a fraction in (0, 1], e.g. 0.875 or 1");
    }
    this.size = size;
    this.cropFraction = cropFraction;
    this.normalize = new Normalize(mean, std);
    this.shapes = List.of(new ViewShape(normalize.channels(), size, size));
  }

  @Override
  public List<ViewShape> shapes() {
    return shapes;
  }

  /** Ignores {@code rng}: evaluation views are the same every time. */
  @Override
  public void apply(RgbImage src, SplittableRandom rng, float[][] out, int slot) {
    apply(src, out[0], slot * shapes.get(0).length());
  }

  public void apply(RgbImage src, float[] out, int offset) {
    normalize.apply(resizeAndCrop(src), out, offset);
  }

  /** The centre crop in [0, 1], before normalisation. */
  Planar resizeAndCrop(RgbImage src) {
    int shorter = (int) Math.round(size / cropFraction);
    int w = src.width();
    int h = src.height();
    // torchvision's Resize(int): the shorter side becomes `shorter`, the longer keeps the aspect
    // ratio, truncated.
    int resizedW = w <= h ? shorter : (int) ((long) shorter * w / h);
    int resizedH = w <= h ? (int) ((long) shorter * h / w) : shorter;
    return BilinearResize.resizeCentreCrop(src, resizedW, resizedH, size, size);
  }
}
