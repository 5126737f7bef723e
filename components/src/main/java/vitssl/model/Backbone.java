package vitssl.model;

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
}
