package vitssl.dsl.data;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import vitssl.dsl.Spec;

/**
 * Where images come from: a training split for pre-training and a labelled held-out split for the
 * kNN monitor and the linear probe.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface DataSpec extends Spec {
  /**
   * Fraction of the image kept by the centre crop of evaluation: images are resized so that their
   * shorter side is {@code size / fraction}, then centre-cropped to {@code size} (ImageNet's 256 ->
   * 224 is 0.875; images already at the model's size use 1).
   */
  double evalCropFraction();
}
