package vitssl.dsl.head;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import vitssl.dsl.Spec;

/** A head on top of the backbone: the projector, or the predictor on top of the projector. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface HeadSpec extends Spec {
  /** Width of the head's output. */
  int outputWidth();
}
