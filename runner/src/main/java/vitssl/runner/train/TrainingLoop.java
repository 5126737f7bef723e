package vitssl.runner.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vitssl.augment.Batch;
import vitssl.augment.BatchLoader;
import vitssl.augment.ViewShape;
import vitssl.runner.log.MetricsLog;
import vitssl.runner.log.Progress;
import vitssl.runner.monitor.Monitor;
import vitssl.runner.monitor.ProcessMemory;
import vitssl.runner.reliability.RunStopped;
import vitssl.runner.reliability.StopSignals;
import vitssl.runner.train.StepTimes.Phase;

/**
 * The training loop: a batch, the schedules' values, one {@link TrainingStep}, the monitors due,
 * a line of {@code metrics.jsonl} when one is due, progress, and a checkpoint when one is due;
 * from the start step to the run's last.
 */
public final class TrainingLoop {
  /**
   * What the loop did, for the run's summary.
   *
   * @param stepsPeakRssMb the process's peak resident memory while the loop ran (its monitors'
   *     evaluations included, the baseline and final evaluations not), in MiB; -1 where the OS
   *     cannot tell or no step ran
   */
  public record Outcome(
      long steps,
      double epochs,
      double trainSeconds,
      double imagesPerSecond,
      double finalLoss,
      long skippedSteps,
      double stepsPeakRssMb) {}

  private final String name;
  private final int logEvery;
  private final TrainingStep step;
  private final Schedules schedules;
  private final Checkpointing checkpointing;

  public TrainingLoop(
      String name, int logEvery, TrainingStep step, Schedules schedules, Checkpointing checkpointing) {
    this.name = name;
    this.logEvery = logEvery;
    this.step = step;
    this.schedules = schedules;
    this.checkpointing = checkpointing;
  }

  /** Trains from 0-based step {@code start} to the end, reading {@code loader}, logging to {@code log}. */
  public Outcome run(long start, BatchLoader loader, List<ViewShape> shapes, MetricsLog log) {
    StepCount count = schedules.steps();
    long total = count.total();
    StepTimes times = step.times();
    List<Monitor> monitors = step.monitors();
    // A run resumed at its last step (stopped during the final evaluation) trains no step.
    double loss = log.lastLoss();
    long skipped = 0;
    long trainNanos = 0;
    long images = 0;
    ProcessMemory.PeakWindow peak = ProcessMemory.peakFromNow();
    try (Progress progress = new Progress(name, start, total);
        StopSignals stop = StopSignals.install()) {
      for (long s = start; s < total; s++) {
        long t0 = System.nanoTime();
        long waitBefore = loader.waitNanos();
        Batch batch = loader.next();
        times.add(Phase.DATA_WAIT, loader.waitNanos() - waitBefore);
        double lr = schedules.lrAt(s);
        double m = schedules.momentumAt(s);
        Map<String, Object> row = new LinkedHashMap<>();
        StepResult result = step.run(batch, shapes, s, lr, m, row);
        loader.recycle(batch);
        loss = result.loss();
        boolean measured = false;
        for (Monitor monitor : monitors) {
          if (monitor.dueAt(s)) {
            measured = true;
            monitor.afterStep(s, row);
          }
        }
        if (result.skipped()) {
          skipped++;
          System.out.println("\nstep " + (s + 1) + ": loss or gradient not finite; step skipped");
        }
        long dt = System.nanoTime() - t0;
        trainNanos += dt;
        images += batch.size();
        double epoch = count.epochs(s + 1);
        if (measured || result.skipped() || (s + 1) % logEvery == 0 || s == total - 1) {
          Map<String, Object> line = line(s, epoch, result, lr, m, batch.size() / (dt / 1e9), row);
          if (loader.replacedImages() > 0) {
            line.put("replaced_images", loader.replacedImages());
          }
          log.append(line);
        }
        progress.update(s + 1, epoch, loss, lr, images / (trainNanos / 1e9));
        if (s == start && total - start > 1) {
          // The first step carries one-time costs (first allocations, kernels loaded and tuned);
          // the phase split describes the steady state.
          times.reset();
        }
        if (stop.requested()) {
          checkpointing.now(s + 1);
          throw new RunStopped(s + 1);
        }
        checkpointing.afterStep(s, total);
      }
    }
    double seconds = trainNanos / 1e9;
    return new Outcome(
        total,
        count.epochs(total),
        seconds,
        seconds > 0 ? images / seconds : 0,
        loss,
        skipped,
        start < total ? peak.peakMb() : -1);
  }

  private static Map<String, Object> line(
      long s, double epoch, StepResult result, double lr, double m, double imagesPerSecond,
      Map<String, Object> row) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("step", s + 1);
    line.put("epoch", epoch);
    line.put("loss", result.loss());
    line.put("lr", lr);
    line.put("momentum", m);
    line.put("images_per_second", imagesPerSecond);
    if (result.skipped()) {
      line.put("skipped", 1);
    }
    line.putAll(row);
    return line;
  }
}
