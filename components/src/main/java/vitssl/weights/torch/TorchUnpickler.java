package vitssl.weights.torch;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

/**
 * Unpickles the {@code data.pkl} of a {@code torch.save} archive with Razorvine's pickle reader:
 * tensors become {@link TorchTensor}s pointing into the archive's storages, {@code
 * collections.OrderedDict} a {@link LinkedHashMap}, and everything else what the reader makes of
 * it (dicts, lists, numbers, strings).
 */
final class TorchUnpickler extends Unpickler {
  /** An OrderedDict; torch's state dicts carry a {@code _metadata} attribute, which is dropped. */
  public static final class OrderedDict extends LinkedHashMap<Object, Object> {
    private static final long serialVersionUID = 1L;

    public void __setstate__(HashMap<?, ?> state) {
      // Only _metadata (module versions) lives here; the entries come through SETITEMS.
    }
  }

  static {
    for (StorageType type : StorageType.values()) {
      registerConstructor("torch", type.name(), type);
    }
    registerConstructor("collections", "OrderedDict", args -> new OrderedDict());
    registerConstructor("torch._utils", "_rebuild_tensor_v2", TorchUnpickler::rebuildTensor);
    registerConstructor("torch._utils", "_rebuild_parameter", args -> args[0]);
  }

  /** Loads the class so that its constructors are registered before any unpickling. */
  static void register() {}

  /** (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata]). */
  private static Object rebuildTensor(Object[] args) {
    if (!(args[0] instanceof StorageRef storage)) {
      throw new PickleException("a tensor's storage is not a persistent id: " + args[0]);
    }
    return new TorchTensor(
        storage.type(),
        storage.key(),
        ((Number) args[1]).longValue(),
        longs(args[2]),
        longs(args[3]));
  }

  private static long[] longs(Object tuple) {
    Object[] items = (Object[]) tuple;
    long[] out = new long[items.length];
    for (int i = 0; i < items.length; i++) {
      out[i] = ((Number) items[i]).longValue();
    }
    return out;
  }

  /** A storage named by a persistent id {@code ('storage', type, key, location, numel)}. */
  record StorageRef(StorageType type, String key) {}

  @Override
  protected Object persistentLoad(Object pid) {
    Object[] id = pid instanceof Object[] tuple ? tuple : null;
    if (id == null || id.length < 3 || !"storage".equals(id[0])) {
      throw new PickleException("unknown persistent id " + describe(pid) + ": not a torch storage");
    }
    if (!(id[1] instanceof StorageType type)) {
      throw new PickleException("storage of unsupported type " + id[1]);
    }
    return new StorageRef(type, String.valueOf(id[2]));
  }

  private static String describe(Object pid) {
    return pid instanceof Object[] tuple ? List.of(tuple).toString() : String.valueOf(pid);
  }
}
