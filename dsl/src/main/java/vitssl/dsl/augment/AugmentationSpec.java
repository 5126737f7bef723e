package vitssl.dsl.augment;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import vitssl.dsl.Spec;

/** How one source image becomes the several views a siamese method compares. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface AugmentationSpec extends Spec {
  /** The view recipes, in order; the loss sees one batch per entry. */
  List<View> views();

  /** Views that are global crops (the ones the loss compares across); the first ones in order. */
  default int globalViews() {
    return views().size();
  }
}
