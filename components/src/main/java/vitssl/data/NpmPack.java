package vitssl.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Fetches a tarball with {@code npm pack <name>@<version>}: npm reaches whichever registry the user
 * configured (proxy, mirror, credentials), and {@code pack} runs no install scripts.
 */
final class NpmPack implements TarballFetcher {
  private static final long TIMEOUT_MINUTES = 20;
  private static final int LOG_TAIL_CHARS = 2000;

  @Override
  public Path fetch(NpmTarball tarball, Path folder) throws IOException {
    List<String> command = List.of("npm", "pack", tarball.spec(), "--ignore-scripts");
    Path log = folder.resolve("npm-pack.log");
    Process process =
        new ProcessBuilder(command)
            .directory(folder.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", command) + " took over " + TIMEOUT_MINUTES + " min");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException(String.join(" ", command) + " was interrupted", e);
    }
    if (process.exitValue() != 0) {
      throw new IOException(
          String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + tail(log));
    }
    Path file = folder.resolve(tarball.fileName());
    if (!Files.isRegularFile(file)) {
      throw new IOException(String.join(" ", command) + " wrote no " + file + ":\n" + tail(log));
    }
    return file;
  }

  private static String tail(Path log) throws IOException {
    String text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    return text.substring(Math.max(0, text.length() - LOG_TAIL_CHARS));
  }
}
