package vitssl.runner;

import java.util.Map;
import vitssl.dsl.monitor.MemoryUsage;

/** Logs the process's resident memory after the step. */
final class MemoryMonitor implements Monitor {
  private final MemoryUsage spec;

  MemoryMonitor(MemoryUsage spec, RunContext run) {
    this.spec = spec;
  }

  @Override
  public boolean dueAt(long step) {
    return Monitor.endsEvery(step, spec.every());
  }

  @Override
  public void afterStep(long step, Map<String, Object> row) {
    row.put("rss_mb", ProcessMemory.rssMb());
  }
}
