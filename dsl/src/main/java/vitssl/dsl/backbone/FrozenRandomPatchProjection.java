package vitssl.dsl.backbone;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.immutables.value.Value;

/** See {@link PatchProjection#frozenRandom()}. */
@Value.Immutable(singleton = true, builder = false)
@JsonTypeName("frozen-random")
@JsonDeserialize(as = ImmutableFrozenRandomPatchProjection.class)
public abstract class FrozenRandomPatchProjection implements PatchProjection {
  @Override
  public boolean trainable() {
    return false;
  }
}
