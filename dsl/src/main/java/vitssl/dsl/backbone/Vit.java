package vitssl.dsl.backbone;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.OptionalDouble;
import org.immutables.value.Value;
import vitssl.dsl.SpecException;

/**
 * A Vision Transformer as used by MoCo v3 (Chen, Xie, He 2021, arXiv 2104.02057): pre-norm blocks,
 * LayerNorm eps 1e-6, qkv bias, GELU MLP of ratio 4, 2-D sin-cos position embedding, a class token
 * and a patch projection frozen at its random initialisation.
 *
 * <p>The presets follow the study's table at 224x224 with 16x16 patches; {@link #cpuTiny()} and
 * {@link #cpuSmall()} are sized for 32x32 images on a CPU.
 */
@Value.Immutable
@JsonTypeName("vit")
@JsonDeserialize(as = ImmutableVit.class)
public abstract class Vit implements BackboneSpec, WithVit {

  @Override
  @Value.Default
  public int imageSize() {
    return 224;
  }

  @Value.Default
  public int patchSize() {
    return 16;
  }

  /** Token width (embedding dimension). */
  public abstract int width();

  /** Number of transformer blocks. */
  public abstract int depth();

  /** Attention heads per block. */
  public abstract int heads();

  @Value.Default
  public double mlpRatio() {
    return 4.0;
  }

  @Value.Default
  public boolean qkvBias() {
    return true;
  }

  @Value.Default
  public double layerNormEps() {
    return 1e-6;
  }

  @Override
  @Value.Default
  public int channels() {
    return 3;
  }

  @Value.Default
  public PatchProjection patchProjection() {
    return PatchProjection.frozenRandom();
  }

  @Override
  public OptionalDouble firstLayerGradientClip() {
    return patchProjection().gradientClip();
  }

  @Value.Default
  public PositionEmbedding positionEmbedding() {
    return PositionEmbedding.SIN_COS;
  }

  @Value.Default
  public Pooling pooling() {
    return Pooling.CLASS_TOKEN;
  }

  /**
   * Stochastic depth (Huang et al. 2016) at the last block, as DeiT's and timm's {@code
   * drop_path_rate}: block i drops its residual branches with rate {@code dropPath x i / (depth -
   * 1)}, rising linearly from 0 at the first block. 0, the default, for pre-training; moco-v3's
   * transfer recipe fine-tunes with 0.1.
   */
  @Value.Default
  public double dropPath() {
    return 0;
  }

  @Override
  public int featureWidth() {
    return width();
  }

  /**
   * Any multiple of the patch size: a smaller image has fewer patches, and the position embedding
   * is resampled to its grid (multi-crop's local views).
   */
  @Override
  public boolean acceptsImageSize(int size) {
    return size >= patchSize() && size % patchSize() == 0;
  }

  @Override
  public String imageSizeRule() {
    return "images whose side is a multiple of patchSize " + patchSize();
  }

  /** Patches per side. */
  public int gridSize() {
    return imageSize() / patchSize();
  }

  /** Tokens entering the blocks: the patches, plus the class token if there is one. */
  public int tokens() {
    return gridSize() * gridSize() + (pooling().usesClassToken() ? 1 : 0);
  }

  /** Hidden width of each block's MLP. */
  public int mlpWidth() {
    return (int) Math.round(width() * mlpRatio());
  }

  /** ViT-Small/16: 12 blocks, width 384, 12 heads (22 M parameters). */
  public static Vit small() {
    return of(384, 12, 12);
  }

  /** ViT-Base/16: 12 blocks, width 768, 12 heads (86 M parameters). */
  public static Vit base() {
    return of(768, 12, 12);
  }

  /** ViT-Large/16: 24 blocks, width 1024, 16 heads (304 M parameters). */
  public static Vit large() {
    return of(1024, 24, 16);
  }

  /** ViT-Huge/16: 32 blocks, width 1280, 16 heads (632 M parameters). */
  public static Vit huge() {
    return of(1280, 32, 16);
  }

  /** 32x32 input, 8x8 patches (17 tokens), width 192, 4 blocks, 3 heads: minutes on a CPU. */
  public static Vit cpuTiny() {
    return of(192, 4, 3).withImageSize(32).withPatchSize(8);
  }

  /**
   * 32x32 input, 8x8 patches (17 tokens), width 128, 4 blocks, 2 heads of 64: cpuTiny's shape at
   * two thirds of its width, 1.8 times its steps per second on 2 cores.
   */
  public static Vit cpuNarrow() {
    return of(128, 4, 2).withImageSize(32).withPatchSize(8);
  }

  /** 32x32 input, 4x4 patches (65 tokens), width 192, 6 blocks, 3 heads: about 5x cpuTiny's cost. */
  public static Vit cpuSmall() {
    return of(192, 6, 3).withImageSize(32).withPatchSize(4);
  }

  /** A ViT of this width, depth and head count, with every other field at the study's default. */
  public static Vit of(int width, int depth, int heads) {
    return ImmutableVit.builder().width(width).depth(depth).heads(heads).build();
  }

  @Value.Check
  protected void check() {
    String me = "Vit";
    SpecException.require(width() > 0, me, "width", width(), "use a positive token width");
    SpecException.require(depth() > 0, me, "depth", depth(), "use at least one block");
    SpecException.require(heads() > 0, me, "heads", heads(), "use at least one attention head");
    SpecException.require(
        width() % heads() == 0,
        me,
        "heads",
        heads(),
        "width " + width() + " must be divisible by heads; pick a head count that divides it");
    SpecException.require(patchSize() > 0, me, "patchSize", patchSize(), "use a positive patch size");
    SpecException.require(
        imageSize() > 0 && imageSize() % patchSize() == 0,
        me,
        "imageSize",
        imageSize(),
        "must be a positive multiple of patchSize " + patchSize());
    SpecException.require(
        positionEmbedding() != PositionEmbedding.SIN_COS || width() % 4 == 0,
        me,
        "width",
        width(),
        "the 2-D sin-cos position embedding needs a width divisible by 4");
    SpecException.require(
        mlpRatio() > 0, me, "mlpRatio", mlpRatio(), "use a positive MLP ratio (the study uses 4)");
    SpecException.require(
        layerNormEps() > 0, me, "layerNormEps", layerNormEps(), "use a positive epsilon (1e-6)");
    SpecException.require(
        dropPath() >= 0 && dropPath() < 1,
        me,
        "dropPath",
        dropPath(),
        "a drop rate lies in [0, 1); 0 for pre-training, 0.1 for fine-tuning");
    SpecException.require(
        channels() == 1 || channels() == 3,
        me,
        "channels",
        channels(),
        "use 3 (RGB) or 1 (grayscale)");
  }
}
