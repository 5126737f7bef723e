package vitssl.weights.torch;

import java.util.Arrays;

/**
 * A tensor as {@code torch._utils._rebuild_tensor_v2} describes it: a view of {@code shape} and
 * {@code stride} (in elements) starting at {@code offset} into the storage saved as {@code
 * data/<key>} of the archive.
 */
public record TorchTensor(StorageType type, String key, long offset, long[] shape, long[] stride) {
  public long size() {
    return Arrays.stream(shape).reduce(1, Math::multiplyExact);
  }

  /** Whether the view is the row-major layout of its shape, so its elements lie in one run. */
  boolean contiguous() {
    long expected = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      if (shape[i] != 1 && stride[i] != expected) {
        return false;
      }
      expected *= shape[i];
    }
    return true;
  }
}
