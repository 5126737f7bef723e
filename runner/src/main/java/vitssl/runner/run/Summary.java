package vitssl.runner.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import vitssl.eval.ProbeResult;
import vitssl.runner.evaluation.EvaluationResult;
import vitssl.runner.monitor.ProcessMemory;
import vitssl.runner.train.TrainingLoop;

/**
 * {@code summary.json}: what a finished run measured. Accuracies are percentages; kNN is weighted
 * cosine kNN of the final backbone, and of a randomly initialised one in the same run, so the
 * difference is what pre-training bought. {@code replaced_images} counts the images that could not
 * be decoded and were replaced by others (in this process, training and evaluation). {@code
 * peak_rss_mb} is the whole process's peak resident memory; {@code steps_peak_rss_mb} the peak
 * while the training steps ran (with the monitors' evaluations, without the baseline and final
 * ones), absent where the OS cannot tell or no step ran in this process.
 */
@JsonIgnoreProperties(value = "knn_gain", allowGetters = true)
public record Summary(
    @JsonProperty("name") String name,
    @JsonProperty("steps") long steps,
    @JsonProperty("epochs") double epochs,
    @JsonProperty("wall_seconds") double wallSeconds,
    @JsonProperty("train_seconds") double trainSeconds,
    @JsonProperty("images_per_second") double imagesPerSecond,
    @JsonProperty("knn_top1") double knnTop1,
    @JsonProperty("knn_top1_random_init") double knnTop1RandomInit,
    @JsonProperty("linear_top1") Double linearTop1,
    @JsonProperty("linear_top5") Double linearTop5,
    @JsonProperty("final_loss") double finalLoss,
    @JsonProperty("skipped_steps") long skippedSteps,
    @JsonProperty("replaced_images") int replacedImages,
    @JsonProperty("peak_rss_mb") double peakRssMb,
    @JsonProperty("steps_peak_rss_mb") Double stepsPeakRssMb,
    @JsonProperty("device") String device,
    @JsonProperty("instability") Map<String, Number> instability) {

  /**
   * The summary of a finished run, from its parts: what the loop did, what the final evaluation
   * measured, the random-init kNN, the images replaced for being undecodable, and where and how
   * it ran.
   */
  public static Summary of(
      String name,
      TrainingLoop.Outcome trained,
      EvaluationResult evaluation,
      double knnTop1RandomInit,
      int replacedImages,
      double wallSeconds,
      String device,
      Map<String, Number> instability) {
    return new Summary(
        name,
        trained.steps(),
        trained.epochs(),
        wallSeconds,
        trained.trainSeconds(),
        trained.imagesPerSecond(),
        evaluation.knnTop1(),
        knnTop1RandomInit,
        evaluation.linearProbe().map(ProbeResult::top1).orElse(null),
        evaluation.linearProbe().map(ProbeResult::top5).orElse(null),
        trained.finalLoss(),
        trained.skippedSteps(),
        replacedImages,
        ProcessMemory.peakRssMb(),
        trained.stepsPeakRssMb() >= 0 ? trained.stepsPeakRssMb() : null,
        device,
        instability);
  }

  /** kNN top-1 points gained over the random-init backbone. */
  @JsonProperty("knn_gain")
  public double knnGain() {
    return knnTop1 - knnTop1RandomInit;
  }
}
