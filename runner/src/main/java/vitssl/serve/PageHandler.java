package vitssl.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The page itself and the scripts it runs, from the class path: the page's own HTML, script and
 * style, and uPlot (MIT, from the {@code org.webjars.npm:uplot} WebJar), so the page needs no
 * network beyond this server. Only these fixed names are answered.
 */
final class PageHandler implements Responses.Route {
  static final String PATH = "/";
  private static final String PAGE = "/vitssl/serve/page/";
  private static final String UPLOT = "/META-INF/resources/webjars/uplot/";
  private static final List<String> SCRIPTS =
      List.of("charts.js", "common.js", "run-view.js", "compare-view.js", "app.js");

  /** Request path to class-path resource and content type. */
  private final Map<String, Resource> resources;

  private record Resource(String classPath, String type) {}

  PageHandler() {
    String uplot = UPLOT + uplotVersion() + "/dist/";
    String js = "text/javascript; charset=utf-8";
    String css = "text/css; charset=utf-8";
    resources = new HashMap<>();
    resources.put("/", new Resource(PAGE + "index.html", "text/html; charset=utf-8"));
    for (String script : SCRIPTS) {
      resources.put("/static/" + script, new Resource(PAGE + script, js));
    }
    resources.put("/static/app.css", new Resource(PAGE + "app.css", css));
    resources.put("/static/uPlot.iife.min.js", new Resource(uplot + "uPlot.iife.min.js", js));
    resources.put("/static/uPlot.min.css", new Resource(uplot + "uPlot.min.css", css));
  }

  @Override
  public void answer(HttpExchange exchange) throws IOException {
    Resource resource = resources.get(exchange.getRequestURI().getPath());
    if (resource == null) {
      throw new Refusal(Refusal.NOT_FOUND, "no such page: " + exchange.getRequestURI().getPath());
    }
    try (InputStream in = PageHandler.class.getResourceAsStream(resource.classPath())) {
      if (in == null) {
        throw new IllegalStateException(resource.classPath() + " is missing from the class path");
      }
      Responses.send(exchange, 200, resource.type(), in.readAllBytes());
    }
  }

  /** The WebJar's version, from the Maven metadata it carries, so a version bump needs no edit. */
  static String uplotVersion() {
    String file = "/META-INF/maven/org.webjars.npm/uplot/pom.properties";
    try (InputStream in = PageHandler.class.getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalStateException(
            "uPlot is missing from the class path (" + file + "): build with Maven, which adds"
                + " the org.webjars.npm:uplot jar");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
