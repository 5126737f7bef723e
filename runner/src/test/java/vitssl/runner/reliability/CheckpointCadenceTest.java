package vitssl.runner.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CheckpointCadenceTest {
  private static final long MINUTE = 60_000_000_000L;

  @Test
  void stepsAloneCheckpointEveryNStepsAndAtTheEnd() {
    AtomicLong now = new AtomicLong();
    CheckpointCadence cadence = new CheckpointCadence(4, Optional.empty(), now::get);
    StringBuilder due = new StringBuilder();
    for (long step = 1; step <= 10; step++) {
      now.addAndGet(1000 * MINUTE);
      if (cadence.due(step, 10)) {
        due.append(step).append(' ');
        cadence.saved();
      }
    }
    assertThat(due.toString()).isEqualTo("4 8 10 ");
  }

  @Test
  void minutesAddACheckpointWheneverThatMuchTimePassedSinceTheLastOne() {
    AtomicLong now = new AtomicLong(5 * MINUTE);
    CheckpointCadence cadence = new CheckpointCadence(100, Optional.of(2.5), now::get);
    StringBuilder due = new StringBuilder();
    for (long step = 1; step <= 12; step++) {
      now.addAndGet(MINUTE); // one minute per step
      if (cadence.due(step, 1000)) {
        due.append(step).append(' ');
        cadence.saved();
      }
    }
    // 2.5 minutes after the start (step 3), then 2.5 after each checkpoint
    assertThat(due.toString()).isEqualTo("3 6 9 12 ");
  }

  @Test
  void aStepCheckpointRestartsTheClock() {
    AtomicLong now = new AtomicLong();
    CheckpointCadence cadence = new CheckpointCadence(2, Optional.of(3.0), now::get);
    StringBuilder due = new StringBuilder();
    for (long step = 1; step <= 7; step++) {
      now.addAndGet(2 * MINUTE);
      if (cadence.due(step, 7)) {
        due.append(step).append(' ');
        cadence.saved();
      }
    }
    assertThat(due.toString()).isEqualTo("2 4 6 7 ");
  }
}
