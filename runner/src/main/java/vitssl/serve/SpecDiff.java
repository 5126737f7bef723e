package vitssl.serve;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The fields in which several specs differ, field by field: each spec is flattened into paths
 * ({@code backbone.depth}, {@code monitors[1].every}), and a path is kept when its value is not the
 * same in every spec (a field one spec lacks counts as different). A list of plain values (an
 * image mean) is one field.
 */
final class SpecDiff {
  /** One differing field and its value in each spec, as JSON text; null where a spec lacks it. */
  record Field(@JsonProperty("field") String field, @JsonProperty("values") List<String> values) {}

  private SpecDiff() {}

  static List<Field> of(List<JsonNode> specs) {
    List<Map<String, String>> flat = specs.stream().map(SpecDiff::flatten).toList();
    Set<String> paths = new LinkedHashSet<>();
    flat.forEach(f -> paths.addAll(f.keySet()));
    List<Field> fields = new ArrayList<>();
    for (String path : paths) {
      List<String> values = new ArrayList<>();
      flat.forEach(f -> values.add(f.get(path)));
      if (values.stream().distinct().count() > 1) {
        fields.add(new Field(path, values));
      }
    }
    return fields;
  }

  /** Every leaf of the spec by its path, in the spec's order. */
  static Map<String, String> flatten(JsonNode spec) {
    Map<String, String> out = new LinkedHashMap<>();
    flatten("", spec, out);
    return out;
  }

  private static void flatten(String path, JsonNode node, Map<String, String> out) {
    if (node.isObject() && node.size() > 0) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        flatten(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), out);
      }
    } else if (node.isArray() && containsContainers(node)) {
      for (int i = 0; i < node.size(); i++) {
        flatten(path + "[" + i + "]", node.get(i), out);
      }
    } else if (!path.isEmpty()) {
      out.put(path, node.isTextual() ? node.asText() : Objects.toString(node));
    }
  }

  private static boolean containsContainers(JsonNode array) {
    for (JsonNode item : array) {
      if (item.isContainerNode()) {
        return true;
      }
    }
    return false;
  }
}
