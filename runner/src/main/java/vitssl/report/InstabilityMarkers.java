package vitssl.report;

import java.awt.Color;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;
import vitssl.analysis.Dip;
import vitssl.analysis.SpikeEvent;

/**
 * What the instability analysis found, as points on a chart: where each kNN dip starts (the last
 * step at the running maximum) and where it bottoms out, and the peak of each gradient-norm spike
 * event. The study lines the spikes of the first and last layer up with the dips (arXiv
 * 2104.02057), so both charts carry their markers.
 */
final class InstabilityMarkers {
  static final Color DIP_COLOR = new Color(200, 30, 30);
  static final String DIP_START = "dip start";
  static final String DIP_BOTTOM = "dip bottom";
  static final String SPIKES = "spikes";

  private InstabilityMarkers() {}

  /** One point per dip at its start: step and the record it fell from. */
  static Series dipStarts(String name, List<Dip> dips) {
    return points(name, dips, Dip::startStep, Dip::peak);
  }

  /** One point per dip at its lowest step and value. */
  static Series dipBottoms(String name, List<Dip> dips) {
    return points(name, dips, Dip::bottomStep, Dip::bottom);
  }

  /**
   * One point per spike event at its peak. A non-finite peak (the step was skipped) has no place
   * on a log scale and is left out; the instability table still lists it.
   */
  static Series spikePeaks(String name, List<SpikeEvent> events) {
    List<SpikeEvent> drawable =
        events.stream()
            .filter(e -> Double.isFinite(e.peakValue()) && e.peakValue() > 0)
            .toList();
    return points(name, drawable, SpikeEvent::peakStep, SpikeEvent::peakValue);
  }

  /** Adds the points as unconnected markers; nothing when there are none. */
  static void add(XYChart chart, Series points, Marker marker, Color color) {
    if (points.isEmpty()) {
      return;
    }
    XYSeries added = chart.addSeries(points.name(), points.steps(), points.values());
    added.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    added.setMarker(marker);
    added.setMarkerColor(color);
  }

  /** Dip starts as downward triangles and bottoms as diamonds, in the dip colour. */
  static void addDips(XYChart chart, String prefix, List<Dip> dips, Color color) {
    add(chart, dipStarts(prefix + DIP_START, dips), SeriesMarkers.TRIANGLE_DOWN, color);
    add(chart, dipBottoms(prefix + DIP_BOTTOM, dips), SeriesMarkers.DIAMOND, color);
  }

  private static <T> Series points(
      String name, List<T> items, ToLongFunction<T> step, ToDoubleFunction<T> value) {
    return new Series(
        name,
        items.stream().mapToDouble(i -> step.applyAsLong(i)).toArray(),
        items.stream().mapToDouble(value).toArray());
  }
}
