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
import vitssl.engine.Scalars;

/**
 * Multi-head self-attention over tokens {@code [B, T, width]}: one fused qkv projection, all heads
 * at once as batched matmuls over {@code [B * heads, T, headDim]}, scale {@code 1/sqrt(headDim)},
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
    long headDim = width / heads;
    long groups = batch * heads;
    // Rows [B*T, width] through the linear layers, so that they add their bias inside the matmul.
    // [B*T, 3W] -> [3, B*heads, T, headDim] in one copy; q, k and v are then contiguous blocks,
    // so both attention products run as batched matmuls without further copies (k enters
    // transposed as a view), and the backward of the split is one concatenation along the
    // outermost axis.
    NDArray rows = tokens.reshape(batch * length, width);
    NDList qkvParts =
        qkv.forward(parameterStore, new NDList(rows), training)
            .singletonOrThrow()
            .reshape(batch, length, 3, heads, headDim)
            .transpose(2, 0, 3, 1, 4)
            .reshape(3, groups, length, headDim)
            .split(3, 0);
    NDArray q = qkvParts.get(0).reshape(groups, length, headDim);
    NDArray k = qkvParts.get(1).reshape(groups, length, headDim);
    NDArray v = qkvParts.get(2).reshape(groups, length, headDim);
    // The scale goes on whichever is smaller: the scores [T, T] or the queries [T, headDim].
    NDArray scores =
        length <= headDim
            ? Scalars.mul(q.matMul(k.transpose(0, 2, 1)), scale)
            : Scalars.mul(q, scale).matMul(k.transpose(0, 2, 1));
    NDArray mixed =
        scores
            .softmax(-1)
            .matMul(v)
            .reshape(batch, heads, length, headDim)
            .transpose(0, 2, 1, 3)
            .reshape(batch * length, width);
    NDArray out = projection.forward(parameterStore, new NDList(mixed), training).singletonOrThrow();
    return new NDList(out.reshape(batch, length, width));
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
