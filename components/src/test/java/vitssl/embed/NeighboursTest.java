package vitssl.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NeighboursTest {
  @Test
  void knownAnglesComeOutInOrder() {
    float[] query = {1, 0};
    float[][] bank = {{0, 1}, {2, 0}, {1, 1}, {-1, 0}, {0, 0}};
    List<Neighbours.Match> nearest = Neighbours.nearest(query, bank, 3);
    assertThat(nearest)
        .extracting(Neighbours.Match::index)
        .containsExactly(1, 2, 0); // cos 1, cos 45 degrees, then 0 (ties with the zero vector: row order)
    assertThat(nearest.get(1).similarity()).isCloseTo(Math.sqrt(0.5), org.assertj.core.data.Offset.offset(1e-12));
    assertThat(Neighbours.nearest(query, bank, 10)).hasSize(5).last().extracting(Neighbours.Match::index).isEqualTo(3);
  }

  @Test
  void agreesWithSortingEverySimilarity() {
    Random random = new Random(3);
    float[][] bank = new float[200][16];
    for (float[] row : bank) {
      for (int j = 0; j < row.length; j++) {
        row[j] = (float) random.nextGaussian();
      }
    }
    float[] query = bank[17];
    List<Integer> sorted =
        IntStream.range(0, bank.length)
            .boxed()
            .sorted(Comparator.comparingDouble((Integer i) -> -naiveCosine(query, bank[i])))
            .limit(8)
            .toList();
    assertThat(Neighbours.nearest(query, bank, 8)).extracting(Neighbours.Match::index).isEqualTo(sorted);
    assertThat(sorted.get(0)).isEqualTo(17);
  }

  @Test
  void badRequestsFailNamingTheFlag() {
    assertThatThrownBy(() -> Neighbours.nearest(new float[] {1}, new float[][] {{1}}, 0))
        .hasMessageContaining("--neighbours 0");
    assertThatThrownBy(() -> Neighbours.nearest(new float[] {1}, new float[][] {{1, 2}}, 1))
        .hasMessageContaining("width 2");
  }

  private static double naiveCosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }
}
