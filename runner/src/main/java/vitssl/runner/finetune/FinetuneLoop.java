package vitssl.runner.finetune;

import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import vitssl.augment.Batch;
import vitssl.augment.BatchLoader;
import vitssl.augment.ViewShape;
import vitssl.data.ImageSource;
import vitssl.dsl.finetune.Finetune;
import vitssl.eval.Accuracy;
import vitssl.runner.train.Checkpointing;
import vitssl.runner.log.MetricsLog;
import vitssl.runner.log.Progress;
import vitssl.runner.run.RunFolder;
import vitssl.schedule.LrSchedule;

/**
 * The fine-tuning loop: batches, the lr schedule, steps, {@code metrics.jsonl}, the progress bar,
 * and at every checkpoint the held-out accuracy ({@code val_top1}, {@code val_top5}).
 */
final class FinetuneLoop {
  /** What the loop did. */
  record Outcome(
      long steps,
      double epochs,
      double trainSeconds,
      double imagesPerSecond,
      double finalLoss,
      Optional<Accuracy> lastHeldOut) {}

  private final Finetune spec;
  private final RunFolder folder;
  private final FinetuneStep step;
  private final Classifier classifier;
  private final LrSchedule schedule;
  private final Checkpointing checkpointing;
  private final HeldOut heldOut;
  private final NDManager manager;

  FinetuneLoop(
      Finetune spec,
      RunFolder folder,
      FinetuneStep step,
      Classifier classifier,
      LrSchedule schedule,
      Checkpointing checkpointing,
      HeldOut heldOut,
      NDManager manager) {
    this.spec = spec;
    this.folder = folder;
    this.step = step;
    this.classifier = classifier;
    this.schedule = schedule;
    this.checkpointing = checkpointing;
    this.heldOut = heldOut;
    this.manager = manager;
  }

  Outcome run(ImageSource train, OneView view, int workers, long startStep) {
    int batchSize = spec.batchSize();
    try (BatchLoader loader =
            BatchLoader.training(train, view, batchSize)
                .workers(workers)
                .seed(spec.seed())
                .startBatch(startStep)
                .open();
        MetricsLog log = MetricsLog.open(folder.metrics(), startStep)) {
      long perEpoch = loader.batchesPerEpoch();
      if (perEpoch < 1) {
        throw new IllegalArgumentException(
            "Finetune.batchSize = " + batchSize + " exceeds the " + train.size()
                + " training images: use a batch of at most that many");
      }
      long total = spec.length().toSteps(perEpoch, 0);
      ViewShape shape = view.shapes().get(0);
      double loss = Double.NaN;
      Optional<Accuracy> lastHeldOut = Optional.empty();
      long trainNanos = 0;
      long images = 0;
      try (Progress progress = new Progress(spec.name(), startStep, total)) {
        for (long s = startStep; s < total; s++) {
          long t0 = System.nanoTime();
          Batch batch = loader.next();
          double rate = spec.peakLr() * schedule.multiplier(s, total, perEpoch);
          FinetuneStep.Result result = step.run(batch, shape, s, rate);
          loader.recycle(batch);
          loss = result.loss();
          long dt = System.nanoTime() - t0;
          trainNanos += dt;
          images += batchSize;
          double epoch = (s + 1) / (double) perEpoch;
          Map<String, Object> line = new LinkedHashMap<>();
          line.put("step", s + 1);
          line.put("epoch", epoch);
          line.put("loss", loss);
          line.put("lr", rate);
          line.put("images_per_second", batchSize / (dt / 1e9));
          line.put("train_top1", result.batchTop1());
          line.put("grad_norm_total", result.gradientNorm());
          boolean checkpoint = checkpointing.afterStep(s, total);
          if (checkpoint) {
            Accuracy accuracy = heldOut.accuracy(classifier, manager);
            line.put("val_top1", accuracy.top1());
            line.put("val_top5", accuracy.top5());
            lastHeldOut = Optional.of(accuracy);
          }
          if (checkpoint || (s + 1) % spec.logEvery() == 0) {
            log.append(line);
          }
          progress.update(s + 1, epoch, loss, rate, images / (trainNanos / 1e9));
        }
      }
      double seconds = trainNanos / 1e9;
      return new Outcome(
          total,
          total / (double) perEpoch,
          seconds,
          seconds > 0 ? images / seconds : 0,
          loss,
          lastHeldOut);
    }
  }
}
