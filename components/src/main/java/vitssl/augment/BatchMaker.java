package vitssl.augment;

import java.util.List;
import java.util.function.BooleanSupplier;
import vitssl.data.ImageSource;
import vitssl.data.RgbImage;

/**
 * What batch {@code k} of a loader holds, whoever makes it and whenever: its images from the
 * epoch's order (shuffled by the seed in training, in source order in evaluation), each through
 * the transform with its own {@link ImageSeeds}, into view arrays from a {@link ViewArrayPool}.
 */
final class BatchMaker {
  private final ImageSource source;
  private final ImageTransform transform;
  private final EpochOrder order;
  private final int batchSize;
  private final int batchesPerEpoch;
  private final boolean training;
  private final long seed;
  private final ViewArrayPool viewArrays;

  /** @param pooledBatches the most batches' view arrays kept for reuse */
  BatchMaker(
      ImageSource source, ImageTransform transform, int batchSize, boolean training, long seed,
      int pooledBatches) {
    this.source = source;
    this.transform = transform;
    this.batchSize = batchSize;
    this.training = training;
    this.seed = seed;
    int size = source.size();
    this.order = training ? EpochOrder.shuffled(size, seed) : EpochOrder.sequential(size);
    this.batchesPerEpoch = training ? size / batchSize : (size + batchSize - 1) / batchSize;
    this.viewArrays = new ViewArrayPool(transform.shapes(), batchSize, pooledBatches);
  }

  /** Full batches per training epoch (the last incomplete one dropped), or all of the pass. */
  int batchesPerEpoch() {
    return batchesPerEpoch;
  }

  List<ViewShape> shapes() {
    return transform.shapes();
  }

  /** Images of the source found undecodable so far and replaced by others. */
  int replacedImages() {
    return source.replacedImages();
  }

  /** Batch {@code k}, or null if {@code stop} turned true while making it. */
  Batch make(long k, BooleanSupplier stop) {
    long epoch = training ? k / batchesPerEpoch : 0;
    int from = (int) (k % batchesPerEpoch) * batchSize;
    int size = Math.min(batchSize, source.size() - from);
    int[] indices = order.indices(epoch, from, size);
    int[] labels = new int[size];
    float[][] views = viewArrays.take(size);
    for (int j = 0; j < size; j++) {
      if (stop.getAsBoolean()) {
        return null;
      }
      int index = indices[j];
      try {
        RgbImage image = source.image(index);
        labels[j] = source.label(index);
        transform.apply(image, ImageSeeds.random(seed, epoch, index), views, j);
      } catch (RuntimeException | Error e) {
        throw new BatchLoadException(
            "image " + index + " of batch " + k + " (epoch " + epoch + ") failed: " + e, e);
      }
    }
    return new Batch(views, labels, indices, size);
  }

  /** {@code batch}'s view arrays, free for a later batch. */
  void recycle(Batch batch) {
    viewArrays.giveBack(batch.views(), batch.size());
  }
}
