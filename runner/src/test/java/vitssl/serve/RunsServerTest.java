package vitssl.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server over HTTP: what it answers, what it refuses, where it listens, and its end. */
class RunsServerTest {
  static final String SECRET = "the content of a file outside the runs folder";

  @TempDir Path dir;
  Path runs;
  RunsServer server;
  URI url;

  @BeforeEach
  void start() throws IOException {
    runs = Files.createDirectories(dir.resolve("runs"));
    Path a = Files.createDirectories(runs.resolve("sweep/a"));
    Files.writeString(a.resolve("spec.json"), "{\"name\":\"a\",\"batchSize\":8,\"seed\":0}");
    Files.writeString(a.resolve("metrics.jsonl"), "{\"step\":1,\"loss\":2.0}\n{\"step\":2,\"loss\":1.5}\n");
    Path b = Files.createDirectories(runs.resolve("sweep/b"));
    Files.writeString(b.resolve("spec.json"), "{\"name\":\"b\",\"batchSize\":16,\"seed\":0}");
    Files.writeString(b.resolve("summary.json"), "{\"knn_top1\":41.5}");
    Files.createDirectories(runs.resolve("not-a-run"));
    Files.writeString(dir.resolve("secret.txt"), SECRET);
    Files.createSymbolicLink(a.resolve("leak.txt"), dir.resolve("secret.txt"));
    Files.createSymbolicLink(runs.resolve("outside"), dir);
    server = RunsServer.start(runs, ServeAddress.loopback(0));
    url = server.url();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void listsTheRunsUnderTheFolderAndServesOneAndAComparison() throws Exception {
    JsonNode list = json("/api/runs");
    assertThat(list.path("runs").findValuesAsText("id")).containsExactly("sweep/a", "sweep/b");
    assertThat(list.path("runs").get(0).path("last_step").asLong()).isEqualTo(2);
    assertThat(list.path("runs").get(1).path("finished").asBoolean()).isTrue();

    JsonNode run = json("/api/run?id=sweep%2Fa");
    assertThat(run.path("spec").path("name").asText()).isEqualTo("a");
    assertThat(run.path("summary").isNull()).isTrue();
    assertThat(run.path("metrics").path("rows")).hasSize(2);
    assertThat(run.path("instability").path("final").asBoolean()).isFalse();
    assertThat(run.path("instability").path("knn_points").asInt()).isZero();
    String cursor = run.path("metrics").path("cursor").asText();
    Files.writeString(
        runs.resolve("sweep/a/metrics.jsonl"), "{\"step\":3,\"loss\":1.2}\n",
        java.nio.file.StandardOpenOption.APPEND);
    JsonNode next = json("/api/run?id=sweep/a&cursor=" + cursor);
    assertThat(next.path("metrics").path("rows").findValuesAsText("step")).containsExactly("3");

    JsonNode compare = json("/api/compare?id=sweep/a&id=sweep/b");
    assertThat(compare.path("spec_diff").findValuesAsText("field")).containsExactly("name", "batchSize");
    assertThat(compare.path("summaries").get(1).path("knn_top1").asDouble()).isEqualTo(41.5);

    assertThat(HttpGet.get(url, "/").body()).contains("/static/uPlot.iife.min.js");
    HttpGet uplot = HttpGet.get(url, "/static/uPlot.iife.min.js");
    assertThat(uplot.status()).isEqualTo(200);
    assertThat(uplot.body()).contains("uPlot");
    assertThat(HttpGet.get(url, "/files/sweep/b/summary.json").body()).contains("41.5");
  }

  @Test
  void pathTraversalIsRefusedInEveryForm() throws Exception {
    String[] attacks = {
      "/files/../secret.txt",
      "/files/sweep/../../secret.txt",
      "/files/%2e%2e/secret.txt",
      "/files/%2E%2E%2Fsecret.txt",
      "/files/sweep/a/%2e%2e/%2e%2e/%2e%2e/secret.txt",
      "/files/" + dir.resolve("secret.txt"),
      "/files/%2F" + dir.resolve("secret.txt").toString().substring(1),
      "/files/sweep/a/leak.txt",
      "/files/outside/secret.txt",
      "/files/..%5Csecret.txt",
      "/api/run?id=..",
      "/api/run?id=%2e%2e%2f",
      "/api/run?id=outside",
      "/api/run?id=" + dir,
      "/api/compare?id=sweep/a&id=../runs/sweep/b",
      "/static/../../../../etc/passwd",
    };
    for (String attack : attacks) {
      HttpGet answer = HttpGet.get(url, attack);
      assertThat(answer.status()).as(attack).isIn(400, 403, 404);
      assertThat(answer.body()).as(attack).doesNotContain(SECRET);
    }
    assertThat(HttpGet.get(url, "/files/../secret.txt").status()).isEqualTo(403);
    assertThat(HttpGet.get(url, "/files/%2e%2e/secret.txt").status()).isEqualTo(403);
    assertThat(HttpGet.get(url, "/files/sweep/a/leak.txt").status()).isEqualTo(403);
    assertThat(HttpGet.get(url, "/files/" + dir.resolve("secret.txt")).status()).isEqualTo(400);
  }

  @Test
  void itOnlyReads() throws Exception {
    HttpGet post = HttpGet.send(url, "POST", "/files/sweep/b/summary.json");
    assertThat(post.status()).isEqualTo(405);
    assertThat(HttpGet.send(url, "DELETE", "/api/runs").status()).isEqualTo(405);
    assertThat(Files.readString(runs.resolve("sweep/b/summary.json"))).contains("41.5");
  }

  @Test
  void itListensOnLoopbackOnlyUnlessAskedAndStopsWhenClosed() throws Exception {
    assertThat(url.getHost()).isEqualTo("127.0.0.1");
    assertThatThrownBy(() -> ServeAddress.of("0.0.0.0", 0, Exposure.LOOPBACK_ONLY, "--allow-remote"))
        .hasMessageContaining("not a loopback address")
        .hasMessageContaining("--allow-remote");
    try (RunsServer any =
        RunsServer.start(runs, ServeAddress.of("0.0.0.0", 0, Exposure.ANY_ADDRESS, "--x"))) {
      assertThat(json(any.url(), "/api/runs").path("runs")).hasSize(2);
    }
    assertThatThrownBy(() -> RunsServer.start(runs, ServeAddress.loopback(url.getPort())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("pass another port, or 0 for any free one");

    server.close();
    assertThatThrownBy(() -> new Socket(url.getHost(), url.getPort()).close())
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void aLeaseServesTheRunsFolderOfARunUntilClosedAndNothingWithoutAnAddress() throws Exception {
    Path run = runs.resolve("fresh");
    try (RunsServer.Lease none = RunsServer.during(Optional.empty(), run)) {
      assertThat(run).doesNotExist();
    }
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    URI leased = URI.create("http://127.0.0.1:" + port + "/");
    try (RunsServer.Lease lease = RunsServer.during(Optional.of(ServeAddress.loopback(port)), run)) {
      assertThat(json(leased, "/api/runs").path("runs").findValuesAsText("id"))
          .containsExactly("sweep/a", "sweep/b");
    }
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
        .isInstanceOf(ConnectException.class);
  }

  private JsonNode json(String path) throws IOException {
    return json(url, path);
  }

  private static JsonNode json(URI server, String path) throws IOException {
    HttpGet answer = HttpGet.get(server, path);
    assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(200);
    return RunFiles.JSON.readTree(answer.body());
  }
}
