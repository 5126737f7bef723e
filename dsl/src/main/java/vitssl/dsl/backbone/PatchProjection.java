package vitssl.dsl.backbone;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.OptionalDouble;

/**
 * How the first layer, the patch projection, trains. The study's trick is {@link #frozenRandom()}:
 * the projection stays at its random initialisation, which removes the gradient spikes that start
 * in this layer.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(LearnedPatchProjection.class),
  @JsonSubTypes.Type(FrozenRandomPatchProjection.class),
  @JsonSubTypes.Type(ClippedPatchProjection.class)
})
public interface PatchProjection {
  /** Whether the optimizer updates the projection's weight and bias. */
  boolean trainable();

  /** The largest L2 norm the projection's gradient may have before each step; empty: no clip. */
  default OptionalDouble gradientClip() {
    return OptionalDouble.empty();
  }

  /** Trained like every other layer. */
  static PatchProjection learned() {
    return ImmutableLearnedPatchProjection.of();
  }

  /** Frozen at its random initialisation (stop-gradient): the study's stabilising trick. */
  static PatchProjection frozenRandom() {
    return ImmutableFrozenRandomPatchProjection.of();
  }

  /**
   * Trained, with this layer's gradient clipped to an L2 norm of at most {@code maxNorm} before
   * each step. The study finds this helps only with a threshold so small that it nearly freezes.
   */
  static PatchProjection clipped(double maxNorm) {
    return ImmutableClippedPatchProjection.of(maxNorm);
  }
}
