package vitssl.dsl.augment;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import vitssl.dsl.Spec;

/**
 * How one source image becomes the several views a siamese method compares. The two shapes of
 * views are a closed set named here, not components bound by modules: the views are built by the
 * framework's own augmentation code.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(TwoViews.class), @JsonSubTypes.Type(MultiCrop.class)})
public interface AugmentationSpec extends Spec {
  /** The view recipes, in order; the loss sees one batch per entry. */
  List<View> views();

  /** Views that are global crops (the ones the loss compares across); the first ones in order. */
  default int globalViews() {
    return views().size();
  }
}
