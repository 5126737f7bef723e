package vitssl.serve;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The files of a run folder the page reads, by the names the runner writes them under, and a
 * lenient JSON reader for them: a file being replaced, or not yet written, reads as JSON null.
 */
final class RunFiles {
  static final String SPEC = "spec.json";
  static final String METRICS = "metrics.jsonl";
  static final String SUMMARY = "summary.json";

  /** Reads {@code NaN} and {@code Infinity} as numbers, as the metrics may hold them. */
  static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private RunFiles() {}

  /** Whether a folder holds a run: the runner writes its spec first and its metrics next. */
  static boolean isRun(Path folder) {
    return Files.isRegularFile(folder.resolve(SPEC)) || Files.isRegularFile(folder.resolve(METRICS));
  }

  /** The file's JSON, or null when it is missing or cannot be read (yet). */
  static JsonNode readOrNull(Optional<Path> file) {
    if (file.isEmpty()) {
      return NullNode.getInstance();
    }
    try {
      JsonNode node = JSON.readTree(file.get().toFile());
      return node == null ? NullNode.getInstance() : node;
    } catch (IOException e) {
      return NullNode.getInstance();
    }
  }
}
