package vitssl.augment;

import java.util.SplittableRandom;
import vitssl.dsl.augment.ColorJitter;

/**
 * torchvision's {@code RandomApply([ColorJitter(b, c, s, h)], p)}: with probability p, draw a
 * random order of the four adjustments, then brightness, contrast and saturation factors uniform
 * in [max(0, 1 - x), 1 + x] and a hue shift uniform in [-h, h]; apply them in that order. An
 * adjustment of strength 0 is skipped and draws nothing.
 */
public final class RandomColorJitter {
  private static final int BRIGHTNESS = 0;
  private static final int CONTRAST = 1;
  private static final int SATURATION = 2;
  private static final int HUE = 3;

  private final ColorJitter spec;

  public RandomColorJitter(ColorJitter spec) {
    this.spec = spec;
  }

  public void apply(Planar img, SplittableRandom rng) {
    if (!(rng.nextDouble() < spec.probability())) {
      return;
    }
    int[] order = permutation(rng);
    float brightness = factor(rng, spec.brightness());
    float contrast = factor(rng, spec.contrast());
    float saturation = factor(rng, spec.saturation());
    float hue = spec.hue() > 0 ? (float) ((2 * rng.nextDouble() - 1) * spec.hue()) : 0f;
    for (int op : order) {
      switch (op) {
        case BRIGHTNESS -> {
          if (spec.brightness() > 0) {
            Brightness.apply(img, brightness);
          }
        }
        case CONTRAST -> {
          if (spec.contrast() > 0) {
            Contrast.apply(img, contrast);
          }
        }
        case SATURATION -> {
          if (spec.saturation() > 0) {
            Saturation.apply(img, saturation);
          }
        }
        default -> {
          if (spec.hue() > 0) {
            Hue.apply(img, hue);
          }
        }
      }
    }
  }

  private static float factor(SplittableRandom rng, double strength) {
    if (strength <= 0) {
      return 1f;
    }
    double lo = Math.max(0, 1 - strength);
    return (float) (lo + (1 + strength - lo) * rng.nextDouble());
  }

  private static int[] permutation(SplittableRandom rng) {
    int[] order = {BRIGHTNESS, CONTRAST, SATURATION, HUE};
    for (int i = order.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
}
