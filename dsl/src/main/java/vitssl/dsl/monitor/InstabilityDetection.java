package vitssl.dsl.monitor;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.immutables.value.Value;
import vitssl.dsl.SpecException;

/**
 * Thresholds for finding, after a run, the two signs of instability the study reads off its
 * monitors (arXiv 2104.02057): "dips" of the kNN curve, and gradient-norm spikes that appear first
 * in the first layer and reach the last layer some iterations later. Not a monitor: it measures
 * nothing during training, it reads {@code metrics.jsonl} afterwards. The study gives no numbers
 * for either; the defaults are this framework's: a dip is a drop of one kNN point, a spike five
 * times the recent median.
 */
@Value.Immutable
@JsonDeserialize(as = ImmutableInstabilityDetection.class)
public abstract class InstabilityDetection implements WithInstabilityDetection {
  /** kNN top-1 points (percent) below the running maximum that make a drop a dip. */
  @Value.Default
  public double dipThreshold() {
    return 1.0;
  }

  /** A gradient norm at least this many times its running median is a spike. */
  @Value.Default
  public double spikeFactor() {
    return 5.0;
  }

  /**
   * Measurements in the running median a norm is compared with (the previous ones, not the value
   * itself); with {@link GradientNorms#everyStep()} these are iterations.
   */
  @Value.Default
  public int medianWindow() {
    return 50;
  }

  /**
   * Finite measurements the median needs before any finite value can be a spike: the first values
   * of a run have no baseline to be compared with.
   */
  @Value.Default
  public int minHistory() {
    return 10;
  }

  /**
   * Iterations within which a last-layer spike is matched to the latest first-layer spike at or
   * before it.
   */
  @Value.Default
  public int maxLag() {
    return 100;
  }

  public static InstabilityDetection defaults() {
    return ImmutableInstabilityDetection.builder().build();
  }

  @Value.Check
  protected void check() {
    String owner = "InstabilityDetection";
    SpecException.require(
        dipThreshold() > 0 && Double.isFinite(dipThreshold()),
        owner,
        "dipThreshold",
        dipThreshold(),
        "use a positive number of kNN points (1.0)");
    SpecException.require(
        spikeFactor() > 1 && Double.isFinite(spikeFactor()),
        owner,
        "spikeFactor",
        spikeFactor(),
        "use a finite factor above 1 (5.0); at 1 or less every ordinary value is a spike");
    SpecException.require(
        medianWindow() >= 1,
        owner,
        "medianWindow",
        medianWindow(),
        "use a window of 1 or more measurements (50)");
    SpecException.require(
        minHistory() >= 1 && minHistory() <= medianWindow(),
        owner,
        "minHistory",
        minHistory(),
        "use between 1 and medianWindow = " + medianWindow() + " measurements (10)");
    SpecException.require(
        maxLag() >= 1, owner, "maxLag", maxLag(), "use a lag of 1 or more iterations (100)");
  }
}
