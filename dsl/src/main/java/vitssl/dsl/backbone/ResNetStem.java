package vitssl.dsl.backbone;

/** What a {@link ResNet} does to the image before its first stage: a convolution, BN, ReLU. */
public enum ResNetStem {
  /**
   * 7x7 convolution of stride 2, BatchNorm, ReLU, then a 3x3 max-pool of stride 2: the ImageNet
   * stem of He et al. 2016 and torchvision, which leaves a quarter of the image's side.
   */
  IMAGENET(7, 2, true),
  /**
   * 3x3 convolution of stride 1, BatchNorm, ReLU, no pooling: the usual stem for 32x32 images
   * (CIFAR), which keeps the first stage at full resolution.
   */
  CIFAR(3, 1, false);

  private final int kernel;
  private final int stride;
  private final boolean maxPool;

  ResNetStem(int kernel, int stride, boolean maxPool) {
    this.kernel = kernel;
    this.stride = stride;
    this.maxPool = maxPool;
  }

  /** Side of the square convolution kernel; the padding is half of it, rounded down. */
  public int kernel() {
    return kernel;
  }

  /** Stride of the convolution. */
  public int stride() {
    return stride;
  }

  /** Whether a 3x3 max-pool of stride 2 (padding 1) follows the ReLU. */
  public boolean maxPool() {
    return maxPool;
  }
}
