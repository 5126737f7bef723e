package vitssl.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import vitssl.dsl.monitor.InstabilityDetection;

/**
 * Finds the "dips" of a kNN curve that the study shows final accuracy hides (arXiv 2104.02057): a
 * dip starts at the last step at the running maximum, once the curve falls at least {@link
 * InstabilityDetection#dipThreshold()} points below that maximum, and lasts until the curve is back
 * at or above it. A second drop before the recovery deepens the same dip instead of starting a new
 * one, so each dip is one excursion below a record. Smaller wobbles are not dips.
 */
public final class KnnDips {
  private final double threshold;

  public KnnDips(InstabilityDetection spec) {
    this.threshold = spec.dipThreshold();
  }

  /** The dips of {@code curve} (percent, finite), in step order. */
  public List<Dip> find(StepSeries curve) {
    requireFinite(curve);
    List<Dip> dips = new ArrayList<>();
    if (curve.size() == 0) {
      return dips;
    }
    double peak = curve.value(0);
    long peakStep = curve.step(0);
    int bottom = -1; // index of the lowest point of the open dip; -1 while there is none
    for (int i = 1; i < curve.size(); i++) {
      double v = curve.value(i);
      if (v >= peak) {
        if (bottom >= 0) {
          dips.add(dip(curve, peakStep, peak, bottom, OptionalLong.of(curve.step(i))));
          bottom = -1;
        }
        peak = v;
        peakStep = curve.step(i);
      } else if (bottom >= 0) {
        if (v < curve.value(bottom)) {
          bottom = i;
        }
      } else if (peak - v >= threshold) {
        bottom = i;
      }
    }
    if (bottom >= 0) {
      dips.add(dip(curve, peakStep, peak, bottom, OptionalLong.empty()));
    }
    return dips;
  }

  private static Dip dip(
      StepSeries curve, long peakStep, double peak, int bottom, OptionalLong recovery) {
    return new Dip(peakStep, peak, curve.step(bottom), curve.value(bottom), recovery);
  }

  private static void requireFinite(StepSeries curve) {
    for (int i = 0; i < curve.size(); i++) {
      if (!Double.isFinite(curve.value(i))) {
        throw new IllegalArgumentException(
            curve.name()
                + " at step "
                + curve.step(i)
                + " is "
                + curve.value(i)
                + ": a kNN accuracy is a finite percentage; drop the point or fix the monitor");
      }
    }
  }
}
