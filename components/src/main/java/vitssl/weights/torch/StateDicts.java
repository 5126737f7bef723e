package vitssl.weights.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A backbone's tensors from a {@code torch.save} checkpoint, named as in timm or torchvision:
 * moco-v3's training checkpoint ({@code state_dict} with {@code module.base_encoder.*} and {@code
 * module.momentum_encoder.*}), the {@code model} dict that its {@code convert_to_deit.py} writes,
 * or a bare state dict. The encoder's head ({@code head.*} of a ViT, {@code fc.*} of a ResNet: the
 * projector, or a classifier) is left out, as {@code convert_to_deit.py} does.
 */
public final class StateDicts {
  private StateDicts() {}

  /** The chosen encoder's backbone tensors, named without any prefix, owned by {@code manager}. */
  public static NDList backbone(TorchArchive archive, MocoV3Encoder encoder, NDManager manager) {
    Map<String, TorchTensor> state = stateDict(archive);
    String prefix = prefixOf(state, encoder, archive);
    NDList out = new NDList();
    for (Map.Entry<String, TorchTensor> entry : state.entrySet()) {
      if (!entry.getKey().startsWith(prefix)) {
        continue;
      }
      String name = entry.getKey().substring(prefix.length());
      if (name.startsWith("head.") || name.startsWith("fc.")) {
        continue;
      }
      NDArray array = archive.array(entry.getValue(), manager);
      array.setName(name);
      out.add(array);
    }
    return out;
  }

  private static Map<String, TorchTensor> stateDict(TorchArchive archive) {
    Object root = archive.root();
    if (root instanceof Map<?, ?> map) {
      Object inner = map.containsKey("state_dict") ? map.get("state_dict") : map.get("model");
      Map<String, TorchTensor> tensors = tensors(inner instanceof Map<?, ?> m ? m : map);
      if (!tensors.isEmpty()) {
        return tensors;
      }
    }
    throw new IllegalArgumentException(
        archive.file() + " holds no state dict: give a moco-v3 checkpoint (with 'state_dict'),"
            + " a DeiT-style one (with 'model') or a saved state_dict");
  }

  private static Map<String, TorchTensor> tensors(Map<?, ?> map) {
    Map<String, TorchTensor> out = new LinkedHashMap<>();
    map.forEach(
        (key, value) -> {
          if (key instanceof String name && value instanceof TorchTensor tensor) {
            out.put(name, tensor);
          }
        });
    return out;
  }

  /** {@code module.base_encoder.}, {@code base_encoder.}, or nothing for a bare backbone. */
  private static String prefixOf(
      Map<String, TorchTensor> state, MocoV3Encoder encoder, TorchArchive archive) {
    for (String prefix : new String[] {"module." + encoder.module() + ".", encoder.module() + "."}) {
      if (state.keySet().stream().anyMatch(k -> k.startsWith(prefix))) {
        return prefix;
      }
    }
    if (state.keySet().stream().anyMatch(k -> k.contains("_encoder."))) {
      throw new IllegalArgumentException(
          archive.file() + " has no " + encoder.module() + ": choose the other encoder");
    }
    return state.keySet().stream().allMatch(k -> k.startsWith("module.")) ? "module." : "";
  }
}
