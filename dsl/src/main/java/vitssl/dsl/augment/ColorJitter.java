package vitssl.dsl.augment;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.immutables.value.Value;
import vitssl.dsl.SpecException;

/**
 * torchvision's ColorJitter, applied with some probability: brightness, contrast and saturation
 * factors drawn uniformly from [1 - s, 1 + s], hue shift from [-h, h] of a full turn, in a random
 * order. MoCo v3: (0.4, 0.4, 0.2, 0.1) with p = 0.8.
 */
@Value.Immutable
@JsonDeserialize(as = ImmutableColorJitter.class)
public abstract class ColorJitter implements WithColorJitter {
  @Value.Default
  public double brightness() {
    return 0.4;
  }

  @Value.Default
  public double contrast() {
    return 0.4;
  }

  @Value.Default
  public double saturation() {
    return 0.2;
  }

  @Value.Default
  public double hue() {
    return 0.1;
  }

  @Value.Default
  public double probability() {
    return 0.8;
  }

  /** MoCo v3's jitter: (0.4, 0.4, 0.2, 0.1), p = 0.8. */
  public static ColorJitter mocoV3() {
    return ImmutableColorJitter.builder().build();
  }

  /** No jitter at all. */
  public static ColorJitter none() {
    return mocoV3().withProbability(0);
  }

  @Value.Check
  protected void check() {
    String me = "ColorJitter";
    SpecException.require(brightness() >= 0, me, "brightness", brightness(), "use a value >= 0");
    SpecException.require(contrast() >= 0, me, "contrast", contrast(), "use a value >= 0");
    SpecException.require(saturation() >= 0, me, "saturation", saturation(), "use a value >= 0");
    SpecException.require(
        hue() >= 0 && hue() <= 0.5, me, "hue", hue(), "hue lies in [0, 0.5] of a full turn");
    Views.requireProbability(me, "probability", probability());
  }
}
