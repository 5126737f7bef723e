package vitssl.runner.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import vitssl.runner.log.MetricsLog;

/**
 * {@link vitssl.tools.TinyRun} in a child JVM, so a test can send it real signals or run it in
 * another network namespace. Its output goes to {@code DIR/child.log}.
 */
final class TinyChild {
  private final Process process;
  private final Path dir;

  private TinyChild(Process process, Path dir) {
    this.process = process;
    this.dir = dir;
  }

  /** Starts {@code prefix... java ... TinyRun dir args...}. */
  static TinyChild start(List<String> prefix, Path dir, String... args) {
    List<String> command = new ArrayList<>(prefix);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            "-Dai.djl.offline=true",
            "-Djava.awt.headless=true",
            "-Xmx1g",
            "vitssl.tools.TinyRun",
            dir.toString(),
            "--threads",
            "1",
            "--workers",
            "1"));
    command.addAll(List.of(args));
    try {
      Files.createDirectories(dir);
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("child.log").toFile())
              .start();
      return new TinyChild(process, dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Process process() {
    return process;
  }

  /** Waits until the run has logged {@code steps} steps; fails if the child ends first. */
  void awaitLoggedSteps(int steps, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    Path metrics = dir.resolve("run/metrics.jsonl");
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("the child ended early (" + process.exitValue() + "): " + log());
      }
      if (Files.exists(metrics) && lines(metrics) >= steps) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no " + steps + " logged steps within " + limit + ": " + log());
  }

  int awaitExit(Duration limit) throws InterruptedException {
    if (!process.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the child did not end within " + limit + ": " + log());
    }
    return process.exitValue();
  }

  String log() {
    try {
      return Files.readString(dir.resolve("child.log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static long lines(Path metrics) {
    try {
      return MetricsLog.read(metrics).size();
    } catch (UncheckedIOException tornLine) {
      return 0;
    }
  }

  /**
   * Sends a signal twice, 5 ms apart, from one shell: the first has been delivered by then (two
   * sent closer together can merge into one, as the kernel keeps one pending signal of a kind), and
   * the step the first one lets finish has not ended (two kill(1) processes started one after the
   * other can be further apart than that on a loaded machine).
   */
  void signalTwice(String name) throws IOException, InterruptedException {
    String pid = Long.toString(process.pid());
    String twice = "kill -s \"$1\" \"$2\"; sleep 0.005; kill -s \"$1\" \"$2\"";
    new ProcessBuilder("sh", "-c", twice, "sh", name, pid).inheritIO().start().waitFor();
  }

  /** Sends a signal by name (TERM, INT) with kill(1). */
  void signal(String name) throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
  }
}
