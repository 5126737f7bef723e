package vitssl.augment;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * View arrays of full batches handed back by a loader's consumer, for its workers to fill again:
 * a long run then allocates them once instead of every step. Arrays large enough to be allocated
 * outside the collector's young generation would otherwise start a concurrent collection cycle
 * each step. A smaller last batch gets arrays of its own size, never pooled ones.
 */
final class ViewArrayPool {
  private final List<ViewShape> shapes;
  private final int batchSize;
  private final ArrayBlockingQueue<float[][]> spare;

  /** Keeps at most {@code capacity} sets; more handed back are left to the collector. */
  ViewArrayPool(List<ViewShape> shapes, int batchSize, int capacity) {
    this.shapes = List.copyOf(shapes);
    this.batchSize = batchSize;
    this.spare = new ArrayBlockingQueue<>(capacity);
  }

  /** One array per view for a batch of {@code size} images, each exactly its length. */
  float[][] take(int size) {
    float[][] pooled = size == batchSize ? spare.poll() : null;
    if (pooled != null) {
      return pooled;
    }
    float[][] views = new float[shapes.size()][];
    for (int v = 0; v < views.length; v++) {
      views[v] = new float[size * shapes.get(v).length()];
    }
    return views;
  }

  /** {@code views} of a batch of {@code size} images, free to be overwritten. */
  void giveBack(float[][] views, int size) {
    if (size == batchSize && views.length == shapes.size()) {
      spare.offer(views);
    }
  }
}
