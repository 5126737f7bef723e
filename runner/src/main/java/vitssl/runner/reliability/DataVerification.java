package vitssl.runner.reliability;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import vitssl.data.DataException;
import vitssl.data.Dataset;
import vitssl.data.ImageSource;

/**
 * {@code --verify-data}: decodes every image of both splits before training, on the loader's
 * threads, with a progress bar. Bad images are named and counted as training would meet them, so
 * a folder past its corrupt-image limit stops here, in minutes, rather than hours into the run.
 */
public final class DataVerification {
  private DataVerification() {}

  /** Decodes every image; returns how many were replaced. */
  public static int verify(Dataset data, int threads) {
    int total = data.train().size() + data.heldOut().size();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName("verifying " + data.name())
            .setInitialMax(total)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(1000)
            .setMaxRenderedLength(120)
            .build()) {
      List<Future<?>> work = new ArrayList<>();
      for (ImageSource split : List.of(data.train(), data.heldOut())) {
        AtomicInteger next = new AtomicInteger();
        for (int t = 0; t < threads; t++) {
          work.add(
              pool.submit(
                  () -> {
                    for (int i = next.getAndIncrement(); i < split.size(); i = next.getAndIncrement()) {
                      split.image(i);
                      bar.step();
                    }
                  }));
        }
      }
      for (Future<?> f : work) {
        f.get();
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof DataException bad) {
        throw new DataException(bad.getMessage(), bad);
      }
      throw new IllegalStateException("verifying " + data.name() + " failed: " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("verifying " + data.name() + " was interrupted", e);
    } finally {
      pool.shutdownNow();
    }
    int replaced = data.train().replacedImages() + data.heldOut().replacedImages();
    System.out.println(
        "verified " + total + " images of " + data.name() + ": "
            + (replaced == 0 ? "all decode" : replaced + " cannot be decoded and will be replaced"));
    return replaced;
  }
}
