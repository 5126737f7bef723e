package vitssl.dsl.backbone;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.OptionalDouble;
import vitssl.dsl.Spec;

/**
 * A backbone: images in, one feature vector per image out. Implementations are found by their spec
 * type, so a module outside the framework adds one with a spec class and one Guice binding.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface BackboneSpec extends Spec {
  /** Width of the feature vector, the projector's input. */
  int featureWidth();

  /** Side of the square input image, in pixels. */
  int imageSize();

  /**
   * Whether square images of this side can go through the backbone. The global views always have
   * {@link #imageSize()}; multi-crop's local views are smaller, which a backbone allows where its
   * architecture does.
   */
  default boolean acceptsImageSize(int size) {
    return size == imageSize();
  }

  /** The rule {@link #acceptsImageSize} applies, for error messages. */
  default String imageSizeRule() {
    return "images of side imageSize " + imageSize();
  }

  /**
   * The largest L2 norm the first layer's gradient may have before each step (the study's clipped
   * patch projection); empty: no clip.
   */
  default OptionalDouble firstLayerGradientClip() {
    return OptionalDouble.empty();
  }

  /** Input channels. */
  default int channels() {
    return 3;
  }
}
