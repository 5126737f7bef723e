package vitssl.dsl.optim;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import vitssl.dsl.Span;
import vitssl.dsl.Spec;

/** How the learning rate moves over the run, as a multiple of the peak lr, per iteration. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface ScheduleSpec extends Spec {
  /** Linear warmup from 0 at the start of the run. */
  Span warmup();
}
