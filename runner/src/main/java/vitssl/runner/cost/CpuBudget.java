package vitssl.runner.cost;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.time.Duration;
import java.util.Optional;
import vitssl.dsl.Experiment;

/**
 * What a run would cost on this CPU, said before it starts: the study's recipes are sized for
 * GPUs, where a CPU would need months. The estimate divides the step's FLOPs ({@link StepCost}) by
 * the matrix-multiply rate measured here, at the fraction of it a ViT step reaches on a CPU.
 */
public final class CpuBudget {
  /**
   * Fraction of the matmul rate (its fastest call, {@link MatmulRate.Sample#best}) a whole
   * training step reaches here (measured: 0.6 to 0.9).
   */
  static final double EFFICIENCY = 0.7;

  /** Longer epochs than this stop the run before it starts. */
  static final Duration LONGEST_EPOCH = Duration.ofHours(24);

  static final long IMAGENET_TRAIN_IMAGES = 1_281_167;

  private final Experiment experiment;
  private final double imagesPerSecond;

  private CpuBudget(Experiment experiment, double imagesPerSecond) {
    this.experiment = experiment;
    this.imagesPerSecond = imagesPerSecond;
  }

  /** The estimate, on a CPU for a run whose cost is known; empty elsewhere. */
  public static Optional<CpuBudget> of(Experiment experiment, Device device) {
    if (device.isGpu()) {
      return Optional.empty();
    }
    if (StepCost.flopsPerImage(experiment).isEmpty()) {
      return Optional.empty();
    }
    try (NDManager manager = NDManager.newBaseManager(device)) {
      return atRate(experiment, MatmulRate.measure(manager, 1024, 0.5).best());
    }
  }

  /** The estimate for a machine whose matrix products run at {@code matmulFlops} FLOP/s. */
  static Optional<CpuBudget> atRate(Experiment experiment, double matmulFlops) {
    return StepCost.flopsPerImage(experiment)
        .map(perImage -> new CpuBudget(experiment, EFFICIENCY * matmulFlops / perImage));
  }

  double imagesPerSecond() {
    return imagesPerSecond;
  }

  Duration epoch(long images) {
    return Duration.ofSeconds(Math.round(images / imagesPerSecond));
  }

  String describe(long images) {
    return String.format(
        "%s on this CPU: about %.1f images/s, so one epoch of %,d images takes about %s",
        experiment.name(), imagesPerSecond, images, words(epoch(images)));
  }

  /** Says what an ImageNet-1k epoch would cost here, when that is more than a day. */
  public void sayIfImageNetIsOutOfReach() {
    if (epoch(IMAGENET_TRAIN_IMAGES).compareTo(LONGEST_EPOCH) > 0) {
      System.out.println(describe(IMAGENET_TRAIN_IMAGES) + " (ImageNet-1k)");
    }
  }

  /** Stops a run whose epochs would take longer than {@link #LONGEST_EPOCH}. */
  public void refuseIfTooSlow(long images) {
    if (epoch(images).compareTo(LONGEST_EPOCH) > 0) {
      throw new IllegalStateException(
          describe(images)
              + ": this recipe is sized for GPUs. Run it on a machine with one, or shrink it"
              + " (--batch, --steps, a smaller backbone such as Vit.cpuTiny())");
    }
  }

  static String words(Duration d) {
    long days = d.toDays();
    if (days >= 2) {
      return days + " days";
    }
    long hours = d.toHours();
    if (hours >= 2) {
      return hours + " hours";
    }
    return Math.max(1, d.toMinutes()) + " minutes";
  }
}
