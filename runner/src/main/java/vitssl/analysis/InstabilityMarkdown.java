package vitssl.analysis;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import vitssl.dsl.monitor.InstabilityDetection;

/**
 * An {@link InstabilityReport} as Markdown tables, each preceded by the rule that produced it, so a
 * reader knows what "dip" and "spike" meant for this run. A section without data says so rather
 * than showing an empty table that would read as "stable".
 */
final class InstabilityMarkdown {
  /** Spike events listed per layer before the rest are only counted. */
  static final int LISTED_EVENTS = 8;

  private InstabilityMarkdown() {}

  static String render(InstabilityReport report) {
    StringBuilder md = new StringBuilder();
    dips(md, report);
    spikes(md, report);
    lags(md, report);
    return md.toString();
  }

  private static void dips(StringBuilder md, InstabilityReport report) {
    InstabilityDetection spec = report.detection();
    md.append("### kNN dips\n\n");
    if (report.knnPoints() == 0) {
      md.append("No kNN measurements in metrics.jsonl: the run had no kNN monitor.\n\n");
      return;
    }
    md.append(
        format(
            "Drops of at least %s points below the running maximum, over %d kNN measurements.\n\n",
            number(spec.dipThreshold()), report.knnPoints()));
    if (report.dips().isEmpty()) {
      md.append("No dips.\n\n");
      return;
    }
    md.append(
        "| start step | peak (%) | bottom step | bottom (%) | depth (points) | recovered at |\n");
    md.append("|---:|---:|---:|---:|---:|---:|\n");
    for (Dip dip : report.dips()) {
      md.append(
          format(
              "| %d | %.2f | %d | %.2f | %.2f | %s |\n",
              dip.startStep(),
              dip.peak(),
              dip.bottomStep(),
              dip.bottom(),
              dip.depth(),
              dip.recovered() ? Long.toString(dip.recoveryStep().getAsLong()) : "never"));
    }
    md.append("\n");
  }

  private static void spikes(StringBuilder md, InstabilityReport report) {
    InstabilityDetection spec = report.detection();
    md.append("### Gradient-norm spikes\n\n");
    if (report.spikes().isEmpty()) {
      md.append("No gradient norms in metrics.jsonl: the run had no gradient-norm monitor.\n\n");
      return;
    }
    md.append(
        format(
            "Norms at least %sx the median of the previous %d finite measurements (once there"
                + " are %d); consecutive spiking measurements are one event, shown at its first"
                + " step with its peak ratio.\n\n",
            number(spec.spikeFactor()), spec.medianWindow(), spec.minHistory()));
    md.append("| layer | events | first steps (peak ratio) |\n");
    md.append("|---|---:|---|\n");
    for (Map.Entry<String, List<SpikeEvent>> layer : report.spikes().entrySet()) {
      List<SpikeEvent> events = layer.getValue();
      StringBuilder listed = new StringBuilder();
      for (int i = 0; i < Math.min(events.size(), LISTED_EVENTS); i++) {
        SpikeEvent e = events.get(i);
        listed
            .append(i > 0 ? ", " : "")
            .append(e.firstStep())
            .append(" (")
            .append(ratio(e))
            .append(")");
      }
      if (events.size() > LISTED_EVENTS) {
        listed.append(", ... ").append(events.size() - LISTED_EVENTS).append(" more");
      }
      md.append(format("| %s | %d | %s |\n", layer.getKey(), events.size(), listed));
    }
    md.append("\n");
  }

  private static void lags(StringBuilder md, InstabilityReport report) {
    md.append("### From the first layer to the last\n\n");
    if (report.spikes().size() < 2) {
      md.append("Lags need gradient norms of at least two layers.\n\n");
      return;
    }
    String first = report.firstLayer().orElseThrow();
    String last = report.lastLayer().orElseThrow();
    md.append(
        format(
            "Each spike of %s, matched to the latest spike of %s that started at most %d"
                + " iterations before it.\n\n",
            last, first, report.detection().maxLag()));
    if (report.lags().isEmpty()) {
      md.append("No spikes in " + last + ".\n\n");
      return;
    }
    md.append("| ")
        .append(last)
        .append(" spike | ")
        .append(first)
        .append(" spike | lag (iterations) |\n");
    md.append("|---:|---:|---:|\n");
    for (SpikeLag lag : report.lags()) {
      md.append(
          format(
              "| %d | %s | %s |\n",
              lag.lastLayerStep(),
              lag.firstLayerStep().isPresent()
                  ? Long.toString(lag.firstLayerStep().getAsLong())
                  : "none",
              lag.lag().isPresent() ? Long.toString(lag.lag().getAsLong()) : "-"));
    }
    md.append("\n");
  }

  /**
   * "8.0x" ("6.9e+09x" when huge); the non-finite value itself when the norm was NaN or infinite.
   */
  private static String ratio(SpikeEvent event) {
    if (!Double.isFinite(event.peakValue())) {
      return Double.toString(event.peakValue());
    }
    if (!Double.isFinite(event.peakRatio())) {
      return "median 0";
    }
    return format(event.peakRatio() < 1e4 ? "%.1fx" : "%.1ex", event.peakRatio());
  }

  private static String number(double value) {
    return value == Math.rint(value) ? format("%.1f", value) : Double.toString(value);
  }

  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
