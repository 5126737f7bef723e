package vitssl.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.List;
import vitssl.dsl.backbone.Vit;
import vitssl.engine.CompositeBlock;
import vitssl.engine.Layers;

/**
 * The patch projection, the ViT's first layer: a convolution with kernel = stride = patch size,
 * turning images {@code [B, C, H, W]} into tokens {@code [B, (H/p)*(W/p), width]} in row-major
 * patch order.
 *
 * <p>Initialised as MoCo v3 does: weight uniform in {@code +-sqrt(6 / (C*p*p + width))} (Xavier
 * over the patch's fan-in and the width), bias zero. When the spec's projection is not trainable
 * (the study's random patch projection) both parameters are frozen: they get no gradient, so no
 * optimizer can move them.
 */
final class PatchEmbedding extends CompositeBlock {
  private final int width;
  private final Conv2d projection;

  PatchEmbedding(Vit spec) {
    this.width = spec.width();
    int p = spec.patchSize();
    this.projection =
        addChildBlock(
            "projection",
            Layers.conv2d(
                Conv2d.builder()
                    .setKernelShape(new Shape(p, p))
                    .optStride(new Shape(p, p))
                    .setFilters(width)
                    .optBias(true)));
    double bound = Initializers.xavierBound((long) spec.channels() * p * p, width);
    weight().setInitializer(Initializers.uniform(bound));
    bias().setInitializer(Initializer.ZEROS);
    if (!spec.patchProjection().trainable()) {
      projection.freezeParameters(true);
    }
  }

  Parameter weight() {
    return projection.getParameters().get("weight");
  }

  Parameter bias() {
    return projection.getParameters().get("bias");
  }

  /** Weight then bias: the parameters a gradient clip or freeze of the first layer acts on. */
  List<Parameter> parameters() {
    return List.of(weight(), bias());
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDArray maps = projection.forward(parameterStore, inputs, training).singletonOrThrow();
    long batch = maps.getShape().get(0);
    return new NDList(maps.reshape(batch, width, -1).transpose(0, 2, 1));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape maps = projection.getOutputShapes(inputShapes)[0];
    return new Shape[] {new Shape(maps.get(0), maps.get(2) * maps.get(3), width)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    projection.initialize(manager, dataType, inputShapes);
  }
}
