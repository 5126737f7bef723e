package vitssl.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import vitssl.dsl.monitor.InstabilityDetection;

/**
 * Spikes of one layer's gradient norm, the signal the study traces its instability to (arXiv
 * 2104.02057). A measurement is a spike when it is at least {@link
 * InstabilityDetection#spikeFactor()} times the median of the {@link
 * InstabilityDetection#medianWindow()} finite measurements before it (itself excluded, so a spike
 * cannot hide itself), provided there are at least {@link InstabilityDetection#minHistory()} of
 * them. A NaN or infinite norm is always a spike: it is the extreme case of one, and the step that
 * produced it was skipped. Spikes stay in the history, so a lasting change of level stops counting
 * once it fills half the window.
 */
public final class GradientSpikes {
  private final InstabilityDetection spec;

  public GradientSpikes(InstabilityDetection spec) {
    this.spec = spec;
  }

  /** The spike events of {@code norms}, in step order; adjacent spiking measurements are one. */
  public List<SpikeEvent> find(StepSeries norms) {
    List<SpikeEvent> events = new ArrayList<>();
    RunningMedian history = new RunningMedian(spec.medianWindow());
    EventBuilder open = null;
    for (int i = 0; i < norms.size(); i++) {
      double v = norms.value(i);
      double ratio = ratio(v, history);
      if (ratio >= spec.spikeFactor()) {
        if (open == null) {
          open = new EventBuilder(norms.step(i));
        }
        open.add(norms.step(i), v, ratio);
      } else if (open != null) {
        events.add(open.build());
        open = null;
      }
      if (Double.isFinite(v)) {
        history.add(v);
      }
    }
    if (open != null) {
      events.add(open.build());
    }
    return events;
  }

  /**
   * {@code value} over the running median; infinite for a non-finite value or a zero median, 0
   * while the history is too short or when the value is not above the median.
   */
  private double ratio(double value, RunningMedian history) {
    if (!Double.isFinite(value)) {
      return Double.POSITIVE_INFINITY;
    }
    OptionalDouble median = history.median();
    if (history.size() < spec.minHistory() || value <= median.orElseThrow()) {
      return 0;
    }
    return value / median.getAsDouble();
  }

  private static final class EventBuilder {
    private final long firstStep;
    private long lastStep;
    private long peakStep;
    private double peakValue;
    private double peakRatio = Double.NEGATIVE_INFINITY;

    EventBuilder(long firstStep) {
      this.firstStep = firstStep;
    }

    void add(long step, double value, double ratio) {
      lastStep = step;
      if (ratio > peakRatio) {
        peakStep = step;
        peakValue = value;
        peakRatio = ratio;
      }
    }

    SpikeEvent build() {
      return new SpikeEvent(firstStep, lastStep, peakStep, peakValue, peakRatio);
    }
  }
}
