package vitssl.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import vitssl.engine.CompositeBlock;

/**
 * A transformer block's MLP: Linear to {@code hidden}, GELU (exact, erf-based), Linear back to
 * {@code width}. Both layers Xavier-uniform with zero bias, as in MoCo v3.
 */
final class FeedForward extends CompositeBlock {
  private final Linear expand;
  private final Linear contract;

  FeedForward(int width, int hidden) {
    double xavier = Initializers.xavierBound(width, hidden);
    this.expand = addChildBlock("expand", Initializers.linear(hidden, true, xavier));
    this.contract = addChildBlock("contract", Initializers.linear(width, true, xavier));
  }

  Linear expand() {
    return expand;
  }

  Linear contract() {
    return contract;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDArray tokens = inputs.singletonOrThrow();
    Shape shape = tokens.getShape();
    // As rows [B*T, width], so that both layers add their bias inside the matmul.
    NDArray rows = tokens.reshape(-1, shape.get(shape.dimension() - 1));
    NDArray hidden = expand.forward(parameterStore, new NDList(rows), training).singletonOrThrow();
    NDArray out =
        contract.forward(parameterStore, new NDList(Activation.gelu(hidden)), training)
            .singletonOrThrow();
    return new NDList(out.reshape(shape));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    expand.initialize(manager, dataType, inputShapes);
    contract.initialize(manager, dataType, expand.getOutputShapes(inputShapes));
  }
}
