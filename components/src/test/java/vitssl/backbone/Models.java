package vitssl.backbone;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import vitssl.dsl.backbone.Vit;

/** Small specs and one-line helpers shared by the model tests. */
public final class Models {
  private Models() {}

  /** 4x4 RGB images, 2x2 patches (4 patches), width 8, 2 heads, 2 blocks, MLP width 16. */
  public static Vit tiny() {
    return Vit.of(8, 2, 2).withPatchSize(2).withImageSize(4).withMlpRatio(2.0);
  }

  /** A spec's block, seeded and initialised for a batch of {@code batch} images. */
  public static VisionTransformer initialised(Vit spec, NDManager manager, int seed) {
    Engine.getInstance().setRandomSeed(seed);
    VisionTransformer vit = new VisionTransformer(spec);
    vit.initialize(manager, DataType.FLOAT32, imageShape(spec, 2));
    return vit;
  }

  public static Shape imageShape(Vit spec, int batch) {
    return new Shape(batch, spec.channels(), spec.imageSize(), spec.imageSize());
  }

  public static NDArray images(Vit spec, NDManager manager, int batch) {
    return manager.randomNormal(imageShape(spec, batch));
  }

  public static NDArray forward(Block block, NDArray input, boolean training) {
    ParameterStore store = new ParameterStore(input.getManager(), false);
    return block.forward(store, new NDList(input), training).singletonOrThrow();
  }
}
