package vitssl.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vitssl.analysis.InstabilityReport;

class LiveInstabilityTest {
  @TempDir Path dir;

  /**
   * Twenty steps of first-layer norm 1.0 with 4.0 at step 15: four times the running median, a
   * spike at a factor of 3 but not at the default 5.
   */
  static String metrics() {
    StringBuilder lines = new StringBuilder();
    for (int step = 1; step <= 20; step++) {
      double first = step == 15 ? 4.0 : 1.0;
      lines.append("{\"step\":").append(step)
          .append(",\"grad_norm.patch\":").append(first)
          .append(",\"grad_norm.head\":0.5}\n");
    }
    return lines.toString();
  }

  @Test
  void whileARunTrainsItsMetricsAreAnalysedWithItsSpecsThresholds() throws IOException {
    Path strict = Files.createDirectories(dir.resolve("strict"));
    Files.writeString(strict.resolve("metrics.jsonl"), metrics());
    Files.writeString(
        strict.resolve("spec.json"),
        "{\"name\":\"s\",\"instabilityDetection\":{\"spikeFactor\":3.0,\"minHistory\":5}}");
    Path plain = Files.createDirectories(dir.resolve("plain"));
    Files.writeString(plain.resolve("metrics.jsonl"), metrics());
    RunsFolder folder = new RunsFolder(dir);

    JsonNode found = LiveInstability.of(folder, "strict");
    assertThat(found.path("final").asBoolean()).isFalse();
    assertThat(found.path("spikes").path("patch").findValuesAsText("peak_step")).containsExactly("15");
    assertThat(found.path("spikes").path("head")).isEmpty();

    JsonNode defaults = LiveInstability.of(folder, "plain");
    assertThat(defaults.path("detection").path("spikeFactor").asDouble()).isEqualTo(5.0);
    assertThat(defaults.path("spikes").path("patch")).isEmpty();
    assertThat(strict.resolve(InstabilityReport.FILE)).doesNotExist();
  }

  @Test
  void theReportARunWroteWinsAndUnreadableMetricsSayWhy() throws IOException {
    Path done = Files.createDirectories(dir.resolve("done"));
    Files.writeString(done.resolve("metrics.jsonl"), metrics());
    Files.writeString(done.resolve(InstabilityReport.FILE), "{\"dips\":[],\"knn_points\":7}");
    Path broken = Files.createDirectories(dir.resolve("broken"));
    Files.writeString(broken.resolve("metrics.jsonl"), "{\"loss\":1}\n");
    RunsFolder folder = new RunsFolder(dir);

    JsonNode written = LiveInstability.of(folder, "done");
    assertThat(written.path("final").asBoolean()).isTrue();
    assertThat(written.path("knn_points").asInt()).isEqualTo(7);

    JsonNode error = LiveInstability.of(folder, "broken");
    assertThat(error.path("error").asText()).contains("line 1", "step");
    assertThat(LiveInstability.of(folder, "none").isNull()).isTrue();
  }
}
