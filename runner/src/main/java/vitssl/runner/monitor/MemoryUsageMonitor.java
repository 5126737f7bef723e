package vitssl.runner.monitor;

import java.util.Map;
import vitssl.dsl.monitor.MemoryUsage;

/** Logs the process's resident memory after the step, with its Java heap and direct buffers. */
final class MemoryUsageMonitor implements Monitor {
  private final MemoryUsage spec;

  MemoryUsageMonitor(MemoryUsage spec, RunContext run) {
    this.spec = spec;
  }

  @Override
  public boolean dueAt(long step) {
    return Monitor.endsEvery(step, spec.every());
  }

  @Override
  public void afterStep(long step, Map<String, Object> row) {
    row.put("rss_mb", ProcessMemory.rssMb());
    row.put("java_heap_mb", ProcessMemory.javaHeapCommittedMb());
    row.put("direct_buffers_mb", ProcessMemory.directBuffersMb());
  }
}
