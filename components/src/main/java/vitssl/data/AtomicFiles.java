package vitssl.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Puts files in place so that a reader sees either nothing or the whole file: the content goes to a
 * temporary file in the target's folder, which is then renamed over the target in one atomic step.
 * Two processes writing the same target concurrently each rename a complete file; the last one
 * stays.
 */
final class AtomicFiles {
  /** Writes the content into the (existing, empty) temporary file it is given. */
  interface Content {
    void writeTo(Path temporary) throws IOException;
  }

  private AtomicFiles() {}

  static void write(Path target, Content content) throws IOException {
    // Not Files.createTempFile, whose files are private (0600): a shared cache follows the umask.
    Path temporary = target.resolveSibling(target.getFileName() + "." + randomSuffix() + ".tmp");
    Files.createFile(temporary);
    try {
      content.writeTo(temporary);
      moveInto(temporary, target);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static String randomSuffix() {
    return Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
  }

  /** Renames {@code source} (in the same folder or file system) over {@code target}. */
  static void moveInto(Path source, Path target) throws IOException {
    Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
  }
}
