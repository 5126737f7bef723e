package org.example.vitssl.monitor;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.immutables.value.Value;
import vitssl.dsl.SpecException;
import vitssl.dsl.monitor.MonitorSpec;

/**
 * How spread out the backbone's features are, a collapse detector (SimSiam, Chen and He 2021,
 * arXiv 2011.10566, section 4.1): the standard deviation of the L2-normalised features per
 * dimension, averaged over dimensions and scaled by sqrt(d). Features spread evenly over the
 * sphere give about 1; a collapsed encoder, whose features are all one vector, gives 0.
 */
@Value.Immutable
@JsonTypeName("feature-spread")
@JsonDeserialize(as = ImmutableFeatureSpread.class)
public abstract class FeatureSpread implements MonitorSpec, WithFeatureSpread {
  @Override
  @Value.Parameter
  public abstract int every();

  /** Held-out images measured, the same ones each time. */
  @Value.Default
  public int images() {
    return 256;
  }

  public static FeatureSpread every(int steps) {
    return ImmutableFeatureSpread.of(steps);
  }

  @Value.Check
  protected void check() {
    SpecException.require(every() >= 1, "FeatureSpread", "every", every(), "use 1 or more steps");
    SpecException.require(
        images() >= 2, "FeatureSpread", "images", images(), "a spread needs at least 2 images");
  }
}
