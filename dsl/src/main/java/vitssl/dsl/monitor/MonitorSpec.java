package vitssl.dsl.monitor;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import vitssl.dsl.Spec;

/** Something measured during training, every {@link #every()} iterations. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface MonitorSpec extends Spec {
  /** Interval in iterations; 1 measures every iteration. */
  int every();
}
