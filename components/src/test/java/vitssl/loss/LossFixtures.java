package vitssl.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/** Plain-Java inputs and reference arithmetic for the loss tests. */
final class LossFixtures {
  private LossFixtures() {}

  /** Gaussian entries rounded to float, so the engine and the double reference see the same data. */
  static double[][] randomMatrix(Random random, int rows, int cols) {
    double[][] m = new double[rows][cols];
    for (double[] row : m) {
      for (int j = 0; j < cols; j++) {
        row[j] = (float) random.nextGaussian();
      }
    }
    return m;
  }

  static double[][] identity(int n, double scale) {
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      m[i][i] = scale;
    }
    return m;
  }

  static double[][] scaled(double[][] m, double factor) {
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = new double[m[i].length];
      for (int j = 0; j < m[i].length; j++) {
        out[i][j] = m[i][j] * factor;
      }
    }
    return out;
  }

  static NDArray array(NDManager manager, double[][] m) {
    int cols = m[0].length;
    float[] flat = new float[m.length * cols];
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < cols; j++) {
        flat[i * cols + j] = (float) m[i][j];
      }
    }
    return manager.create(flat, new Shape(m.length, cols));
  }

  static double cosine(double[] a, double[] b) {
    return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
  }

  static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  /** A scalar function of a matrix, for finite differences. */
  interface MatrixFunction {
    double at(double[][] m);
  }

  /** Central differences of {@code f} at {@code m}, row-major like an [N, D] array's gradient. */
  static double[] finiteDifferences(MatrixFunction f, double[][] m) {
    double h = 1e-5;
    int cols = m[0].length;
    double[] gradient = new double[m.length * cols];
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < cols; j++) {
        double saved = m[i][j];
        m[i][j] = saved + h;
        double up = f.at(m);
        m[i][j] = saved - h;
        double down = f.at(m);
        m[i][j] = saved;
        gradient[i * cols + j] = (up - down) / (2 * h);
      }
    }
    return gradient;
  }
}
