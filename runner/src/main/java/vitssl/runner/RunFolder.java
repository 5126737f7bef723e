package vitssl.runner;

import vitssl.io.AtomicFiles;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;

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

  /**
   * The checkpoint a run in this folder continues from: none for a new run, which refuses a folder
   * that holds a run already; with {@code resume}, the latest, whose spec must pass {@code
   * sameRun} (the run's spec up to its length, the one thing a resume may change).
   */
  public Optional<Path> resumePoint(boolean resume, Predicate<String> sameRun) {
    Optional<Path> latest = new Checkpoints(root).latest();
    if (!resume) {
      if (latest.isPresent() || has(summary())) {
        throw new IllegalArgumentException(
            "run folder " + root + " already holds a run: pass --resume to continue it,"
                + " or --out DIR to start a new one elsewhere");
      }
      return Optional.empty();
    }
    if (latest.isPresent() && !sameRun.test(Checkpoints.header(latest.get()).specJson())) {
      throw new IllegalArgumentException(
          "--resume: the checkpoint in " + root + " was written by another spec"
              + " (only its length may change on resume); use --out DIR for a new run");
    }
    return latest;
  }
}
