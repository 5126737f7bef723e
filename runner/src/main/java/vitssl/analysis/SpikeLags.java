package vitssl.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import vitssl.dsl.monitor.InstabilityDetection;

/**
 * Matches each spike of the last layer to the latest spike of the first layer that started at most
 * {@link InstabilityDetection#maxLag()} iterations before it: the study sees spikes "appear first
 * in the first layer" and reach the last layers "some iterations later" (arXiv 2104.02057). Events
 * are compared by their first steps; a first-layer spike at the same step counts, with lag 0, since
 * both norms come from the same backward pass.
 */
public final class SpikeLags {
  private final int maxLag;

  public SpikeLags(InstabilityDetection spec) {
    this.maxLag = spec.maxLag();
  }

  /** One entry per last-layer event, in order; both lists in step order. */
  public List<SpikeLag> match(List<SpikeEvent> firstLayer, List<SpikeEvent> lastLayer) {
    List<SpikeLag> lags = new ArrayList<>();
    int next = 0; // first-layer events before this index start at or before the current one
    for (SpikeEvent last : lastLayer) {
      while (next < firstLayer.size() && firstLayer.get(next).firstStep() <= last.firstStep()) {
        next++;
      }
      OptionalLong matched = OptionalLong.empty();
      if (next > 0) {
        long first = firstLayer.get(next - 1).firstStep();
        if (last.firstStep() - first <= maxLag) {
          matched = OptionalLong.of(first);
        }
      }
      lags.add(new SpikeLag(last.firstStep(), matched));
    }
    return lags;
  }
}
