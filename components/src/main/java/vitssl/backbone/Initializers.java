package vitssl.backbone;

import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.Initializer;
import vitssl.engine.Layers;

/**
 * The few weight distributions the models use, drawn from the engine's random generator: seed it
 * with {@code Engine.getInstance().setRandomSeed(seed)} before {@code initialize} and the same seed
 * gives the same weights.
 */
public final class Initializers {
  private Initializers() {}

  /** Uniform in {@code [-bound, bound]}. */
  public static Initializer uniform(double bound) {
    float b = (float) bound;
    return (manager, shape, dataType) -> manager.randomUniform(-b, b, shape, dataType);
  }

  /** Normal with mean zero. */
  public static Initializer normal(double std) {
    return (manager, shape, dataType) -> manager.randomNormal(0f, (float) std, shape, dataType);
  }

  /**
   * A Linear layer whose weight is uniform in {@code +-weightBound} and whose bias (if any) is
   * zero.
   */
  public static Linear linear(long units, boolean bias, double weightBound) {
    Linear linear = Layers.linear(Linear.builder().setUnits(units).optBias(bias));
    linear.setInitializer(uniform(weightBound), "weight");
    if (bias) {
      linear.setInitializer(Initializer.ZEROS, "bias");
    }
    return linear;
  }

  /** Xavier-uniform bound for a layer with these fans: {@code sqrt(6 / (fanIn + fanOut))}. */
  public static double xavierBound(long fanIn, long fanOut) {
    return Math.sqrt(6.0 / (fanIn + fanOut));
  }
}
