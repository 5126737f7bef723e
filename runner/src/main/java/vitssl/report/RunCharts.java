package vitssl.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.OptionalDouble;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The study's three figures for one run: loss and learning rate, the kNN curve, and gradient norms
 * of the first and last layer on a log scale, where the study saw spikes start in the first layer
 * and reach the last some iterations later (arXiv 2104.02057).
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

  static List<Chart> draw(MetricsTable log, OptionalDouble knnAtRandomInit) {
    return List.of(lossAndLr(log), knn(log, knnAtRandomInit), gradNorms(log));
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

  static Chart knn(MetricsTable log, OptionalDouble atRandomInit) {
    String title = "kNN top-1 accuracy";
    Series knn = log.series("knn_top1");
    if (knn.isEmpty()) {
      return Chart.skipped(
          KNN, title, "metrics.jsonl has no \"knn_top1\" values: the run had no kNN monitor.");
    }
    XYChart chart = chart(title, "top-1 (%)");
    line(chart, "kNN top-1", knn).setMarker(SeriesMarkers.CIRCLE);
    String note = "Weighted cosine kNN top-1 of the backbone's features, measured during training.";
    if (atRandomInit.isPresent()) {
      double[] ends = {knn.steps()[0], knn.steps()[knn.steps().length - 1]};
      double[] level = {atRandomInit.getAsDouble(), atRandomInit.getAsDouble()};
      line(chart, "random initialisation", new Series("random init", ends, level))
          .setLineStyle(DASHED)
          .setLineColor(Color.GRAY);
      note += " The dashed line is the same measure on the randomly initialised backbone.";
    }
    return Chart.drawn(KNN, title, png(chart), note);
  }

  static Chart gradNorms(MetricsTable log) {
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
    XYChart chart = chart(title, "gradient L2 norm (log scale)");
    int drawn = 0;
    for (String key : shown) {
      Series positive = log.series(key).positive();
      if (!positive.isEmpty()) {
        line(chart, key.substring(GRAD_NORM_PREFIX.length()), positive);
        drawn++;
      }
    }
    if (drawn == 0) {
      return Chart.skipped(
          GRAD_NORMS,
          title,
          "The gradient norms of " + shown + " have no positive finite values for a log scale.");
    }
    chart.getStyler().setYAxisLogarithmic(true);
    return Chart.drawn(
        GRAD_NORMS,
        title,
        png(chart),
        "Per-step gradient norms of the first and last layer: " + String.join(", ", shown) + ".");
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
