package vitssl.runner.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole run, from the engine's start to the report, in a network namespace without any
 * interface ({@code unshare -n}): nothing in it may reach a host. Opt-in: it needs root (or user
 * namespaces) and skips with the reason where {@code unshare -n} is refused.
 */
class OfflineRunTest {
  @TempDir Path dir;

  @Test
  void aRunCompletesWithNoNetworkAtAll() throws Exception {
    assumeTrue(unshareWorks(), "unshare -n is not permitted here (needs root or user namespaces)");
    TinyChild child = TinyChild.start(List.of("unshare", "-n"), dir, "--steps", "4");
    int status = child.awaitExit(Duration.ofMinutes(3));
    String log = child.log();
    assertThat(status).as(log).isZero();
    assertThat(dir.resolve("run/summary.json")).exists();
    assertThat(dir.resolve("run/report.html")).exists();
    assertThat(log).doesNotContainIgnoringCase("UnknownHost").doesNotContain("Connect");
  }

  private static boolean unshareWorks() {
    try {
      Process p = new ProcessBuilder("unshare", "-n", "true").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
