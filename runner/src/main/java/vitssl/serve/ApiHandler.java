package vitssl.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The page's data, as JSON: {@code /api/runs} (every run under the folder), {@code
 * /api/run?id=RUN&cursor=C} (one run, and its metrics rows after the cursor), {@code
 * /api/compare?id=A&id=B...} (the differing spec fields and the summaries of several runs).
 */
final class ApiHandler implements Responses.Route {
  static final String PATH = "/api/";

  private final RunsFolder folder;
  private final RunIndex index;

  ApiHandler(RunsFolder folder) {
    this.folder = folder;
    this.index = new RunIndex(folder);
  }

  @Override
  public void answer(HttpExchange exchange) throws IOException {
    String route = exchange.getRequestURI().getPath().substring(PATH.length());
    switch (route) {
      case "runs" -> Responses.json(
          exchange, Map.of("root", folder.root().getFileName().toString(), "runs", index.runs()));
      case "run" -> Responses.json(
          exchange,
          RunSnapshot.read(folder, one(exchange, "id"), first(exchange, "cursor", "")));
      case "compare" -> Responses.json(
          exchange, Comparison.of(folder, Responses.query(exchange, "id")));
      default -> throw new Refusal(Refusal.NOT_FOUND, "no such page: " + route);
    }
  }

  private static String one(HttpExchange exchange, String name) {
    List<String> values = Responses.query(exchange, name);
    if (values.size() != 1) {
      throw new Refusal(Refusal.BAD_REQUEST, "give one " + name + "=");
    }
    return values.get(0);
  }

  private static String first(HttpExchange exchange, String name, String otherwise) {
    List<String> values = Responses.query(exchange, name);
    return values.isEmpty() ? otherwise : values.get(0);
  }
}
