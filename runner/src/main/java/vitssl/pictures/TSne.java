package vitssl.pictures;

import java.util.Random;

/**
 * Exact t-SNE (van der Maaten and Hinton 2008) in two dimensions, with the optimisation of the
 * reference implementation and scikit-learn: Gaussian affinities calibrated per point to the
 * perplexity by bisection on the precision, symmetrised; a Student-t kernel in the map; gradient
 * descent with momentum 0.5 then 0.8, early exaggeration 12 for the first 250 iterations,
 * per-coordinate gains (delta-bar-delta), learning rate {@code max(n / 48, 50)} (scikit-learn's
 * "auto"). Exact means O(n^2) per iteration: meant for up to a few thousand points.
 */
public final class TSne {
  private static final double EXAGGERATION = 12;
  private static final int EXAGGERATED_ITERATIONS = 250;
  private static final double MIN_GAIN = 0.01;

  private final double perplexity;
  private final int iterations;
  private final long seed;

  /**
   * @param perplexity the effective number of neighbours (5 to 50; the reference uses 30)
   * @param iterations gradient steps, at least 250 (the reference uses 1000)
   */
  public TSne(double perplexity, int iterations, long seed) {
    if (!(perplexity >= 1)) {
      throw new IllegalArgumentException("t-SNE perplexity " + perplexity + ": use 1 or more (30)");
    }
    if (iterations < EXAGGERATED_ITERATIONS) {
      throw new IllegalArgumentException(
          "t-SNE iterations " + iterations + ": use at least " + EXAGGERATED_ITERATIONS);
    }
    this.perplexity = perplexity;
    this.iterations = iterations;
    this.seed = seed;
  }

  /** The reference settings: perplexity 30, 1000 iterations. */
  public static TSne standard(long seed) {
    return new TSne(30, 1000, seed);
  }

  /**
   * Maps {@code points} ({@code n x d}) to {@code n x 2}. With fewer than {@code 3 x perplexity +
   * 1} points the perplexity is lowered to {@code (n - 1) / 3}, as scikit-learn requires.
   */
  public double[][] embed(double[][] points) {
    int n = points.length;
    if (n < 4) {
      throw new IllegalArgumentException("t-SNE needs at least 4 points, got " + n);
    }
    double[] p = affinities(points, Math.min(perplexity, (n - 1) / 3.0));
    return optimise(p, n);
  }

  /** Symmetric joint probabilities {@code P} ({@code n x n}, row-major), summing to 1. */
  static double[] affinities(double[][] points, double perplexity) {
    int n = points.length;
    double[] conditional = conditionals(points, perplexity);
    double[] p = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        p[i * n + j] = Math.max((conditional[i * n + j] + conditional[j * n + i]) / (2.0 * n), 1e-12);
      }
      p[i * n + i] = 0;
    }
    return p;
  }

  /** {@code p(j|i)} in row i ({@code n x n}, row-major): each row's entropy is log(perplexity). */
  static double[] conditionals(double[][] points, double perplexity) {
    int n = points.length;
    double[] distances = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double sum = 0;
        for (int k = 0; k < points[i].length; k++) {
          double d = points[i][k] - points[j][k];
          sum += d * d;
        }
        distances[i * n + j] = sum;
        distances[j * n + i] = sum;
      }
    }
    double[] conditional = new double[n * n];
    double target = Math.log(perplexity);
    for (int i = 0; i < n; i++) {
      calibrate(distances, conditional, i, n, target);
    }
    return conditional;
  }

  /**
   * Row i of the conditional probabilities {@code p(j|i)}, with the Gaussian's precision found by
   * bisection so that the row's entropy (in nats) is {@code log(perplexity)}.
   */
  private static void calibrate(double[] distances, double[] out, int i, int n, double target) {
    double beta = 1;
    double low = 0;
    double high = Double.POSITIVE_INFINITY;
    double min = Double.POSITIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      if (j != i) {
        min = Math.min(min, distances[i * n + j]);
      }
    }
    for (int attempt = 0; attempt < 100; attempt++) {
      double sum = 0;
      double weighted = 0;
      for (int j = 0; j < n; j++) {
        // Shifted by the nearest distance so that the largest weight is exp(0): no underflow.
        double w = j == i ? 0 : Math.exp(-(distances[i * n + j] - min) * beta);
        out[i * n + j] = w;
        sum += w;
        weighted += w * (distances[i * n + j] - min);
      }
      double entropy = Math.log(sum) + beta * weighted / sum;
      for (int j = 0; j < n; j++) {
        out[i * n + j] /= sum;
      }
      if (Math.abs(entropy - target) < 1e-5) {
        return;
      }
      if (entropy > target) {
        low = beta;
        beta = high == Double.POSITIVE_INFINITY ? beta * 2 : (beta + high) / 2;
      } else {
        high = beta;
        beta = (beta + low) / 2;
      }
    }
  }

  private double[][] optimise(double[] p, int n) {
    Random random = new Random(seed);
    double[][] y = new double[n][2];
    for (double[] row : y) {
      row[0] = 1e-4 * random.nextGaussian();
      row[1] = 1e-4 * random.nextGaussian();
    }
    double[][] update = new double[n][2];
    double[][] gains = new double[n][2];
    for (double[] row : gains) {
      row[0] = 1;
      row[1] = 1;
    }
    double rate = Math.max(n / EXAGGERATION / 4, 50);
    double[] q = new double[n * n];
    double[][] gradient = new double[n][2];
    for (int it = 0; it < iterations; it++) {
      double exaggeration = it < EXAGGERATED_ITERATIONS ? EXAGGERATION : 1;
      double momentum = it < EXAGGERATED_ITERATIONS ? 0.5 : 0.8;
      gradient(p, y, q, gradient, exaggeration);
      for (int i = 0; i < n; i++) {
        for (int d = 0; d < 2; d++) {
          boolean sameSign = gradient[i][d] > 0 == update[i][d] > 0;
          gains[i][d] = Math.max(MIN_GAIN, sameSign ? gains[i][d] * 0.8 : gains[i][d] + 0.2);
          update[i][d] = momentum * update[i][d] - rate * gains[i][d] * gradient[i][d];
          y[i][d] += update[i][d];
        }
      }
    }
    return y;
  }

  /** dC/dy_i = 4 sum_j (e p_ij - q_ij) (y_i - y_j) / (1 + |y_i - y_j|^2). */
  private static void gradient(double[] p, double[][] y, double[] q, double[][] out, double e) {
    int n = y.length;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      q[i * n + i] = 0;
      for (int j = i + 1; j < n; j++) {
        double dx = y[i][0] - y[j][0];
        double dy = y[i][1] - y[j][1];
        double kernel = 1 / (1 + dx * dx + dy * dy);
        q[i * n + j] = kernel;
        q[j * n + i] = kernel;
        sum += 2 * kernel;
      }
    }
    for (int i = 0; i < n; i++) {
      double gx = 0;
      double gy = 0;
      for (int j = 0; j < n; j++) {
        double kernel = q[i * n + j];
        double force = (e * p[i * n + j] - kernel / sum) * kernel;
        gx += force * (y[i][0] - y[j][0]);
        gy += force * (y[i][1] - y[j][1]);
      }
      out[i][0] = 4 * gx;
      out[i][1] = 4 * gy;
    }
  }

  /** The Kullback-Leibler divergence KL(P || Q) of a map: what t-SNE minimises. */
  static double divergence(double[] p, double[][] y) {
    int n = y.length;
    double[] q = new double[n * n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j) {
          double dx = y[i][0] - y[j][0];
          double dy = y[i][1] - y[j][1];
          q[i * n + j] = 1 / (1 + dx * dx + dy * dy);
          sum += q[i * n + j];
        }
      }
    }
    double kl = 0;
    for (int i = 0; i < n * n; i++) {
      if (p[i] > 0 && i / n != i % n) {
        kl += p[i] * Math.log(p[i] / Math.max(q[i] / sum, 1e-12));
      }
    }
    return kl;
  }
}
