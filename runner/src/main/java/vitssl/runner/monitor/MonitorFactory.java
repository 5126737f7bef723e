package vitssl.runner.monitor;

import vitssl.dsl.monitor.MonitorSpec;

/** Builds a monitor for a run; bound per spec type with {@link MonitorBindings#monitor}. */
@FunctionalInterface
public interface MonitorFactory<S extends MonitorSpec> {
  Monitor build(S spec, RunContext run);
}
