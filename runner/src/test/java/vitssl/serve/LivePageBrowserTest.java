package vitssl.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.AbstractModule;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vitssl.dsl.Experiment;
import vitssl.dsl.monitor.MemoryUsage;
import vitssl.dsl.monitor.MonitorSpec;
import vitssl.dsl.optim.AdamW;
import vitssl.runner.monitor.Monitor;
import vitssl.runner.run.RunOptions;
import vitssl.runner.run.RunResult;
import vitssl.runner.Runner;
import vitssl.runner.monitor.MonitorBindings;
import vitssl.runner.Sweep;
import vitssl.runner.TinyRuns;

/**
 * The page in a real browser: a short run started with {@code --serve} is held at a step while
 * headless Chromium loads its page, which must draw every logged value; after the run the page of
 * its finished folder must show its summary, and the page of a three-run sweep the overlays, the
 * differing spec fields and the summaries. Needs Chromium (Debian: apt-get install chromium); the
 * screenshots land in {@code target/serve-screenshots/}.
 */
class LivePageBrowserTest {
  static final Path SCREENSHOTS = Path.of("target", "serve-screenshots");

  @TempDir static Path dir;
  static Chromium chromium;
  static Path images;

  @BeforeAll
  static void needsChromium() {
    var found = Chromium.find();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        found.isPresent(),
        "Chromium not found (no chromium, chromium-browser or google-chrome on the PATH, no"
            + " $VITSSL_CHROMIUM): install it (Debian: apt-get install chromium) to run the"
            + " browser test");
    chromium = found.get();
    images = TinyRuns.imageFolder(dir.resolve("images"), 4, 16);
  }

  @Test
  void aRunServedWhileTrainingShowsItsCurvesThenItsSummary() throws Exception {
    Path runs = dir.resolve("live-runs");
    Experiment base = TinyRuns.experiment(images, runs.resolve("live")).withSteps(24);
    Experiment live = base.withMonitors(withExtra(base, MemoryUsage.every(1), new PauseAt(1, 15)));
    int port = freePort();
    CompletableFuture<RunResult> run =
        CompletableFuture.supplyAsync(
            () -> Runner.run(live, RunOptions.parse("--serve", "" + port), new PauseModule()));
    assertThat(PAUSED.await(120, TimeUnit.SECONDS)).as("the run reached step 16").isTrue();
    String url = "http://127.0.0.1:" + port + "/#run=live";
    String dom;
    List<JsonNode> rows;
    try {
      dom = chromium.dumpDom(url, dir);
      chromium.screenshot(url, SCREENSHOTS.resolve("live-run.png"), 1400, 1250, dir);
      rows = rows(runs.resolve("live/metrics.jsonl")); // while paused: step 17 is not yet logged
    } finally {
      RESUME.countDown();
    }
    assertThat(rows).hasSize(16);
    assertThat(attribute(dom, "loss", "data-points")).isEqualTo(count(rows, "loss") + count(rows, "lr"));
    assertThat(attribute(dom, "knn", "data-points")).isEqualTo(count(rows, "knn_top1")).isPositive();
    assertThat(attribute(dom, "speed", "data-points")).isEqualTo(count(rows, "images_per_second"));
    assertThat(attribute(dom, "memory", "data-points")).isEqualTo(count(rows, "rss_mb")).isEqualTo(16);
    List<String> layers = gradLayers(rows.get(0));
    assertThat(curves(dom, "grad"))
        .isEqualTo("first: " + layers.get(0) + "|last: " + layers.get(layers.size() - 1));
    assertThat(Pattern.compile("<canvas").matcher(dom).results().count()).isGreaterThanOrEqualTo(5);
    assertThat(dom).contains("data-state=\"training\"", "training: step 16", "No summary yet");

    RunResult result = run.get(180, TimeUnit.SECONDS);
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
        .as("the page stops with the run")
        .isInstanceOf(ConnectException.class);

    try (RunsServer server = RunsServer.start(runs, ServeAddress.loopback(0))) {
      String done = chromium.dumpDom(server.url() + "#run=live", dir);
      assertThat(done).contains("data-state=\"finished\"");
      assertThat(summaryCell(done, "knn_top1", 0)).isEqualTo(format(result.summary().knnTop1()));
      assertThat(summaryCell(done, "steps", 0)).isEqualTo("24");
      assertThat(summaryCell(done, "final_loss", 0)).isEqualTo(format(result.summary().finalLoss()));
      assertThat(done).contains("As the run found them after its last step");
    }
  }

  @Test
  void threeRunsOfASweepShowSideBySide() throws Exception {
    Path runs = dir.resolve("sweep-runs");
    Experiment base = TinyRuns.experiment(images, runs).withSteps(12);
    base = base.withMonitors(withExtra(base, MemoryUsage.every(1)));
    List<Sweep.Variant> variants = new ArrayList<>();
    for (double lr : new double[] {1e-3, 3e-3, 1e-2}) {
      variants.add(
          new Sweep.Variant("lr-" + lr, base.withOptimizer(AdamW.baseLr(lr)), "base lr " + lr));
    }
    Sweep.run("lr-sweep", variants, RunOptions.parse("--out", runs.resolve("lr-sweep").toString()));

    try (RunsServer server = RunsServer.start(runs, ServeAddress.loopback(0))) {
      String url = server.url() + "#open=lr-sweep";
      String dom = chromium.dumpDom(url, dir);
      chromium.screenshot(url, SCREENSHOTS.resolve("three-run-comparison.png"), 1400, 2350, dir);

      List<String> ids = variants.stream().map(v -> "lr-sweep/" + v.name()).toList();
      assertThat(dom).contains("Comparing 3 runs");
      assertThat(curves(dom, "loss")).isEqualTo(String.join("|", ids));
      assertThat(curves(dom, "knn")).isEqualTo(String.join("|", ids));
      int lossPoints = 0;
      for (String id : ids) {
        lossPoints += count(rows(runs.resolve(id).resolve("metrics.jsonl")), "loss");
      }
      assertThat(attribute(dom, "loss", "data-points")).isEqualTo(lossPoints);
      assertThat(dom).contains("data-field=\"optimizer.baseLr\"", "data-field=\"output\"");
      assertThat(dom).doesNotContain("data-field=\"batchSize\"", "data-field=\"backbone.width\"");
      for (int i = 0; i < 3; i++) {
        JsonNode summary = RunFiles.JSON.readTree(runs.resolve(ids.get(i)).resolve("summary.json").toFile());
        assertThat(summaryCell(dom, "knn_top1", i)).isEqualTo(format(summary.path("knn_top1").asDouble()));
        assertThat(summaryCell(dom, "final_loss", i)).isEqualTo(format(summary.path("final_loss").asDouble()));
      }
    }
  }

  /** The page's number format (app.js fmt): integers as they are, else 4 significant digits. */
  static String format(double v) {
    if (v == Math.rint(v)) {
      return String.valueOf((long) v);
    }
    if (Math.abs(v) >= 100) {
      return String.format("%.1f", v);
    }
    return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
  }

  static List<MonitorSpec> withExtra(Experiment experiment, MonitorSpec... extra) {
    List<MonitorSpec> monitors = new ArrayList<>(experiment.monitors());
    monitors.addAll(List.of(extra));
    return monitors;
  }

  static int attribute(String dom, String chart, String name) {
    Matcher tag = Pattern.compile("<div class=\"chart\" data-chart=\"" + chart + "\"[^>]*>").matcher(dom);
    assertThat(tag.find()).as("chart " + chart + " in the page").isTrue();
    Matcher value = Pattern.compile(name + "=\"(\\d+)\"").matcher(tag.group());
    assertThat(value.find()).as(name + " of chart " + chart).isTrue();
    return Integer.parseInt(value.group(1));
  }

  static String curves(String dom, String chart) {
    Matcher tag = Pattern.compile("<div class=\"chart\" data-chart=\"" + chart + "\"[^>]*>").matcher(dom);
    assertThat(tag.find()).as("chart " + chart).isTrue();
    Matcher value = Pattern.compile("data-curves=\"([^\"]*)\"").matcher(tag.group());
    assertThat(value.find()).isTrue();
    return value.group(1);
  }

  /** The text of the {@code column}th value cell of a summary table row. */
  static String summaryCell(String dom, String field, int column) {
    Matcher row = Pattern.compile("<tr data-field=\"" + Pattern.quote(field) + "\">(.*?)</tr>").matcher(
        dom.substring(dom.indexOf("id=\"summary-table\"")));
    assertThat(row.find()).as("summary row " + field).isTrue();
    List<String> cells =
        Pattern.compile("<td[^>]*>([^<]*)</td>").matcher(row.group(1)).results().map(m -> m.group(1)).toList();
    return cells.get(column);
  }

  static List<JsonNode> rows(Path metrics) throws IOException {
    List<JsonNode> rows = new ArrayList<>();
    for (String line : Files.readAllLines(metrics)) {
      rows.add(RunFiles.JSON.readTree(line));
    }
    return rows;
  }

  static int count(List<JsonNode> rows, String key) {
    return (int) rows.stream().filter(r -> r.has(key) && r.get(key).isNumber()).count();
  }

  static List<String> gradLayers(JsonNode row) {
    List<String> layers = new ArrayList<>();
    row.fieldNames().forEachRemaining(k -> {
      if (k.startsWith("grad_norm.")) {
        layers.add(k.substring("grad_norm.".length()));
      }
    });
    return layers;
  }

  static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0)) {
      return probe.getLocalPort();
    }
  }

  /** Holds the run after the given step until the browser has looked. */
  @JsonTypeName("pause-at")
  record PauseAt(int every, long atStep) implements MonitorSpec {}

  static final CountDownLatch PAUSED = new CountDownLatch(1);
  static final CountDownLatch RESUME = new CountDownLatch(1);

  static final class PauseModule extends AbstractModule {
    @Override
    protected void configure() {
      MonitorBindings.monitor(
          binder(),
          PauseAt.class,
          (spec, run) ->
              new Monitor() {
                @Override
                public boolean dueAt(long step) {
                  return step == spec.atStep() + 1;
                }

                @Override
                public void afterStep(long step, Map<String, Object> row) {
                  PAUSED.countDown();
                  try {
                    RESUME.await(150, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }
              });
    }
  }
}
