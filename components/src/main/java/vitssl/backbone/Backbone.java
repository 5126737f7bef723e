package vitssl.backbone;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A backbone built from its spec: a DJL block mapping images {@code [B, C, H, W]} to features
 * {@code [B, featureWidth]}, and its parameters grouped by layer for per-layer monitors.
 */
public interface Backbone {
  Block block();

  int featureWidth();

  /**
   * Parameters by layer, from the first layer (e.g. the patch projection) to the last, in order.
   * The gradient-norm monitor reads the first, every block, and the last.
   */
  LinkedHashMap<String, List<Parameter>> layers();

  /** The first layer's parameters (a ViT's patch projection, a ResNet's stem convolution). */
  default List<Parameter> firstLayer() {
    return layers().values().iterator().next();
  }

  /**
   * Whether each image's features depend on that image alone (no BatchNorm or other statistic
   * over the batch). Such a backbone may run several views as one larger batch, which is the same
   * computation with larger matrix products; a backbone with BatchNorm runs view by view, so each
   * view is normalised by its own batch as in MoCo v3.
   */
  default boolean batchIndependent() {
    return false;
  }
}
