package vitssl.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vitssl.io.AtomicFiles;

class MetricsTailTest {
  @TempDir Path dir;

  @Test
  void eachReadReturnsTheWholeLinesWrittenSinceTheCursor() throws IOException {
    Path file = dir.resolve("metrics.jsonl");
    Files.writeString(file, "{\"step\":1,\"loss\":2.5}\n{\"step\":2,\"loss\":\"NaN\"}\n{\"step\":3,\"lo");

    MetricsTail.Chunk first = MetricsTail.read(file, "");
    assertThat(first.rows()).extracting(r -> r.path("step").asLong()).containsExactly(1L, 2L);
    assertThat(first.rows().get(1).path("loss").asText()).isEqualTo("NaN");
    assertThat(first.restart()).isFalse();

    MetricsTail.Chunk nothingNew = MetricsTail.read(file, first.cursor());
    assertThat(nothingNew.rows()).isEmpty();
    assertThat(nothingNew.cursor()).isEqualTo(first.cursor());

    Files.writeString(file, "ss\":2.1}\n{\"step\":4}\n", StandardOpenOption.APPEND);
    MetricsTail.Chunk rest = MetricsTail.read(file, first.cursor());
    assertThat(rest.rows()).extracting(r -> r.path("step").asLong()).containsExactly(3L, 4L);
    assertThat(rest.rows().get(0).path("loss").asDouble()).isEqualTo(2.1);
    assertThat(MetricsTail.lastStep(file)).isEqualTo(4);
  }

  @Test
  void aLogRewrittenOnResumeIsReadAgainFromItsStart() throws IOException {
    Path file = dir.resolve("metrics.jsonl");
    Files.writeString(file, "{\"step\":1}\n{\"step\":2}\n{\"step\":3}\n");
    MetricsTail.Chunk before = MetricsTail.read(file, "");

    // what MetricsLog.open does on --resume: the log cut back to the checkpoint, as a new file
    AtomicFiles.writeString(file, "{\"step\":1}\n{\"step\":2}\n{\"step\":3}\n{\"step\":4}\n");
    MetricsTail.Chunk after = MetricsTail.read(file, before.cursor());

    assertThat(after.restart()).isTrue();
    assertThat(after.rows()).extracting(r -> r.path("step").asLong()).containsExactly(1L, 2L, 3L, 4L);
  }

  @Test
  void aMalformedCursorStartsOver() throws IOException {
    Path file = dir.resolve("metrics.jsonl");
    Files.writeString(file, "{\"step\":1}\n");
    MetricsTail.Chunk chunk = MetricsTail.read(file, "garbage");
    assertThat(chunk.restart()).isTrue();
    assertThat(chunk.rows()).hasSize(1);
  }
}
