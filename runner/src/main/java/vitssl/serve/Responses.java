package vitssl.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Writing answers, and reading a request's query, the same way in every handler. */
final class Responses {
  static final String JSON = "application/json; charset=utf-8";
  static final String TEXT = "text/plain; charset=utf-8";

  private Responses() {}

  static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", contentType);
    headers.set("Cache-Control", "no-store");
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:");
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
    exchange.close();
  }

  static void json(HttpExchange exchange, Object value) throws IOException {
    byte[] body;
    try {
      body = RunFiles.JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IOException("could not write the answer as JSON", e);
    }
    send(exchange, 200, JSON, body);
  }

  /** Answers one kind of request; may throw {@link Refusal}. */
  @FunctionalInterface
  interface Route {
    void answer(HttpExchange exchange) throws IOException;
  }

  /**
   * The route as a handler that answers only GET and HEAD (the page only reads), a refusal with
   * its status and reason, and any other failure with 500 and its message, so a request never
   * ends without an answer.
   */
  static HttpHandler guarded(Route route) {
    return exchange -> {
      try {
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
          exchange.getResponseHeaders().set("Allow", "GET, HEAD");
          throw new Refusal(405, "the page only reads: use GET");
        }
        route.answer(exchange);
      } catch (Refusal refusal) {
        send(exchange, refusal.status(), TEXT, utf8(refusal.getMessage()));
      } catch (RuntimeException e) {
        send(exchange, 500, TEXT, utf8(String.valueOf(e.getMessage())));
      }
    };
  }

  private static byte[] utf8(String line) {
    return (line + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** Every value of a query parameter, decoded, in order. */
  static List<String> query(HttpExchange exchange, String name) {
    List<String> values = new ArrayList<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw == null) {
      return values;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      if (key.equals(name)) {
        values.add(eq < 0 ? "" : decode(pair.substring(eq + 1)));
      }
    }
    return values;
  }

  static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new Refusal(Refusal.BAD_REQUEST, "malformed percent-encoding in the request");
    }
  }
}
