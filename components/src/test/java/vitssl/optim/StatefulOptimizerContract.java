package vitssl.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static vitssl.optim.TestParameters.frozen;
import static vitssl.optim.TestParameters.setGradients;
import static vitssl.optim.TestParameters.trainable;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * What every {@link StatefulOptimizer} must do whatever its math: skip parameters without a
 * gradient, zero the gradients it used, keep its state in the state manager only, carry its state
 * through a checkpoint, and refuse a bad learning rate. A test class extends this and says how to
 * build its optimizer; it also prints the time of one step at the size the step budget is set for.
 */
abstract class StatefulOptimizerContract {
  private static final Shape MATRIX = new Shape(2, 3);
  private static final Shape VECTOR = new Shape(3);

  /**
   * The parameters of a reference run: a matrix, a convolution kernel (its norm must run over every
   * element) and a vector.
   */
  private static final List<Shape> REFERENCE_SHAPES =
      List.of(MATRIX, new Shape(2, 1, 2, 2), VECTOR);

  private final Random random = new Random(5);

  /** The optimizer under test, with settings that make every term of its step visible. */
  abstract StatefulOptimizer optimizer(NDManager stateManager);

  /** The optimizer with the paper's settings, for the timing. */
  abstract StatefulOptimizer withPaperDefaults(NDManager stateManager);

  /** The optimizer under test without weight decay. */
  abstract StatefulOptimizer withoutDecay(NDManager stateManager);

  /** How many arrays it keeps per parameter that has taken a step. */
  abstract int arraysPerParameter();

  @Test
  void skipsFrozenParametersAndThoseNoBackwardReached() {
    float[] matrix = TestParameters.random(random, 6, 1);
    float[] vector = TestParameters.random(random, 3, 1);
    try (NDManager manager = NDManager.newBaseManager();
        NDManager state = NDManager.newBaseManager()) {
      Parameter trained = trainable(manager, "w", MATRIX, matrix.clone());
      Parameter frozen = frozen(manager, "patch", VECTOR, vector.clone());
      Parameter unreached = trainable(manager, "cls", VECTOR, vector.clone());
      setGradients(List.of(trained), List.of(TestParameters.random(random, 6, 1)));
      StatefulOptimizer update = optimizer(state);
      update.step(List.of(trained, frozen, unreached), 0.1);
      assertThat(trained.getArray().toFloatArray()).isNotEqualTo(matrix);
      assertThat(frozen.getArray().toFloatArray()).containsExactly(vector);
      assertThat(unreached.getArray().toFloatArray()).containsExactly(vector);
      assertThat(update.steps(trained)).isEqualTo(1);
      assertThat(update.steps(frozen)).isZero();
      assertThat(update.steps(unreached)).isZero();
      assertThat(state.getManagedArrays()).hasSize(arraysPerParameter());
    }
  }

  @Test
  void zeroesTheGradientsItUsedAndKeepsStateOnlyInTheStateManager() {
    try (NDManager manager = NDManager.newBaseManager();
        NDManager state = NDManager.newBaseManager()) {
      List<Parameter> parameters = matrixAndVector(manager);
      int before = manager.getManagedArrays().size();
      StatefulOptimizer update = optimizer(state);
      for (int i = 0; i < 2; i++) {
        setRandomGradients(parameters);
        update.step(parameters, 0.1);
        assertThat(TestParameters.gradient(parameters.get(0))).containsOnly(0f);
        assertThat(TestParameters.gradient(parameters.get(1))).containsOnly(0f);
      }
      assertThat(manager.getManagedArrays()).hasSize(before);
      assertThat(state.getManagedArrays()).hasSize(2 * arraysPerParameter());
    }
  }

  /**
   * Two steps, a checkpoint, a third step; then the checkpoint loaded into a fresh optimizer on
   * fresh parameters with the values of after two steps: its third step gives the same floats.
   */
  @Test
  void savedStateReproducesTheNextStepExactly() throws IOException {
    try (NDManager manager = NDManager.newBaseManager();
        NDManager state = NDManager.newBaseManager();
        NDManager restoredState = NDManager.newBaseManager()) {
      List<Parameter> parameters = matrixAndVector(manager);
      StatefulOptimizer original = optimizer(state);
      for (double lr : new double[] {0.2, 0.1}) {
        setRandomGradients(parameters);
        original.step(parameters, lr);
      }
      byte[] checkpoint = save(original, parameters);
      List<Parameter> copies =
          List.of(
              trainable(manager, "w", MATRIX, parameters.get(0).getArray().toFloatArray()),
              trainable(manager, "b", VECTOR, parameters.get(1).getArray().toFloatArray()));
      StatefulOptimizer restored = optimizer(restoredState);
      restored.loadState(copies, new DataInputStream(new ByteArrayInputStream(checkpoint)));
      List<float[]> gradients =
          List.of(TestParameters.random(random, 6, 1), TestParameters.random(random, 3, 1));
      setGradients(parameters, gradients);
      original.step(parameters, 0.3);
      setGradients(copies, gradients);
      restored.step(copies, 0.3);
      for (int i = 0; i < 2; i++) {
        assertThat(copies.get(i).getArray().toFloatArray())
            .containsExactly(parameters.get(i).getArray().toFloatArray());
        assertThat(restored.steps(copies.get(i))).isEqualTo(3);
      }
    }
  }

  /** A checkpoint of another model fails with a message that says so. */
  @Test
  void loadingTheStateOfAnotherModelFails() throws IOException {
    try (NDManager manager = NDManager.newBaseManager();
        NDManager state = NDManager.newBaseManager()) {
      List<Parameter> parameters = matrixAndVector(manager);
      StatefulOptimizer update = optimizer(state);
      setRandomGradients(parameters);
      update.step(parameters, 0.1);
      byte[] checkpoint = save(update, parameters);
      List<Parameter> fewer = List.of(parameters.get(0));
      assertThatThrownBy(() -> load(optimizer(state), fewer, checkpoint))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("holds 2 parameters, the model 1");
      List<Parameter> reshaped =
          List.of(
              trainable(manager, "w", new Shape(3, 2), new float[6]),
              trainable(manager, "b", VECTOR, new float[3]));
      assertThatThrownBy(() -> load(optimizer(state), reshaped, checkpoint))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("parameter w has shape (2, 3), the parameter (3, 2)");
    }
  }

  /** The update norm is 0, so the trust ratio must be 1: a division by it would give NaN. */
  @Test
  void aZeroGradientWithoutDecayMovesNothing() {
    try (NDManager manager = NDManager.newBaseManager();
        NDManager state = NDManager.newBaseManager()) {
      float[] values = TestParameters.random(random, 6, 1);
      Parameter still = trainable(manager, "still", MATRIX, values.clone());
      setGradients(List.of(still), List.of(new float[6]));
      withoutDecay(state).step(List.of(still), 0.5);
      assertThat(still.getArray().toFloatArray()).containsExactly(values);
    }
  }

  @Test
  void rejectsANegativeLearningRate() {
    try (NDManager state = NDManager.newBaseManager()) {
      StatefulOptimizer update = optimizer(state);
      assertThatThrownBy(() -> update.step(List.of(), -0.1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(update.getClass().getSimpleName() + ": lr = -0.1");
      assertThatThrownBy(() -> update.step(List.of(), Double.NaN))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("lr = NaN");
    }
  }

  @Test
  void printsTheTimeOfOneStepOverAVitSizedModel() {
    try (NDManager manager = NDManager.newBaseManager();
        NDManager state = NDManager.newBaseManager()) {
      List<Parameter> parameters = TestParameters.vitSized(manager, true);
      TestParameters.setGradientsToWeights(parameters);
      StatefulOptimizer update = withPaperDefaults(state);
      // After the first step the gradients are zero; the work per step is the same.
      System.out.printf(
          "%s, %d parameters in %d tensors: step %s%n",
          update.getClass().getSimpleName(),
          TestParameters.size(parameters),
          parameters.size(),
          Timing.of(3, () -> update.step(parameters, 1e-3)));
    }
  }

  /**
   * Steps a matrix, a 4-D kernel and a vector at each of {@code lrs} with random gradients, and
   * steps a reference for each alike; their values must agree to float32 rounding.
   *
   * @param reference the reference for a parameter of this shape starting at these values
   */
  void checkAgainstReference(
      StatefulOptimizer update,
      double[] lrs,
      BiFunction<Shape, float[], ReferenceOptimizer> reference) {
    try (NDManager manager = NDManager.newBaseManager()) {
      List<Parameter> parameters = new ArrayList<>();
      List<ReferenceOptimizer> references = new ArrayList<>();
      for (Shape shape : REFERENCE_SHAPES) {
        float[] initial = random(shape);
        parameters.add(trainable(manager, shape.toString(), shape, initial.clone()));
        references.add(reference.apply(shape, initial));
      }
      for (double lr : lrs) {
        List<float[]> gradients = REFERENCE_SHAPES.stream().map(this::random).toList();
        setGradients(parameters, gradients);
        update.step(parameters, lr);
        for (int i = 0; i < references.size(); i++) {
          references.get(i).step(gradients.get(i), lr);
        }
      }
      for (int i = 0; i < parameters.size(); i++) {
        assertThat(parameters.get(i).getArray().toFloatArray())
            .as(parameters.get(i).getName())
            .containsExactly(references.get(i).values(), within(2e-6f));
        assertThat(update.steps(parameters.get(i))).isEqualTo(lrs.length);
      }
    }
  }

  float[] random(Shape shape) {
    return TestParameters.random(random, (int) shape.size(), 1);
  }

  private List<Parameter> matrixAndVector(NDManager manager) {
    return List.of(
        trainable(manager, "w", MATRIX, TestParameters.random(random, 6, 1)),
        trainable(manager, "b", VECTOR, TestParameters.random(random, 3, 1)));
  }

  private void setRandomGradients(List<Parameter> parameters) {
    setGradients(
        parameters,
        List.of(TestParameters.random(random, 6, 1), TestParameters.random(random, 3, 1)));
  }

  private static byte[] save(StatefulOptimizer update, List<Parameter> parameters)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      update.saveState(parameters, out);
    }
    return bytes.toByteArray();
  }

  private static void load(StatefulOptimizer update, List<Parameter> parameters, byte[] checkpoint)
      throws IOException {
    update.loadState(parameters, new DataInputStream(new ByteArrayInputStream(checkpoint)));
  }
}
