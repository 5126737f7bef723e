package vitssl.report;

import java.awt.Color;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The overlay charts of a sweep: every variant's curve in one chart, dips and spikes marked. */
final class SweepCharts {
  /** Which end of the network an overlay of gradient norms shows. */
  enum Layer {
    FIRST,
    LAST
  }

  private SweepCharts() {}

  /** Every variant's kNN curve, each with the lowest points of its dips in its own colour. */
  static Optional<XYChart> knnOverlay(List<VariantRun> runs) {
    XYChart chart = RunCharts.chart("kNN top-1 of every variant", "top-1 (%)");
    boolean any = false;
    for (int i = 0; i < runs.size(); i++) {
      VariantRun run = runs.get(i);
      Series knn = run.metrics().map(m -> m.series("knn_top1")).orElse(null);
      if (knn == null || knn.isEmpty()) {
        continue;
      }
      Color color = RunCharts.color(chart, i);
      XYSeries curve = RunCharts.line(chart, run.row().name(), knn);
      curve.setMarker(SeriesMarkers.CIRCLE);
      curve.setLineColor(color);
      curve.setMarkerColor(color);
      InstabilityMarkers.add(
          chart,
          InstabilityMarkers.dipBottoms(
              run.row().name() + ": " + InstabilityMarkers.DIP_BOTTOM, run.dips()),
          SeriesMarkers.DIAMOND,
          color);
      any = true;
    }
    return any ? Optional.of(chart) : Optional.empty();
  }

  /** Every variant's gradient norm of its first or last layer, with that layer's spike peaks. */
  static Optional<XYChart> gradOverlay(List<VariantRun> runs, Layer layer) {
    String which = layer == Layer.FIRST ? "first" : "last";
    XYChart chart =
        RunCharts.chart(
            "Gradient norm of the " + which + " layer, every variant",
            "gradient L2 norm (log scale)");
    boolean any = false;
    for (int i = 0; i < runs.size(); i++) {
      VariantRun run = runs.get(i);
      if (run.metrics().isEmpty()) {
        continue;
      }
      List<String> keys = run.metrics().get().keysStartingWith(RunCharts.GRAD_NORM_PREFIX);
      if (keys.isEmpty()) {
        continue;
      }
      String key = layer == Layer.FIRST ? keys.get(0) : keys.get(keys.size() - 1);
      Series norms = run.metrics().get().series(key).positive();
      if (norms.isEmpty()) {
        continue;
      }
      Color color = RunCharts.color(chart, i);
      String name = run.row().name();
      RunCharts.line(chart, name + " (" + RunCharts.layer(key) + ")", norms).setLineColor(color);
      InstabilityMarkers.add(
          chart,
          InstabilityMarkers.spikePeaks(
              name + ": " + InstabilityMarkers.SPIKES, run.spikes(RunCharts.layer(key))),
          SeriesMarkers.CROSS,
          color);
      any = true;
    }
    if (!any) {
      return Optional.empty();
    }
    chart.getStyler().setYAxisLogarithmic(true);
    return Optional.of(chart);
  }
}
