package vitssl.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import vitssl.dsl.backbone.Pooling;
import vitssl.dsl.backbone.PositionEmbedding;
import vitssl.dsl.backbone.Vit;
import vitssl.engine.CompositeBlock;
import vitssl.engine.Scoped;

/**
 * The Vision Transformer of MoCo v3 (Chen, Xie, He 2021, arXiv 2104.02057) as a DJL block: images
 * {@code [B, C, H, W]} to features {@code [B, width]}.
 *
 * <p>Patch projection, then the class token (if the pooling uses one) and the position embedding,
 * then {@code depth} pre-norm blocks, then the pooling: {@link Pooling#CLASS_TOKEN} normalises the
 * class token with the final LayerNorm; {@link Pooling#AVERAGE_WITH_FINAL_NORM} normalises every
 * token and averages; {@link Pooling#GLOBAL_AVERAGE} averages the last block's tokens. Under
 * class-token pooling the last block computes the class token's row alone (its query against every
 * token's key and value, then the output projection and the MLP on that row): the other rows of
 * its output are never read, and skipping them leaves the features and their gradients as they
 * are. That is 6% of a ViT-B/16's forward FLOPs at 224 px (12 blocks of 197 tokens) and 17% of
 * the CPU recipe's (4 blocks of 17 tokens).
 *
 * <p>Initialisation follows MoCo v3 (see the layers' docs); the class token is normal with std
 * 1e-6, a {@link PositionEmbedding#LEARNED learned} position embedding normal with std 0.02 (timm's
 * truncated normal cuts at +-2, i.e. 100 std, so it is the same distribution). All draws come from
 * the engine's generator: {@code Engine.getInstance().setRandomSeed(seed)} before {@link
 * #initialize} makes the weights reproducible.
 *
 * <p>The sin-cos embedding is a frozen parameter (as in MoCo v3), so it is saved with the others
 * and no optimizer moves it. Everything built during forward belongs to the input's manager.
 */
public final class VisionTransformer extends CompositeBlock {
  private final Vit spec;
  private final PatchEmbedding patchEmbedding;
  private final Parameter classToken;
  private final Parameter positionEmbedding;
  private final List<TransformerBlock> blocks;
  private final LayerNorm finalNorm;

  public VisionTransformer(Vit spec) {
    this.spec = spec;
    this.patchEmbedding = addChildBlock("patch_embed", new PatchEmbedding(spec));
    this.classToken = spec.pooling().usesClassToken() ? addParameter(newClassToken(spec)) : null;
    this.positionEmbedding = PositionTable.parameter(spec);
    if (positionEmbedding != null) {
      addParameter(positionEmbedding);
    }
    List<TransformerBlock> built = new ArrayList<>(spec.depth());
    for (int i = 0; i < spec.depth(); i++) {
      built.add(addChildBlock("block_" + i, new TransformerBlock(spec, DropPath.rate(spec, i))));
    }
    this.blocks = Collections.unmodifiableList(built);
    this.finalNorm =
        spec.pooling().usesFinalNorm()
            ? addChildBlock("final_norm", TransformerBlock.tokenNorm(spec))
            : null;
  }

  private static Parameter newClassToken(Vit spec) {
    return Parameter.builder()
        .setName("class_token")
        .setType(Parameter.Type.WEIGHT)
        .optShape(new Shape(1, 1, spec.width()))
        .optInitializer(Initializers.normal(1e-6))
        .build();
  }

  public Vit spec() {
    return spec;
  }

  /**
   * The patch projection's weight and bias: frozen when the spec's projection is not trainable; the
   * parameters a first-layer gradient clip acts on.
   */
  public List<Parameter> patchProjectionParameters() {
    return patchEmbedding.parameters();
  }

  PatchEmbedding patchEmbedding() {
    return patchEmbedding;
  }

  Optional<Parameter> classToken() {
    return Optional.ofNullable(classToken);
  }

  Optional<Parameter> positionEmbedding() {
    return Optional.ofNullable(positionEmbedding);
  }

  List<TransformerBlock> blocks() {
    return blocks;
  }

  Optional<LayerNorm> finalNorm() {
    return Optional.ofNullable(finalNorm);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDArray x = tokens(parameterStore, inputs.singletonOrThrow(), training);
    // Under class-token pooling nothing reads the last block's other rows: it computes row 0 alone.
    boolean classTokenOnly = spec.pooling() == Pooling.CLASS_TOKEN;
    for (TransformerBlock block : classTokenOnly ? blocks.subList(0, blocks.size() - 1) : blocks) {
      // Each block's intermediates are freed at its end, as PyTorch frees them (see Scoped).
      x =
          Scoped.output(
              x, in -> block.forward(parameterStore, new NDList(in), training).singletonOrThrow());
    }
    if (classTokenOnly) {
      TransformerBlock last = blocks.get(blocks.size() - 1);
      NDArray token =
          Scoped.output(x, in -> last.classTokenForward(parameterStore, in, training));
      return new NDList(normalise(parameterStore, token, training));
    }
    return new NDList(pool(parameterStore, x, training));
  }

  /** The tokens entering the first block: patches, the class token, the position embedding. */
  NDArray tokens(ParameterStore parameterStore, NDArray images, boolean training) {
    checkImages(images.getShape());
    NDArray x =
        patchEmbedding.forward(parameterStore, new NDList(images), training).singletonOrThrow();
    if (classToken != null) {
      NDArray token = parameterStore.getValue(classToken, x.getDevice(), training);
      // Ops starting from a parameter land in the parameter's manager: move this one to the step's.
      NDArray tokens = token.broadcast(x.getShape().get(0), 1, spec.width());
      tokens.attach(x.getManager());
      x = NDArrays.concat(new NDList(tokens, x), 1);
    }
    if (positionEmbedding != null) {
      NDArray table = parameterStore.getValue(positionEmbedding, x.getDevice(), training);
      int grid = Math.toIntExact(images.getShape().get(2) / spec.patchSize());
      if (grid == spec.gridSize()) {
        x = x.add(table);
      } else {
        x = x.add(PositionTable.resampled(spec, table, grid, x.getManager()));
      }
    }
    return x;
  }

  /** The poolings that read every token of the last block (class-token pooling reads one row). */
  private NDArray pool(ParameterStore parameterStore, NDArray tokens, boolean training) {
    switch (spec.pooling()) {
      case AVERAGE_WITH_FINAL_NORM:
        return normalise(parameterStore, tokens, training).mean(new int[] {1});
      case GLOBAL_AVERAGE:
        return tokens.mean(new int[] {1});
      default:
        throw new IllegalArgumentException("Vit.pooling: unsupported value " + spec.pooling());
    }
  }

  private NDArray normalise(ParameterStore parameterStore, NDArray x, boolean training) {
    return finalNorm.forward(parameterStore, new NDList(x), training).singletonOrThrow();
  }

  private void checkImages(Shape shape) {
    ImageInput.check(shape, spec, "VisionTransformer", "Vit");
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), spec.width())};
  }

  @Override
  protected void beforeInitialize(Shape... inputShapes) {
    super.beforeInitialize(inputShapes);
    checkImages(inputShapes[0]);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    patchEmbedding.initialize(manager, dataType, inputShapes);
    Shape tokens = new Shape(inputShapes[0].get(0), spec.tokens(), spec.width());
    for (TransformerBlock block : blocks) {
      block.initialize(manager, dataType, tokens);
    }
    if (finalNorm != null) {
      finalNorm.initialize(manager, dataType, tokens);
    }
  }
}
