package vitssl.weights;

import java.util.Collection;
import java.util.List;

/**
 * torchvision's {@code ResNet} names: {@code conv1}/{@code bn1} for the stem, {@code layerS.B.convI}
 * and {@code layerS.B.bnI} (I from 1) for a residual block's branch, {@code layerS.B.downsample.0}
 * (the 1x1 convolution) and {@code .1} (its BatchNorm) for a projection shortcut. BatchNorm's
 * gamma, beta and running statistics are PyTorch's weight, bias, running_mean and running_var.
 */
final class TorchvisionResNetLayout implements WeightLayout {
  private static final String BN = "(gamma|beta|runningMean|runningVar)";
  private static final RenameRules RULES =
      new RenameRules("torchvision")
          .rule("stem\\.conv_bn\\.conv\\.weight", "conv1.weight")
          .rule("stem\\.conv_bn\\.bn\\." + BN, "bn1.$1")
          .rule("stage_(\\d+)_block_(\\d+)\\.conv_bn_(\\d)\\.conv\\.weight", "layer$1.$2.conv#$3.weight")
          .rule("stage_(\\d+)_block_(\\d+)\\.conv_bn_(\\d)\\.bn\\." + BN, "layer$1.$2.bn#$3.$4")
          .rule("stage_(\\d+)_block_(\\d+)\\.downsample\\.conv\\.weight", "layer$1.$2.downsample.0.weight")
          .rule("stage_(\\d+)_block_(\\d+)\\.downsample\\.bn\\." + BN, "layer$1.$2.downsample.1.$3");

  @Override
  public String format() {
    return "torchvision";
  }

  @Override
  public String externalName(String path) {
    return statistics(countFromOne(RULES.rename(path)));
  }

  @Override
  public List<String> counters(Collection<String> externalNames) {
    return externalNames.stream()
        .filter(name -> name.endsWith(".running_mean"))
        .map(name -> name.substring(0, name.length() - "running_mean".length()) + "num_batches_tracked")
        .toList();
  }

  /** vitssl counts a branch's units from 0 ({@code conv_bn_0}), torchvision from 1 ({@code conv1}). */
  private static String countFromOne(String name) {
    int mark = name.indexOf('#');
    if (mark < 0) {
      return name;
    }
    int unit = name.charAt(mark + 1) - '0';
    return name.substring(0, mark) + (unit + 1) + name.substring(mark + 2);
  }

  private static String statistics(String name) {
    return name.replace("gamma", "weight")
        .replace("beta", "bias")
        .replace("runningMean", "running_mean")
        .replace("runningVar", "running_var");
  }
}
