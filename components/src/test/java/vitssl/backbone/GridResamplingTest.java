package vitssl.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GridResamplingTest {
  @Test
  void theSameGridIsTheIdentity() {
    float[] m = GridResampling.matrix(3, 3);
    for (int r = 0; r < 9; r++) {
      for (int c = 0; c < 9; c++) {
        assertThat(m[r * 9 + c]).isEqualTo(r == c ? 1f : 0f);
      }
    }
  }

  @Test
  void halvingTheGridAveragesTwoByTwoBlocks() {
    float[] m = GridResampling.matrix(4, 2);
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        for (int a = 0; a < 4; a++) {
          for (int b = 0; b < 4; b++) {
            float expected = a / 2 == i && b / 2 == j ? 0.25f : 0f;
            assertThat(m[(i * 2 + j) * 16 + a * 4 + b]).isEqualTo(expected);
          }
        }
      }
    }
  }

  @Test
  void everyRowIsAnAverage() {
    for (int[] sizes : new int[][] {{14, 6}, {7, 3}, {2, 5}, {1, 4}, {5, 1}}) {
      int from = sizes[0];
      int to = sizes[1];
      float[] m = GridResampling.matrix(from, to);
      for (int r = 0; r < to * to; r++) {
        double sum = 0;
        for (int c = 0; c < from * from; c++) {
          assertThat(m[r * from * from + c]).isGreaterThanOrEqualTo(0f);
          sum += m[r * from * from + c];
        }
        assertThat(sum).as("%d -> %d row %d", from, to, r).isCloseTo(1.0, within(1e-6));
      }
    }
  }

  @Test
  void aLinearRampIsSampledAtTheAlignedPositions() {
    // Downsampling never clamps, so bilinear weights reproduce a linear function exactly: the
    // ramp f(a, b) = 3a - b is read at a = (i + 0.5) from / to - 0.5.
    int from = 7;
    int to = 3;
    float[] m = GridResampling.matrix(from, to);
    for (int i = 0; i < to; i++) {
      for (int j = 0; j < to; j++) {
        double value = 0;
        for (int a = 0; a < from; a++) {
          for (int b = 0; b < from; b++) {
            value += m[(i * to + j) * from * from + a * from + b] * (3.0 * a - b);
          }
        }
        double si = (i + 0.5) * from / to - 0.5;
        double sj = (j + 0.5) * from / to - 0.5;
        assertThat(value).isCloseTo(3 * si - sj, within(1e-5));
      }
    }
  }
}
