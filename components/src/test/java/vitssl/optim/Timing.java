package vitssl.optim;

import java.util.Arrays;

/**
 * Wall time of a repeated action. The first run is reported apart (it may allocate state); of the
 * rest, the minimum is the cost without other load on the machine, the median the typical one.
 */
final class Timing {
  private Timing() {}

  static String of(int runs, Runnable action) {
    double first = time(action);
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      ms[i] = time(action);
    }
    Arrays.sort(ms);
    return String.format(
        "first %.1f ms, then min %.1f ms, median %.1f ms over %d runs",
        first, ms[0], ms[runs / 2], runs);
  }

  private static double time(Runnable action) {
    long start = System.nanoTime();
    action.run();
    return (System.nanoTime() - start) / 1e6;
  }
}
