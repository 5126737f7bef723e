package vitssl.runner.finetune;

import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Parameters that step at one multiple of the scheduled learning rate. With layer-wise decay
 * (BEiT, Bao et al. 2021) the backbone's layer k of n steps at {@code decay^(n - 1 - k)}: for a
 * ViT, the patch projection (with the class token and position embedding, which belong to no
 * layer) at {@code decay^(depth + 1)}, block i at {@code decay^(depth - i)}, the final norm and the
 * classifier at 1, as BEiT's and MAE's fine-tuning code groups them.
 */
record LrGroup(double scale, List<Parameter> parameters) {
  /**
   * @param layers the backbone's parameters by layer, first to last ({@code Backbone.layers()})
   * @param all every parameter of the backbone and the classifier
   * @param head the classifier's parameters
   */
  static List<LrGroup> of(
      Map<String, List<Parameter>> layers,
      List<Parameter> all,
      List<Parameter> head,
      Optional<Double> decay) {
    if (decay.isEmpty()) {
      return List.of(new LrGroup(1, List.copyOf(all)));
    }
    int last = layers.size() - 1;
    Map<String, Integer> depth = new LinkedHashMap<>();
    int k = 0;
    for (List<Parameter> layer : layers.values()) {
      for (Parameter p : layer) {
        depth.put(p.getId(), k);
      }
      k++;
    }
    head.forEach(p -> depth.put(p.getId(), last));
    TreeMap<Integer, List<Parameter>> byDepth = new TreeMap<>();
    for (Parameter p : all) {
      byDepth.computeIfAbsent(depth.getOrDefault(p.getId(), 0), d -> new ArrayList<>()).add(p);
    }
    List<LrGroup> groups = new ArrayList<>();
    byDepth.forEach((d, members) -> groups.add(new LrGroup(Math.pow(decay.get(), last - d), members)));
    return groups;
  }
}
