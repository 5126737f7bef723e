package vitssl.runner.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vitssl.runner.train.Checkpoints;
import vitssl.runner.log.MetricsLog;
import vitssl.runner.run.RunOptions;
import vitssl.runner.Runner;
import vitssl.runner.TinyRuns;

/** Real signals to a real training process, and a second run into its folder meanwhile. */
class StopSignalsTest {
  private static final Duration START = Duration.ofMinutes(3);
  @TempDir Path dir;

  @Test
  void sigtermFinishesTheStepWritesACheckpointAndExitsZeroAndASecondSignalExitsAtOnce()
      throws Exception {
    TinyChild child = TinyChild.start(List.of(), dir, "--steps", "100000", "--checkpoint-minutes", "60");
    child.awaitLoggedSteps(2, START);

    // Meanwhile a second run into the same folder is refused, naming the running process.
    Path run = dir.resolve("run");
    assertThatThrownBy(
            () -> Runner.run(TinyRuns.experiment(dir.resolve("images"), run), RunOptions.parse("--resume")))
        .hasMessage(
            "run folder " + run + " is in use by process " + child.process().pid() + ": wait for"
                + " that run to end (or stop it), or give this run another folder with --out DIR");

    child.signal("TERM");
    assertThat(child.awaitExit(Duration.ofMinutes(1))).as(child.log()).isZero();
    String log = child.log();
    assertThat(log).contains("SIGTERM: finishing this step and writing a checkpoint");
    java.util.regex.Matcher stopped =
        java.util.regex.Pattern.compile("stopped at step (\\d+); --resume continues").matcher(log);
    assertThat(stopped.find()).as(log).isTrue();
    long step = Long.parseLong(stopped.group(1));
    Path checkpoint = run.resolve(String.format("checkpoints/step-%08d.ckpt", step));
    assertThat(Checkpoints.damage(checkpoint)).isEmpty();
    List<Map<String, Object>> rows = MetricsLog.read(run.resolve("metrics.jsonl"));
    assertThat(((Number) rows.get(rows.size() - 1).get("step")).longValue()).isEqualTo(step);
    assertThat(log).doesNotContain("\tat ");

    // Resumed, it continues from there; two signals in a row end it at once. A process started
    // from a background job or nohup ignores SIGINT, and so does its child: TERM stands in then.
    TinyChild again = TinyChild.start(List.of(), dir, "--steps", "100000", "--resume");
    again.awaitLoggedSteps((int) step + 2, START);
    assertThat(again.log()).contains("resuming " + run + " at step " + step);
    boolean interruptible = !ignoredHere(2);
    String name = interruptible ? "INT" : "TERM";
    again.signalTwice(name);
    assertThat(again.awaitExit(Duration.ofSeconds(30))).as(again.log()).isEqualTo(128 + (interruptible ? 2 : 15));
    assertThat(again.log()).contains("SIG" + name + " again: exiting at once");
  }

  /** Whether this process ignores signal {@code number}, as its children then do. */
  private static boolean ignoredHere(int number) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("SigIgn:")) {
        return new BigInteger(line.substring("SigIgn:".length()).trim(), 16).testBit(number - 1);
      }
    }
    return false;
  }
}
