package vitssl.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Puts files in place so that a reader, or a run interrupted half-way, sees either the old file
 * or the whole new one: the content goes to a temporary file in the target's folder, which is
 * then renamed over the target in one atomic step. Two processes writing the same target each
 * rename a complete file; the last one stays.
 */
public final class AtomicFiles {
  /** Writes a file's content. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFiles() {}

  public static void write(Path target, Content content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    // Not Files.createTempFile, whose files are private (0600): a shared cache follows the umask.
    Path temporary = dir.resolve("." + target.getFileName() + "." + randomSuffix() + ".tmp");
    Files.createFile(temporary);
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16)) {
        content.writeTo(out);
      }
      moveInto(temporary, target);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** {@link #write} for callers that cannot go on without the file. */
  public static void writeOrFail(Path target, Content content) {
    try {
      write(target, content);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + target + ": " + e.getMessage(), e);
    }
  }

  public static void writeString(Path target, String text) {
    writeOrFail(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Renames {@code source} (in the same file system) over {@code target} in one step. */
  public static void moveInto(Path source, Path target) throws IOException {
    Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static String randomSuffix() {
    return Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
  }
}
