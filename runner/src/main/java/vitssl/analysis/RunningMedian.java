package vitssl.analysis;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * The median of the last {@code window} values added; of an even count, the mean of the two middle
 * values. Sorting a copy per query is plain and fast enough: a window of 50 over 100,000 iterations
 * sorts 5 million numbers.
 */
public final class RunningMedian {
  private final int window;
  private final ArrayDeque<Double> values;

  RunningMedian(int window) {
    this.window = window;
    this.values = new ArrayDeque<>(window);
  }

  void add(double value) {
    if (values.size() == window) {
      values.removeFirst();
    }
    values.addLast(value);
  }

  int size() {
    return values.size();
  }

  OptionalDouble median() {
    return of(values.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** The median of {@code values} (of an even count, the middle two's mean); empty for none. */
  public static OptionalDouble of(double... values) {
    if (values.length == 0) {
      return OptionalDouble.empty();
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return OptionalDouble.of(
        sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2);
  }
}
