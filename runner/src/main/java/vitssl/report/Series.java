package vitssl.report;

import java.util.stream.IntStream;

/** One curve: values of a metric against the training step, in file order. */
record Series(String name, double[] steps, double[] values) {
  boolean isEmpty() {
    return steps.length == 0;
  }

  /** The points with a value above zero: what a log scale can draw. */
  Series positive() {
    int[] keep = IntStream.range(0, values.length).filter(i -> values[i] > 0).toArray();
    return new Series(
        name,
        IntStream.of(keep).mapToDouble(i -> steps[i]).toArray(),
        IntStream.of(keep).mapToDouble(i -> values[i]).toArray());
  }
}
