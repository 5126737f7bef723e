package vitssl.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import vitssl.analysis.InstabilityReport;
import vitssl.dsl.monitor.InstabilityDetection;

class RunReportTest {
  private static final Pattern DATA_URI =
      Pattern.compile("data:image/png;base64,([A-Za-z0-9+/=]+)\"");

  @TempDir Path run;

  @Test
  void fullRunGetsThreeChartsAndASelfContainedReport() throws IOException {
    writeMetrics(true, true);
    Files.writeString(
        run.resolve("summary.json"),
        """
        {"steps": 60, "epochs": 2, "wall_seconds": 1805.34, "images_per_second": 164.6,
         "knn_top1": 45.3012, "knn_top1_random_init": 31.03, "linear_top1": 48.75,
         "linear_top5": 91.2, "final_loss": 5.4321, "peak_rss_mb": 1930, "recipe": "MocoV3Cifar"}
        """);
    Files.writeString(
        run.resolve("spec.json"), "{\"name\":\"tiny-moco\",\"batchSize\":128,\"note\":\"a<b\"}");

    Path html = RunReport.write(run);

    assertThat(html).isEqualTo(run.resolve("report.html"));
    for (String png : List.of("loss_lr.png", "knn.png", "grad_norms.png")) {
      BufferedImage image = ImageIO.read(run.resolve(png).toFile());
      assertThat(image.getWidth()).as(png).isEqualTo(RunCharts.WIDTH);
      assertThat(image.getHeight()).as(png).isEqualTo(RunCharts.HEIGHT);
    }
    String text = Files.readString(html);
    assertThat(text)
        .contains("<title>Run report: tiny-moco</title>")
        .contains(">60<", ">2<", ">1805<", ">164.6<", ">45.3<", ">31.03<", ">48.75<", ">91.2<")
        .contains(">5.432<", ">1930<", ">MocoV3Cifar<", "kNN top-1 (%)")
        .contains("&quot;batchSize&quot; : 128", "a&lt;b")
        .doesNotContain("<script", "<link", "src=\"http", "Not drawn");
    List<byte[]> images = embeddedImages(text);
    assertThat(images).hasSize(3);
    assertThat(images.get(1)).isEqualTo(Files.readAllBytes(run.resolve("knn.png")));
  }

  @Test
  void runWithoutKnnGradNormsSummaryOrSpecStillGetsAReport() throws IOException {
    writeMetrics(false, false);
    Files.write(run.resolve("knn.png"), new byte[] {1, 2, 3});

    String text = Files.readString(RunReport.write(run));

    assertThat(run.resolve("loss_lr.png")).exists();
    assertThat(run.resolve("knn.png")).doesNotExist();
    assertThat(run.resolve("grad_norms.png")).doesNotExist();
    assertThat(embeddedImages(text)).hasSize(1);
    assertThat(text)
        .contains("Not drawn: metrics.jsonl has no &quot;knn_top1&quot; values")
        .contains("Not drawn: metrics.jsonl has no &quot;grad_norm.*&quot; values")
        .contains("No summary.json in the run folder", "No spec.json in the run folder")
        .contains("<title>Run report: " + run.getFileName() + "</title>");
  }

  @Test
  void gradientChartShowsTheFirstAndLastLayerInFileOrder() throws IOException {
    writeMetrics(true, true);
    Chart chart = RunCharts.gradNorms(MetricsTable.read(run.resolve("metrics.jsonl")), Map.of());
    assertThat(chart.png()).isPresent();
    assertThat(chart.note()).endsWith("patch_embed, grad_norm.head_norm.").doesNotContain("block_");
  }

  @Test
  void chartsMarkTheDipsAndSpikesThatTheAnalysisFound() throws IOException {
    writeMetrics(true, true);
    appendKnn(Map.of(65, 47.0, 70, 44.5, 75, 43.0, 80, 48.0));
    InstabilityReport found = InstabilityReport.analyse(run, InstabilityDetection.defaults());
    assertThat(found.dips()).hasSize(1);
    MetricsTable log = MetricsTable.read(run.resolve("metrics.jsonl"));

    XYChart knn =
        RunCharts.knnPlot("kNN", log.series("knn_top1"), OptionalDouble.empty(), found.dips());
    assertThat(knn.getSeriesMap().get("dip start").getXData()).containsExactly(65.0);
    assertThat(knn.getSeriesMap().get("dip start").getYData()).containsExactly(47.0);
    assertThat(knn.getSeriesMap().get("dip bottom").getXData()).containsExactly(75.0);
    assertThat(knn.getSeriesMap().get("dip bottom").getYData()).containsExactly(43.0);

    XYChart grads =
        RunCharts.gradNormsPlot(
            "norms",
            log,
            List.of("grad_norm.patch_embed", "grad_norm.head_norm"),
            found.spikes());
    assertThat(grads.getSeriesMap().get("spikes: patch_embed").getXData()).containsExactly(30.0);
    assertThat(grads.getSeriesMap().get("spikes: patch_embed").getYData()).containsExactly(40.0);
    assertThat(grads.getSeriesMap().get("spikes: head_norm").getXData()).containsExactly(33.0);
    assertThat(grads.getSeriesMap().get("spikes: patch_embed").getMarkerColor())
        .isEqualTo(grads.getSeriesMap().get("patch_embed").getLineColor());

    String text = Files.readString(RunReport.write(run));
    assertThat(text).contains("Red triangles mark where each of the 1 dips starts");
    assertThat(text).contains("Crosses mark the peak of each spike");
  }

  @Test
  void aRunWithoutAnInstabilityAnalysisHasNoMarkers() throws IOException {
    writeMetrics(true, true);
    MetricsTable log = MetricsTable.read(run.resolve("metrics.jsonl"));
    XYChart knn = RunCharts.knnPlot("kNN", log.series("knn_top1"), OptionalDouble.of(30), List.of());
    assertThat(knn.getSeriesMap()).containsOnlyKeys("kNN top-1", "random initialisation");
    assertThat(Files.readString(RunReport.write(run))).doesNotContain("Red triangles", "Crosses");
  }

  @Test
  void metricsKeepFiniteValuesOfLinesThatHaveTheKey() throws IOException {
    Files.writeString(
        run.resolve("metrics.jsonl"),
        """
        {"step": 1, "loss": 2.5, "grad_norm.a": 0.0}
        {"step": 2, "loss": NaN, "phase": "warmup"}

        {"step": 3, "loss": 2.0, "knn_top1": 30.5, "grad_norm.a": 4.0, "grad_norm.b": 1.0}
        """);
    MetricsTable log = MetricsTable.read(run.resolve("metrics.jsonl"));
    assertThat(log.series("loss").steps()).containsExactly(1, 3);
    assertThat(log.series("loss").values()).containsExactly(2.5, 2.0);
    assertThat(log.series("knn_top1").steps()).containsExactly(3);
    assertThat(log.series("grad_norm.a").positive().values()).containsExactly(4.0);
    assertThat(log.keysStartingWith("grad_norm.")).containsExactly("grad_norm.a", "grad_norm.b");
  }

  @Test
  void badInputIsNamed() throws IOException {
    assertThatThrownBy(() -> RunReport.write(run))
        .hasMessage(
            "run folder "
                + run
                + " has no metrics.jsonl: pass the folder a training run wrote its metrics to");
    Files.writeString(run.resolve("metrics.jsonl"), "{\"step\": 1}\n{\"loss\": 2}\n");
    assertThatThrownBy(() -> RunReport.write(run))
        .hasMessageContaining("metrics.jsonl line 2 has no numeric \"step\"");
    Files.writeString(run.resolve("metrics.jsonl"), "{\"step\": 1}\n{\"step\": 2,\n");
    assertThatThrownBy(() -> RunReport.write(run))
        .hasMessageContaining("metrics.jsonl line 2 is not JSON");
    Files.writeString(run.resolve("metrics.jsonl"), "{\"step\": 1, \"loss\": 1}\n");
    Files.writeString(run.resolve("summary.json"), "[1, 2]");
    assertThatThrownBy(() -> RunReport.write(run))
        .hasMessageContaining("summary.json is not a JSON object");
  }

  @Test
  void summaryNumbersAreRoundedForReading() throws IOException {
    assertThat(format("45.3012")).isEqualTo("45.3");
    assertThat(format("0.000123456")).isEqualTo("0.0001235");
    assertThat(format("12345.6")).isEqualTo("12346");
    assertThat(format("300")).isEqualTo("300");
    assertThat(format("\"x<y\"")).isEqualTo("x<y");
  }

  private static String format(String json) throws IOException {
    return HtmlReport.format(MetricsTable.JSON.readTree(json));
  }

  /** 60 steps of a plausible run: loss falling, warmup-cosine lr, kNN every 20 steps. */
  private void writeMetrics(boolean knn, boolean gradNorms) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int step = 1; step <= 60; step++) {
      StringBuilder line = new StringBuilder();
      line.append(
          String.format(
              Locale.ROOT,
              "{\"step\": %d, \"epoch\": %d, \"loss\": %.4f, \"lr\": %.6f, "
                  + "\"momentum\": 0.99, \"images_per_second\": 160.5",
              step,
              step / 30,
              9 - step / 20.0,
              1e-3 * Math.min(1, step / 10.0)));
      if (knn && step % 20 == 0) {
        line.append(String.format(Locale.ROOT, ", \"knn_top1\": %.2f", 30 + step / 4.0));
      }
      if (gradNorms) {
        line.append(
            String.format(
                Locale.ROOT,
                ", \"grad_norm.patch_embed\": %.4f, \"grad_norm.block_0\": 0.5, "
                    + "\"grad_norm.block_1\": 0.4, \"grad_norm.head_norm\": %.4f",
                step == 30 ? 40.0 : 1.0 + step / 60.0,
                step == 33 ? 5.0 : 0.1));
      }
      lines.add(line.append('}').toString());
    }
    Files.write(run.resolve("metrics.jsonl"), lines);
  }

  /** Lines with only a kNN value, after the 60 steps of {@link #writeMetrics}. */
  private void appendKnn(Map<Integer, Double> knn) throws IOException {
    List<String> lines = new ArrayList<>();
    new TreeMap<>(knn)
        .forEach(
            (step, top1) ->
                lines.add(String.format(Locale.ROOT, "{\"step\": %d, \"knn_top1\": %.2f}", step, top1)));
    Files.write(run.resolve("metrics.jsonl"), lines, StandardOpenOption.APPEND);
  }

  private static List<byte[]> embeddedImages(String html) throws IOException {
    List<byte[]> images = new ArrayList<>();
    Matcher matcher = DATA_URI.matcher(html);
    while (matcher.find()) {
      byte[] png = Base64.getDecoder().decode(matcher.group(1));
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      assertThat(image.getWidth()).isEqualTo(RunCharts.WIDTH);
      images.add(png);
    }
    return images;
  }
}
