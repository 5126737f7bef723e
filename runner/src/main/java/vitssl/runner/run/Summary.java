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
 * difference is what pre-training bought.
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
    @JsonProperty("peak_rss_mb") double peakRssMb,
    @JsonProperty("device") String device,
    @JsonProperty("instability") Map<String, Number> instability) {

  /**
   * The summary of a finished run, from its parts: what the loop did, what the final evaluation
   * measured, the random-init kNN, and where and how it ran.
   */
  public static Summary of(
      String name,
      TrainingLoop.Outcome trained,
      EvaluationResult evaluation,
      double knnTop1RandomInit,
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
        ProcessMemory.peakRssMb(),
        device,
        instability);
  }

  /** kNN top-1 points gained over the random-init backbone. */
  @JsonProperty("knn_gain")
  public double knnGain() {
    return knnTop1 - knnTop1RandomInit;
  }
}
