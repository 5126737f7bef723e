package vitssl.dsl.backbone;

/** How a ViT turns its tokens into one feature vector: the study's class-token ablation. */
public enum Pooling {
  /** A class token, read after the final LayerNorm. The default (76.5). */
  CLASS_TOKEN,
  /** No class token; final LayerNorm kept, then the mean of the tokens (69.7). */
  AVERAGE_WITH_FINAL_NORM,
  /** No class token, no final LayerNorm: the mean of the last block's tokens (76.3). */
  GLOBAL_AVERAGE;

  public boolean usesClassToken() {
    return this == CLASS_TOKEN;
  }

  public boolean usesFinalNorm() {
    return this != GLOBAL_AVERAGE;
  }
}
