package vitssl.augment;

import vitssl.data.ImageSource;

/**
 * Options of a {@link BatchLoader}, from {@link BatchLoader#training} or {@link
 * BatchLoader#evaluation}; {@link #open()} checks them and starts its workers.
 */
public final class BatchLoaderBuilder {
  final ImageSource source;
  final ImageTransform transform;
  final int batchSize;
  final boolean training;
  int workers = 1;
  int prefetch = 4;
  long seed;
  long startBatch;

  BatchLoaderBuilder(ImageSource source, ImageTransform transform, int batchSize, boolean training) {
    this.source = source;
    this.transform = transform;
    this.batchSize = batchSize;
    this.training = training;
  }

  /** Worker threads making batches; 1 by default. */
  public BatchLoaderBuilder workers(int workers) {
    this.workers = workers;
    return this;
  }

  /** Most batches made ahead of the consumer; 4 by default. */
  public BatchLoaderBuilder prefetch(int prefetch) {
    this.prefetch = prefetch;
    return this;
  }

  /** Seed of the shuffles and of every view; 0 by default. */
  public BatchLoaderBuilder seed(long seed) {
    this.seed = seed;
    return this;
  }

  /**
   * First training batch, counted over all epochs, to resume a run exactly where it stopped;
   * 0 by default. Batch k is the same whether the loader started at 0 or at k.
   */
  public BatchLoaderBuilder startBatch(long startBatch) {
    this.startBatch = startBatch;
    return this;
  }

  public BatchLoader open() {
    int size = source.size();
    require(size > 0, "source size", size, "give a source with at least one image");
    require(batchSize > 0, "batchSize", batchSize, "use a positive batch size");
    require(
        !training || batchSize <= size,
        "batchSize",
        batchSize,
        "training drops the last incomplete batch, so a source of " + size
            + " images makes no batch; use at most " + size);
    require(workers > 0, "workers", workers, "use at least one worker thread");
    require(prefetch > 0, "prefetch", prefetch, "let workers run at least one batch ahead");
    require(startBatch >= 0, "startBatch", startBatch, "batches count from 0");
    return new BatchLoader(this);
  }

  private static void require(boolean ok, String field, Object value, String fix) {
    if (!ok) {
      throw new IllegalArgumentException("BatchLoader." + field + " = " + value + ": " + fix);
    }
  }
}
