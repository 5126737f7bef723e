package vitssl.runner.scheduler;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import vitssl.io.AtomicFiles;

/**
 * What the table job needs to know about an emitted sweep: its name, its folder, and each
 * variant's name, the value it changes, its spec file (relative to the manifest) and its run
 * folder. Written as {@code sweep.json} beside the specs.
 */
public record SweepManifest(String name, String folder, List<Entry> variants) {
  /** One variant. */
  public record Entry(String name, Optional<String> value, String spec, String run) {}

  public static final String FILE = "sweep.json";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new Jdk8Module())
          .enable(SerializationFeature.INDENT_OUTPUT);

  public Path write(Path dir) {
    Path file = dir.resolve(FILE);
    try {
      AtomicFiles.writeString(file, JSON.writeValueAsString(this) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
    }
    return file;
  }

  public static SweepManifest read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          file + ": no such file; give the " + FILE + " that --emit wrote beside the specs");
    }
    try {
      return JSON.readValue(file.toFile(), SweepManifest.class);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
    }
  }
}
