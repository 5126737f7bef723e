package vitssl.analysis;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.OptionalLong;

/**
 * One dip of the kNN curve: from the last step at the running maximum ({@code peak}) down to the
 * lowest point ({@code bottom}) and back to the peak or above, or never within the run.
 */
@JsonIgnoreProperties(value = "depth", allowGetters = true)
public record Dip(
    @JsonProperty("start_step") long startStep,
    @JsonProperty("peak") double peak,
    @JsonProperty("bottom_step") long bottomStep,
    @JsonProperty("bottom") double bottom,
    @JsonProperty("recovery_step") OptionalLong recoveryStep) {

  /** kNN points lost: the running maximum before the dip minus the lowest value during it. */
  @JsonProperty("depth")
  public double depth() {
    return peak - bottom;
  }

  public boolean recovered() {
    return recoveryStep.isPresent();
  }
}
