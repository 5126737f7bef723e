package vitssl.dsl.head;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.immutables.value.Value;
import vitssl.dsl.SpecException;

/**
 * The one MLP of MoCo v3's heads (Chen, Xie, He 2021): each layer a Linear without bias, then
 * BatchNorm, with ReLU between layers; the last layer's BatchNorm has no affine parameters. The
 * study's projector is 3 layers, hidden 4096, output 256; its predictor 2 layers, same widths.
 */
@Value.Immutable
@JsonTypeName("mlp")
@JsonDeserialize(as = ImmutableMlp.class)
public abstract class Mlp implements HeadSpec, WithMlp {
  /** Linear layers, at least one. */
  public abstract int layers();

  /** Width of every hidden layer. */
  @Value.Default
  public int hidden() {
    return 4096;
  }

  /** Output width. */
  @Value.Default
  public int out() {
    return 256;
  }

  /** BatchNorm after each hidden Linear. Off gives the study's BN-free heads (74.4 vs 76.5). */
  @Value.Default
  public boolean batchNorm() {
    return true;
  }

  /** A BatchNorm without affine parameters after the last Linear. */
  @Value.Default
  public boolean lastBatchNorm() {
    return true;
  }

  @Override
  public int outputWidth() {
    return out();
  }

  /** An MLP of this many layers, hidden 4096, output 256, with BN everywhere. */
  public static Mlp layers(int layers) {
    return ImmutableMlp.builder().layers(layers).build();
  }

  /** MoCo v3's ViT projector: 3 layers, 4096 hidden, 256 out, last BN without affine. */
  public static Mlp projector() {
    return layers(3);
  }

  /** MoCo v3's ViT predictor: 2 layers, 4096 hidden, 256 out, last BN without affine. */
  public static Mlp predictor() {
    return layers(2);
  }

  @Value.Check
  protected void check() {
    SpecException.require(layers() >= 1, "Mlp", "layers", layers(), "use at least one layer");
    SpecException.require(hidden() > 0, "Mlp", "hidden", hidden(), "use a positive hidden width");
    SpecException.require(out() > 0, "Mlp", "out", out(), "use a positive output width");
  }
}
