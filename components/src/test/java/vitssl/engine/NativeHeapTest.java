package vitssl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Function;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The kernel's count of resident pages, before and after freeing and releasing C heap blocks. */
class NativeHeapTest {
  private static final int M_TRIM_THRESHOLD = -1;
  private static final int M_MMAP_MAX = -4;
  private static final long MB = 1024 * 1024;

  @Test
  void freedMemoryStaysResidentUntilReleased() throws IOException {
    assumeTrue(NativeHeap.supported(), "glibc only");
    Function malloc = NativeHeap.lookup("malloc").orElseThrow();
    Function free = NativeHeap.lookup("free").orElseThrow();
    Function mallopt = NativeHeap.lookup("mallopt").orElseThrow();
    // bin/vitssl's settings: freed memory is kept, nothing is mapped on its own.
    mallopt.invokeInt(new Object[] {M_TRIM_THRESHOLD, Integer.MAX_VALUE});
    mallopt.invokeInt(new Object[] {M_MMAP_MAX, 0});
    try {
      long blockSize = MB / 2;
      Pointer[] blocks = new Pointer[256];
      for (int i = 0; i < blocks.length; i++) {
        blocks[i] = malloc.invokePointer(new Object[] {blockSize});
        blocks[i].setMemory(0, blockSize, (byte) 1);
      }
      long written = residentBytes();
      for (Pointer block : blocks) {
        free.invoke(new Object[] {block});
      }
      long freed = residentBytes();
      assertThat(NativeHeap.release()).isTrue();
      long released = residentBytes();
      assertThat(written - freed).as("resident bytes given back by free alone").isLessThan(32 * MB);
      assertThat(freed - released)
          .as("resident bytes given back by release() of 128 MB freed")
          .isGreaterThan(96 * MB);
    } finally {
      mallopt.invokeInt(new Object[] {M_TRIM_THRESHOLD, 128 * 1024});
      mallopt.invokeInt(new Object[] {M_MMAP_MAX, 65536});
    }
  }

  private static long residentBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }
}
