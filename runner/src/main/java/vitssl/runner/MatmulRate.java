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

  /** FLOP/s of an n x n x n fp32 product, best of several timed repeats after a warm-up. */
  public static double measure(NDManager manager, int n, double seconds) {
    try (NDManager scope = manager.newSubManager()) {
      NDArray a = scope.randomUniform(-1, 1, new Shape(n, n));
      NDArray b = scope.randomUniform(-1, 1, new Shape(n, n));
      for (int i = 0; i < 3; i++) {
        a.matMul(b).close();
      }
      double best = Double.MAX_VALUE;
      long until = System.nanoTime() + (long) (seconds * 1e9);
      int runs = 0;
      while (runs < 3 || System.nanoTime() < until) {
        long t0 = System.nanoTime();
        a.matMul(b).close();
        best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        runs++;
      }
      return 2.0 * n * n * n / best;
    }
  }
}
