package vitssl.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import vitssl.dsl.backbone.ResNet;
import vitssl.engine.CompositeBlock;

/**
 * A {@link ResNet} as a DJL block: images {@code [B, C, H, W]} to features {@code [B,
 * featureWidth]}. The stem, then each stage's {@link ResidualBlock}s (the first of every stage
 * after the first has stride 2), then the mean over the last feature map's positions.
 *
 * <p>BatchNorm follows the {@code training} flag of {@code forward}: batch statistics (and an
 * update of the running ones) when true, running statistics when false. Weights are drawn from the
 * engine's generator, so {@code Engine.getInstance().setRandomSeed(seed)} before {@link
 * #initialize} makes them reproducible. Every op of the forward pass starts from the input or what
 * came of it, so everything it builds belongs to the input's manager.
 */
public final class ResidualNetwork extends CompositeBlock {
  private final ResNet spec;
  private final ConvStem stem;
  private final Map<String, ResidualBlock> blocks;

  public ResidualNetwork(ResNet spec) {
    this.spec = spec;
    this.stem = addChildBlock("stem", new ConvStem(spec.stem(), spec.baseWidth()));
    Map<String, ResidualBlock> built = new LinkedHashMap<>();
    int in = spec.baseWidth();
    for (int stage = 0; stage < spec.stages(); stage++) {
      for (int i = 0; i < spec.stageDepths().get(stage); i++) {
        int stride = i == 0 ? spec.stageStride(stage) : 1;
        String name = blockName(stage, i);
        ResidualBlock block =
            new ResidualBlock(
                spec.block(), in, spec.stageWidth(stage), stride, spec.zeroInitLastBnGamma());
        built.put(name, addChildBlock(name, block));
        in = spec.stageOutput(stage);
      }
    }
    this.blocks = Collections.unmodifiableMap(built);
  }

  /** The name of a block, stages counted from 1 (torchvision's layer1..), blocks from 0. */
  static String blockName(int stage, int block) {
    return "stage_" + (stage + 1) + "_block_" + block;
  }

  public ResNet spec() {
    return spec;
  }

  ConvStem stem() {
    return stem;
  }

  /** The residual blocks by name, in forward order. */
  Map<String, ResidualBlock> blocks() {
    return blocks;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    checkImages(inputs.singletonOrThrow().getShape());
    NDList x = stem.forward(parameterStore, inputs, training);
    for (ResidualBlock block : blocks.values()) {
      x = block.forward(parameterStore, x, training);
    }
    NDArray maps = x.singletonOrThrow();
    Shape shape = maps.getShape();
    // the engine's mean takes one axis: average the flattened positions
    return new NDList(maps.reshape(shape.get(0), shape.get(1), -1).mean(new int[] {2}));
  }

  private void checkImages(Shape shape) {
    ImageInput.check(shape, spec, "ResidualNetwork", "ResNet");
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), spec.featureWidth())};
  }

  @Override
  protected void beforeInitialize(Shape... inputShapes) {
    super.beforeInitialize(inputShapes);
    checkImages(inputShapes[0]);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    stem.initialize(manager, dataType, inputShapes);
    Shape[] shapes = stem.getOutputShapes(inputShapes);
    for (ResidualBlock block : blocks.values()) {
      block.initialize(manager, dataType, shapes);
      shapes = block.getOutputShapes(shapes);
    }
  }
}
