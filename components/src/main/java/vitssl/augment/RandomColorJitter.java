package vitssl.augment;

import java.util.Optional;
import java.util.SplittableRandom;
import vitssl.dsl.augment.ColorJitter;

/**
 * torchvision's {@code RandomApply([ColorJitter(b, c, s, h)], p)}: with probability p, draw a
 * random order of the four adjustments, then brightness, contrast and saturation factors uniform
 * in [max(0, 1 - x), 1 + x] and a hue shift uniform in [-h, h]; apply them in that order. An
 * adjustment of strength 0 draws nothing and is skipped.
 */
public final class RandomColorJitter {
  static final int BRIGHTNESS = 0;
  static final int CONTRAST = 1;
  static final int SATURATION = 2;
  static final int HUE = 3;

  private final ColorJitter spec;

  public RandomColorJitter(ColorJitter spec) {
    this.spec = spec;
  }

  public void apply(Planar img, SplittableRandom rng) {
    draw(rng).ifPresent(d -> d.apply(img));
  }

  /** The adjustments of one image, as torchvision's {@code get_params}; empty when skipped. */
  Optional<Draw> draw(SplittableRandom rng) {
    if (!(rng.nextDouble() < spec.probability())) {
      return Optional.empty();
    }
    int[] order = permutation(rng);
    float brightness = factor(rng, spec.brightness());
    float contrast = factor(rng, spec.contrast());
    float saturation = factor(rng, spec.saturation());
    float hue = spec.hue() > 0 ? (float) ((2 * rng.nextDouble() - 1) * spec.hue()) : 0f;
    return Optional.of(new Draw(order, brightness, contrast, saturation, hue));
  }

  /** Drawn factors (1, or a hue of 0, for an adjustment switched off) and their order. */
  record Draw(int[] order, float brightness, float contrast, float saturation, float hue) {
    /** Applies the adjustments in order, skipping the identities (factor 1, hue 0). */
    void apply(Planar img) {
      for (int op : order) {
        if (op == BRIGHTNESS && brightness != 1) {
          Brightness.apply(img, brightness);
        } else if (op == CONTRAST && contrast != 1) {
          Contrast.apply(img, contrast);
        } else if (op == SATURATION && saturation != 1) {
          Saturation.apply(img, saturation);
        } else if (op == HUE && hue != 0) {
          Hue.apply(img, hue);
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
