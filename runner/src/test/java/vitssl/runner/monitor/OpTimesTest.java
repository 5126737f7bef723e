package vitssl.runner.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vitssl.runner.monitor.OpTimes.Event;
import vitssl.runner.monitor.OpTimes.Row;

class OpTimesTest {
  @TempDir Path dir;

  private static Row row(OpTimes times, String name) {
    return times.rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void selfTimeIsDurationLessDirectChildren() {
    // linear [0, 10) holds addmm [1, 7) which holds copy_ [2, 3); then add [10, 12) at top level.
    OpTimes times =
        OpTimes.of(
            List.of(
                new Event("aten::add", "1", 10, 2),
                new Event("aten::copy_", "1", 2, 1),
                new Event("aten::linear", "1", 0, 10),
                new Event("aten::addmm", "1", 1, 6)));
    assertThat(row(times, "aten::linear").selfMicros()).isCloseTo(4, within(1e-9));
    assertThat(row(times, "aten::addmm").selfMicros()).isCloseTo(5, within(1e-9));
    assertThat(row(times, "aten::copy_").selfMicros()).isCloseTo(1, within(1e-9));
    assertThat(row(times, "aten::add").selfMicros()).isCloseTo(2, within(1e-9));
    assertThat(row(times, "aten::linear").totalMicros()).isCloseTo(10, within(1e-9));
    // Self times add up to the span of the top-level ops.
    assertThat(times.selfMicros()).isCloseTo(12, within(1e-9));
    assertThat(times.rows().get(0).name()).isEqualTo("aten::addmm");
  }

  @Test
  void threadsAreNestedSeparatelyAndRepeatedOpsAdd() {
    OpTimes times =
        OpTimes.of(
            List.of(
                new Event("aten::mm", "1", 0, 8),
                new Event("aten::mm", "2", 1, 3), // another thread: not a child of the first
                new Event("aten::mm", "1", 20, 8),
                new Event("aten::mm", "1", 20, 8))); // an identical event counts twice
    Row mm = row(times, "aten::mm");
    assertThat(mm.calls()).isEqualTo(4);
    assertThat(mm.selfMicros()).isCloseTo(8 + 3 + 8 + 0, within(1e-9));
  }

  @Test
  void readsAChromeTraceAndWritesPerStepMarkdown() throws Exception {
    Path trace = dir.resolve("trace.json");
    Files.writeString(
        trace,
        """
        [
        {"name": "aten::mm", "ph": "X", "ts": 0.0, "dur": 3000.0, "tid": 1, "pid": "CPU Functions"},
        {"name": "aten::gelu", "ph": "X", "ts": 4000.0, "dur": 1000.0, "tid": 1, "pid": "CPU Functions"},
        {"name": "marker", "ph": "i", "ts": 4500.0, "tid": 1, "pid": "CPU Functions"}
        ]
        """);
    OpTimes times = OpTimes.ofTrace(trace);
    assertThat(times.rows()).extracting(Row::name).containsExactly("aten::mm", "aten::gelu");
    String table = times.markdown(2, 10);
    assertThat(table).contains("2.0 ms of op time per step");
    assertThat(table).contains("| aten::mm | 0.5 | 1.50 | 75.0% | 1.50 |");
    assertThat(table).contains("| aten::gelu | 0.5 | 0.50 | 25.0% | 0.50 |");
  }
}
