package vitssl.dsl.augment;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.ArrayList;
import java.util.List;
import org.immutables.value.Value;
import vitssl.dsl.SpecException;

/**
 * SwAV's multi-crop (Caron et al. 2020): a few global views at full size plus several small local
 * crops of another size. Only global views produce codes; every view predicts them.
 */
@Value.Immutable
@JsonTypeName("multi-crop")
@JsonDeserialize(as = ImmutableMultiCrop.class)
public abstract class MultiCrop implements AugmentationSpec, WithMultiCrop {
  /** The global views, usually two. */
  public abstract List<View> global();

  /** The recipe of every local crop. */
  public abstract View local();

  public abstract int localCrops();

  @Override
  public List<View> views() {
    List<View> all = new ArrayList<>(global());
    for (int i = 0; i < localCrops(); i++) {
      all.add(local());
    }
    return all;
  }

  @Override
  public int globalViews() {
    return global().size();
  }

  public static MultiCrop of(List<View> global, View local, int localCrops) {
    return ImmutableMultiCrop.builder().global(global).local(local).localCrops(localCrops).build();
  }

  @Value.Check
  protected void check() {
    SpecException.require(
        !global().isEmpty(), "MultiCrop", "global", global(), "give at least one global view");
    SpecException.require(
        localCrops() >= 0, "MultiCrop", "localCrops", localCrops(), "use 0 or more local crops");
  }
}
