package vitssl.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Optional;
import vitssl.engine.Autograd;
import vitssl.engine.CompositeBlock;
import vitssl.engine.Kernels;
import vitssl.engine.Scalars;
import vitssl.engine.ScriptedKernel;

/**
 * Multi-head self-attention over tokens {@code [B, T, width]}: one fused qkv projection, {@code
 * softmax(q k^T / sqrt(headDim)) v} for every head, then the output projection.
 *
 * <p>On the PyTorch engine the attention itself can be one engine call, {@code
 * torch.scaled_dot_product_attention}, reached through a {@link ScriptedKernel}: it reads q, k
 * and v where the qkv projection wrote them (no head-major copies), never stores the score
 * matrices, and writes its result in the layout the output projection reads. On a CPU that is
 * PyTorch's flash-attention kernel, which works on blocks of 32 queries: with more than 32 tokens
 * it is the faster path (65 tokens: 10% less time for the block's forward and 3% for its
 * backward; 197 tokens: 16% and 15%), with one block per head its backward costs more than
 * batched matmuls (17 tokens at width 192: 13-16% more), so shorter sequences on a CPU take the
 * batched matmuls over {@code [B * heads, T, headDim]} when a gradient will be asked of them.
 * Without one (the key encoder's forward, evaluation) the kernel runs at any length: its forward
 * alone is the faster (17 tokens, batch 256, width 128: 1.0-1.3 ms against 1.9-2.7 ms). On a GPU
 * the fused kernel always runs.
 * Where the module cannot load, the batched matmuls always run; both paths compute the same
 * function.
 *
 * <p>Initialised as MoCo v3 does: the qkv weight uniform in {@code +-sqrt(6 / (out/3 + in))}, so
 * that q, k and v each get Xavier's bound as matrices of their own; the output projection
 * Xavier-uniform; all biases zero.
 */
final class SelfAttention extends CompositeBlock {
  private final int width;
  private final int heads;
  private final float scale;
  private final Linear qkv;
  /** The qkv layer's weight, looked up once: whether it trains decides the attention's path. */
  private final Parameter qkvWeight;
  private final Linear projection;
  private final Optional<ScriptedKernel> fused;
  private final ClassTokenRow classToken;

  /** Sequences up to this length run as batched matmuls on a CPU (see the class comment). */
  static final int CPU_BATCHED_MAX_TOKENS = 32;

  /**
   * q, k, v from {@code [B, T, 3, heads, headDim]} (the qkv projection's rows, viewed), to {@code
   * [B, T, heads, headDim]}; the scale is PyTorch's default, {@code 1/sqrt(headDim)}.
   */
  private static final String ATTENTION =
      String.join(
          "\n",
          "  def forward(self: __torch__.HeadsAttention, qkv: Tensor) -> Tensor:",
          "    parts = torch.unbind(qkv, 2)",
          "    q = torch.transpose(parts[0], 1, 2)",
          "    k = torch.transpose(parts[1], 1, 2)",
          "    v = torch.transpose(parts[2], 1, 2)",
          "    out = torch.scaled_dot_product_attention(q, k, v)",
          "    return torch.transpose(out, 1, 2)",
          "");

  SelfAttention(int width, int heads, boolean qkvBias) {
    this(width, heads, qkvBias, Kernels.SCRIPTED);
  }

  /** @param kernels whether the attention may run in one engine call */
  SelfAttention(int width, int heads, boolean qkvBias, Kernels kernels) {
    this.width = width;
    this.heads = heads;
    this.scale = (float) (1.0 / Math.sqrt(width / (double) heads));
    double xavier = Initializers.xavierBound(width, width);
    // Xavier of a [width, width] matrix, which is the bound sqrt(6 / (3*width/3 + width)) for qkv.
    this.qkv = addChildBlock("qkv", Initializers.linear(3L * width, qkvBias, xavier));
    this.projection = addChildBlock("projection", Initializers.linear(width, true, xavier));
    this.fused =
        ScriptedKernel.load(
            kernels, "HeadsAttention", ATTENTION, "the fused attention kernel", "batched matmuls");
    ParameterList qkvParameters = qkv.getParameters();
    this.qkvWeight = qkvParameters.get("weight");
    Optional<Parameter> bias =
        qkvParameters.contains("bias") ? Optional.of(qkvParameters.get("bias")) : Optional.empty();
    this.classToken = new ClassTokenRow(width, heads, scale, qkvWeight, bias, kernels);
  }

  /** Whether the one-call attention kernel is loaded (it runs for sequences it pays on). */
  boolean fused() {
    return fused.isPresent();
  }

  Linear qkv() {
    return qkv;
  }

  Linear projection() {
    return projection;
  }

  /**
   * The attention weights {@code softmax(q k^T / sqrt(headDim))} of every head, {@code [B, heads,
   * T, T]}, in inference mode: row i says how much token i reads from each token. For pictures; the
   * forward pass never forms them on its fused path.
   */
  NDArray weights(ParameterStore parameterStore, NDArray tokens) {
    Shape shape = tokens.getShape();
    NDArray parts =
        qkvRows(parameterStore, tokens, false)
            .reshape(shape.get(0), shape.get(1), 3, heads, width / heads)
            .transpose(2, 0, 3, 1, 4);
    return Scalars.mul(parts.get(0).matMul(parts.get(1).transpose(0, 1, 3, 2)), scale).softmax(-1);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDArray tokens = inputs.singletonOrThrow();
    long batch = tokens.getShape().get(0);
    long length = tokens.getShape().get(1);
    NDArray qkvRows = qkvRows(parameterStore, tokens, training);
    NDArray mixed =
        fused.isPresent() && fusedPays(tokens, qkvWeight)
            ? fused
                .get()
                .apply(new NDList(qkvRows.reshape(batch, length, 3, heads, width / heads)))
                .singletonOrThrow()
                .reshape(batch * length, width)
            : batchedMatmuls(qkvRows, batch, length, width / heads);
    NDArray out = projection.forward(parameterStore, new NDList(mixed), training).singletonOrThrow();
    return new NDList(out.reshape(batch, length, width));
  }

  /**
   * The attention's output for the class token alone, {@code [B, width]}: row 0 of {@link
   * #forward}'s result, computed from the class token's query against every token's key and value,
   * for a last block whose other rows nothing reads.
   */
  NDArray classTokenForward(ParameterStore parameterStore, NDArray tokens, boolean training) {
    NDArray row = classToken.mixed(parameterStore, tokens, training);
    return projection.forward(parameterStore, new NDList(row), training).singletonOrThrow();
  }

  /**
   * The qkv projection of tokens {@code [B, T, width]} as rows {@code [B*T, 3*width]}: the linear
   * layer sees rows, so that it adds its bias inside the matmul.
   */
  private NDArray qkvRows(ParameterStore parameterStore, NDArray tokens, boolean training) {
    NDArray rows = tokens.reshape(-1, width);
    return qkv.forward(parameterStore, new NDList(rows), training).singletonOrThrow();
  }

  /**
   * Whether the one-call kernel is the faster path for these tokens through a qkv projection of
   * this {@code weight}: on a GPU, for sequences over {@link #CPU_BATCHED_MAX_TOKENS}, for bfloat16 (see
   * {@link #bf16}), and where no backward pass will run through the attention, whose forward
   * alone is the faster at any length: outside a gradient collector (evaluation), and where the
   * projection is frozen (the key encoder). A frozen attention under a block that trains would
   * still get its gradients through the kernel, at its backward's cost.
   */
  static boolean fusedPays(NDArray tokens, Parameter qkvWeight) {
    return tokens.getShape().get(1) > CPU_BATCHED_MAX_TOKENS
        || tokens.getDevice().isGpu()
        || bf16(tokens)
        || !Autograd.recording()
        || !qkvWeight.requiresGradient();
  }

  /**
   * Whether {@code x} is bfloat16, which DJL 0.36 reports as {@code UNKNOWN}: its {@code softmax}
   * passes that type to the engine and aborts the process, so bfloat16 takes the fused kernel.
   */
  private static boolean bf16(NDArray x) {
    return x.getDataType() == DataType.UNKNOWN;
  }

  /**
   * The attention as engine ops on q, k and v made head-major ({@link #headMajor}): both products
   * run as batched matmuls without further copies (k enters transposed as a view).
   */
  private NDArray batchedMatmuls(NDArray qkvRows, long batch, long length, long headDim) {
    NDList qkvParts = headMajor(qkvRows.reshape(batch, length, 3, heads, headDim));
    NDArray q = qkvParts.get(0);
    NDArray k = qkvParts.get(1);
    // The scale goes on whichever is smaller: the scores [T, T] or the queries [T, headDim].
    NDArray scores =
        length <= headDim
            ? Scalars.mul(q.matMul(k.transpose(0, 2, 1)), scale)
            : Scalars.mul(q, scale).matMul(k.transpose(0, 2, 1));
    return scores
        .softmax(-1)
        .matMul(qkvParts.get(2))
        .reshape(batch, heads, length, headDim)
        .transpose(0, 2, 1, 3)
        .reshape(batch * length, width);
  }

  /**
   * {@code n} of q, k and v from {@code [B, T, n, heads, headDim]} as arrays {@code [B*heads, T,
   * headDim]}, made in one copy: each is then a contiguous block, and the backward of the split is
   * one concatenation along the outermost axis.
   */
  static NDList headMajor(NDArray parts) {
    Shape shape = parts.getShape();
    long n = shape.get(2);
    long groups = shape.get(0) * shape.get(3);
    long length = shape.get(1);
    long headDim = shape.get(4);
    NDList split =
        parts.transpose(2, 0, 3, 1, 4).reshape(n, groups, length, headDim).split(n, 0);
    NDList blocks = new NDList();
    split.forEach(block -> blocks.add(block.reshape(groups, length, headDim)));
    return blocks;
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
