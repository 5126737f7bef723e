package vitssl.runner.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vitssl.runner.Console;
import vitssl.runner.reliability.IntactCheckpoint;
import ai.djl.ndarray.NDManager;

class CheckpointIntegrityTest {
  @TempDir Path dir;

  /** A part of {@code size} bytes counting up from {@code seed}. */
  static Checkpoints.Part bytes(int size, int seed) {
    return new Checkpoints.Part() {
      @Override
      public void save(DataOutputStream out) throws IOException {
        for (int i = 0; i < size; i++) {
          out.write(seed + i);
        }
      }

      @Override
      public void load(DataInputStream in, NDManager manager) throws IOException {
        in.readNBytes(size);
      }
    };
  }

  @Test
  void anIntactCheckpointPassesAndAnyFlippedByteOrCutIsFound() throws IOException {
    Checkpoints checkpoints = new Checkpoints(dir);
    Path file = checkpoints.save(5, "{}", Map.of("weights", bytes(100_000, 1)));
    assertThat(Checkpoints.damage(file)).isEmpty();

    byte[] good = Files.readAllBytes(file);
    for (int at : new int[] {30, good.length / 2, good.length - 1}) {
      byte[] bad = good.clone();
      bad[at] ^= 0x10;
      Files.write(file, bad);
      assertThat(Checkpoints.damage(file)).as("byte %d flipped", at)
          .contains("its checksum does not match: it was cut short or damaged");
    }
    Files.write(file, java.util.Arrays.copyOf(good, good.length / 3));
    assertThat(Checkpoints.damage(file)).contains("its checksum does not match: it was cut short or damaged");
    Files.write(file, new byte[0]);
    assertThat(Checkpoints.damage(file)).contains("it is empty or cut short");
    Files.writeString(file, "hello, not a checkpoint");
    assertThat(Checkpoints.damage(file)).isPresent();
  }

  @Test
  void pruningKeepsTheNewestUpToTheSavedOneAndDropsLaterOnes() throws IOException {
    Checkpoints checkpoints = new Checkpoints(dir);
    for (long step : new long[] {3, 6}) {
      checkpoints.save(step, "{}", Map.of("w", bytes(10, (int) step)));
    }
    // A run resumed at 3 because 6 and 9 were damaged writes 6 again: 9 is gone, 3 and 6 stay.
    Files.write(dir.resolve("checkpoints/step-00000006.ckpt"), new byte[] {4, 5});
    Files.write(dir.resolve("checkpoints/step-00000009.ckpt"), new byte[] {1, 2, 3});
    checkpoints.save(6, "{}", Map.of("w", bytes(10, 6)));
    assertThat(checkpoints.newestFirst())
        .extracting(p -> p.getFileName().toString())
        .containsExactly("step-00000006.ckpt", "step-00000003.ckpt");
    assertThat(checkpoints.newestFirst()).allMatch(p -> Checkpoints.damage(p).isEmpty());
  }

  @Test
  void theNewestIntactCheckpointIsChosenAndTheSkippedOnesAreNamed() throws IOException {
    Checkpoints checkpoints = new Checkpoints(dir);
    checkpoints.save(3, "{}", Map.of("w", bytes(1000, 3)));
    checkpoints.save(6, "{}", Map.of("w", bytes(1000, 6)));
    Path newest = dir.resolve("checkpoints/step-00000006.ckpt");
    byte[] cut = Files.readAllBytes(newest);
    Files.write(newest, java.util.Arrays.copyOf(cut, cut.length - 100));

    String out = Console.capture(() -> assertThat(IntactCheckpoint.newest(checkpoints, dir))
        .contains(dir.resolve("checkpoints/step-00000003.ckpt"))).out();
    assertThat(out)
        .isEqualTo("--resume: skipping checkpoint step-00000006.ckpt: its checksum does not match:"
            + " it was cut short or damaged" + System.lineSeparator());

    Files.write(dir.resolve("checkpoints/step-00000003.ckpt"), new byte[0]);
    out = Console.capture(() -> assertThat(IntactCheckpoint.newest(checkpoints, dir)).isEmpty()).out();
    assertThat(out).contains("skipping checkpoint step-00000003.ckpt: it is empty or cut short")
        .contains("no intact checkpoint in " + dir + "; starting fresh");

    Path empty = dir.resolve("other");
    out = Console.capture(() -> assertThat(IntactCheckpoint.newest(new Checkpoints(empty), empty)).isEmpty()).out();
    assertThat(out).isEqualTo("--resume: no checkpoint in " + empty + " yet; starting fresh" + System.lineSeparator());
  }
}
