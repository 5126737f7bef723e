package vitssl.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import vitssl.analysis.InstabilityReport;
import vitssl.dsl.monitor.InstabilityDetection;

class SweepReportTest {
  @TempDir Path sweep;

  @Test
  void oneRowPerVariantWithItsValueAccuraciesInstabilityAndWallTime() throws IOException {
    List<SweepReport.Row> rows = twoVariants();

    SweepReport.write(sweep, rows);

    String md = Files.readString(sweep.resolve("sweep.md"));
    assertThat(md.lines().findFirst().orElseThrow())
        .isEqualTo(
            "| variant | value | kNN top-1 | gain over random init | linear top-1 | img/s | wall s"
                + " | skipped steps | kNN dips | first-layer spikes | last-layer spikes |");
    assertThat(md)
        .contains("| stable | base lr 1e-3 | 40.5 | 10.5 | 42.25 | 150 | 600 | 0 | 0 | 0 | 0 |")
        .contains("| dipping | - | 38 | 8 | - | 150 | 610 | 0 | 1 | 1 | 1 |");
    String html = Files.readString(sweep.resolve("sweep.html"));
    assertThat(html)
        .contains("<tr><th>stable</th><td>base lr 1e-3</td><td class=\"value\">40.5</td>")
        .contains("knn_curves.png", "grad_norm_first_layer.png", "grad_norm_last_layer.png");
    for (String png :
        List.of("knn_curves.png", "grad_norm_first_layer.png", "grad_norm_last_layer.png")) {
      assertThat(sweep.resolve(png)).isNotEmptyFile();
    }
  }

  @Test
  void overlaysCarryEveryVariantsCurveAndItsDipsAndSpikes() throws IOException {
    List<VariantRun> runs =
        twoVariants().stream().map(VariantRun::read).toList();

    XYChart knn = SweepCharts.knnOverlay(runs).orElseThrow();
    assertThat(knn.getSeriesMap()).containsOnlyKeys("stable", "dipping", "dipping: dip bottom");
    assertThat(knn.getSeriesMap().get("dipping: dip bottom").getXData()).containsExactly(30.0);
    assertThat(knn.getSeriesMap().get("dipping: dip bottom").getYData()).containsExactly(33.0);

    XYChart first = SweepCharts.gradOverlay(runs, SweepCharts.Layer.FIRST).orElseThrow();
    assertThat(first.getSeriesMap())
        .containsOnlyKeys("stable (patch_embed)", "dipping (patch_embed)", "dipping: spikes");
    assertThat(first.getSeriesMap().get("dipping: spikes").getXData()).containsExactly(25.0);
    XYChart last = SweepCharts.gradOverlay(runs, SweepCharts.Layer.LAST).orElseThrow();
    assertThat(last.getSeriesMap().get("dipping: spikes").getXData()).containsExactly(28.0);
    assertThat(last.getSeriesMap().get("dipping: spikes").getMarkerColor())
        .isEqualTo(last.getSeriesMap().get("dipping (head_norm)").getLineColor());
  }

  @Test
  void aVariantThatHasNotRunYetIsARowOfDashes() throws IOException {
    SweepReport.write(
        sweep, List.of(new SweepReport.Row("later", Optional.of("m 0.9"), sweep.resolve("later"))));
    assertThat(Files.readString(sweep.resolve("sweep.md")))
        .contains("| later | m 0.9 | - | - | - | - | - | - | - | - | - |");
    assertThat(sweep.resolve("knn_curves.png")).doesNotExist();
  }

  /** Two analysed runs of 40 steps; the second has one kNN dip and a spike in both layers. */
  private List<SweepReport.Row> twoVariants() throws IOException {
    run("stable", false, "{\"knn_top1\": 40.5, \"knn_top1_random_init\": 30.0, \"knn_gain\": 10.5,"
        + " \"linear_top1\": 42.25, \"images_per_second\": 150, \"wall_seconds\": 600,"
        + " \"skipped_steps\": 0}");
    run("dipping", true, "{\"knn_top1\": 38.0, \"knn_gain\": 8.0, \"linear_top1\": null,"
        + " \"images_per_second\": 150, \"wall_seconds\": 610, \"skipped_steps\": 0}");
    return List.of(
        new SweepReport.Row("stable", Optional.of("base lr 1e-3"), sweep.resolve("stable")),
        new SweepReport.Row("dipping", Optional.empty(), sweep.resolve("dipping")));
  }

  /** Writes metrics, analyses them, and writes a summary with the analysis' headline. */
  private void run(String name, boolean unstable, String summary) throws IOException {
    Path folder = Files.createDirectories(sweep.resolve(name));
    List<String> lines = new ArrayList<>();
    for (int step = 1; step <= 40; step++) {
      double first = unstable && step == 25 ? 30.0 : 1.0;
      double last = unstable && step == 28 ? 3.0 : 0.1;
      String line =
          String.format(
              Locale.ROOT,
              "{\"step\": %d, \"loss\": 5.0, \"grad_norm.patch_embed\": %.2f,"
                  + " \"grad_norm.head_norm\": %.2f",
              step,
              first,
              last);
      if (step % 10 == 0) {
        double knn = unstable && step == 30 ? 33.0 : 30 + step / 4.0;
        line += String.format(Locale.ROOT, ", \"knn_top1\": %.2f", knn);
      }
      lines.add(line + "}");
    }
    Files.write(folder.resolve("metrics.jsonl"), lines);
    InstabilityReport found = InstabilityReport.analyse(folder, InstabilityDetection.defaults());
    String headline = new ObjectMapper().writeValueAsString(found.headline());
    Files.writeString(
        folder.resolve("summary.json"),
        summary.substring(0, summary.length() - 1) + ", \"instability\": " + headline + "}");
  }
}
