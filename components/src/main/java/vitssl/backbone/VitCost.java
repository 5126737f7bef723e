package vitssl.backbone;

import vitssl.dsl.backbone.Pooling;
import vitssl.dsl.backbone.PositionEmbedding;
import vitssl.dsl.backbone.Vit;

/**
 * What a {@link Vit} costs, derived from its spec alone (nothing is allocated): its parameter count
 * and the floating-point operations of one image's forward pass. A benchmark divides measured time
 * into these to get the achieved FLOP/s.
 */
public final class VitCost {
  private VitCost() {}

  /**
   * Forward FLOPs per image of every matrix product and convolution as the {@link
   * VisionTransformer} computes them, counted as 2 per multiply-add: the patch projection, and per
   * block the qkv projection, the attention scores, the attention-weighted sum of values, the output
   * projection and the two MLP layers. Under class-token pooling the last block computes the class
   * token's row alone: keys and values for every token and the class token's query, attention for
   * one query, the output projection and the MLP for one row. Norms, softmax, GELU, biases and
   * residual adds (a few percent at most) are left out.
   */
  public static double forwardFlops(Vit spec) {
    if (spec.pooling() != Pooling.CLASS_TOKEN) {
      return everyTokenForwardFlops(spec);
    }
    double w = spec.width();
    double t = spec.tokens();
    double lastBlock = t * w * 2 * w + w * w + 2 * t * w + w * (w + 2.0 * spec.mlpWidth());
    return everyTokenForwardFlops(spec) - 2 * block(spec) + 2 * lastBlock;
  }

  /**
   * As {@link #forwardFlops} with every token through every block, as timm's ViT (and MoCo v3's
   * code, which builds on it) computes the forward pass: what a peer running that code performs.
   */
  public static double everyTokenForwardFlops(Vit spec) {
    double patches = (double) spec.gridSize() * spec.gridSize();
    double patchProjection =
        patches * spec.width() * spec.channels() * spec.patchSize() * spec.patchSize();
    return 2 * (patchProjection + spec.depth() * block(spec));
  }

  /** Multiply-adds of one block with every token. */
  private static double block(Vit spec) {
    double w = spec.width();
    double t = spec.tokens();
    double projections = t * w * (3 * w + w + 2.0 * spec.mlpWidth());
    double attention = 2 * t * t * w;
    return projections + attention;
  }

  /**
   * Every parameter the {@link VisionTransformer} of this spec holds, frozen ones included (a
   * frozen patch projection, the sin-cos position embedding).
   */
  public static long parameterCount(Vit spec) {
    long w = spec.width();
    long mlp = spec.mlpWidth();
    long patchProjection = spec.channels() * (long) spec.patchSize() * spec.patchSize() * w + w;
    long classToken = spec.pooling().usesClassToken() ? w : 0;
    long positions = spec.positionEmbedding() == PositionEmbedding.NONE ? 0 : spec.tokens() * w;
    long norms = 2 * 2 * w;
    long attention = 3 * w * w + (spec.qkvBias() ? 3 * w : 0) + w * w + w;
    long feedForward = w * mlp + mlp + mlp * w + w;
    long finalNorm = spec.pooling().usesFinalNorm() ? 2 * w : 0;
    return patchProjection
        + classToken
        + positions
        + spec.depth() * (norms + attention + feedForward)
        + finalNorm;
  }
}
