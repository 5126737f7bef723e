package vitssl.weights;

/**
 * timm's {@code VisionTransformer} names, the layout moco-v3's {@code convert_to_deit.py} writes
 * and DeiT and timm load: {@code patch_embed.proj}, {@code cls_token}, {@code pos_embed} (timm
 * keeps MoCo v3's fixed sin-cos table under that name too), {@code blocks.N.norm1}, {@code
 * blocks.N.attn.qkv} (rows q, k, v, each head-major, as vitssl's), {@code blocks.N.attn.proj},
 * {@code blocks.N.norm2}, {@code blocks.N.mlp.fc1}, {@code blocks.N.mlp.fc2} and the final {@code
 * norm}. LayerNorm's gamma and beta are PyTorch's weight and bias; every shape is PyTorch's.
 */
final class TimmVitLayout implements WeightLayout {
  private static final RenameRules RULES =
      new RenameRules("timm")
          .rule("patch_embed\\.projection\\.(weight|bias)", "patch_embed.proj.$1")
          .rule("class_token", "cls_token")
          .rule("position_embedding", "pos_embed")
          .rule("block_(\\d+)\\.attention_norm\\.gamma", "blocks.$1.norm1.weight")
          .rule("block_(\\d+)\\.attention_norm\\.beta", "blocks.$1.norm1.bias")
          .rule("block_(\\d+)\\.attention\\.qkv\\.(weight|bias)", "blocks.$1.attn.qkv.$2")
          .rule("block_(\\d+)\\.attention\\.projection\\.(weight|bias)", "blocks.$1.attn.proj.$2")
          .rule("block_(\\d+)\\.mlp_norm\\.gamma", "blocks.$1.norm2.weight")
          .rule("block_(\\d+)\\.mlp_norm\\.beta", "blocks.$1.norm2.bias")
          .rule("block_(\\d+)\\.mlp\\.expand\\.(weight|bias)", "blocks.$1.mlp.fc1.$2")
          .rule("block_(\\d+)\\.mlp\\.contract\\.(weight|bias)", "blocks.$1.mlp.fc2.$2")
          .rule("final_norm\\.gamma", "norm.weight")
          .rule("final_norm\\.beta", "norm.bias");

  @Override
  public String format() {
    return "timm";
  }

  @Override
  public String externalName(String path) {
    return RULES.rename(path);
  }
}
