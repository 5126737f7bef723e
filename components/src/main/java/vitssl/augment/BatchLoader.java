package vitssl.augment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import vitssl.data.DataException;
import vitssl.data.ImageSource;
import vitssl.data.RgbImage;

/**
 * Makes batches of views ahead of the consumer on a few worker threads. Batch {@code k} is fully
 * determined by (seed, k): its images come from the epoch's permutation, and each image's views
 * from {@link ImageSeeds}, so the batches are the same whatever the number of workers or their
 * timing. Workers stay at most {@code prefetch} batches ahead of the consumer.
 *
 * <p>Training loops over epochs forever, reshuffling each one and dropping its last incomplete
 * batch; evaluation visits the source once, in order, keeping the last batch. A worker's failure
 * is thrown from the consumer's {@link #next()}; {@link #close()} stops the workers between
 * images. A {@link DataException} (a file that cannot be read) reaches the consumer as itself,
 * so its one-line message is what a user sees.
 */
public final class BatchLoader implements Iterator<Batch>, AutoCloseable {
  private static final long JOIN_MILLIS = 2_000;

  private final ImageSource source;
  private final ImageTransform transform;
  private final EpochOrder order;
  private final int batchSize;
  private final int batchesPerEpoch;
  private final boolean training;
  private final long seed;
  private final long endBatch;
  private final int prefetch;
  private final List<Thread> workers = new ArrayList<>();
  private final ViewArrayPool viewArrays;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Map<Long, Batch> ready = new HashMap<>();
  private long claimed;
  private long delivered;
  private BatchLoadException failure;
  private volatile boolean closed;
  private volatile long waitNanos;

  private BatchLoader(Builder b) {
    this.source = b.source;
    this.transform = b.transform;
    this.batchSize = b.batchSize;
    this.training = b.training;
    this.seed = b.seed;
    this.prefetch = b.prefetch;
    int size = source.size();
    if (training) {
      this.order = EpochOrder.shuffled(size, seed);
      this.batchesPerEpoch = size / batchSize;
      this.claimed = b.startBatch;
      this.endBatch = Long.MAX_VALUE;
    } else {
      this.order = EpochOrder.sequential(size);
      this.batchesPerEpoch = (size + batchSize - 1) / batchSize;
      this.claimed = 0;
      this.endBatch = batchesPerEpoch;
    }
    this.delivered = claimed;
    this.viewArrays = new ViewArrayPool(transform.shapes(), batchSize, prefetch + b.workers + 1);
    for (int i = 0; i < b.workers; i++) {
      Thread t = new Thread(this::work, "batch-loader-" + i);
      t.setDaemon(true);
      workers.add(t);
    }
    workers.forEach(Thread::start);
  }

  /** Endless shuffled epochs of full batches, starting at batch {@code startBatch} if set. */
  public static Builder training(ImageSource source, ImageTransform transform, int batchSize) {
    return new Builder(source, transform, batchSize, true);
  }

  /** One in-order pass over the source, the last batch possibly smaller. */
  public static Builder evaluation(ImageSource source, ImageTransform transform, int batchSize) {
    return new Builder(source, transform, batchSize, false);
  }

  /** Shapes of the views, one per entry of {@link Batch#views()}. */
  public List<ViewShape> shapes() {
    return transform.shapes();
  }

  /** Full batches per training epoch, or all batches of the evaluation pass. */
  public int batchesPerEpoch() {
    return batchesPerEpoch;
  }

  /** Images of the source found undecodable so far and replaced by others. */
  public int replacedImages() {
    return source.replacedImages();
  }

  /** Total time the consumer has spent blocked in {@link #next()} waiting for a batch. */
  public long waitNanos() {
    return waitNanos;
  }

  @Override
  public boolean hasNext() {
    return !closed && delivered < endBatch;
  }

  @Override
  public Batch next() {
    if (closed) {
      throw new IllegalStateException("BatchLoader is closed: open a new one to read again");
    }
    if (delivered >= endBatch) {
      throw new NoSuchElementException("the evaluation pass is over after " + endBatch + " batches");
    }
    long start = System.nanoTime();
    lock.lock();
    try {
      while (!ready.containsKey(delivered) && failure == null && !closed) {
        changed.await();
      }
      Batch batch = ready.remove(delivered);
      if (batch == null && failure != null) {
        if (failure.getCause() instanceof DataException data) {
          // Bad data already says which file and what to do; the batch adds nothing for a user.
          throw new DataException(data.getMessage(), failure);
        }
        throw new BatchLoadException(failure.getMessage(), failure.getCause());
      }
      if (batch == null) {
        throw new IllegalStateException("BatchLoader was closed while waiting for a batch");
      }
      delivered++;
      changed.signalAll();
      return batch;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BatchLoadException("interrupted while waiting for batch " + delivered, e);
    } finally {
      lock.unlock();
      waitNanos += System.nanoTime() - start;
    }
  }

  /**
   * Hands {@code batch}'s view arrays back for a later batch, so that a long run allocates them
   * once: call it when the views have been copied into the engine, and read them no more.
   */
  public void recycle(Batch batch) {
    viewArrays.giveBack(batch.views(), batch.size());
  }

  /** Stops the workers (each finishes at most its current image) and waits for them briefly. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_MILLIS);
    for (Thread t : workers) {
      try {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (t.isAlive()) {
        t.interrupt();
      }
    }
  }

  private void work() {
    while (true) {
      long k;
      lock.lock();
      try {
        while (!closed && failure == null && claimed < endBatch && claimed >= delivered + prefetch) {
          changed.await();
        }
        if (closed || failure != null || claimed >= endBatch) {
          return;
        }
        k = claimed++;
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
      Batch batch;
      try {
        batch = build(k);
      } catch (BatchLoadException e) {
        fail(e);
        return;
      }
      if (batch == null) {
        return;
      }
      lock.lock();
      try {
        ready.put(k, batch);
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  private void fail(BatchLoadException e) {
    lock.lock();
    try {
      if (failure == null) {
        failure = e;
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Batch {@code k}, or null if the loader closed while making it. */
  private Batch build(long k) {
    long epoch = training ? k / batchesPerEpoch : 0;
    int from = (int) (k % batchesPerEpoch) * batchSize;
    int size = Math.min(batchSize, source.size() - from);
    int[] indices = order.indices(epoch, from, size);
    int[] labels = new int[size];
    float[][] views = viewArrays.take(size);
    for (int j = 0; j < size; j++) {
      if (closed) {
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

  /** Options of a loader; {@link #open()} starts its workers. */
  public static final class Builder {
    private final ImageSource source;
    private final ImageTransform transform;
    private final int batchSize;
    private final boolean training;
    private int workers = 1;
    private int prefetch = 4;
    private long seed;
    private long startBatch;

    private Builder(ImageSource source, ImageTransform transform, int batchSize, boolean training) {
      this.source = source;
      this.transform = transform;
      this.batchSize = batchSize;
      this.training = training;
    }

    /** Worker threads making batches; 1 by default. */
    public Builder workers(int workers) {
      this.workers = workers;
      return this;
    }

    /** Most batches made ahead of the consumer; 4 by default. */
    public Builder prefetch(int prefetch) {
      this.prefetch = prefetch;
      return this;
    }

    /** Seed of the shuffles and of every view; 0 by default. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * First training batch, counted over all epochs, to resume a run exactly where it stopped;
     * 0 by default. Batch k is the same whether the loader started at 0 or at k.
     */
    public Builder startBatch(long startBatch) {
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
}
