package vitssl.pictures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TSneTest {
  /** Three Gaussian blobs of 40 points in 10 dimensions, centres 10 apart. */
  static double[][] blobs(int[] labels) {
    Random random = new Random(11);
    double[][] points = new double[120][10];
    for (int i = 0; i < points.length; i++) {
      labels[i] = i / 40;
      for (int d = 0; d < 10; d++) {
        points[i][d] = (d == labels[i] ? 10 : 0) + random.nextGaussian();
      }
    }
    return points;
  }

  @Test
  void aMapOfSeparateBlobsKeepsNeighbourhoodsAndSeparatesThem() {
    int[] labels = new int[120];
    double[][] points = blobs(labels);
    double[][] map = new TSne(15, 500, 3).embed(points);

    assertThat(Trustworthiness.of(points, map, 5)).isGreaterThan(0.9);
    // Every point's nearest neighbour on the map is of its own blob.
    for (int i = 0; i < map.length; i++) {
      int nearest = -1;
      double best = Double.POSITIVE_INFINITY;
      for (int j = 0; j < map.length; j++) {
        double dx = map[i][0] - map[j][0];
        double dy = map[i][1] - map[j][1];
        if (j != i && dx * dx + dy * dy < best) {
          best = dx * dx + dy * dy;
          nearest = j;
        }
      }
      assertThat(labels[nearest]).isEqualTo(labels[i]);
    }
  }

  @Test
  void theMapHasALowerDivergenceThanItsStartAndIsReproducible() {
    int[] labels = new int[120];
    double[][] points = blobs(labels);
    double[] p = TSne.affinities(points, 15);
    double[][] map = new TSne(15, 1000, 3).embed(points);
    Random random = new Random(5);
    double[][] start = new double[120][2];
    for (double[] row : start) {
      row[0] = 1e-4 * random.nextGaussian();
      row[1] = 1e-4 * random.nextGaussian();
    }
    assertThat(TSne.divergence(p, map)).isLessThan(0.5 * TSne.divergence(p, start));
    assertThat(new TSne(15, 1000, 3).embed(points)).isDeepEqualTo(map);
  }

  @Test
  void affinitiesSumToOneAndEachRowHasThePerplexity() {
    int[] labels = new int[120];
    double[][] points = blobs(labels);
    double[] conditional = TSne.conditionals(points, 15);
    for (int i = 0; i < 120; i++) {
      double entropy = 0;
      double rowSum = 0;
      for (int j = 0; j < 120; j++) {
        double v = conditional[i * 120 + j];
        rowSum += v;
        entropy -= v > 0 ? v * Math.log(v) : 0;
      }
      assertThat(rowSum).isCloseTo(1, within(1e-9));
      assertThat(Math.exp(entropy)).isCloseTo(15, within(1e-3));
    }
    double[] p = TSne.affinities(points, 15);
    double sum = 0;
    for (double v : p) {
      sum += v;
    }
    assertThat(sum).isCloseTo(1, within(1e-6));
    assertThat(p[3 * 120 + 7]).isEqualTo(p[7 * 120 + 3]);
  }

  @Test
  void trustworthinessIsOneForTheSameSpaceAndAboutAHalfForNoise() {
    int[] labels = new int[120];
    double[][] points = blobs(labels);
    assertThat(Trustworthiness.of(points, points, 5)).isEqualTo(1.0);
    Random random = new Random(2);
    double[][] noise = new double[120][2];
    for (double[] row : noise) {
      row[0] = random.nextDouble();
      row[1] = random.nextDouble();
    }
    assertThat(Trustworthiness.of(points, noise, 5)).isBetween(0.4, 0.6);
  }
}
