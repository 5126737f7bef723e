package vitssl.runner.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Memory;
import org.junit.jupiter.api.Test;
import vitssl.engine.NativeHeap;

class ProcessMemoryTest {
  private static final long MB = 1024 * 1024;

  @Test
  void aPeakWindowSeesOnlyItsOwnPeakWhileTheProcessPeakKeepsTheEarlierOne() {
    assumeTrue(ProcessMemory.peakRssMb() > 0, "Linux only");
    touchAndFree(384 * MB);
    double processPeak = ProcessMemory.peakRssMb();
    double atStart = ProcessMemory.rssMb();
    assertThat(processPeak - atStart).as("the 384 MB block is gone").isGreaterThan(300);

    ProcessMemory.PeakWindow window = ProcessMemory.peakFromNow();
    assumeTrue(window.reset(), "the kernel lets the process reset its peak counter");
    touchAndFree(96 * MB);

    assertThat(window.peakMb()).isBetween(atStart + 80, processPeak - 200);
    assertThat(ProcessMemory.peakRssMb()).isGreaterThanOrEqualTo(processPeak);
  }

  /**
   * Allocates {@code bytes} outside the Java heap, writes every page, frees it and hands the pages
   * back (glibc keeps them under bin/vitssl's settings).
   */
  private static void touchAndFree(long bytes) {
    try (Memory block = new Memory(bytes)) {
      block.setMemory(0, bytes, (byte) 1);
    }
    NativeHeap.release();
  }
}
