package vitssl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Function;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The kernel's count of resident pages, before and after freeing and releasing C heap blocks. */
class NativeHeapTest {
  private static final int M_TRIM_THRESHOLD = -1;
  private static final int M_MMAP_MAX = -4;
  static final long MB = 1024 * 1024;

  @Test
  void freedMemoryStaysResidentUntilReleased() throws IOException {
    assumeTrue(NativeHeap.describe().equals("glibc"), "glibc allocates for this process");
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

  /**
   * bin/vitssl's jemalloc, which cannot be loaded into a running JVM (its thread-local storage is
   * of the initial-exec kind): a second JVM with it preloaded allocates, frees and releases.
   */
  @Test
  void underJemallocFreedMemoryStaysResidentUntilReleased() throws Exception {
    Optional<String> jemalloc = jemallocLibrary();
    assumeTrue(jemalloc.isPresent(), "libjemalloc2 installed (bin/setup installs it)");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder probe =
        new ProcessBuilder(
                java, "-cp", System.getProperty("java.class.path"), NativeHeapProbe.class.getName())
            .redirectErrorStream(true);
    probe.environment().put("LD_PRELOAD", jemalloc.get());
    probe.environment().put("MALLOC_CONF", "dirty_decay_ms:-1,muzzy_decay_ms:-1,narenas:1");
    Process process = probe.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    String[] last = output.strip().lines().reduce((a, b) -> b).orElseThrow().split(" ");

    assertThat(last[0]).as(output).isEqualTo("jemalloc");
    long written = Long.parseLong(last[1]);
    long freed = Long.parseLong(last[2]);
    long released = Long.parseLong(last[3]);
    assertThat(written - freed).as("resident bytes given back by free alone").isLessThan(32 * MB);
    assertThat(freed - released)
        .as("resident bytes given back by release() of 128 MB freed")
        .isGreaterThan(96 * MB);
  }

  /** Where the dynamic linker finds libjemalloc.so.2, as bin/vitssl looks for it. */
  private static Optional<String> jemallocLibrary() throws IOException, InterruptedException {
    if (!Files.isExecutable(Path.of("/sbin/ldconfig"))) {
      return Optional.empty();
    }
    Process ldconfig = new ProcessBuilder("/sbin/ldconfig", "-p").start();
    String cache = new String(ldconfig.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    ldconfig.waitFor();
    return cache.lines()
        .map(String::strip)
        .filter(line -> line.startsWith("libjemalloc.so.2 "))
        .map(line -> line.substring(line.lastIndexOf(' ') + 1))
        .findFirst();
  }

  static long residentBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }
}
