package vitssl.tools;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.SplittableRandom;
import vitssl.augment.BatchLoader;
import vitssl.augment.MultiViewTransform;
import vitssl.data.ImageSource;
import vitssl.data.RgbImage;
import vitssl.dsl.augment.TwoViews;
import vitssl.dsl.augment.Views;

/**
 * Throughput of the training loader on random images, no data needed: two-view images per second
 * at CIFAR's 32 pixels and at ImageNet's 224 (cropped from 256x256), with 1 and 2 worker threads.
 * Usage: {@code LoaderBench [seconds per setting, default 4]}.
 */
public final class LoaderBench {
  private static final List<Setting> SETTINGS = List.of(
      new Setting("32 px (CIFAR views of 32x32)", 32, Views.cifar(32), 256),
      new Setting("224 px (ImageNet views of 256x256)", 256, Views.byolAsymmetric(224), 32));

  private static final OperatingSystemMXBean CPU =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private LoaderBench() {}

  /** One measured configuration: source side, views, batch size. */
  record Setting(String name, int side, TwoViews views, int batchSize) {}

  /**
   * Two-view images per wall-clock second, per second of this process's CPU time (which other
   * programs on a shared machine do not inflate), and the share of time the consumer waited.
   */
  record Result(double imagesPerSecond, double imagesPerCpuSecond, double waitFraction) {}

  public static void main(String[] args) {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 4;
    System.out.printf("cores available: %d%n", Runtime.getRuntime().availableProcessors());
    for (Setting s : SETTINGS) {
      for (int workers = 1; workers <= 2; workers++) {
        Result r = measure(s, workers, seconds / 2, seconds);
        System.out.printf(
            "%-36s workers %d: %7.0f img/s, %7.0f img/s per worker, %7.0f img per CPU-second,"
                + " consumer waited %4.1f%%%n",
            s.name(), workers, r.imagesPerSecond(), r.imagesPerSecond() / workers,
            r.imagesPerCpuSecond(), 100 * r.waitFraction());
      }
    }
  }

  /** Consumes batches for {@code warmup} seconds, then counts images for {@code seconds}. */
  static Result measure(Setting s, int workers, double warmup, double seconds) {
    ImageSource source = new RandomImages(s.side(), 64);
    MultiViewTransform transform = new MultiViewTransform(s.views());
    try (BatchLoader loader =
        BatchLoader.training(source, transform, s.batchSize()).workers(workers).seed(1).open()) {
      drain(loader, warmup);
      long waitedBefore = loader.waitNanos();
      long cpuBefore = CPU.getProcessCpuTime();
      long start = System.nanoTime();
      long images = drain(loader, seconds);
      long elapsed = System.nanoTime() - start;
      long cpu = CPU.getProcessCpuTime() - cpuBefore;
      return new Result(
          images / (elapsed / 1e9),
          images / (cpu / 1e9),
          (loader.waitNanos() - waitedBefore) / (double) elapsed);
    }
  }

  private static long drain(BatchLoader loader, double seconds) {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    long images = 0;
    while (System.nanoTime() < end) {
      images += loader.next().size();
    }
    return images;
  }

  /** A large source cycling over a few random images, so the bench reads no files. */
  static final class RandomImages implements ImageSource {
    private final RgbImage[] pool;

    RandomImages(int side, int distinct) {
      SplittableRandom rng = new SplittableRandom(42);
      pool = new RgbImage[distinct];
      for (int i = 0; i < distinct; i++) {
        byte[] px = new byte[side * side * 3];
        rng.nextBytes(px);
        pool[i] = new RgbImage(side, side, px);
      }
    }

    @Override
    public int size() {
      return 50_000;
    }

    @Override
    public int label(int i) {
      return i % 10;
    }

    @Override
    public List<String> classes() {
      return List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    }

    @Override
    public RgbImage image(int i) {
      return pool[i % pool.length];
    }
  }
}
