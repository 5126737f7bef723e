package vitssl.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import vitssl.dsl.backbone.ResNetStem;
import vitssl.engine.CompositeBlock;

/**
 * A ResNet's stem: {@link ConvNorm} of the stem's kernel and stride, ReLU, and for {@link
 * ResNetStem#IMAGENET} a 3x3 max-pool of stride 2 with padding 1.
 */
final class ConvStem extends CompositeBlock {
  private static final Shape POOL_KERNEL = new Shape(3, 3);
  private static final Shape POOL_STRIDE = new Shape(2, 2);
  private static final Shape POOL_PADDING = new Shape(1, 1);

  private final ResNetStem stem;
  private final ConvNorm convNorm;

  ConvStem(ResNetStem stem, int width) {
    this.stem = stem;
    this.convNorm =
        addChildBlock("conv_bn", new ConvNorm(width, stem.kernel(), stem.stride(), false));
  }

  ConvNorm convNorm() {
    return convNorm;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDArray x =
        Activation.relu(convNorm.forward(parameterStore, inputs, training).singletonOrThrow());
    if (stem.maxPool()) {
      x = Pool.maxPool2d(x, POOL_KERNEL, POOL_STRIDE, POOL_PADDING, false);
    }
    return new NDList(x);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape maps = convNorm.getOutputShapes(inputShapes)[0];
    if (!stem.maxPool()) {
      return new Shape[] {maps};
    }
    // floor((n + 2 - 3) / 2) + 1 per side, as the pool has no ceil mode
    return new Shape[] {
      new Shape(maps.get(0), maps.get(1), (maps.get(2) - 1) / 2 + 1, (maps.get(3) - 1) / 2 + 1)
    };
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    convNorm.initialize(manager, dataType, inputShapes);
  }
}
