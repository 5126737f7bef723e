package vitssl.serve;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium, started once per page with a fresh profile and no network of its own beyond
 * the page: the DOM after the page's scripts ran, or a screenshot.
 */
final class Chromium {
  /** Milliseconds of page time (timers, polls) before the DOM is taken. */
  static final int BUDGET_MS = 8000;

  private final Path binary;

  private Chromium(Path binary) {
    this.binary = binary;
  }

  /** $VITSSL_CHROMIUM, or chromium / chromium-browser / google-chrome on the PATH. */
  static Optional<Chromium> find() {
    String own = System.getenv("VITSSL_CHROMIUM");
    if (own != null && Files.isExecutable(Path.of(own))) {
      return Optional.of(new Chromium(Path.of(own)));
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(new Chromium(candidate));
        }
      }
    }
    return Optional.empty();
  }

  String dumpDom(String url, Path scratch) throws IOException, InterruptedException {
    Path out = scratch.resolve("dom-" + System.nanoTime() + ".html");
    run(scratch, out, List.of("--window-size=1400,1200", "--dump-dom", url));
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  void screenshot(String url, Path png, int width, int height, Path scratch)
      throws IOException, InterruptedException {
    Files.createDirectories(png.getParent());
    run(
        scratch,
        scratch.resolve("screenshot-" + System.nanoTime() + ".log"),
        List.of(
            "--window-size=" + width + "," + height,
            "--hide-scrollbars",
            "--screenshot=" + png.toAbsolutePath(),
            url));
    if (!Files.isRegularFile(png) || Files.size(png) == 0) {
      throw new IOException("Chromium wrote no screenshot to " + png);
    }
  }

  private void run(Path scratch, Path stdout, List<String> args)
      throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(scratch, "chromium-profile");
    List<String> command =
        new ArrayList<>(
            List.of(
                binary.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--virtual-time-budget=" + BUDGET_MS));
    command.addAll(args);
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(scratch.resolve("chromium-stderr.log").toFile())
            .start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("Chromium did not finish within 120 s: " + command);
    }
    if (process.exitValue() != 0) {
      throw new IOException(
          "Chromium exited with " + process.exitValue() + ": "
              + Files.readString(scratch.resolve("chromium-stderr.log")));
    }
  }
}
