package vitssl.pictures;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A t-SNE map of an encoder's features, one colour per class: on a good encoder, classes form
 * islands. Features are L2-normalised first (the geometry the kNN protocol measures in), and a
 * fixed sample of at most {@link #MOST_POINTS} images is mapped, since exact t-SNE is quadratic.
 *
 * @param png the drawn map
 * @param points how many images it shows
 * @param trustworthiness of the map, T(5) (see {@link Trustworthiness}): how well it keeps each
 *     image's neighbourhood
 */
public record EmbeddingMap(byte[] png, int points, double trustworthiness) {
  public static final int MOST_POINTS = 1000;

  /**
   * @param features {@code [n, width]}
   * @param labels each row's class, into {@code classes}
   */
  public static EmbeddingMap of(
      NDArray features, int[] labels, List<String> classes, String title, long seed) {
    int[] rows = Pictures.sample(labels.length, MOST_POINTS, seed);
    int width = Math.toIntExact(features.getShape().get(1));
    float[] sampled;
    try (NDManager scope = features.getManager().newSubManager()) {
      long[] index = Arrays.stream(rows).asLongStream().toArray();
      sampled = features.get(new NDIndex("{}", scope.create(index))).toFloatArray();
    }
    double[][] points = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      points[i] = Pictures.unitRow(sampled, width, i);
    }
    double[][] map = TSne.standard(seed).embed(points);
    XYChart chart = new XYChartBuilder().width(720).height(640).title(title).build();
    XYStyler styler = chart.getStyler();
    styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    styler.setPlotGridLinesVisible(false);
    styler.setAxisTicksVisible(false);
    styler.setLegendPosition(Styler.LegendPosition.OutsideE);
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setMarkerSize(5);
    for (int c = 0; c < classes.size(); c++) {
      int count = 0;
      for (int row : rows) {
        count += labels[row] == c ? 1 : 0;
      }
      if (count == 0) {
        continue;
      }
      double[] x = new double[count];
      double[] y = new double[count];
      int k = 0;
      for (int i = 0; i < rows.length; i++) {
        if (labels[rows[i]] == c) {
          x[k] = map[i][0];
          y[k] = map[i][1];
          k++;
        }
      }
      chart.addSeries(classes.get(c), x, y).setMarker(SeriesMarkers.CIRCLE);
    }
    try {
      byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
      int k = Math.min(5, (rows.length - 1) / 2);
      return new EmbeddingMap(png, rows.length, Trustworthiness.of(points, map, Math.max(1, k)));
    } catch (IOException e) {
      throw new UncheckedIOException("could not draw the embedding map: " + e.getMessage(), e);
    }
  }
}
