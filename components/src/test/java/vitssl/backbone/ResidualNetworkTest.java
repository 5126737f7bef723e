package vitssl.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static vitssl.backbone.ResidualBlockTest.assertClose;
import static vitssl.backbone.ResidualBlockTest.largestDifference;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vitssl.dsl.backbone.ResNet;
import vitssl.dsl.backbone.ResNetBlock;
import vitssl.dsl.backbone.ResNetStem;

class ResidualNetworkTest {
  @AutoClose private final NDManager manager = NDManager.newBaseManager();

  /** A 9x9 ImageNet-stem bottleneck net (5x5 after the conv, 3x3 after the pool, 2x2 last). */
  static ResNet tinyBottleneck() {
    return ResNet.of(ResNetBlock.BOTTLENECK, 1, 1).withBaseWidth(2).withImageSize(9);
  }

  /** A 6x6 CIFAR-stem net of basic blocks, one stage of one block and one of two. */
  static ResNet tinyBasic() {
    return ResNet.of(ResNetBlock.BASIC, 1, 2)
        .withStem(ResNetStem.CIFAR)
        .withBaseWidth(3)
        .withImageSize(6);
  }

  static Stream<ResNet> tinySpecs() {
    return Stream.of(
        tinyBottleneck(),
        tinyBasic(),
        ResNet.of(ResNetBlock.BASIC, 2).withBaseWidth(2).withImageSize(8).withChannels(1));
  }

  static ResidualNetwork initialised(ResNet spec, NDManager manager, int seed) {
    Engine.getInstance().setRandomSeed(seed);
    ResidualNetwork network = new ResidualNetwork(spec);
    network.initialize(manager, DataType.FLOAT32, imageShape(spec, 2));
    return network;
  }

  static Shape imageShape(ResNet spec, int batch) {
    return new Shape(batch, spec.channels(), spec.imageSize(), spec.imageSize());
  }

  @ParameterizedTest
  @MethodSource("tinySpecs")
  void matchesAPlainJavaNetworkInTrainingAndInference(ResNet spec) {
    ResidualNetwork network = initialised(spec, manager, 1);
    Naive.randomise(network, 2);
    NDArray images = manager.randomNormal(imageShape(spec, 3));
    double[][][][] maps = NaiveConv.maps(images);

    double[] training = Naive.values(Models.forward(network, images, true));
    double[] expected = NaiveConv.network(network, maps, true);
    double[] inference = Naive.values(Models.forward(network, images, false));
    double[] expectedInference = NaiveConv.network(network, maps, false);

    assertThat(training).hasSize(3 * spec.featureWidth());
    assertClose(training, expected);
    assertClose(inference, expectedInference);
  }

  @Test
  void mapsImagesToOneFeatureVectorEach() {
    ResNet small = ResNet.cifar18();
    ResNet r50 = ResNet.r50().withImageSize(32);

    NDArray cifar = Models.forward(initialised(small, manager, 1), images(small, 2), false);
    NDArray imagenet = Models.forward(initialised(r50, manager, 1), images(r50, 2), false);

    assertThat(cifar.getShape()).isEqualTo(new Shape(2, 512));
    assertThat(imagenet.getShape()).isEqualTo(new Shape(2, 2048));
    assertThat(new ResidualNetwork(r50).getOutputShapes(new Shape[] {imageShape(r50, 7)})[0])
        .isEqualTo(new Shape(7, 2048));
  }

  private NDArray images(ResNet spec, int batch) {
    return manager.randomNormal(imageShape(spec, batch));
  }

  @Test
  void trainingNormalisesByTheBatchAndInferenceByTheRunningStatistics() {
    ResNet spec = tinyBasic();
    ResidualNetwork network = initialised(spec, manager, 3);
    NDArray first = images(spec, 1);
    NDArray batchA = NDArrays.concat(new NDList(first, images(spec, 3)));
    NDArray batchB = NDArrays.concat(new NDList(first, images(spec, 3)));

    double[] inferenceA = firstRow(Models.forward(network, batchA, false));
    double[] inferenceB = firstRow(Models.forward(network, batchB, false));
    double[] trainingA = firstRow(Models.forward(network, batchA, true));
    double[] trainingB = firstRow(Models.forward(network, batchB, true));
    double[] inferenceAfter = firstRow(Models.forward(network, batchA, false));

    // inference: an image's features do not depend on the rest of the batch
    assertClose(inferenceB, inferenceA);
    // training: they do, through the batch's statistics
    assertThat(largestDifference(trainingA, trainingB)).isGreaterThan(1e-2);
    assertThat(largestDifference(trainingA, inferenceA)).isGreaterThan(1e-2);
    // and the training passes moved the running statistics that inference reads
    assertThat(largestDifference(inferenceAfter, inferenceA)).isGreaterThan(1e-3);
  }

  @Test
  void aFrozenNetworkLikeTheKeyEncoderStillNormalisesByTheBatchAndUpdatesItsStatistics() {
    ResNet spec = tinyBasic();
    ResidualNetwork key = initialised(spec, manager, 6);
    ResidualNetwork same = initialised(spec, manager, 6);
    key.freezeParameters(true);
    NDArray images = images(spec, 4);
    Parameter runningMean = key.stem().convNorm().norm().getParameters().get("runningMean");
    double[] before = Naive.values(runningMean);

    double[] frozen;
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      frozen = Naive.values(Models.forward(key, images, true));
    }
    double[] live = Naive.values(Models.forward(same, images, true));

    assertClose(frozen, live);
    assertThat(largestDifference(Naive.values(runningMean), before)).isGreaterThan(1e-3);
  }

  private static double[] firstRow(NDArray features) {
    return Naive.values(features.get(new NDIndex("0")));
  }

  @Test
  void initialisesAsTorchvision() {
    ResidualNetwork network = initialised(ResNet.cifar18(), manager, 5);
    ResidualBlock last = network.blocks().get("stage_4_block_1");
    ResidualBlock downsampling = network.blocks().get("stage_2_block_0");

    assertStd(last.branch().get(0).weight(), Math.sqrt(2.0 / (512 * 9)));
    assertStd(downsampling.shortcut().orElseThrow().weight(), Math.sqrt(2.0 / 128));
    assertStd(network.stem().convNorm().weight(), Math.sqrt(2.0 / (64 * 9)));
    for (Parameter parameter : network.getParameters().values()) {
      double[] values = Naive.values(parameter);
      switch (parameter.getType()) {
        case GAMMA, RUNNING_VAR -> assertThat(values).as(parameter.getName()).containsOnly(1.0);
        case BETA, RUNNING_MEAN -> assertThat(values).as(parameter.getName()).containsOnly(0.0);
        default -> assertThat(parameter.getShape().dimension()).isEqualTo(4);
      }
    }
  }

  @Test
  void zeroInitLastBnGammaZeroesTheLastNormOfEveryBlockOnly() {
    ResidualNetwork network =
        initialised(tinyBottleneck().withZeroInitLastBnGamma(true), manager, 5);

    assertThat(network.blocks()).hasSize(2);
    for (ResidualBlock block : network.blocks().values()) {
      int last = block.branch().size() - 1;
      for (int i = 0; i <= last; i++) {
        assertThat(Naive.values(block.branch().get(i).gamma())).containsOnly(i == last ? 0 : 1.0);
      }
      assertThat(Naive.values(block.shortcut().orElseThrow().gamma())).containsOnly(1.0);
    }
    assertThat(Naive.values(network.stem().convNorm().gamma())).containsOnly(1.0);
  }

  private static void assertStd(Parameter weight, double expected) {
    double[] values = Naive.values(weight);
    double sum = 0;
    double squares = 0;
    for (double v : values) {
      sum += v;
      squares += v * v;
    }
    double mean = sum / values.length;
    assertThat(mean).isCloseTo(0, within(0.1 * expected));
    assertThat(Math.sqrt(squares / values.length - mean * mean))
        .as(weight.getName() + " std")
        .isCloseTo(expected, within(0.05 * expected));
  }

  @Test
  void forwardAndBackwardLeaveNothingBehindInTheParametersManager() {
    ResNet spec = tinyBottleneck();
    ResidualNetwork network = initialised(spec, manager, 1);
    int arrays = manager.getManagedArrays().size();

    for (int i = 0; i < 20; i++) {
      try (NDManager step = manager.newSubManager();
          GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray images = step.randomNormal(imageShape(spec, 2));
        NDArray features = Models.forward(network, images, true);
        collector.backward(features.square().mean());
      }
    }

    assertThat(manager.getManagedArrays().size()).isEqualTo(arrays);
    Parameter stem = network.stem().convNorm().weight();
    assertThat(stem.getArray().getGradient().abs().sum().getFloat()).isPositive();
  }

  @Test
  void rejectsImagesOfAnotherSizeNamingTheSpecField() {
    ResidualNetwork network = initialised(tinyBottleneck(), manager, 1);
    NDArray wrong = manager.zeros(new Shape(2, 3, 9, 8));
    NDArray oneChannel = manager.zeros(new Shape(2, 1, 9, 9));

    assertThatThrownBy(() -> Models.forward(network, wrong, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[B, 3, S, S]")
        .hasMessageContaining("square images")
        .hasMessageContaining("(2, 3, 9, 8)")
        .hasMessageContaining("ResNet.imageSize");
    assertThatThrownBy(() -> Models.forward(network, oneChannel, false))
        .hasMessageContaining("ResNet.channels");
  }

  /**
   * Not a check: prints what one training step's forward and backward cost on this machine, after
   * a small warm-up batch. Tens of seconds on a busy 2-core machine, so it runs only when asked:
   * {@code mvn test -Dtest=ResidualNetworkTest -Dvitssl.benchmarks=true}.
   */
  @Test
  @EnabledIfSystemProperty(named = "vitssl.benchmarks", matches = "true")
  void cifar18ForwardAndBackwardTimeAtBatch64() {
    ResNet spec = ResNet.cifar18();
    ResidualNetwork network = initialised(spec, manager, 1);
    long nanos = 0;
    for (int batch : new int[] {4, 64}) {
      try (NDManager step = manager.newSubManager()) {
        NDArray images = step.randomNormal(imageShape(spec, batch));
        long start = System.nanoTime();
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          collector.backward(Models.forward(network, images, true).square().mean());
        }
        nanos = System.nanoTime() - start;
      }
    }
    System.out.printf(
        "ResNet cifar18, batch 64, 32x32: forward+backward %.0f ms (%.1f GFLOP/s)%n",
        nanos / 1e6, 3 * ResNetCost.forwardFlops(spec) * 64 / nanos);
    assertThat(nanos).isPositive();
  }
}
