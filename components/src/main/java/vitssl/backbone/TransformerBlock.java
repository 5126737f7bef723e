package vitssl.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import vitssl.dsl.backbone.Vit;
import vitssl.engine.CompositeBlock;
import vitssl.engine.Layers;

/**
 * A pre-norm ViT block on tokens {@code [B, T, width]}: {@code x + attention(norm(x))}, then {@code
 * x + mlp(norm(x))}, each branch under stochastic depth when training with a positive rate.
 * DJL's own transformer block is post-norm with BatchNorm, hence this one.
 */
final class TransformerBlock extends CompositeBlock {
  private final LayerNorm attentionNorm;
  private final SelfAttention attention;
  private final LayerNorm mlpNorm;
  private final FeedForward mlp;
  private final double dropRate;

  /** @param dropRate this block's stochastic depth rate (see {@link DropPath}) */
  TransformerBlock(Vit spec, double dropRate) {
    this.dropRate = dropRate;
    this.attentionNorm = addChildBlock("attention_norm", tokenNorm(spec));
    this.attention =
        addChildBlock("attention", new SelfAttention(spec.width(), spec.heads(), spec.qkvBias()));
    this.mlpNorm = addChildBlock("mlp_norm", tokenNorm(spec));
    this.mlp = addChildBlock("mlp", new FeedForward(spec.width(), spec.mlpWidth()));
  }

  /**
   * A LayerNorm over the last axis of tokens {@code [B, T, width]} with the spec's epsilon; weight
   * one, bias zero. Once initialised it normalises the last axis of any input rank.
   */
  static LayerNorm tokenNorm(Vit spec) {
    return Layers.layerNorm(LayerNorm.builder().axis(2).optEpsilon((float) spec.layerNormEps()));
  }

  double dropRate() {
    return dropRate;
  }

  LayerNorm attentionNorm() {
    return attentionNorm;
  }

  SelfAttention attention() {
    return attention;
  }

  LayerNorm mlpNorm() {
    return mlpNorm;
  }

  FeedForward mlp() {
    return mlp;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDList normed = attentionNorm.forward(parameterStore, inputs, training);
    NDArray attended = attention.forward(parameterStore, normed, training).singletonOrThrow();
    x = x.add(DropPath.apply(attended, dropRate, training));
    normed = mlpNorm.forward(parameterStore, new NDList(x), training);
    NDArray transformed = mlp.forward(parameterStore, normed, training).singletonOrThrow();
    x = x.add(DropPath.apply(transformed, dropRate, training));
    return new NDList(x);
  }

  /**
   * Row 0 of {@link #forward}'s output, {@code [B, width]}, without the other rows: the class
   * token's query reads every token's key and value, and only the class token goes on through the
   * output projection, the MLP and the residual adds. For a last block under class-token pooling.
   */
  NDArray classTokenForward(ParameterStore parameterStore, NDArray tokens, boolean training) {
    NDArray normed =
        attentionNorm.forward(parameterStore, new NDList(tokens), training).singletonOrThrow();
    NDArray attended = attention.classTokenForward(parameterStore, normed, training);
    NDArray x = tokens.get(new NDIndex(":, 0, :")).add(DropPath.apply(attended, dropRate, training));
    NDList normedToken = mlpNorm.forward(parameterStore, new NDList(x), training);
    NDArray transformed = mlp.forward(parameterStore, normedToken, training).singletonOrThrow();
    return x.add(DropPath.apply(transformed, dropRate, training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    for (AbstractBlock child : new AbstractBlock[] {attentionNorm, attention, mlpNorm, mlp}) {
      child.initialize(manager, dataType, inputShapes);
    }
  }
}
