package vitssl.data;

import com.google.inject.Inject;
import com.google.inject.Provider;
import vitssl.dsl.data.ValidationSplit;
import vitssl.inject.Components;
import vitssl.inject.DataFactory;

/**
 * Opens a {@link ValidationSplit}: the underlying dataset through its own factory, then its
 * training split divided into the images held out and the rest; its held-out split is not used.
 */
public final class ValidationSplitData implements DataFactory<ValidationSplit> {
  private final Provider<Components> components;

  @Inject
  ValidationSplitData(Provider<Components> components) {
    this.components = components;
  }

  @Override
  public Dataset open(ValidationSplit spec) {
    Dataset whole = components.get().data(spec.data());
    ImageSource train = whole.train();
    if (spec.heldOutImages() >= train.size()) {
      throw new DataException(
          "ValidationSplit.heldOutImages = %d, but %s has %d training images: hold out fewer"
              .formatted(spec.heldOutImages(), whole.name(), train.size()));
    }
    return new Dataset(
        whole.name(),
        SubsetSource.rest(train, spec.heldOutImages(), spec.seed()),
        SubsetSource.of(train, spec.heldOutImages(), spec.seed()));
  }
}
