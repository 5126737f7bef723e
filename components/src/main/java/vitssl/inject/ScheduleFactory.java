package vitssl.inject;

import vitssl.dsl.optim.ScheduleSpec;
import vitssl.train.LrSchedule;

/** Builds a learning-rate schedule from its spec. */
@FunctionalInterface
public interface ScheduleFactory<S extends ScheduleSpec> {
  LrSchedule build(S spec);
}
