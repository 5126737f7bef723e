package vitssl.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import java.util.List;

/**
 * Where a ViT's class token looks: its attention over the patches in the last block, per head, as
 * the attention maps of DINO and MoCo v3 show it.
 */
public final class ClassTokenAttention {
  private ClassTokenAttention() {}

  /**
   * In inference mode: {@code [B, heads, gridSize^2]}, each head's weights over the patches in
   * their row-major order (with the class token's weight on itself they sum to 1).
   */
  public static NDArray of(VisionTransformer vit, ParameterStore parameterStore, NDArray images) {
    if (vit.classToken().isEmpty()) {
      throw new IllegalArgumentException(
          "Vit.pooling = " + vit.spec().pooling() + ": attention maps need a class token");
    }
    NDArray x = vit.tokens(parameterStore, images, false);
    List<TransformerBlock> blocks = vit.blocks();
    for (TransformerBlock block : blocks.subList(0, blocks.size() - 1)) {
      x = block.forward(parameterStore, new NDList(x), false).singletonOrThrow();
    }
    TransformerBlock last = blocks.get(blocks.size() - 1);
    NDArray normed =
        last.attentionNorm().forward(parameterStore, new NDList(x), false).singletonOrThrow();
    return last.attention().weights(parameterStore, normed).get(new NDIndex(":, :, 0, 1:"));
  }
}
