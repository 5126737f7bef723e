package vitssl.augment;

import java.util.SplittableRandom;
import vitssl.dsl.augment.View;

/**
 * Where a random resized crop cuts, drawn as torchvision's {@code RandomResizedCrop.get_params}
 * does: up to ten attempts with an area fraction uniform in [scaleMin, scaleMax] and an aspect
 * ratio log-uniform in [ratioMin, ratioMax], keeping the first that fits; otherwise a centre crop
 * of the whole image clamped to the ratio range. Sides are rounded half to even, as Python's
 * {@code round}. The box is then resampled by {@link BilinearResize}.
 */
public final class RandomResizedCrop {
  private static final int ATTEMPTS = 10;

  private final double scaleMin;
  private final double scaleMax;
  private final double logRatioMin;
  private final double logRatioMax;
  private final double ratioMin;
  private final double ratioMax;

  public RandomResizedCrop(double scaleMin, double scaleMax, double ratioMin, double ratioMax) {
    if (!(scaleMin > 0 && scaleMin <= scaleMax && scaleMax <= 1)) {
      throw new IllegalArgumentException(
          "RandomResizedCrop scale = (" + scaleMin + ", " + scaleMax + "): needs 0 < min <= max <= 1");
    }
    if (!(ratioMin > 0 && ratioMin <= ratioMax)) {
      throw new IllegalArgumentException(
          "RandomResizedCrop ratio = (" + ratioMin + ", " + ratioMax + "): needs 0 < min <= max");
    }
    this.scaleMin = scaleMin;
    this.scaleMax = scaleMax;
    this.ratioMin = ratioMin;
    this.ratioMax = ratioMax;
    this.logRatioMin = Math.log(ratioMin);
    this.logRatioMax = Math.log(ratioMax);
  }

  public static RandomResizedCrop of(View view) {
    return new RandomResizedCrop(
        view.cropScaleMin(), view.cropScaleMax(), view.cropRatioMin(), view.cropRatioMax());
  }

  public CropBox sample(int width, int height, SplittableRandom rng) {
    double area = (double) width * height;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      double targetArea = area * uniform(rng, scaleMin, scaleMax);
      double aspect = Math.exp(uniform(rng, logRatioMin, logRatioMax));
      int w = (int) Math.rint(Math.sqrt(targetArea * aspect));
      int h = (int) Math.rint(Math.sqrt(targetArea / aspect));
      if (w > 0 && w <= width && h > 0 && h <= height) {
        int y = rng.nextInt(height - h + 1);
        int x = rng.nextInt(width - w + 1);
        return new CropBox(x, y, w, h);
      }
    }
    return centreFallback(width, height);
  }

  private CropBox centreFallback(int width, int height) {
    double inRatio = (double) width / height;
    int w = width;
    int h = height;
    if (inRatio < ratioMin) {
      h = Math.max(1, (int) Math.rint(w / ratioMin));
    } else if (inRatio > ratioMax) {
      w = Math.max(1, (int) Math.rint(h * ratioMax));
    }
    return new CropBox((width - w) / 2, (height - h) / 2, w, h);
  }

  private static double uniform(SplittableRandom rng, double min, double max) {
    return min + (max - min) * rng.nextDouble();
  }
}
