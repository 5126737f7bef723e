package vitssl.data;

import com.google.inject.Inject;
import com.google.inject.Provider;
import vitssl.dsl.data.Subset;
import vitssl.inject.Components;
import vitssl.inject.DataFactory;

/** Opens a {@link Subset}: the underlying dataset through its own factory, then both splits cut. */
public final class SubsetData implements DataFactory<Subset> {
  private final Provider<Components> components;

  @Inject
  SubsetData(Provider<Components> components) {
    this.components = components;
  }

  @Override
  public Dataset open(Subset spec) {
    Dataset whole = components.get().data(spec.data());
    return new Dataset(
        whole.name(),
        SubsetSource.of(whole.train(), spec.trainImages(), spec.seed()),
        SubsetSource.of(whole.heldOut(), spec.heldOutImages(), spec.seed() + 1));
  }
}
