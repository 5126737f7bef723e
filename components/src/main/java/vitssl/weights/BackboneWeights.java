package vitssl.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A backbone's parameters as named tensors in a {@link WeightLayout}, and back. Loading is strict,
 * as PyTorch's {@code load_state_dict(strict=True)}: every parameter must be present with its
 * shape, and no name may be left over.
 */
public final class BackboneWeights {
  private BackboneWeights() {}

  /**
   * Copies of the block's parameters (BatchNorm running statistics included) named in the layout,
   * in the block's order, then the layout's counters as int64 zeros; all owned by {@code manager}.
   * The block must be initialised.
   */
  public static NDList named(Block block, WeightLayout layout, NDManager manager) {
    NDList out = new NDList();
    for (Map.Entry<String, Parameter> entry : ParameterPaths.of(block).entrySet()) {
      NDArray copy = entry.getValue().getArray().duplicate();
      copy.attach(manager);
      copy.setName(layout.externalName(entry.getKey()));
      out.add(copy);
    }
    List<String> names = out.stream().map(NDArray::getName).toList();
    for (String counter : layout.counters(names)) {
      NDArray zero = manager.create(0L);
      zero.setName(counter);
      out.add(zero);
    }
    return out;
  }

  /**
   * Sets the block's parameters to the tensors of the same layout names, converted to float32.
   * The block must be initialised (its parameters have their shapes); the values are copied, so
   * {@code tensors} may be closed afterwards.
   *
   * @param source what the tensors came from, for messages
   */
  public static void load(Block block, WeightLayout layout, NDList tensors, String source) {
    Map<String, NDArray> byName = new LinkedHashMap<>();
    for (NDArray tensor : tensors) {
      byName.put(tensor.getName(), tensor);
    }
    Map<String, Parameter> expected = new LinkedHashMap<>();
    ParameterPaths.of(block).forEach((path, p) -> expected.put(layout.externalName(path), p));
    List<String> missing = new ArrayList<>();
    List<String> mismatched = new ArrayList<>();
    for (Map.Entry<String, Parameter> entry : expected.entrySet()) {
      NDArray tensor = byName.get(entry.getKey());
      Shape want = entry.getValue().getArray().getShape();
      if (tensor == null) {
        missing.add(entry.getKey());
      } else if (!tensor.getShape().equals(want)) {
        mismatched.add(entry.getKey() + " " + tensor.getShape() + " (the backbone has " + want + ")");
      }
    }
    Set<String> unexpected = new LinkedHashSet<>(byName.keySet());
    unexpected.removeAll(expected.keySet());
    layout.counters(expected.keySet()).forEach(unexpected::remove);
    List<String> problems = new ArrayList<>();
    describe("missing", missing).ifPresent(problems::add);
    describe("wrong shape", mismatched).ifPresent(problems::add);
    describe("unexpected", List.copyOf(unexpected)).ifPresent(problems::add);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          source
              + " does not match the backbone in the "
              + layout.format()
              + " layout: "
              + String.join("; ", problems)
              + "; give weights of the same architecture, or the sidecar's spec that matches them");
    }
    for (Map.Entry<String, Parameter> entry : expected.entrySet()) {
      NDArray target = entry.getValue().getArray();
      NDArray value = byName.get(entry.getKey());
      NDArray converted =
          value.getDataType() == DataType.FLOAT32 ? value : value.toType(DataType.FLOAT32, false);
      target.set(converted.toByteBuffer());
      if (converted != value) {
        converted.close();
      }
    }
  }

  private static Optional<String> describe(String what, List<String> names) {
    if (names.isEmpty()) {
      return Optional.empty();
    }
    List<String> shown = names.size() > 4 ? names.subList(0, 4) : names;
    return Optional.of(
        what
            + " "
            + String.join(", ", shown)
            + (names.size() > shown.size() ? " and " + (names.size() - shown.size()) + " more" : ""));
  }
}
