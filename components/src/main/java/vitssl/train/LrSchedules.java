package vitssl.train;

import java.util.Map;
import vitssl.dsl.optim.ScheduleSpec;
import vitssl.dsl.optim.WarmupConstant;
import vitssl.dsl.optim.WarmupCosine;

/**
 * Finds the schedule of a spec by the spec's class. The map is what a Guice {@code MapBinder<Class<?
 * extends ScheduleSpec>, LrSchedule.Factory>} provides, so another module adds a schedule with one
 * binding. Lookup walks up from the spec's runtime class, so a factory registered under {@code
 * WarmupCosine.class} serves the generated {@code ImmutableWarmupCosine}.
 */
public final class LrSchedules {
  private final Map<Class<? extends ScheduleSpec>, LrSchedule.Factory> factories;

  public LrSchedules(Map<Class<? extends ScheduleSpec>, LrSchedule.Factory> factories) {
    this.factories = Map.copyOf(factories);
  }

  /** The schedules this project defines: warmup then cosine, warmup then constant. */
  public static LrSchedules builtIn() {
    return new LrSchedules(
        Map.of(
            WarmupCosine.class, WarmupCosineSchedule.factory(),
            WarmupConstant.class, WarmupConstantSchedule.factory()));
  }

  public LrSchedule forSpec(ScheduleSpec spec) {
    for (Class<?> type = spec.getClass(); type != null; type = type.getSuperclass()) {
      LrSchedule.Factory factory = factories.get(type);
      if (factory != null) {
        return factory.create(spec);
      }
    }
    throw new IllegalArgumentException(
        "no learning-rate schedule is registered for "
            + spec.getClass().getName()
            + " ("
            + spec
            + "): bind an LrSchedule.Factory under its spec class");
  }
}
