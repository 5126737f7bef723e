package vitssl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The kernel's count of resident pages, before and after freeing and releasing C heap blocks, in a
 * second JVM started with the allocator settings {@code bin/vitssl} gives the main job (read from
 * the script itself): a JVM's own heap state, shaped by whatever ran in it before, is not what a
 * run of {@code bin/vitssl} starts with.
 */
class NativeHeapTest {
  static final long MB = 1024 * 1024;
  private static final Path LAUNCHER = Path.of("..", "bin", "vitssl");

  /** glibc under {@code GLIBC_TUNABLES}: one arena, never trimmed, nothing mapped on its own. */
  @Test
  void underGlibcFreedMemoryStaysResidentUntilReleased() throws Exception {
    assumeTrue(NativeHeap.describe().equals("glibc"), "glibc allocates for this JVM");
    long[] resident = probe("glibc", Map.of("GLIBC_TUNABLES", launcherDefault("GLIBC_TUNABLES")));
    assertReleased(resident);
  }

  /**
   * bin/vitssl's jemalloc, which cannot be loaded into a running JVM (its thread-local storage is
   * of the initial-exec kind): preloaded in the second JVM. There {@link NativeHeap#usage()} also
   * counts the probe's 256 blocks of half a MB: 128 MB more in use once written, and 128 MB less
   * once freed, while the pages stay resident until released.
   */
  @Test
  void underJemallocFreedMemoryStaysResidentUntilReleasedAndUsageCountsWhatIsInUse()
      throws Exception {
    long[] probed = probeUnderJemalloc();
    assertReleased(probed);
    long before = probed[3];
    long written = probed[4];
    long freed = probed[5];
    assertThat(written - before)
        .as("bytes in use after 128 MB allocated")
        .isBetween(126 * MB, 136 * MB);
    assertThat(written - freed)
        .as("bytes no longer in use after they are freed")
        .isBetween(126 * MB, 136 * MB);
  }

  /** {@link #probe} under bin/vitssl's jemalloc, preloaded; skips where it is not installed. */
  private static long[] probeUnderJemalloc() throws IOException, InterruptedException {
    Optional<String> jemalloc = jemallocLibrary();
    assumeTrue(jemalloc.isPresent(), "libjemalloc2 installed (bin/setup installs it)");
    return probe(
        "jemalloc",
        Map.of("LD_PRELOAD", jemalloc.get(), "MALLOC_CONF", launcherDefault("MALLOC_CONF")));
  }

  private static void assertReleased(long[] resident) {
    long written = resident[0];
    long freed = resident[1];
    long released = resident[2];
    assertThat(written - freed).as("resident bytes given back by free alone").isLessThan(32 * MB);
    assertThat(freed - released)
        .as("resident bytes given back by release() of 128 MB freed")
        .isGreaterThan(96 * MB);
  }

  /**
   * Runs {@link NativeHeapProbe}; its resident bytes after writing, freeing and releasing, then the
   * bytes in use before, after writing and after freeing (-1 where the allocator does not say).
   */
  private static long[] probe(String allocator, Map<String, String> environment)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder probe =
        new ProcessBuilder(
                java, "-cp", System.getProperty("java.class.path"), NativeHeapProbe.class.getName())
            .redirectErrorStream(true);
    probe.environment().remove("LD_PRELOAD");
    probe.environment().remove("MALLOC_CONF");
    probe.environment().remove("GLIBC_TUNABLES");
    probe.environment().putAll(environment);
    Process process = probe.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    String[] last = output.strip().lines().reduce((a, b) -> b).orElseThrow().split(" ");
    assertThat(last[0]).as(output).isEqualTo(allocator);
    long[] values = new long[last.length - 1];
    for (int i = 1; i < last.length; i++) {
      values[i - 1] = Long.parseLong(last[i]);
    }
    return values;
  }

  /** The value bin/vitssl gives an environment variable the caller has not set. */
  private static String launcherDefault(String variable) throws IOException {
    String script = Files.readString(LAUNCHER);
    Matcher value =
        Pattern.compile(Pattern.quote("${" + variable + ":-") + "([^}]*)}").matcher(script);
    assertThat(value.find()).as("%s's default for %s", LAUNCHER, variable).isTrue();
    return value.group(1);
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
