package vitssl.runner.monitor;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory of this process, native allocations included, from {@code /proc/self/status};
 * and two parts of it the JVM can name: its heap and its direct buffers.
 */
public final class ProcessMemory {
  private static final double MIB = 1024.0 * 1024.0;

  private ProcessMemory() {}

  /** Current resident set size in MiB, or -1 where the OS does not say. */
  public static double rssMb() {
    return field("VmRSS:");
  }

  /** Peak resident set size in MiB, or -1 where the OS does not say. */
  public static double peakRssMb() {
    return field("VmHWM:");
  }

  /** The Java heap the JVM holds from the OS now (committed, used or not), in MiB. */
  public static double javaHeapCommittedMb() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / MIB;
  }

  /**
   * Memory held by Java direct buffers, in MiB: outside the heap, and freed only when the garbage
   * collector finds a buffer unreachable.
   */
  public static double directBuffersMb() {
    return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
            .filter(pool -> pool.getName().equals("direct"))
            .mapToLong(BufferPoolMXBean::getMemoryUsed)
            .sum()
        / MIB;
  }

  private static double field(String name) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(name)) {
          String[] parts = line.substring(name.length()).trim().split("\\s+");
          return Long.parseLong(parts[0]) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
