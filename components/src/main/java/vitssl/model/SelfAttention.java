package vitssl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Multi-head self-attention over tokens {@code [B, T, width]}: one fused qkv projection, all heads
 * at once as batched matmuls over {@code [B, heads, T, headDim]}, scale {@code 1/sqrt(headDim)},
 * then the output projection.
 *
 * <p>Initialised as MoCo v3 does: the qkv weight uniform in {@code +-sqrt(6 / (out/3 + in))}, so
 * that q, k and v each get Xavier's bound as matrices of their own; the output projection
 * Xavier-uniform; all biases zero.
 */
final class SelfAttention extends AbstractBlock {
  private final int width;
  private final int heads;
  private final float scale;
  private final Linear qkv;
  private final Linear projection;

  SelfAttention(int width, int heads, boolean qkvBias) {
    this.width = width;
    this.heads = heads;
    this.scale = (float) (1.0 / Math.sqrt(width / (double) heads));
    double xavier = Initializers.xavierBound(width, width);
    // Xavier of a [width, width] matrix, which is the bound sqrt(6 / (3*width/3 + width)) for qkv.
    this.qkv = addChildBlock("qkv", Initializers.linear(3L * width, qkvBias, xavier));
    this.projection = addChildBlock("projection", Initializers.linear(width, true, xavier));
  }

  Linear qkv() {
    return qkv;
  }

  Linear projection() {
    return projection;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDArray tokens = inputs.singletonOrThrow();
    Shape shape = tokens.getShape();
    long batch = shape.get(0);
    long length = shape.get(1);
    // [B, T, 3W] -> q, k, v as [B, heads, T, headDim] views. A split (not three selects) keeps
    // the backward pass to one concatenation instead of three zero-filled copies of qkv.
    NDList qkvParts = qkv.forward(parameterStore, inputs, training).singletonOrThrow().split(3, 2);
    NDArray q = perHead(qkvParts.get(0), batch, length).mul(scale);
    NDArray k = perHead(qkvParts.get(1), batch, length);
    NDArray v = perHead(qkvParts.get(2), batch, length);
    NDArray weights = q.matMul(k.transpose(0, 1, 3, 2)).softmax(-1);
    NDArray mixed = weights.matMul(v).transpose(0, 2, 1, 3).reshape(batch, length, width);
    return projection.forward(parameterStore, new NDList(mixed), training);
  }

  /** {@code [B, T, width]} to {@code [B, heads, T, headDim]}, without copying. */
  private NDArray perHead(NDArray tokens, long batch, long length) {
    return tokens.reshape(batch, length, heads, width / heads).transpose(0, 2, 1, 3);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    qkv.initialize(manager, dataType, inputShapes);
    projection.initialize(manager, dataType, inputShapes);
  }
}
