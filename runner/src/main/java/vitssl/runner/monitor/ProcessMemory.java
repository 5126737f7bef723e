package vitssl.runner.monitor;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory of this process, native allocations included, from {@code /proc/self/status};
 * and two parts of it the JVM can name: its heap and its direct buffers. {@link #peakFromNow()}
 * measures the peak of one phase (the training steps, without the evaluations around them).
 */
public final class ProcessMemory {
  private static final double MIB = 1024.0 * 1024.0;

  /** The process's peak before the OS's peak counter was last reset, in MiB. */
  private static volatile double peakBeforeReset = -1;

  private ProcessMemory() {}

  /** Current resident set size in MiB, or -1 where the OS does not say. */
  public static double rssMb() {
    return field("VmRSS:");
  }

  /** Peak resident set size of the whole process in MiB, or -1 where the OS does not say. */
  public static double peakRssMb() {
    return Math.max(peakBeforeReset, field("VmHWM:"));
  }

  /**
   * Starts a phase whose own peak {@link PeakWindow#peakMb()} reports: Linux's peak counter
   * ({@code VmHWM}) is reset to the current resident size through {@code /proc/self/clear_refs};
   * {@link #peakRssMb()} still reports the whole process's peak. One window at a time: a new one
   * ends the one before.
   */
  public static PeakWindow peakFromNow() {
    peakBeforeReset = Math.max(peakBeforeReset, field("VmHWM:"));
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
    } catch (IOException | RuntimeException e) {
      return new PeakWindow(false);
    }
    return new PeakWindow(true);
  }

  /**
   * A phase started by {@link #peakFromNow()}.
   *
   * @param reset whether the OS's peak counter was reset (Linux only)
   */
  public record PeakWindow(boolean reset) {
    /** The peak resident size since the window started, in MiB; -1 where it cannot be told. */
    public double peakMb() {
      return reset ? field("VmHWM:") : -1;
    }
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
