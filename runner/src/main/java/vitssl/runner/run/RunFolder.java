package vitssl.runner.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import vitssl.io.AtomicFiles;

/** The folder of one run and the files in it. */
public record RunFolder(Path root) {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public Path spec() {
    return root.resolve("spec.json");
  }

  public Path metrics() {
    return root.resolve("metrics.jsonl");
  }

  public Path summary() {
    return root.resolve("summary.json");
  }

  /** Measurements made once per run (the random-init kNN), kept so a resumed run reuses them. */
  public Path baseline() {
    return root.resolve("baseline.json");
  }

  public Path benchmark() {
    return root.resolve("step_times.json");
  }

  public void writeJson(Path file, Object value) {
    try {
      AtomicFiles.writeString(file, JSON.writeValueAsString(value) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  public <T> T readJson(Path file, Class<T> type) {
    try {
      return JSON.readValue(file.toFile(), type);
    } catch (IOException e) {
      throw new UncheckedIOException(
          file + " is unreadable (" + e.getMessage() + "); delete it and run again", e);
    }
  }

  public boolean has(Path file) {
    return Files.isRegularFile(file);
  }
}
