package vitssl.dsl.loss;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.immutables.value.Value;

/**
 * BYOL's loss (Grill et al. 2020, arXiv 2006.07733): the mean squared distance between the
 * L2-normalised online prediction of one view and the target projection of the other, 2 - 2 cos,
 * symmetrised over the two views. No negatives and no parameter; the targets carry no gradient.
 */
@Value.Immutable(singleton = true, builder = false)
@JsonTypeName("byol-cosine")
@JsonDeserialize(as = ImmutableByolCosine.class)
public abstract class ByolCosine implements LossSpec {
  /** BYOL's symmetrised cosine loss. */
  public static ByolCosine byolCosine() {
    return ImmutableByolCosine.of();
  }
}
