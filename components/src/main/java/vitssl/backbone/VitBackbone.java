package vitssl.backbone;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import vitssl.dsl.backbone.Vit;

/**
 * A {@link VisionTransformer} as a {@link Backbone}. Its layers, in order: {@code patch_embed} (the
 * patch projection's weight and bias), {@code block_0} .. {@code block_<depth-1>} (every parameter
 * of each transformer block), and {@code final_norm} (the final LayerNorm) when the pooling keeps
 * one. The last layer is {@code final_norm}, or the last block under {@link
 * vitssl.dsl.backbone.Pooling#GLOBAL_AVERAGE}. The class token and a learned position embedding
 * belong to no layer, so that {@code patch_embed} is exactly what a first-layer clip or freeze acts
 * on; {@code block().getParameters()} has them all.
 */
public final class VitBackbone implements Backbone {
  public static final String PATCH_EMBED = "patch_embed";
  public static final String FINAL_NORM = "final_norm";

  private final VisionTransformer vit;

  public VitBackbone(Vit spec) {
    this.vit = new VisionTransformer(spec);
  }

  /** Name of the i-th transformer block's layer. */
  public static String blockLayer(int index) {
    return "block_" + index;
  }

  public VisionTransformer vit() {
    return vit;
  }

  @Override
  public boolean batchIndependent() {
    return true;
  }

  @Override
  public Block block() {
    return vit;
  }

  @Override
  public int featureWidth() {
    return vit.spec().width();
  }

  @Override
  public LinkedHashMap<String, List<Parameter>> layers() {
    LinkedHashMap<String, List<Parameter>> layers = new LinkedHashMap<>();
    layers.put(PATCH_EMBED, vit.patchProjectionParameters());
    List<TransformerBlock> blocks = vit.blocks();
    for (int i = 0; i < blocks.size(); i++) {
      layers.put(blockLayer(i), List.copyOf(blocks.get(i).getParameters().values()));
    }
    vit.finalNorm()
        .ifPresent(norm -> layers.put(FINAL_NORM, List.copyOf(norm.getParameters().values())));
    return layers;
  }
}
