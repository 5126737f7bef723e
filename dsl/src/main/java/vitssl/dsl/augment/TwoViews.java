package vitssl.dsl.augment;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import org.immutables.value.Value;

/** Two views of each image, possibly with different recipes (the study's asymmetric views). */
@Value.Immutable
@JsonTypeName("two-views")
@JsonDeserialize(as = ImmutableTwoViews.class)
public abstract class TwoViews implements AugmentationSpec, WithTwoViews {
  @Value.Parameter
  public abstract View first();

  @Value.Parameter
  public abstract View second();

  @Override
  public List<View> views() {
    return List.of(first(), second());
  }

  public static TwoViews of(View first, View second) {
    return ImmutableTwoViews.of(first, second);
  }

  /** Applies {@code change} to both views, e.g. {@code v -> v.cropMin(0.2)}. */
  public TwoViews both(java.util.function.UnaryOperator<View> change) {
    return of(change.apply(first()), change.apply(second()));
  }
}
