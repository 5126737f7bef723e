package vitssl.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vitssl.backbone.Models;
import vitssl.backbone.Naive;
import vitssl.dsl.head.Mlp;

class MlpHeadTest {
  private static final int BATCH = 6;
  private static final int IN = 12;
  private static final double BN_EPS = 1e-5;

  @AutoClose private final NDManager manager = NDManager.newBaseManager();

  private MlpHead initialised(Mlp spec) {
    Engine.getInstance().setRandomSeed(3);
    MlpHead head = new MlpHead(spec, IN);
    head.initialize(manager, DataType.FLOAT32, new Shape(BATCH, IN));
    return head;
  }

  private static Mlp small(int layers) {
    return Mlp.layers(layers).withHidden(16).withOut(8);
  }

  @Test
  void buildsMocoV3sLayersWithoutBiasesAndAnAffineFreeLastNorm() {
    MlpHead head = initialised(small(3));

    Map<String, Shape> trainable = new LinkedHashMap<>();
    Map<String, Shape> fixed = new LinkedHashMap<>();
    head.getParameters()
        .forEach(
            pair ->
                (pair.getValue().requiresGradient() ? trainable : fixed)
                    .put(
                        pair.getKey().replaceAll("\\d\\d(?=[a-z])", ""),
                        pair.getValue().getShape()));

    assertThat(trainable)
        .containsExactly(
            Map.entry("linear_0_weight", new Shape(16, IN)),
            Map.entry("bn_0_gamma", new Shape(16)),
            Map.entry("bn_0_beta", new Shape(16)),
            Map.entry("linear_1_weight", new Shape(16, 16)),
            Map.entry("bn_1_gamma", new Shape(16)),
            Map.entry("bn_1_beta", new Shape(16)),
            Map.entry("linear_2_weight", new Shape(8, 16)));
    assertThat(fixed.keySet())
        .contains("bn_2_gamma", "bn_2_beta", "bn_2_runningMean", "bn_2_runningVar")
        .noneMatch(k -> k.startsWith("linear"));
  }

  @Test
  void withoutBatchNormHiddenLayersGetABiasAndTheLastLayerNone() {
    MlpHead head = initialised(small(3).withBatchNorm(false).withLastBatchNorm(false));

    assertThat(head.getParameters().keys())
        .map(k -> k.replaceAll("\\d\\d(?=[a-z])", ""))
        .containsExactly(
            "linear_0_weight",
            "linear_0_bias",
            "linear_1_weight",
            "linear_1_bias",
            "linear_2_weight");
    NDArray x = manager.randomNormal(new Shape(BATCH, IN));

    double[] actual = Naive.values(Models.forward(head, x, true));

    double[][] h = rows(x);
    for (int i = 0; i < 3; i++) {
      h = Naive.linear(h, linear(head, i));
      if (i < 2) {
        relu(h);
      }
    }
    assertClose(actual, h);
  }

  @Test
  void trainingForwardNormalisesWithBatchStatistics() {
    MlpHead head = initialised(small(2));
    Naive.randomise(head, 5);
    NDArray x = manager.randomNormal(new Shape(BATCH, IN));

    double[] actual = Naive.values(Models.forward(head, x, true));

    double[][] h = batchNorm(Naive.linear(rows(x), linear(head, 0)));
    double[] gamma = Naive.values(parameter(head, "bn_0_gamma"));
    double[] beta = Naive.values(parameter(head, "bn_0_beta"));
    for (double[] row : h) {
      for (int j = 0; j < row.length; j++) {
        row[j] = Math.max(0, row[j] * gamma[j] + beta[j]);
      }
    }
    assertClose(actual, batchNorm(Naive.linear(h, linear(head, 1))));
  }

  @Test
  void inferenceForwardUsesRunningStatisticsThatTrainingUpdated() {
    MlpHead head = initialised(small(1));
    NDArray x = manager.randomNormal(new Shape(BATCH, IN));
    double[][] pre = Naive.linear(rows(x), linear(head, 0));

    // Fresh running statistics (mean 0, variance 1): inference only divides by sqrt(1 + eps).
    double[] fresh = Naive.values(Models.forward(head, x, false));
    Models.forward(head, x, true);
    double[] mean = Naive.values(parameter(head, "bn_0_runningMean"));

    for (int j = 0; j < 8; j++) {
      double batchMean = 0;
      for (double[] row : pre) {
        batchMean += row[j] / BATCH;
      }
      assertThat(mean[j]).as("PyTorch momentum 0.1").isCloseTo(0.1 * batchMean, within(1e-5));
      for (int b = 0; b < BATCH; b++) {
        assertThat(fresh[b * 8 + j]).isCloseTo(pre[b][j] / Math.sqrt(1 + BN_EPS), within(1e-5));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void viewsTogetherComputeWhatOneCallPerViewDoes(boolean batchNorm) {
    Mlp spec = small(3).withBatchNorm(batchNorm).withLastBatchNorm(batchNorm);
    MlpHead together = initialised(spec);
    MlpHead apart = initialised(spec);
    Naive.randomise(together, 8);
    Naive.randomise(apart, 8);
    List<NDArray> views = new ArrayList<>();
    for (int v = 0; v < 3; v++) {
      NDArray view = manager.randomNormal(v, 1 + v, new Shape(BATCH, IN), DataType.FLOAT32);
      view.setRequiresGradient(true);
      views.add(view);
    }
    NDArray weights = manager.randomNormal(new Shape(3, BATCH, 8));
    ParameterStore store = new ParameterStore(manager, false);

    List<double[]> outTogether = new ArrayList<>();
    List<double[]> inputGradTogether = new ArrayList<>();
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      List<NDArray> out = together.forwardViews(store, views, true);
      out.forEach(o -> outTogether.add(Naive.values(o)));
      collector.backward(NDArrays.stack(new NDList(out.toArray(new NDArray[0]))).mul(weights).sum());
    }
    views.forEach(v -> inputGradTogether.add(Naive.values(v.getGradient())));
    Map<String, double[]> paramsTogether = gradientsAndStatistics(together);
    for (NDArray view : views) {
      view.getGradient().subi(view.getGradient());
    }
    List<double[]> outApart = new ArrayList<>();
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDList out = new NDList();
      for (NDArray view : views) {
        out.add(apart.forward(store, new NDList(view), true).singletonOrThrow());
      }
      out.forEach(o -> outApart.add(Naive.values(o)));
      collector.backward(NDArrays.stack(out).mul(weights).sum());
    }
    Map<String, double[]> paramsApart = gradientsAndStatistics(apart);

    for (int v = 0; v < views.size(); v++) {
      assertThat(outTogether.get(v)).containsExactly(outApart.get(v), within(1e-5));
      assertThat(inputGradTogether.get(v))
          .containsExactly(Naive.values(views.get(v).getGradient()), within(1e-5));
    }
    assertThat(paramsTogether).containsOnlyKeys(paramsApart.keySet());
    paramsTogether.forEach(
        (name, values) ->
            assertThat(values).as(name).containsExactly(paramsApart.get(name), within(1e-4)));
    if (batchNorm) {
      assertThat(paramsTogether.keySet()).anyMatch(k -> k.endsWith("runningVar"));
    }
  }

  @Test
  void viewsTogetherMustShareTheirBatchSize() {
    MlpHead head = initialised(small(2));
    ParameterStore store = new ParameterStore(manager, false);
    List<NDArray> views =
        List.of(manager.zeros(new Shape(BATCH, IN)), manager.zeros(new Shape(BATCH - 1, IN)));

    assertThatThrownBy(() -> head.forwardViews(store, views, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("view 1 is (5, 12) but view 0 is (6, 12)")
        .hasMessageContaining("same batch size");
    MlpHead fresh = new MlpHead(small(2), IN);
    assertThatThrownBy(() -> fresh.forwardViews(store, views.subList(0, 1), true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not initialised");
  }

  /**
   * By parameter name (without the block's numbering): the gradient of each trainable parameter,
   * and the value of each running statistic.
   */
  private static Map<String, double[]> gradientsAndStatistics(MlpHead head) {
    Map<String, double[]> out = new TreeMap<>();
    head.getParameters()
        .forEach(
            pair -> {
              String name = pair.getKey().replaceAll("\\d\\d(?=[a-z])", "");
              NDArray array = pair.getValue().getArray();
              if (pair.getValue().requiresGradient()) {
                out.put(name, Naive.values(array.getGradient()));
              } else if (name.contains("running")) {
                out.put(name, Naive.values(array));
              }
            });
    return out;
  }

  @Test
  void rejectsFeaturesOfAnotherWidth() {
    MlpHead head = initialised(small(2));
    NDArray wrong = manager.zeros(new Shape(BATCH, IN + 1));

    assertThatThrownBy(() -> Models.forward(head, wrong, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[B, 12]")
        .hasMessageContaining("(6, 13)");
    assertThatThrownBy(() -> new MlpHead(small(2), 0)).hasMessageContaining("inputWidth 0");
  }

  private static Linear linear(MlpHead head, int index) {
    return (Linear)
        head.getChildren().stream()
            .filter(pair -> pair.getKey().endsWith("linear_" + index))
            .findFirst()
            .orElseThrow()
            .getValue();
  }

  private static Parameter parameter(MlpHead head, String name) {
    return head.getParameters().stream()
        .filter(pair -> pair.getKey().replaceAll("\\d\\d(?=[a-z])", "").equals(name))
        .findFirst()
        .orElseThrow()
        .getValue();
  }

  private static double[][] rows(NDArray x) {
    int width = Math.toIntExact(x.getShape().get(1));
    double[] flat = Naive.values(x);
    double[][] rows = new double[flat.length / width][width];
    for (int b = 0; b < rows.length; b++) {
      System.arraycopy(flat, b * width, rows[b], 0, width);
    }
    return rows;
  }

  /** Per-feature standardisation over the batch, biased variance, as BatchNorm in training. */
  private static double[][] batchNorm(double[][] x) {
    double[][] columns = new double[x[0].length][x.length];
    for (int b = 0; b < x.length; b++) {
      for (int j = 0; j < x[0].length; j++) {
        columns[j][b] = x[b][j];
      }
    }
    double[][] out = new double[x.length][x[0].length];
    for (int j = 0; j < columns.length; j++) {
      double[] standard = Naive.standardise(columns[j], BN_EPS);
      for (int b = 0; b < x.length; b++) {
        out[b][j] = standard[b];
      }
    }
    return out;
  }

  private static void relu(double[][] x) {
    for (double[] row : x) {
      for (int j = 0; j < row.length; j++) {
        row[j] = Math.max(0, row[j]);
      }
    }
  }

  private static void assertClose(double[] actual, double[][] expected) {
    int width = expected[0].length;
    assertThat(actual).hasSize(expected.length * width);
    for (int b = 0; b < expected.length; b++) {
      for (int j = 0; j < width; j++) {
        assertThat(actual[b * width + j]).isCloseTo(expected[b][j], within(1e-4));
      }
    }
  }
}
