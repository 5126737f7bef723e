package vitssl.runner.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * {@code eval.json}: what {@code vitssl eval} measured of a saved encoder, accuracies in percent.
 *
 * @param knnTop1 weighted cosine kNN top-1 by k ("k=20", "k=200", and the run's own k), at
 *     {@code knnTemperature}, the whole training split as the bank
 * @param linearProbe the linear probe on frozen features of the whole training split
 * @param lowLabel the same probe on a fraction of each class's labels, by fraction ("1%", "10%")
 * @param knnTop1RawPixels the same kNN on the eval view's normalised pixels, by k; empty unless
 *     asked for
 */
public record EvalReport(
    @JsonProperty("checkpoint") String checkpoint,
    @JsonProperty("step") long step,
    @JsonProperty("data") String data,
    @JsonProperty("images") Images images,
    @JsonProperty("knn_temperature") double knnTemperature,
    @JsonProperty("knn_top1") Map<String, Double> knnTop1,
    @JsonProperty("linear_probe") Probe linearProbe,
    @JsonProperty("low_label") Map<String, Probe> lowLabel,
    @JsonProperty("embedding_map") Map<String, Double> embeddingMap,
    @JsonProperty("knn_top1_raw_pixels") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<String, Double> knnTop1RawPixels) {

  /** How many images the evaluation saw. */
  public record Images(
      @JsonProperty("train") int train,
      @JsonProperty("held_out") int heldOut,
      @JsonProperty("classes") int classes) {}

  /** A linear probe: the labelled images it trained on and its held-out accuracy. */
  public record Probe(
      @JsonProperty("labelled_images") int labelledImages,
      @JsonProperty("top1") double top1,
      @JsonProperty("top5") double top5) {}
}
