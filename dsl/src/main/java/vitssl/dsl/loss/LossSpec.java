package vitssl.dsl.loss;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import vitssl.dsl.Spec;

/** A self-supervised loss over the outputs of the online and target branches. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface LossSpec extends Spec {}
