package vitssl.analysis;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.OptionalLong;

/**
 * A last-layer spike event and the first-layer spike event it followed, if one started at most
 * {@code maxLag} iterations earlier (or at the same step).
 */
@JsonIgnoreProperties(value = "lag", allowGetters = true)
public record SpikeLag(
    @JsonProperty("last_layer_step") long lastLayerStep,
    @JsonProperty("first_layer_step") OptionalLong firstLayerStep) {

  /** Iterations from the first-layer spike to the last-layer one; empty when none matched. */
  @JsonProperty("lag")
  public OptionalLong lag() {
    return firstLayerStep.isPresent()
        ? OptionalLong.of(lastLayerStep - firstLayerStep.getAsLong())
        : OptionalLong.empty();
  }
}
