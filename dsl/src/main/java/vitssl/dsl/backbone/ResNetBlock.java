package vitssl.dsl.backbone;

/** The residual block a {@link ResNet} stacks (He et al. 2016, arXiv 1512.03385). */
public enum ResNetBlock {
  /** Two 3x3 convolutions at the stage's width: ResNet-18 and -34. */
  BASIC(1),
  /**
   * 1x1 down to the stage's width, 3x3, 1x1 up to four times it: ResNet-50 and deeper. The stride
   * sits on the 3x3 convolution, as in torchvision ("ResNet v1.5").
   */
  BOTTLENECK(4);

  private final int expansion;

  ResNetBlock(int expansion) {
    this.expansion = expansion;
  }

  /** A block's output channels over its stage's width. */
  public int expansion() {
    return expansion;
  }
}
