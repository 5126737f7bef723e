package vitssl.dsl.backbone;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.immutables.value.Value;

/** See {@link PatchProjection#learned()}. */
@Value.Immutable(singleton = true, builder = false)
@JsonTypeName("learned")
@JsonDeserialize(as = ImmutableLearnedPatchProjection.class)
public abstract class LearnedPatchProjection implements PatchProjection {
  @Override
  public boolean trainable() {
    return true;
  }
}
