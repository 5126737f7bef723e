package bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vitssl.engine.EngineSettings;
import vitssl.engine.EngineSetup;
import vitssl.engine.NativeHeap;
import vitssl.runner.train.SyntheticTraining;

/**
 * Where the C heap's memory goes over MoCo v3 steps: one of {@link StepBench}'s models trained as
 * {@link RandomInputBench} trains it, while a second thread reads the bytes jemalloc has handed out
 * ({@link NativeHeap#usage()}) every millisecond. Prints the bytes in use before the model, at the
 * highest and after the last step (the model, its gradients and the optimizer's state), the most of
 * jemalloc's heap resident, the process's peak, and the last step's curve: the most in use in each
 * tenth of a second. Reads jemalloc's statistics, so it runs under {@code bin/vitssl}'s default
 * allocator only.
 *
 * <pre>bin/vitssl bench.NativeMemoryBench [--config recipe|tiny|wide|large|huge] [--steps N]</pre>
 */
public final class NativeMemoryBench {
  static final double MB = 1e6;
  static final long BUCKET_NANOS = 100_000_000L;

  private NativeMemoryBench() {}

  public static void main(String[] args) throws Exception {
    BenchOptions options = BenchOptions.parse(args, 3);
    if (NativeHeap.usage().isEmpty()) {
      throw new IllegalStateException(
          "NativeMemoryBench reads jemalloc's statistics and " + NativeHeap.describe()
              + " allocates for this process: run it through bin/vitssl with its default allocator"
              + " (VITSSL_ALLOCATOR unset; libjemalloc2, which bin/setup installs)");
    }
    EngineSetup.start(EngineSettings.defaults());
    Sampler sampler = new Sampler();
    sampler.sample();
    Thread thread = new Thread(sampler, "native-memory-sampler");
    thread.setDaemon(true);
    thread.start();
    SyntheticTraining.Outcome outcome = options.trainOnRandomInputs();
    thread.interrupt();
    thread.join();
    List<Long> ends = outcome.stepEnds();
    System.out.println(
        report(
            options, sampler.samples(), ends.get(ends.size() - 2), ends.get(ends.size() - 1),
            outcome.peakRssMb()));
  }

  /**
   * The summary line and the last step's curve from {@code samples} of {time, in use, resident},
   * the last step running from {@code start} to {@code ended}.
   */
  static String report(
      BenchOptions options, List<long[]> samples, long start, long ended, double peakRssMb) {
    long[] first = samples.get(0);
    long highest = 0;
    long highestAt = first[0];
    long resident = 0;
    long last = -1;
    for (long[] s : samples) {
      if (s[1] > highest) {
        highest = s[1];
        highestAt = s[0];
      }
      resident = Math.max(resident, s[2]);
      if (last < 0 && s[0] >= ended) {
        last = s[1];
      }
    }
    if (last < 0) {
      last = samples.get(samples.size() - 1)[1];
    }
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "%s, %d steps: C heap in use %.0f MB before the model, at most %.0f MB (%.1f s in),"
                + " %.0f MB after the last step; jemalloc's heap resident at most %.0f MB;"
                + " the process's peak %.0f MB%n",
            options.config().name().toLowerCase(Locale.ROOT), options.steps(),
            first[1] / MB, highest / MB, (highestAt - first[0]) / 1e9, last / MB, resident / MB,
            peakRssMb));
    out.append("the last step, the most in use in each tenth of a second (s from its start: MB):");
    long bucket = -1;
    long most = 0;
    for (long[] s : samples) {
      if (s[0] < start || s[0] > ended) {
        continue;
      }
      long b = (s[0] - start) / BUCKET_NANOS;
      if (b != bucket && bucket >= 0) {
        out.append(String.format(" %.1f:%.0f", bucket / 10.0, most / MB));
        most = 0;
      }
      bucket = b;
      most = Math.max(most, s[1]);
    }
    if (bucket >= 0) {
      out.append(String.format(" %.1f:%.0f", bucket / 10.0, most / MB));
    }
    return out.toString();
  }

  /**
   * Reads the heap's use every millisecond until interrupted; a reading that fails ends the
   * sampling and is thrown again by {@link #samples()}.
   */
  static final class Sampler implements Runnable {
    private final List<long[]> samples = new ArrayList<>();
    private RuntimeException failure;

    @Override
    public void run() {
      try {
        while (!Thread.currentThread().isInterrupted()) {
          sample();
          Thread.sleep(1);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        synchronized (this) {
          failure = e;
        }
      }
    }

    /** One reading: {time, bytes in use, bytes resident}. */
    void sample() {
      NativeHeap.usage()
          .ifPresent(u -> record(new long[] {System.nanoTime(), u.allocated(), u.resident()}));
    }

    private synchronized void record(long[] sample) {
      samples.add(sample);
    }

    synchronized List<long[]> samples() {
      if (failure != null) {
        throw failure;
      }
      return new ArrayList<>(samples);
    }
  }
}
