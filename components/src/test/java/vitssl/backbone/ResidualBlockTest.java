package vitssl.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vitssl.dsl.backbone.ResNetBlock;

class ResidualBlockTest {
  private static final int BATCH = 2;
  private static final int SIDE = 5;

  @AutoClose private final NDManager manager = NDManager.newBaseManager();

  private ResidualBlock initialised(
      ResNetBlock kind, int in, int width, int stride, boolean zeroInit) {
    Engine.getInstance().setRandomSeed(4);
    ResidualBlock block = new ResidualBlock(kind, in, width, stride, zeroInit);
    block.initialize(manager, DataType.FLOAT32, new Shape(BATCH, in, SIDE, SIDE));
    return block;
  }

  @ParameterizedTest
  @CsvSource({
    "BASIC, 4, 4, 1, false",
    "BASIC, 3, 4, 2, true",
    "BOTTLENECK, 8, 2, 1, false",
    "BOTTLENECK, 4, 2, 2, true",
    "BOTTLENECK, 3, 2, 1, true"
  })
  void matchesAPlainJavaBlockInTrainingAndInference(
      ResNetBlock kind, int in, int width, int stride, boolean downsamples) {
    ResidualBlock block = initialised(kind, in, width, stride, false);
    Naive.randomise(block, 7);
    NDArray x = manager.randomNormal(new Shape(BATCH, in, SIDE, SIDE));
    double[][][][] maps = NaiveConv.maps(x);
    int[] strides = NaiveConv.branchStrides(kind, stride);

    double[] training = Naive.values(Models.forward(block, x, true));
    double[] expected = NaiveConv.flat(NaiveConv.residual(maps, block, strides, true));
    // the training pass moved the running statistics; inference must read them as they now are
    double[] inference = Naive.values(Models.forward(block, x, false));
    double[] expectedInference = NaiveConv.flat(NaiveConv.residual(maps, block, strides, false));

    assertThat(block.shortcut().isPresent()).isEqualTo(downsamples);
    int out = width * kind.expansion();
    int side = (SIDE - 1) / stride + 1;
    assertThat(block.getOutputShapes(new Shape[] {x.getShape()})[0])
        .isEqualTo(new Shape(BATCH, out, side, side));
    assertClose(training, expected);
    assertClose(inference, expectedInference);
    assertThat(largestDifference(inference, training))
        .as("batch vs running statistics")
        .isGreaterThan(0.1);
  }

  @ParameterizedTest
  @CsvSource({"BASIC, 4, 4, 1", "BOTTLENECK, 8, 2, 1", "BASIC, 3, 4, 2", "BOTTLENECK, 4, 2, 2"})
  void zeroInitialisedLastGammaMakesTheBlockStartAsItsShortcut(
      ResNetBlock kind, int in, int width, int stride) {
    ResidualBlock block = initialised(kind, in, width, stride, true);
    // non-negative, as every block's input is after a ReLU
    NDArray x = manager.randomNormal(new Shape(BATCH, in, SIDE, SIDE)).abs();

    for (boolean training : new boolean[] {true, false}) {
      double[] actual = Naive.values(Models.forward(block, x, training));

      if (block.shortcut().isEmpty()) {
        assertClose(actual, Naive.values(x));
      } else {
        double[][][][] shortcut =
            NaiveConv.convNorm(NaiveConv.maps(x), block.shortcut().get(), stride, training);
        assertClose(actual, NaiveConv.flat(NaiveConv.relu(shortcut)));
      }
    }
    ConvNorm last = block.branch().get(block.branch().size() - 1);
    assertThat(Naive.values(last.gamma())).containsOnly(0.0);
    assertThat(Naive.values(block.branch().get(0).gamma())).containsOnly(1.0);
  }

  @Test
  void withoutZeroInitTheSameBlockIsNotItsShortcut() {
    ResidualBlock block = initialised(ResNetBlock.BASIC, 4, 4, 1, false);
    NDArray x = manager.randomNormal(new Shape(BATCH, 4, SIDE, SIDE)).abs();

    double[] actual = Naive.values(Models.forward(block, x, true));

    assertThat(largestDifference(actual, Naive.values(x))).isGreaterThan(0.5);
  }

  static double largestDifference(double[] a, double[] b) {
    assertThat(a).hasSameSizeAs(b);
    double largest = 0;
    for (int i = 0; i < a.length; i++) {
      largest = Math.max(largest, Math.abs(a[i] - b[i]));
    }
    return largest;
  }

  /** Equal up to float32 rounding: 1e-4, relative to the value where it exceeds one. */
  static void assertClose(double[] actual, double[] expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++) {
      double tolerance = 1e-4 * Math.max(1, Math.abs(expected[i]));
      assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], within(tolerance));
    }
  }
}
