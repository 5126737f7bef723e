package vitssl.runner.scheduler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import vitssl.io.AtomicFiles;

/**
 * An emitted sweep as a scheduler sees it: its name, the folder holding the specs and the
 * manifest, the specs in variant order, the folder jobs start in, the launcher that runs a main
 * class of vitssl, and the GPUs one task needs.
 */
record SweepJob(
    String name, Path dir, List<Path> specs, Path workingDir, String launcher, int gpus) {
  /** Tells the launcher not to build: many tasks start at once and must not build together. */
  static final String NO_BUILD = "VITSSL_NO_BUILD";

  String taskCommand(String spec) {
    return launcher + " vitssl.runner.Runner --spec \"" + spec + "\" --resume";
  }

  String tableCommand(String manifest) {
    return launcher + " " + SweepTable.class.getName() + " " + manifest;
  }

  Path writeScript(String fileName, String text) {
    Path file = dir.resolve(fileName);
    AtomicFiles.writeString(file, text);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new UncheckedIOException("could not make " + file + " executable: " + e.getMessage(), e);
    }
    return file;
  }
}
