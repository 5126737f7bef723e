package vitssl.runner.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogTest {
  @TempDir Path dir;

  @Test
  void reopeningForAResumeDropsLinesPastTheCheckpointAndTornLines() throws Exception {
    Path file = dir.resolve("metrics.jsonl");
    try (MetricsLog log = MetricsLog.open(file, -1)) {
      for (int step = 1; step <= 6; step++) {
        log.append(Map.of("step", step, "loss", 1.0 / step));
      }
    }
    Files.writeString(file, "{\"step\": 7, \"lo", java.nio.file.StandardOpenOption.APPEND);
    try (MetricsLog log = MetricsLog.open(file, 4)) {
      log.append(Map.of("step", 5, "loss", 0.5));
    }
    assertThat(MetricsLog.read(file)).extracting(row -> ((Number) row.get("step")).intValue())
        .containsExactly(1, 2, 3, 4, 5);
  }
}
