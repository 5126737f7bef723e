package vitssl.inject;

import vitssl.dsl.optim.ScheduleSpec;
import vitssl.schedule.LrSchedule;

/** Builds a learning-rate schedule from its spec. */
@FunctionalInterface
public interface ScheduleFactory<S extends ScheduleSpec> {
  LrSchedule build(S spec);
}
