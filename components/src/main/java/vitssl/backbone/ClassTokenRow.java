package vitssl.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import java.util.Optional;
import vitssl.engine.Kernels;
import vitssl.engine.Scalars;
import vitssl.engine.ScriptedKernel;

/**
 * The attention's mixed values for the class token alone, {@code [B, width]}, before the output
 * projection: row 0 of what {@link SelfAttention} computes for every token, for a last block whose
 * other rows nothing reads. Only the class token's query is projected: the qkv layer's first
 * {@code width} weight rows (and bias entries) meet the class token's row, the other rows, which
 * make keys and values, meet every token's. The block's qkv products, forward and backward, are a
 * third smaller than when every token's query is made and all but one are dropped.
 *
 * <p>The softmax and the products with keys and values run as batched matmuls over {@code
 * [B * heads, 1, T]}, or as one {@code torch.scaled_dot_product_attention} call where {@link
 * SelfAttention#fusedPays} says it pays.
 */
final class ClassTokenRow {
  /** q {@code [B, heads, 1, headDim]} against k and v from {@code [B, T, 2, heads, headDim]}. */
  private static final String SCRIPT =
      String.join(
          "\n",
          "  def forward(self: __torch__.ClassTokenRowAttention, q: Tensor, kv: Tensor) -> Tensor:",
          "    parts = torch.unbind(kv, 2)",
          "    k = torch.transpose(parts[0], 1, 2)",
          "    v = torch.transpose(parts[1], 1, 2)",
          "    return torch.scaled_dot_product_attention(q, k, v)",
          "");

  private final int width;
  private final int heads;
  private final float scale;
  private final Parameter weight;
  private final Optional<Parameter> bias;
  private final Optional<ScriptedKernel> fused;

  /**
   * @param scale what the scores are multiplied by, {@code 1/sqrt(headDim)}
   * @param weight the qkv layer's weight, {@code [3 * width, width]}
   * @param bias the qkv layer's bias, {@code [3 * width]}, where it has one
   */
  ClassTokenRow(
      int width,
      int heads,
      float scale,
      Parameter weight,
      Optional<Parameter> bias,
      Kernels kernels) {
    this.width = width;
    this.heads = heads;
    this.scale = scale;
    this.weight = weight;
    this.bias = bias;
    this.fused =
        ScriptedKernel.load(
            kernels,
            "ClassTokenRowAttention",
            SCRIPT,
            "the fused class-token attention kernel",
            "batched matmuls");
  }

  /** The class token's mixed values of tokens {@code [B, T, width]}, {@code [B, width]}. */
  NDArray mixed(ParameterStore parameterStore, NDArray tokens, boolean training) {
    long batch = tokens.getShape().get(0);
    long length = tokens.getShape().get(1);
    long headDim = width / heads;
    NDArray weight = parameterStore.getValue(this.weight, tokens.getDevice(), training);
    Optional<NDArray> bias =
        this.bias.map(b -> parameterStore.getValue(b, tokens.getDevice(), training));
    NDIndex queryRows = new NDIndex(":{}", width);
    NDIndex keyValueRows = new NDIndex("{}:", width);
    NDManager step = tokens.getManager();
    NDArray query =
        project(
            tokens.get(new NDIndex(":, 0, :")),
            slice(weight, queryRows, step),
            bias.map(b -> slice(b, queryRows, step)));
    NDArray keysValues =
        project(
                tokens.reshape(-1, width),
                slice(weight, keyValueRows, step),
                bias.map(b -> slice(b, keyValueRows, step)))
            .reshape(batch, length, 2, heads, headDim);
    if (fused.isPresent() && SelfAttention.fusedPays(tokens, this.weight)) {
      NDList inputs = new NDList(query.reshape(batch, heads, 1, headDim), keysValues);
      return fused.get().apply(inputs).singletonOrThrow().reshape(batch, width);
    }
    NDList kv = SelfAttention.headMajor(keysValues);
    NDArray scores =
        Scalars.mul(
            query.reshape(batch * heads, 1, headDim).matMul(kv.get(0).transpose(0, 2, 1)), scale);
    return scores.softmax(-1).matMul(kv.get(1)).reshape(batch, width);
  }

  /** A view of a parameter's rows that belongs to the step's manager, not the parameter's. */
  private static NDArray slice(NDArray parameter, NDIndex rows, NDManager step) {
    NDArray view = parameter.get(rows);
    view.attach(step);
    return view;
  }

  private static NDArray project(NDArray rows, NDArray weight, Optional<NDArray> bias) {
    NDList out =
        bias.isPresent() ? Linear.linear(rows, weight, bias.get()) : Linear.linear(rows, weight);
    return out.singletonOrThrow();
  }
}
