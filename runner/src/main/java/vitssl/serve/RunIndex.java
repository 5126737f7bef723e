package vitssl.serve;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.Optional;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The runs under a runs folder: the folder itself when it is a run, else every folder below it
 * (sweeps nest their variants one level down) that holds a run, in name order. A run's own
 * sub-folders (checkpoints) are not searched, nor hidden folders.
 */
final class RunIndex {
  /** Folder levels searched below the runs folder. */
  static final int DEPTH = 4;

  /** One run as the list shows it. */
  record Entry(
      @JsonProperty("id") String id,
      @JsonProperty("name") String name,
      @JsonProperty("group") String group,
      @JsonProperty("finished") boolean finished,
      @JsonProperty("last_step") long lastStep,
      @JsonProperty("seconds_since_update") double secondsSinceUpdate) {}

  private final RunsFolder folder;

  RunIndex(RunsFolder folder) {
    this.folder = folder;
  }

  List<Entry> runs() {
    List<Path> found = new ArrayList<>();
    collect(folder.root(), 0, found);
    return found.stream().map(this::entry).toList();
  }

  private void collect(Path dir, int depth, List<Path> found) {
    if (RunFiles.isRun(dir)) {
      found.add(dir);
      return;
    }
    if (depth >= DEPTH) {
      return;
    }
    try (Stream<Path> children = Files.list(dir)) {
      List<Path> dirs =
          children
              .filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
              .filter(p -> !p.getFileName().toString().startsWith("."))
              .sorted()
              .toList();
      for (Path child : dirs) {
        collect(child, depth + 1, found);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + dir, e);
    }
  }

  private Entry entry(Path run) {
    String id = folder.relativeName(run);
    int slash = id.lastIndexOf('/');
    String group = slash < 0 ? "" : id.substring(0, slash);
    Optional<Path> spec = folder.fileOf(id, RunFiles.SPEC);
    Optional<Path> metrics = folder.fileOf(id, RunFiles.METRICS);
    Optional<Path> summary = folder.fileOf(id, RunFiles.SUMMARY);
    long updated = Math.max(modified(metrics), Math.max(modified(spec), modified(summary)));
    return new Entry(
        id,
        RunFiles.readOrNull(spec).path("name").asText(id),
        group,
        summary.isPresent(),
        metrics.map(MetricsTail::lastStep).orElse(0L),
        Math.max(0, (System.currentTimeMillis() - updated) / 1000.0));
  }

  private static long modified(Optional<Path> file) {
    try {
      return file.isPresent() ? Files.getLastModifiedTime(file.get()).toMillis() : 0;
    } catch (IOException e) {
      return 0;
    }
  }
}
