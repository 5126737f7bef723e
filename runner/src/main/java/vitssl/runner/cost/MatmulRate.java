package vitssl.runner.cost;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's matrix-multiply rate on this machine, measured in this process: the reference
 * rate that a model's achieved FLOP/s is compared with.
 */
public final class MatmulRate {
  private MatmulRate() {}

  /**
   * FLOP/s of repeated products, two ways: {@code sustained} is all timed calls' FLOPs over all
   * their time, the way a step's rate is a mean over steps; {@code best} is the fastest call. The
   * fastest call is never slower than all calls together; the two differ by as much as the calls'
   * times vary.
   */
  public record Sample(double sustained, double best) {
    /** The rates of calls of {@code flopsPerCall} FLOPs that took {@code callNanos} each. */
    public static Sample of(double flopsPerCall, long[] callNanos) {
      if (callNanos.length == 0) {
        throw new IllegalArgumentException("MatmulRate.Sample: no timed calls; time at least one");
      }
      long fastest = Long.MAX_VALUE;
      long total = 0;
      for (long nanos : callNanos) {
        long positive = Math.max(1, nanos);
        fastest = Math.min(fastest, positive);
        total += positive;
      }
      return new Sample(
          flopsPerCall * callNanos.length / (total / 1e9), flopsPerCall / (fastest / 1e9));
    }
  }

  /**
   * An n x n x n fp32 product, called 3 times to warm up, then repeatedly for about {@code
   * seconds} (at least 3 timed calls).
   */
  public static Sample measure(NDManager manager, int n, double seconds) {
    try (NDManager scope = manager.newSubManager()) {
      NDArray a = scope.randomUniform(-1, 1, new Shape(n, n));
      NDArray b = scope.randomUniform(-1, 1, new Shape(n, n));
      for (int i = 0; i < 3; i++) {
        a.matMul(b).close();
      }
      List<Long> calls = new ArrayList<>();
      long until = System.nanoTime() + (long) (seconds * 1e9);
      while (calls.size() < 3 || System.nanoTime() < until) {
        long t0 = System.nanoTime();
        a.matMul(b).close();
        calls.add(System.nanoTime() - t0);
      }
      return Sample.of(2.0 * n * n * n, calls.stream().mapToLong(Long::longValue).toArray());
    }
  }
}
