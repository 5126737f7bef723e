package vitssl.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import vitssl.analysis.Dip;
import vitssl.analysis.InstabilityReport;
import vitssl.analysis.SpikeEvent;

/**
 * The study's three figures for one run: loss and learning rate, the kNN curve, and gradient norms
 * of the first and last layer on a log scale, where the study saw spikes start in the first layer
 * and reach the last some iterations later (arXiv 2104.02057). When the run was analysed, the kNN
 * dips and the spikes of both layers are marked on their curves.
 */
final class RunCharts {
  static final int WIDTH = 900;
  static final int HEIGHT = 420;
  static final String LOSS_LR = "loss_lr.png";
  static final String KNN = "knn.png";
  static final String GRAD_NORMS = "grad_norms.png";
  static final String GRAD_NORM_PREFIX = "grad_norm.";

  private static final BasicStroke DASHED =
      new BasicStroke(
          1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0);

  static {
    // Before XChart's first AWT call: reports are drawn on machines without a display.
    System.setProperty("java.awt.headless", "true");
  }

  private RunCharts() {}

  static List<Chart> draw(
      MetricsTable log, OptionalDouble knnAtRandomInit, Optional<InstabilityReport> instability) {
    List<Dip> dips = instability.map(InstabilityReport::dips).orElse(List.of());
    Map<String, List<SpikeEvent>> spikes =
        instability.map(InstabilityReport::spikes).orElse(Map.of());
    return List.of(lossAndLr(log), knn(log, knnAtRandomInit, dips), gradNorms(log, spikes));
  }

  static Chart lossAndLr(MetricsTable log) {
    String title = "Training loss and learning rate";
    Series loss = log.series("loss");
    Series lr = log.series("lr");
    if (loss.isEmpty() && lr.isEmpty()) {
      return Chart.skipped(
          LOSS_LR, title, "metrics.jsonl has no finite \"loss\" or \"lr\" values.");
    }
    XYChart chart = chart(title, "loss");
    if (!loss.isEmpty()) {
      line(chart, "loss", loss);
    }
    if (!lr.isEmpty()) {
      line(chart, "learning rate (right axis)", lr).setYAxisGroup(1);
      chart.setYAxisGroupTitle(1, "learning rate");
      chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
    }
    return Chart.drawn(
        LOSS_LR, title, png(chart), "Loss (left axis) and learning rate (right axis) per step.");
  }

  static Chart knn(MetricsTable log, OptionalDouble atRandomInit, List<Dip> dips) {
    String title = "kNN top-1 accuracy";
    Series knn = log.series("knn_top1");
    if (knn.isEmpty()) {
      return Chart.skipped(
          KNN, title, "metrics.jsonl has no \"knn_top1\" values: the run had no kNN monitor.");
    }
    String note = "Weighted cosine kNN top-1 of the backbone's features, measured during training.";
    if (atRandomInit.isPresent()) {
      note += " The dashed line is the same measure on the randomly initialised backbone.";
    }
    if (!dips.isEmpty()) {
      note += " Red triangles mark where each of the " + dips.size()
          + " dips starts, red diamonds its lowest point.";
    }
    return Chart.drawn(KNN, title, png(knnPlot(title, knn, atRandomInit, dips)), note);
  }

  /** The kNN curve, the random-init level and the dips, as handed to the renderer. */
  static XYChart knnPlot(String title, Series knn, OptionalDouble atRandomInit, List<Dip> dips) {
    XYChart chart = chart(title, "top-1 (%)");
    line(chart, "kNN top-1", knn).setMarker(SeriesMarkers.CIRCLE);
    if (atRandomInit.isPresent()) {
      double[] ends = {knn.steps()[0], knn.steps()[knn.steps().length - 1]};
      double[] level = {atRandomInit.getAsDouble(), atRandomInit.getAsDouble()};
      line(chart, "random initialisation", new Series("random init", ends, level))
          .setLineStyle(DASHED)
          .setLineColor(Color.GRAY);
    }
    InstabilityMarkers.addDips(chart, "", dips, InstabilityMarkers.DIP_COLOR);
    return chart;
  }

  static Chart gradNorms(MetricsTable log, Map<String, List<SpikeEvent>> spikes) {
    String title = "Gradient norm of the first and last layer";
    List<String> layers = log.keysStartingWith(GRAD_NORM_PREFIX);
    if (layers.isEmpty()) {
      return Chart.skipped(
          GRAD_NORMS,
          title,
          "metrics.jsonl has no \"grad_norm.*\" values: the run had no gradient-norm monitor.");
    }
    List<String> shown =
        layers.size() == 1 ? layers : List.of(layers.get(0), layers.get(layers.size() - 1));
    if (shown.stream().allMatch(key -> log.series(key).positive().isEmpty())) {
      return Chart.skipped(
          GRAD_NORMS,
          title,
          "The gradient norms of " + shown + " have no positive finite values for a log scale.");
    }
    String note =
        "Per-step gradient norms of the first and last layer: " + String.join(", ", shown) + ".";
    if (shown.stream().anyMatch(key -> !spikes.getOrDefault(layer(key), List.of()).isEmpty())) {
      note += " Crosses mark the peak of each spike the instability analysis found.";
    }
    return Chart.drawn(GRAD_NORMS, title, png(gradNormsPlot(title, log, shown, spikes)), note);
  }

  /** The layers' gradient norms on a log scale, each with its spikes in its own colour. */
  static XYChart gradNormsPlot(
      String title, MetricsTable log, List<String> keys, Map<String, List<SpikeEvent>> spikes) {
    XYChart chart = chart(title, "gradient L2 norm (log scale)");
    for (int i = 0; i < keys.size(); i++) {
      String layer = layer(keys.get(i));
      Series positive = log.series(keys.get(i)).positive();
      if (!positive.isEmpty()) {
        Color color = color(chart, i);
        line(chart, layer, positive).setLineColor(color);
        InstabilityMarkers.add(
            chart,
            InstabilityMarkers.spikePeaks(
                InstabilityMarkers.SPIKES + ": " + layer, spikes.getOrDefault(layer, List.of())),
            SeriesMarkers.CROSS,
            color);
      }
    }
    chart.getStyler().setYAxisLogarithmic(true);
    return chart;
  }

  /** The layer a {@code grad_norm.<layer>} key names, as the instability analysis names it. */
  static String layer(String key) {
    return key.substring(GRAD_NORM_PREFIX.length());
  }

  /** The styler's i-th series colour, so markers can share their curve's colour. */
  static Color color(XYChart chart, int i) {
    Color[] colors = chart.getStyler().getSeriesColors();
    return colors[i % colors.length];
  }

  static XYChart chart(String title, String yTitle) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle("step")
            .yAxisTitle(yTitle)
            .build();
    chart
        .getStyler()
        .setLegendPosition(Styler.LegendPosition.OutsideS)
        .setLegendBorderColor(Color.WHITE)
        .setChartBackgroundColor(Color.WHITE)
        .setPlotBorderVisible(false)
        .setMarkerSize(5);
    chart
        .getStyler()
        .setXAxisMin(0.0)
        .setXAxisDecimalPattern("#")
        .setXAxisTickMarkSpacingHint(90)
        .setPlotGridLinesColor(new Color(225, 225, 225));
    return chart;
  }

  static XYSeries line(XYChart chart, String name, Series series) {
    XYSeries added = chart.addSeries(name, series.steps(), series.values());
    added.setMarker(SeriesMarkers.NONE);
    return added;
  }

  static byte[] png(XYChart chart) {
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not draw \"" + chart.getTitle() + "\": " + e.getMessage(), e);
    }
  }
}
