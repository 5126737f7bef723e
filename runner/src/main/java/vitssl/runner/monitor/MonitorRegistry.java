package vitssl.runner.monitor;

import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import vitssl.dsl.monitor.MonitorSpec;
import vitssl.inject.Registry;

/** The monitors bound by the injector's modules, found by spec type. */
public final class MonitorRegistry {
  private final Registry<MonitorSpec, MonitorFactory<?>> monitors;

  @Inject
  public MonitorRegistry(Map<Class<? extends MonitorSpec>, MonitorFactory<?>> monitors) {
    this.monitors = new Registry<>("monitor", "MonitorBindings.monitor", monitors);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  public Monitor build(MonitorSpec spec, RunContext run) {
    return ((MonitorFactory) monitors.find(spec)).build(spec, run);
  }

  /** Fails, naming the spec type and the fix, unless a monitor is bound for it. */
  public void requireBound(MonitorSpec spec) {
    monitors.find(spec);
  }

  public Set<Class<? extends MonitorSpec>> types() {
    return monitors.types();
  }
}
