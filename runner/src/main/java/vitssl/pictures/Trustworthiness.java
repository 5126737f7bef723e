package vitssl.pictures;

import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * How far an embedding map can be trusted (Venna and Kaski 2001), as scikit-learn's {@code
 * trustworthiness}: 1 minus a penalty for every point that is among a point's {@code k} nearest
 * neighbours in the map but not in the original space, weighted by how far down the original
 * ranking it is. 1 for a map that keeps every neighbourhood; about 0.5 for a random one.
 */
public final class Trustworthiness {
  private Trustworthiness() {}

  /** T(k) of {@code map} for {@code points}, both {@code n} rows; {@code k < n / 2}. */
  public static double of(double[][] points, double[][] map, int k) {
    int n = points.length;
    if (map.length != n || k < 1 || k >= n / 2.0) {
      throw new IllegalArgumentException(
          "trustworthiness of " + n + " points, " + map.length + " mapped, k " + k
              + ": give one map row per point and 1 <= k < n / 2");
    }
    double penalty = 0;
    for (int i = 0; i < n; i++) {
      int[] original = ranking(points, i);
      int[] rankOf = new int[n];
      for (int r = 0; r < n; r++) {
        rankOf[original[r]] = r;
      }
      int[] mapped = ranking(map, i);
      for (int r = 1; r <= k; r++) {
        int rank = rankOf[mapped[r]];
        if (rank > k) {
          penalty += rank - k;
        }
      }
    }
    return 1 - 2.0 / (n * k * (2.0 * n - 3.0 * k - 1.0)) * penalty;
  }

  /** Every point by distance from point i, nearest first; i itself at rank 0. */
  private static int[] ranking(double[][] points, int i) {
    double[] distance = new double[points.length];
    for (int j = 0; j < points.length; j++) {
      double sum = 0;
      for (int d = 0; d < points[i].length; d++) {
        double diff = points[i][d] - points[j][d];
        sum += diff * diff;
      }
      distance[j] = j == i ? Double.NEGATIVE_INFINITY : sum;
    }
    return IntStream.range(0, points.length)
        .boxed()
        .sorted(Comparator.comparingDouble((Integer j) -> distance[j]).thenComparingInt(j -> j))
        .mapToInt(Integer::intValue)
        .toArray();
  }

}
