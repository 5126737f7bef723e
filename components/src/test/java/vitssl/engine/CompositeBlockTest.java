package vitssl.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParameterList;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.junit.jupiter.api.Test;

class CompositeBlockTest {
  /** Two linear layers in a row, counting how often its parameters are listed. */
  private static final class Counting {
    int listings;

    Block block(boolean composite) {
      if (composite) {
        return new CompositeTwin(this);
      }
      // The same two layers in one of DJL's own blocks of blocks.
      SequentialBlock plain =
          new SequentialBlock() {
            @Override
            public ParameterList getParameters() {
              listings++;
              return super.getParameters();
            }
          };
      return plain.add(layer(4)).add(layer(2));
    }
  }

  private static Linear layer(int units) {
    return Linear.builder().setUnits(units).build();
  }

  private static final class CompositeTwin extends CompositeBlock {
    private final Counting counting;
    private final Linear first = addChildBlock("first", layer(4));
    private final Linear second = addChildBlock("second", layer(2));

    CompositeTwin(Counting counting) {
      this.counting = counting;
    }

    @Override
    public ParameterList getParameters() {
      counting.listings++;
      return super.getParameters();
    }

    @Override
    protected NDList forwardInternal(
        ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
      return second.forward(store, first.forward(store, inputs, training), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
      return new Shape[] {new Shape(inputShapes[0].get(0), 2)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType type, Shape... inputShapes) {
      first.initialize(manager, type, inputShapes);
      second.initialize(manager, type, new Shape(inputShapes[0].get(0), 4));
    }
  }

  /** How often ten training forwards after initialisation list the block's parameters. */
  private static int listingsOverTenTrainingForwards(boolean composite) {
    Counting counting = new Counting();
    Block block = counting.block(composite);
    try (NDManager manager = NDManager.newBaseManager()) {
      block.initialize(manager, DataType.FLOAT32, new Shape(3, 5));
      ParameterStore store = new ParameterStore(manager, false);
      counting.listings = 0;
      for (int i = 0; i < 10; i++) {
        try (NDManager step = manager.newSubManager()) {
          block.forward(store, new NDList(step.ones(new Shape(3, 5))), true);
        }
      }
      return counting.listings;
    }
  }

  @Test
  void aTrainingForwardListsTheParametersOnlyUntilTheyExist() {
    EngineSetup.ensureStarted();

    // DJL's blocks list them at every training forward; the composite once, then remembers.
    assertThat(listingsOverTenTrainingForwards(false)).isEqualTo(10);
    assertThat(listingsOverTenTrainingForwards(true)).isEqualTo(1);
  }

  @Test
  void itIsNotInitialisedBeforeInitialisationNorAfterClear() {
    EngineSetup.ensureStarted();
    Block block = new Counting().block(true);
    try (NDManager manager = NDManager.newBaseManager()) {
      assertThat(block.isInitialized()).isFalse();
      block.initialize(manager, DataType.FLOAT32, new Shape(3, 5));
      assertThat(block.isInitialized()).isTrue();

      block.clear();

      assertThat(block.isInitialized()).isFalse();
      assertThat(block.getParameters().values()).allMatch(p -> !p.isInitialized());
    }
  }
}
