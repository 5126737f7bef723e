package vitssl.runner.finetune;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code summary.json} of a fine-tune: the classifier's accuracy (%) on the held-out split at the
 * end, and what the run cost.
 *
 * @param weights the pre-trained checkpoint it started from, or "none" from scratch
 */
public record FinetuneSummary(
    @JsonProperty("name") String name,
    @JsonProperty("weights") String weights,
    @JsonProperty("steps") long steps,
    @JsonProperty("epochs") double epochs,
    @JsonProperty("wall_seconds") double wallSeconds,
    @JsonProperty("train_seconds") double trainSeconds,
    @JsonProperty("images_per_second") double imagesPerSecond,
    @JsonProperty("top1") double top1,
    @JsonProperty("top5") double top5,
    @JsonProperty("final_loss") double finalLoss,
    @JsonProperty("peak_rss_mb") double peakRssMb,
    @JsonProperty("device") String device) {}
