package vitssl.runner.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
  @TempDir Path dir;

  @Test
  void aSecondLockOnTheFolderIsRefusedNamingTheHolderAndTheFolderIsFreeAfterClose() throws Exception {
    long me = ProcessHandle.current().pid();
    try (RunLock first = RunLock.acquire(dir)) {
      assertThat(Files.readString(dir.resolve(RunLock.FILE)).strip()).isEqualTo(Long.toString(me));
      assertThatThrownBy(() -> RunLock.acquire(dir))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "run folder " + dir + " is in use by process " + me + ": wait for that run to end (or"
                  + " stop it), or give this run another folder with --out DIR");
    }
    assertThat(Files.readString(dir.resolve(RunLock.FILE))).isEmpty();
    try (RunLock again = RunLock.acquire(dir)) {
      assertThat(Files.readString(dir.resolve(RunLock.FILE)).strip()).isEqualTo(Long.toString(me));
    }
  }

  @Test
  void aLockLeftByADeadProcessIsTakenOver() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Files.writeString(dir.resolve(RunLock.FILE), gone.pid() + "\n");
    String out =
        vitssl.runner.Console.capture(() -> RunLock.acquire(dir).close()).out();
    assertThat(out)
        .isEqualTo(
            "run folder " + dir + ": taking over the lock of process " + gone.pid()
                + ", which is no longer running" + System.lineSeparator());
  }
}
