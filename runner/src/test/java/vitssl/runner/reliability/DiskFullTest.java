package vitssl.runner.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vitssl.runner.train.Checkpoints;
import vitssl.runner.Console;
import vitssl.runner.Runner;
import vitssl.runner.TinyRuns;

/**
 * Writes that fail for space, on a real, size-limited file system: a tmpfs the test mounts.
 * Opt-in: mounting needs root, and the test skips with the reason where it is refused.
 */
class DiskFullTest {
  @TempDir Path dir;
  private Path disk;

  private Path mount(String size) throws Exception {
    disk = Files.createDirectories(dir.resolve("disk"));
    Process p =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", disk.toString())
            .redirectErrorStream(true)
            .start();
    String why = new String(p.getInputStream().readAllBytes()).strip();
    boolean mounted = p.waitFor() == 0;
    if (!mounted) {
      disk = null;
    }
    assumeTrue(mounted, "cannot mount a tmpfs here (needs root): " + why);
    return dir.resolve("disk");
  }

  @AfterEach
  void unmount() throws Exception {
    if (disk != null) {
      new ProcessBuilder("umount", "-l", disk.toString()).inheritIO().start().waitFor();
    }
  }

  /** Fills the file system with one file, then frees {@code leave} bytes of it. */
  private static Path fill(Path folder, long leave) throws IOException {
    Path filler = folder.resolve("filler");
    byte[] block = new byte[1 << 16];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(block);
      }
    } catch (IOException full) {
      assertThat(full.getMessage()).contains("No space left on device");
    }
    try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.WRITE)) {
      channel.truncate(Math.max(0, channel.size() - leave));
    }
    return filler;
  }

  private static Checkpoints.Part bytes(int size) {
    return new Checkpoints.Part() {
      @Override
      public void save(DataOutputStream out) throws IOException {
        out.write(new byte[size]);
      }

      @Override
      public void load(DataInputStream in, NDManager manager) throws IOException {
        assertThat(in.readNBytes(size)).hasSize(size);
      }
    };
  }

  @Test
  void aCheckpointThatDoesNotFitFailsInOneLineAndLeavesThePreviousOneWhole() throws Exception {
    Path folder = mount("1m");
    vitssl.engine.EngineSetup.ensureStarted();
    Checkpoints checkpoints = new Checkpoints(folder);
    Path first = checkpoints.save(3, "{}", Map.of("w", bytes(300_000)));
    fill(folder, 64 * 1024);

    assertThatThrownBy(() -> checkpoints.save(6, "{}", Map.of("w", bytes(300_000))))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageStartingWith("could not write " + folder.resolve("checkpoints/step-00000006.ckpt"))
        .hasMessageContaining("No space left on device")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));

    assertThat(files(folder.resolve("checkpoints"))).containsExactly("step-00000003.ckpt");
    assertThat(Checkpoints.damage(first)).isEmpty();
    try (NDManager manager = NDManager.newBaseManager()) {
      assertThat(Checkpoints.load(first, Map.of("w", bytes(300_000)), manager).step()).isEqualTo(3);
    }
  }

  @Test
  void aRunThatFillsItsDiskStopsInOneLineAndResumesOnceThereIsSpace() throws Exception {
    Path folder = mount("8m");
    Path images = TinyRuns.imageFolder(dir.resolve("images"), 3, 24);
    Path run = folder.resolve("run");
    var experiment = TinyRuns.experiment(images, run).withSteps(12);
    Path firstCheckpoint = run.resolve("checkpoints/step-00000003.ckpt");
    Thread filler =
        new Thread(
            () -> {
              try {
                while (!Files.exists(firstCheckpoint)) {
                  Thread.sleep(2);
                }
                fill(folder, 32 * 1024);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    filler.start();
    Console full = Console.capture(() -> Runner.command(experiment, new String[0]));
    filler.join();

    assertThat(full.status()).as(full.err()).isEqualTo(3);
    assertThat(full.showsAStackTrace()).as(full.out() + full.err()).isFalse();
    assertThat(full.errorLines()).hasSize(1);
    assertThat(full.errorLines().get(0))
        .startsWith("error: could not write " + run.resolve("checkpoints/step-0000"))
        .contains("No space left on device")
        .endsWith("; free space on that disk, or give --out a folder on another one");
    List<String> left = files(run.resolve("checkpoints"));
    assertThat(left).isNotEmpty().allMatch(name -> name.matches("step-\\d{8}\\.ckpt"));
    for (String name : left) {
      assertThat(Checkpoints.damage(run.resolve("checkpoints").resolve(name))).isEmpty();
    }

    Files.delete(folder.resolve("filler"));
    Console resumed = Console.capture(() -> Runner.command(experiment, new String[] {"--resume"}));
    assertThat(resumed.status()).as(resumed.err()).isZero();
    assertThat(resumed.out()).contains("resuming " + run + " at step ");
    assertThat(run.resolve("summary.json")).exists();
  }

  private static List<String> files(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
