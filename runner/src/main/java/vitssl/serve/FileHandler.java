package vitssl.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /files/RUN/FILE}: a file of a run folder as it is (its report, charts, spec, metrics),
 * for the page's links. Only files inside the runs folder are answered ({@link RunsFolder}).
 */
final class FileHandler implements Responses.Route {
  static final String PATH = "/files/";

  private static final Map<String, String> TYPES =
      Map.of(
          "json", Responses.JSON,
          "jsonl", Responses.TEXT,
          "md", Responses.TEXT,
          "txt", Responses.TEXT,
          "html", "text/html; charset=utf-8",
          "png", "image/png");

  private final RunsFolder folder;

  FileHandler(RunsFolder folder) {
    this.folder = folder;
  }

  @Override
  public void answer(HttpExchange exchange) throws IOException {
    // getPath() is percent-decoded, so "%2e%2e" arrives as ".." and is refused as such.
    String relative = exchange.getRequestURI().getPath().substring(PATH.length());
    Path file = folder.file(relative);
    Responses.send(exchange, 200, type(file), Files.readAllBytes(file));
  }

  private static String type(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return TYPES.getOrDefault(extension, "application/octet-stream");
  }
}
