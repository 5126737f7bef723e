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

  private final BatchMaker maker;
  private final long endBatch;
  private final int prefetch;
  private final List<Thread> workers = new ArrayList<>();

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Map<Long, Batch> ready = new HashMap<>();
  private long claimed;
  private long delivered;
  private BatchLoadException failure;
  private volatile boolean closed;
  private volatile long waitNanos;

  BatchLoader(BatchLoaderBuilder b) {
    this.prefetch = b.prefetch;
    this.maker =
        new BatchMaker(
            b.source, b.transform, b.batchSize, b.training, b.seed, prefetch + b.workers + 1);
    this.claimed = b.training ? b.startBatch : 0;
    this.endBatch = b.training ? Long.MAX_VALUE : maker.batchesPerEpoch();
    this.delivered = claimed;
    for (int i = 0; i < b.workers; i++) {
      Thread t = new Thread(this::work, "batch-loader-" + i);
      t.setDaemon(true);
      workers.add(t);
    }
    workers.forEach(Thread::start);
  }

  /** Endless shuffled epochs of full batches, starting at batch {@code startBatch} if set. */
  public static BatchLoaderBuilder training(
      ImageSource source, ImageTransform transform, int batchSize) {
    return new BatchLoaderBuilder(source, transform, batchSize, true);
  }

  /** One in-order pass over the source, the last batch possibly smaller. */
  public static BatchLoaderBuilder evaluation(
      ImageSource source, ImageTransform transform, int batchSize) {
    return new BatchLoaderBuilder(source, transform, batchSize, false);
  }

  /** Shapes of the views, one per entry of {@link Batch#views()}. */
  public List<ViewShape> shapes() {
    return maker.shapes();
  }

  /** Full batches per training epoch, or all batches of the evaluation pass. */
  public int batchesPerEpoch() {
    return maker.batchesPerEpoch();
  }

  /** Images of the source found undecodable so far and replaced by others. */
  public int replacedImages() {
    return maker.replacedImages();
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
    maker.recycle(batch);
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
        batch = maker.make(k, () -> closed);
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
}
