package vitssl.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import vitssl.dsl.backbone.PatchProjection;
import vitssl.dsl.backbone.Pooling;
import vitssl.dsl.backbone.PositionEmbedding;
import vitssl.dsl.backbone.Vit;

class VisionTransformerTest {
  @AutoClose private final NDManager manager = NDManager.newBaseManager();

  static Stream<Arguments> variants() {
    List<Arguments> all = new ArrayList<>();
    for (Pooling pooling : Pooling.values()) {
      for (PositionEmbedding position : PositionEmbedding.values()) {
        all.add(Arguments.of(pooling, position, true));
      }
    }
    all.add(Arguments.of(Pooling.CLASS_TOKEN, PositionEmbedding.SIN_COS, false));
    return all.stream();
  }

  @ParameterizedTest
  @MethodSource("variants")
  void matchesAPlainJavaForwardPass(Pooling pooling, PositionEmbedding position, boolean qkvBias) {
    Vit spec =
        Models.tiny().withPooling(pooling).withPositionEmbedding(position).withQkvBias(qkvBias);
    VisionTransformer vit = Models.initialised(spec, manager, 1);
    Naive.randomise(vit, 2);
    NDArray images = Models.images(spec, manager, 3);

    double[] actual = Naive.values(Models.forward(vit, images, true));

    int pixels = spec.channels() * spec.imageSize() * spec.imageSize();
    double[] all = Naive.values(images);
    for (int b = 0; b < 3; b++) {
      double[] image = new double[pixels];
      System.arraycopy(all, b * pixels, image, 0, pixels);
      double[] expected = Naive.vit(vit, image);
      for (int i = 0; i < spec.width(); i++) {
        assertThat(actual[b * spec.width() + i]).isCloseTo(expected[i], within(1e-4));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Pooling.class)
  void mapsImagesToOneFeatureVectorEach(Pooling pooling) {
    Vit spec = Vit.cpuTiny().withDepth(1).withPooling(pooling);
    VisionTransformer vit = Models.initialised(spec, manager, 1);

    NDArray features = Models.forward(vit, Models.images(spec, manager, 5), false);

    assertThat(features.getShape()).isEqualTo(new Shape(5, 192));
    assertThat(vit.getOutputShapes(new Shape[] {Models.imageShape(spec, 5)})[0])
        .isEqualTo(new Shape(5, 192));
    assertThat(vit.classToken().isPresent()).isEqualTo(pooling.usesClassToken());
  }

  @Test
  void onlyALearnedPositionEmbeddingTrains() {
    Parameter learned =
        Models.initialised(
                Models.tiny().withPositionEmbedding(PositionEmbedding.LEARNED), manager, 1)
            .positionEmbedding()
            .orElseThrow();
    Parameter sinCos =
        Models.initialised(Models.tiny(), manager, 1).positionEmbedding().orElseThrow();
    VisionTransformer none =
        Models.initialised(Models.tiny().withPositionEmbedding(PositionEmbedding.NONE), manager, 1);

    assertThat(learned.requiresGradient()).isTrue();
    assertThat(learned.getShape()).isEqualTo(new Shape(1, 5, 8));
    assertThat(sinCos.requiresGradient()).isFalse();
    assertThat(none.positionEmbedding()).isEmpty();
    assertThat(none.getParameters().keys()).noneMatch(k -> k.contains("position"));
  }

  @Test
  void randomPatchProjectionKeepsEveryBitThroughBackwardAndUpdate() {
    VisionTransformer vit = Models.initialised(Models.tiny(), manager, 3);
    List<Parameter> patch = vit.patchProjectionParameters();
    Parameter qkv = vit.blocks().get(0).attention().qkv().getParameters().get("weight");
    Parameter position = vit.positionEmbedding().orElseThrow();
    float[][] before = {floats(patch.get(0)), floats(patch.get(1)), floats(qkv), floats(position)};

    trainOneStep(vit);

    assertThat(patch).noneMatch(Parameter::requiresGradient);
    assertThat(floats(patch.get(0))).isEqualTo(before[0]);
    assertThat(floats(patch.get(1))).isEqualTo(before[1]);
    assertThat(floats(position)).isEqualTo(before[3]);
    assertThat(floats(qkv)).isNotEqualTo(before[2]);
  }

  @Test
  void learnedPatchProjectionMoves() {
    Vit spec = Models.tiny().withPatchProjection(PatchProjection.learned());
    VisionTransformer vit = Models.initialised(spec, manager, 3);
    Parameter weight = vit.patchProjectionParameters().get(0);
    float[] before = floats(weight);

    trainOneStep(vit);

    assertThat(weight.requiresGradient()).isTrue();
    assertThat(floats(weight)).isNotEqualTo(before);
  }

  /** One backward of the features' mean square, then plain SGD on every parameter that trains. */
  private void trainOneStep(VisionTransformer vit) {
    try (NDManager step = manager.newSubManager()) {
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray features = Models.forward(vit, Models.images(vit.spec(), step, 4), true);
        collector.backward(features.square().mean());
      }
      for (Parameter parameter : vit.getParameters().values()) {
        if (parameter.requiresGradient()) {
          try (NDArray gradient = parameter.getArray().getGradient()) {
            parameter.getArray().subi(gradient.mul(0.1f));
          }
        }
      }
    }
  }

  @Test
  void initialisesAsMocoV3() {
    Vit spec =
        Vit.of(64, 1, 4)
            .withPatchSize(8)
            .withImageSize(32)
            .withPositionEmbedding(PositionEmbedding.LEARNED);
    VisionTransformer vit = Models.initialised(spec, manager, 5);
    TransformerBlock block = vit.blocks().get(0);

    assertUniform(
        block.attention().qkv().getParameters().get("weight"), Math.sqrt(6.0 / (64 + 64)));
    assertUniform(
        block.attention().projection().getParameters().get("weight"), Math.sqrt(6.0 / 128));
    assertUniform(block.mlp().expand().getParameters().get("weight"), Math.sqrt(6.0 / (64 + 256)));
    assertUniform(
        block.mlp().contract().getParameters().get("weight"), Math.sqrt(6.0 / (256 + 64)));
    assertUniform(vit.patchEmbedding().weight(), Math.sqrt(6.0 / (3 * 8 * 8 + 64)));
    for (Parameter parameter : vit.getParameters().values()) {
      String name = parameter.getName();
      if (name.equals("bias") || name.equals("beta")) {
        assertThat(floats(parameter)).as(name).containsOnly(0f);
      } else if (name.equals("gamma")) {
        assertThat(floats(parameter)).as(name).containsOnly(1f);
      }
    }
    assertThat(std(floats(vit.classToken().orElseThrow()))).isBetween(0.7e-6, 1.3e-6);
    assertThat(std(floats(vit.positionEmbedding().orElseThrow()))).isBetween(0.018, 0.022);
  }

  private static void assertUniform(Parameter parameter, double bound) {
    float[] values = floats(parameter);
    double max = 0;
    for (float v : values) {
      max = Math.max(max, Math.abs(v));
    }
    assertThat(max).as("largest |w|").isLessThanOrEqualTo(bound).isGreaterThan(0.97 * bound);
    assertThat(std(values)).as("std").isCloseTo(bound / Math.sqrt(3), within(0.03 * bound));
  }

  private static double std(float[] values) {
    double sum = 0;
    double squares = 0;
    for (float v : values) {
      sum += v;
      squares += (double) v * v;
    }
    double mean = sum / values.length;
    return Math.sqrt(squares / values.length - mean * mean);
  }

  @Test
  void theSameSeedGivesTheSameWeights() {
    Vit spec = Models.tiny().withPositionEmbedding(PositionEmbedding.LEARNED);
    List<float[]> first = allWeights(Models.initialised(spec, manager, 11));
    List<float[]> again = allWeights(Models.initialised(spec, manager, 11));
    List<float[]> other = allWeights(Models.initialised(spec, manager, 12));

    assertThat(again).hasSameSizeAs(first);
    for (int i = 0; i < first.size(); i++) {
      assertThat(again.get(i)).isEqualTo(first.get(i));
    }
    assertThat(other.get(0)).isNotEqualTo(first.get(0));
  }

  private static List<float[]> allWeights(VisionTransformer vit) {
    List<float[]> out = new ArrayList<>();
    vit.getParameters().values().forEach(p -> out.add(floats(p)));
    return out;
  }

  @ParameterizedTest
  @CsvSource({"CLASS_TOKEN, 20", "AVERAGE_WITH_FINAL_NORM, 5", "GLOBAL_AVERAGE, 5"})
  void forwardAndBackwardLeaveNothingBehindInTheParametersManager(Pooling pooling, int steps) {
    Vit spec = Models.tiny().withPooling(pooling).withPositionEmbedding(PositionEmbedding.LEARNED);
    VisionTransformer vit = Models.initialised(spec, manager, 1);
    int arrays = manager.getManagedArrays().size();

    for (int i = 0; i < steps; i++) {
      try (NDManager step = manager.newSubManager();
          GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray features = Models.forward(vit, Models.images(spec, step, 2), true);
        collector.backward(features.square().mean());
      }
    }

    assertThat(manager.getManagedArrays().size()).isEqualTo(arrays);
  }

  @Test
  void savedParametersLoadIntoAFreshBlockThatThenTrainsAsBefore() throws Exception {
    Vit spec = Models.tiny().withPositionEmbedding(PositionEmbedding.LEARNED);
    VisionTransformer saved = Models.initialised(spec, manager, 21);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    saved.saveParameters(new DataOutputStream(bytes));

    VisionTransformer loaded = new VisionTransformer(spec);
    loaded.loadParameters(
        manager, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    // DJL's Parameter.load does not restore gradient flags; initialize keeps the arrays and does.
    loaded.initialize(manager, DataType.FLOAT32, Models.imageShape(spec, 2));

    NDArray images = Models.images(spec, manager, 2);
    assertThat(Models.forward(loaded, images, false).toFloatArray())
        .containsExactly(Models.forward(saved, images, false).toFloatArray());
    assertThat(loaded.positionEmbedding().orElseThrow().getArray().hasGradient()).isTrue();
    assertThat(loaded.patchProjectionParameters().get(0).getArray().hasGradient()).isFalse();
  }

  @Test
  void rejectsImagesOfAnotherSizeNamingTheSpecField() {
    VisionTransformer vit = Models.initialised(Models.tiny(), manager, 1);
    NDArray wrong = manager.zeros(new Shape(2, 3, 5, 5));

    assertThatThrownBy(() -> Models.forward(vit, wrong, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[B, 3, S, S]")
        .hasMessageContaining("multiple of patchSize 2")
        .hasMessageContaining("(2, 3, 5, 5)")
        .hasMessageContaining("Vit.imageSize");
  }

  @Test
  void aSmallerImageUsesTheResampledPositionEmbeddingWithGradient() {
    Vit spec =
        Vit.of(8, 1, 2)
            .withPatchSize(2)
            .withImageSize(8)
            .withMlpRatio(2.0)
            .withPositionEmbedding(PositionEmbedding.LEARNED);
    VisionTransformer vit = Models.initialised(spec, manager, 5);
    Parameter table = vit.positionEmbedding().orElseThrow();
    NDArray local = manager.randomNormal(new Shape(3, 3, 4, 4));
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray features = Models.forward(vit, local, true);
      assertThat(features.getShape()).isEqualTo(new Shape(3, 8));
      collector.backward(features.sum());
    }
    // A 4x4 image has a 2x2 grid: each of its cells averages a 2x2 block of the 4x4 table, so
    // every one of the 16 patch rows and the class token's row receive gradient.
    float[] gradient = table.getArray().getGradient().toFloatArray();
    for (int row = 0; row < 17; row++) {
      double norm = 0;
      for (int j = 0; j < 8; j++) {
        norm += Math.abs(gradient[row * 8 + j]);
      }
      assertThat(norm).as("row %d", row).isPositive();
    }
  }

  static float[] floats(Parameter parameter) {
    return parameter.getArray().toFloatArray();
  }
}
