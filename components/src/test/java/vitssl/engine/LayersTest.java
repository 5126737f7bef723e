package vitssl.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class LayersTest {
  /** A layer from DJL's builder and vitssl's, with an input shape it takes. */
  private record Pair(Supplier<Block> plain, Supplier<Block> known, Shape input) {}

  private static List<Pair> layers() {
    return List.of(
        new Pair(
            () -> Linear.builder().setUnits(3).build(),
            () -> Layers.linear(Linear.builder().setUnits(3)),
            new Shape(2, 5)),
        new Pair(
            () -> LayerNorm.builder().build(),
            () -> Layers.layerNorm(LayerNorm.builder()),
            new Shape(2, 5)),
        new Pair(
            () -> Conv2d.builder().setKernelShape(new Shape(2, 2)).setFilters(3).build(),
            () -> Layers.conv2d(Conv2d.builder().setKernelShape(new Shape(2, 2)).setFilters(3)),
            new Shape(2, 1, 4, 4)));
  }

  @Test
  void theLayersComputeWhatDjlsComputeFromTheSameParameters() {
    EngineSetup.ensureStarted();
    for (Pair pair : layers()) {
      Block plain = pair.plain().get();
      Block known = pair.known().get();
      try (NDManager manager = NDManager.newBaseManager()) {
        plain.initialize(manager, DataType.FLOAT32, pair.input());
        known.initialize(manager, DataType.FLOAT32, pair.input());
        for (Parameter p : known.getParameters().values()) {
          p.getArray().set(plain.getParameters().get(p.getName()).getArray().toFloatArray());
        }
        ParameterStore store = new ParameterStore(manager, false);
        NDList x = new NDList(manager.randomNormal(pair.input()));
        float[] expected = plain.forward(store, x, true).singletonOrThrow().toFloatArray();

        assertThat(known.forward(store, x, true).singletonOrThrow().toFloatArray())
            .as(known.getClass().getSimpleName())
            .containsExactly(expected);
      }
    }
  }

  @Test
  void onceInitialisedTheyAnswerFromMemoryUntilCleared() {
    EngineSetup.ensureStarted();
    for (Pair pair : layers()) {
      Block plain = pair.plain().get();
      Block known = pair.known().get();
      try (NDManager manager = NDManager.newBaseManager()) {
        assertThat(known.isInitialized()).isFalse();
        plain.initialize(manager, DataType.FLOAT32, pair.input());
        known.initialize(manager, DataType.FLOAT32, pair.input());
        assertThat(known.isInitialized()).isTrue();

        // A parameter dropped behind the layers' backs: DJL's layer lists its parameters again and
        // sees it; vitssl's does not ask again.
        plain.getParameters().valueAt(0).close();
        known.getParameters().valueAt(0).close();
        assertThat(plain.isInitialized()).isFalse();
        assertThat(known.isInitialized()).as(known.getClass().getSimpleName()).isTrue();

        known.clear();
        assertThat(known.isInitialized()).isFalse();
        known.initialize(manager, DataType.FLOAT32, pair.input());
        assertThat(known.isInitialized()).isTrue();
      }
    }
  }
}
