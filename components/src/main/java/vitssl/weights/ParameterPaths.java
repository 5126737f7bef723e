package vitssl.weights;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every parameter of a block under a dotted path of its own names, e.g. {@code
 * block_0.attention.qkv.weight} or {@code stage_1_block_0.conv_bn_0.bn.runningMean}: the child
 * blocks' names without the two-digit position DJL puts in front of them, then the parameter's
 * name. {@link Block#getParameters()} joins the same names with underscores, which the names
 * themselves contain, so its keys cannot be split again; these can.
 */
public final class ParameterPaths {
  private ParameterPaths() {}

  /** Path to parameter, in the block's own order (parameters first, then each child's). */
  public static Map<String, Parameter> of(Block block) {
    Map<String, Parameter> out = new LinkedHashMap<>();
    collect(block, "", out);
    return out;
  }

  private static void collect(Block block, String prefix, Map<String, Parameter> out) {
    for (Pair<String, Parameter> own : block.getDirectParameters()) {
      out.put(prefix + own.getKey(), own.getValue());
    }
    for (Pair<String, Block> child : block.getChildren()) {
      collect(child.getValue(), prefix + childName(child.getKey()) + ".", out);
    }
  }

  /** {@code "03block_1"} to {@code "block_1"}: DJL numbers children in the order they were added. */
  static String childName(String key) {
    int i = 0;
    while (i < key.length() - 1 && Character.isDigit(key.charAt(i))) {
      i++;
    }
    return key.substring(i);
  }
}
