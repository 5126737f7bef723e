package vitssl.dsl.monitor;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.immutables.value.Value;
import vitssl.dsl.SpecException;

/**
 * Resident memory of the process (native engine memory included), logged as {@code rss_mb}: a
 * run whose step frees what it creates stays flat over thousands of steps. Two parts of it are
 * logged beside it: {@code java_heap_mb}, the Java heap the JVM holds, and {@code
 * direct_buffers_mb}, Java direct buffers, which are freed only by a garbage collection.
 */
@Value.Immutable
@JsonTypeName("memory-usage")
@JsonDeserialize(as = ImmutableMemoryUsage.class)
public abstract class MemoryUsage implements MonitorSpec, WithMemoryUsage {
  @Override
  @Value.Parameter
  public abstract int every();

  public static MemoryUsage every(int iterations) {
    return ImmutableMemoryUsage.of(iterations);
  }

  @Value.Check
  protected void check() {
    SpecException.require(
        every() >= 1, "MemoryUsage", "every", every(), "measure every 1 or more iterations");
  }
}
