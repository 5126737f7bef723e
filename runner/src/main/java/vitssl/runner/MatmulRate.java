package vitssl.runner;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The engine's matrix-multiply rate on this machine, measured in this process: the ceiling that
 * a model's achieved FLOP/s is compared with.
 */
public final class MatmulRate {
  private MatmulRate() {}

  /**
   * FLOP/s of repeated products, two ways: {@code sustained} is all timed calls' FLOPs over all
   * their time, the way a step's rate is a mean over steps; {@code best} is the fastest call. On a
   * machine whose speed varies from call to call, {@code best} is the higher of the two.
   */
  public record Sample(double sustained, double best) {}

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
      long fastest = Long.MAX_VALUE;
      long total = 0;
      long until = System.nanoTime() + (long) (seconds * 1e9);
      int runs = 0;
      while (runs < 3 || System.nanoTime() < until) {
        long t0 = System.nanoTime();
        a.matMul(b).close();
        long elapsed = Math.max(1, System.nanoTime() - t0);
        fastest = Math.min(fastest, elapsed);
        total += elapsed;
        runs++;
      }
      double flops = 2.0 * n * n * n;
      return new Sample(flops * runs / (total / 1e9), flops / (fastest / 1e9));
    }
  }
}
