package vitssl.runner.log;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The terminal progress bar of a run: step, epoch, loss, lr, images/s and the ETA. */
public final class Progress implements AutoCloseable {
  private final ProgressBar bar;

  public Progress(String task, long start, long total) {
    this.bar =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(total)
            .startsFrom(start, java.time.Duration.ZERO)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(1000)
            .setMaxRenderedLength(140)
            .continuousUpdate()
            .build();
  }

  public void update(long stepsDone, double epoch, double loss, double lr, double imagesPerSecond) {
    bar.stepTo(stepsDone);
    bar.setExtraMessage(
        String.format("ep %.2f loss %.4f lr %.2e %.0f img/s", epoch, loss, lr, imagesPerSecond));
  }

  @Override
  public void close() {
    bar.close();
  }
}
