package vitssl.dsl.backbone;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import org.immutables.value.Value;
import vitssl.dsl.SpecException;

/**
 * A residual network (He et al. 2016, arXiv 1512.03385) in torchvision's layout: a stem, then
 * stages of residual blocks whose width doubles from stage to stage while every stage after the
 * first halves the resolution in its first block, then global average pooling; no classifier.
 * MoCo v3 (Chen, Xie, He 2021, arXiv 2104.02057) compares its ViTs against {@link #r50()}.
 *
 * <p>Convolutions have no bias and are followed by BatchNorm (epsilon 1e-5, PyTorch momentum
 * 0.1); a block's shortcut is the identity unless its shape changes, then a 1x1 convolution and
 * BatchNorm. {@link #cifar18()} is sized for 32x32 images on a CPU.
 */
@Value.Immutable
@JsonTypeName("resnet")
@JsonDeserialize(as = ImmutableResNet.class)
public abstract class ResNet implements BackboneSpec, WithResNet {

  public abstract ResNetBlock block();

  /** Residual blocks per stage, e.g. {@code [3, 4, 6, 3]} for ResNet-50. */
  public abstract List<Integer> stageDepths();

  @Value.Default
  public ResNetStem stem() {
    return ResNetStem.IMAGENET;
  }

  /** Width of the first stage (the stem's output); stage {@code i} has {@code baseWidth << i}. */
  @Value.Default
  public int baseWidth() {
    return 64;
  }

  @Override
  @Value.Default
  public int imageSize() {
    return 224;
  }

  /** Any side: the stages end in global average pooling. */
  @Override
  public boolean acceptsImageSize(int size) {
    return size >= 1;
  }

  @Override
  public String imageSizeRule() {
    return "square images of any side";
  }

  @Override
  @Value.Default
  public int channels() {
    return 3;
  }

  /**
   * Start the last BatchNorm of every residual block with gamma 0, so that each block begins as
   * its shortcut (Goyal et al. 2017, arXiv 1706.02677; torchvision's {@code
   * zero_init_residual}).
   */
  @Value.Default
  public boolean zeroInitLastBnGamma() {
    return false;
  }

  public int stages() {
    return stageDepths().size();
  }

  /** The width of a stage's blocks' inner convolutions. */
  public int stageWidth(int stage) {
    return baseWidth() << stage;
  }

  /** Channels leaving a stage's blocks: its width times the block's expansion. */
  public int stageOutput(int stage) {
    return stageWidth(stage) * block().expansion();
  }

  /** Stride of a stage's first block: 1 for the first stage, 2 for the others. */
  public int stageStride(int stage) {
    return stage == 0 ? 1 : 2;
  }

  @Override
  public int featureWidth() {
    return stageOutput(stages() - 1);
  }

  /** ResNet-18: basic blocks [2, 2, 2, 2], ImageNet stem; 512 features (11.2 M parameters). */
  public static ResNet r18() {
    return of(ResNetBlock.BASIC, 2, 2, 2, 2);
  }

  /** ResNet-34: basic blocks [3, 4, 6, 3], ImageNet stem; 512 features (21.3 M parameters). */
  public static ResNet r34() {
    return of(ResNetBlock.BASIC, 3, 4, 6, 3);
  }

  /**
   * ResNet-50 as torchvision builds it: bottleneck blocks [3, 4, 6, 3], ImageNet stem; 2048
   * features, 23,508,032 parameters.
   */
  public static ResNet r50() {
    return of(ResNetBlock.BOTTLENECK, 3, 4, 6, 3);
  }

  /** ResNet-101: bottleneck blocks [3, 4, 23, 3], ImageNet stem; 2048 features (42.5 M). */
  public static ResNet r101() {
    return of(ResNetBlock.BOTTLENECK, 3, 4, 23, 3);
  }

  /**
   * ResNet-18 for 32x32 images: the CIFAR stem (3x3, stride 1, no max-pool), basic blocks [2, 2,
   * 2, 2]; 512 features, 11,168,832 parameters.
   */
  public static ResNet cifar18() {
    return r18().withStem(ResNetStem.CIFAR).withImageSize(32);
  }

  /** A ResNet of these blocks and stage depths, with every other field at torchvision's default. */
  public static ResNet of(ResNetBlock block, int... stageDepths) {
    ImmutableResNet.Builder builder = ImmutableResNet.builder().block(block);
    for (int depth : stageDepths) {
      builder.addStageDepths(depth);
    }
    return builder.build();
  }

  @Value.Check
  protected void check() {
    String me = "ResNet";
    SpecException.require(
        !stageDepths().isEmpty() && stageDepths().size() <= 6,
        me,
        "stageDepths",
        stageDepths(),
        "give one to six stages, e.g. [3, 4, 6, 3] (ResNet-50)");
    SpecException.require(
        stageDepths().stream().allMatch(depth -> depth > 0),
        me,
        "stageDepths",
        stageDepths(),
        "every stage needs at least one block");
    SpecException.require(
        baseWidth() > 0 && baseWidth() <= 1024,
        me,
        "baseWidth",
        baseWidth(),
        "use a positive first-stage width up to 1024 (torchvision uses 64)");
    SpecException.require(imageSize() > 0, me, "imageSize", imageSize(), "use a positive size");
    SpecException.require(
        channels() == 1 || channels() == 3,
        me,
        "channels",
        channels(),
        "use 3 (RGB) or 1 (grayscale)");
  }
}
