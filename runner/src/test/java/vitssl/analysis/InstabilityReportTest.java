package vitssl.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vitssl.dsl.monitor.InstabilityDetection;

class InstabilityReportTest {
  /** As the runner's MetricsLog writes: a plain mapper, so NaN goes out as the string "NaN". */
  private static final ObjectMapper PLAIN = new ObjectMapper();

  @TempDir Path run;

  /**
   * 300 steps. kNN every 20 steps rises 1 point per 10 steps, dips at 140-160 (back at 180) and
   * drops for good at 300. The first layer spikes at 100, the last at 130, every layer is NaN at
   * 200 (a skipped step).
   */
  private void writeUnstableRun() throws IOException {
    StringBuilder lines = new StringBuilder();
    for (int step = 1; step <= 300; step++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("step", step);
      row.put("loss", 5.0);
      if (step % 20 == 0) {
        row.put(
            "knn_top1",
            switch (step) {
              case 140 -> 20.0;
              case 160 -> 21.0;
              case 300 -> 30.0;
              default -> 10 + step / 10.0;
            });
      }
      boolean skipped = step == 200;
      row.put("grad_norm.patch_embed", skipped ? Double.NaN : step == 100 ? 5.0 : 0.5);
      row.put("grad_norm.block0", skipped ? Double.NaN : 0.2);
      row.put("grad_norm.final_norm", skipped ? Double.NaN : step == 130 ? 1.0 : 0.05);
      lines.append(PLAIN.writeValueAsString(row)).append('\n');
    }
    Files.writeString(run.resolve("metrics.jsonl"), lines);
  }

  @Test
  void analysingARunFindsItsDipsSpikesAndLags() throws IOException {
    writeUnstableRun();
    assertThat(Files.readString(run.resolve("metrics.jsonl")))
        .contains("\"grad_norm.block0\":\"NaN\"");

    InstabilityReport report = InstabilityReport.analyse(run, InstabilityDetection.defaults());

    assertThat(report.knnPoints()).isEqualTo(15);
    assertThat(report.dips())
        .containsExactly(
            new Dip(120, 22, 140, 20, OptionalLong.of(180)),
            new Dip(280, 38, 300, 30, OptionalLong.empty()));
    assertThat(report.spikes().keySet()).containsExactly("patch_embed", "block0", "final_norm");
    assertThat(report.spikes().get("patch_embed"))
        .containsExactly(
            new SpikeEvent(100, 100, 100, 5.0, 10.0),
            new SpikeEvent(200, 200, 200, Double.NaN, Double.POSITIVE_INFINITY));
    assertThat(report.spikes().get("block0"))
        .extracting(SpikeEvent::firstStep)
        .containsExactly(200L);
    assertThat(report.lastLayerSpikes())
        .extracting(SpikeEvent::peakRatio)
        .containsExactly(20.0, Double.POSITIVE_INFINITY);
    assertThat(report.lags())
        .containsExactly(
            new SpikeLag(130, OptionalLong.of(100)), new SpikeLag(200, OptionalLong.of(200)));
    assertThat(report.headline())
        .containsExactly(
            entry("knn_dips", 2),
            entry("knn_deepest_dip", 8.0),
            entry("knn_unrecovered_dips", 1),
            entry("grad_spikes_first_layer", 2),
            entry("grad_spikes_last_layer", 2),
            entry("last_layer_spikes_after_first", 2),
            entry("spike_lag_median", 15.0));
  }

  @Test
  void theReportIsWrittenAsJsonAndReadsBackEqual() throws IOException {
    writeUnstableRun();
    InstabilityDetection spec =
        InstabilityDetection.defaults().withDipThreshold(1.5).withMaxLag(40);

    InstabilityReport report = InstabilityReport.analyse(run, spec);

    String json = Files.readString(run.resolve("instability.json"));
    assertThat(json)
        .contains("\"dipThreshold\" : 1.5", "\"start_step\" : 120", "\"depth\" : 2.0")
        .contains("\"recovery_step\" : null", "\"peak_value\" : \"NaN\"", "\"lag\" : 30");
    assertThat(InstabilityReport.read(run)).contains(report);
    assertThat(report.detection()).isEqualTo(spec);
  }

  @Test
  void markdownShowsEachTableWithTheRuleBehindIt() throws IOException {
    writeUnstableRun();

    String md = InstabilityReport.analyse(run, InstabilityDetection.defaults()).toMarkdown();

    assertThat(md)
        .contains("at least 1.0 points below the running maximum, over 15 kNN measurements")
        .contains("| 120 | 22.00 | 140 | 20.00 | 2.00 | 180 |")
        .contains("| 280 | 38.00 | 300 | 30.00 | 8.00 | never |")
        .contains(
            "at least 5.0x the median of the previous 50 finite measurements (once there are 10)")
        .contains("| patch_embed | 2 | 100 (10.0x), 200 (NaN) |")
        .contains("| block0 | 1 | 200 (NaN) |")
        .contains("| final_norm | 2 | 130 (20.0x), 200 (NaN) |")
        .contains("| final_norm spike | patch_embed spike | lag (iterations) |")
        .contains("| 130 | 100 | 30 |", "| 200 | 200 | 0 |");
    assertThat(AnalyseRun.analyse(run)).isEqualTo(md);
  }

  @Test
  void bareNonFiniteTokensAndNullsAreReadToo() throws IOException {
    StringBuilder lines = new StringBuilder();
    for (int step = 1; step <= 20; step++) {
      lines
          .append("{\"step\": ")
          .append(step)
          .append(", \"grad_norm.a\": ")
          .append(step == 15 ? "Infinity" : step == 16 ? "null" : "1.0")
          .append("}\n");
    }
    Files.writeString(
        run.resolve("metrics.jsonl"), lines + "\n{\"step\": 21, \"grad_norm.a\": NaN}\n");

    InstabilityReport report = InstabilityReport.analyse(run, InstabilityDetection.defaults());

    assertThat(report.spikes().get("a"))
        .extracting(SpikeEvent::firstStep, SpikeEvent::peakValue)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(15L, Double.POSITIVE_INFINITY),
            org.assertj.core.groups.Tuple.tuple(21L, Double.NaN));
    assertThat(report.lags()).isEmpty();
  }

  @Test
  void hugeRatiosAndZeroMediansAreLabelled() throws IOException {
    StringBuilder lines = new StringBuilder();
    for (int step = 1; step <= 20; step++) {
      double a = step == 15 ? 2e6 : 1.0;
      double b = step == 15 ? 0.5 : 0.0; // a layer with no gradient until step 15
      lines.append(
          PLAIN.writeValueAsString(Map.of("step", step, "grad_norm.a", a, "grad_norm.b", b)));
      lines.append('\n');
    }
    Files.writeString(run.resolve("metrics.jsonl"), lines);

    String md = InstabilityReport.analyse(run, InstabilityDetection.defaults()).toMarkdown();

    assertThat(md).contains("| 15 (2.0e+06x) |", "| 15 (median 0) |");
  }

  @Test
  void aRunWithoutKnnOrGradientNormsSaysSo() throws IOException {
    Files.writeString(
        run.resolve("metrics.jsonl"),
        "{\"step\": 1, \"loss\": 5.1}\n{\"step\": 2, \"loss\": 5.0}\n");

    InstabilityReport report = InstabilityReport.analyse(run, InstabilityDetection.defaults());

    assertThat(report.dips()).isEmpty();
    assertThat(report.spikes()).isEmpty();
    assertThat(report.headline()).isEmpty();
    assertThat(report.toMarkdown())
        .contains("No kNN measurements in metrics.jsonl")
        .contains("No gradient norms in metrics.jsonl")
        .contains("Lags need gradient norms of at least two layers");
  }

  @Test
  void badFilesAreClearErrors() throws IOException {
    assertThatThrownBy(() -> InstabilityReport.analyse(run, InstabilityDetection.defaults()))
        .hasMessageContaining("has no metrics.jsonl");
    assertThat(InstabilityReport.read(run)).isEmpty();

    for (Map.Entry<String, String> bad :
        List.of(
            Map.entry(
                "{\"step\": 1}\n{\"step\": 2, \"grad_norm.a\": \"abc\"}\n",
                "line 2 has \"grad_norm.a\": \"abc\", which is not a number"),
            Map.entry("{\"loss\": 1}\n", "line 1 has no whole-number \"step\""),
            Map.entry("{\"step\": 1, \"knn\n", "line 1 is not JSON"),
            Map.entry(
                "{\"step\": 2, \"knn_top1\": 5}\n{\"step\": 1, \"knn_top1\": 6}\n",
                "knn_top1: step 1 (at index 1) follows step 2"))) {
      Files.writeString(run.resolve("metrics.jsonl"), bad.getKey());
      assertThatThrownBy(() -> InstabilityReport.analyse(run, InstabilityDetection.defaults()))
          .as(bad.getKey())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("metrics.jsonl")
          .hasMessageContaining(bad.getValue());
    }
  }
}
