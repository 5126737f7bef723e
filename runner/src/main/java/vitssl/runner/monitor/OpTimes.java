package vitssl.runner.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ops by self time from a Chrome trace of complete events ({@code "ph": "X"}, microseconds): an
 * op's self time is its duration less the durations of the ops nested directly inside it on the
 * same thread, so a {@code linear} that calls {@code addmm} is charged only for what {@code addmm}
 * does not account for, and the self times of a thread add up to the time its top-level ops span.
 */
public final class OpTimes {
  /** One op name's totals over the trace. */
  public record Row(String name, long calls, double selfMicros, double totalMicros) {}

  private final List<Row> rows;

  private OpTimes(List<Row> rows) {
    this.rows = rows;
  }

  /** The rows, largest self time first. */
  public List<Row> rows() {
    return rows;
  }

  public double selfMicros() {
    return rows.stream().mapToDouble(Row::selfMicros).sum();
  }

  public static OpTimes ofTrace(Path trace) throws IOException {
    List<Event> all = new ArrayList<>();
    for (JsonNode e : completeEvents(trace)) {
      all.add(
          new Event(
              e.path("name").asText(),
              e.path("tid").asText() + "/" + e.path("pid").asText(),
              e.path("ts").asDouble(),
              e.path("dur").asDouble()));
    }
    return of(all);
  }

  /** The trace's complete events: those with {@code "ph": "X"} and a duration. */
  static List<JsonNode> completeEvents(Path trace) throws IOException {
    JsonNode root = new ObjectMapper().readTree(trace.toFile());
    JsonNode events = root.isArray() ? root : root.path("traceEvents");
    List<JsonNode> complete = new ArrayList<>();
    for (JsonNode e : events) {
      if ("X".equals(e.path("ph").asText()) && e.has("dur")) {
        complete.add(e);
      }
    }
    return complete;
  }

  /** A complete event: {@code name} ran on {@code thread} from {@code start} for {@code duration}. */
  public record Event(String name, String thread, double start, double duration) {
    double end() {
      return start + duration;
    }
  }

  public static OpTimes of(List<Event> events) {
    List<Event> sorted = new ArrayList<>(events);
    // Parents first: by thread, start, then the longer (enclosing) event first.
    sorted.sort(
        Comparator.comparing(Event::thread)
            .thenComparingDouble(Event::start)
            .thenComparing(Comparator.comparingDouble(Event::duration).reversed()));
    Map<String, double[]> totals = new HashMap<>();
    Deque<Event> open = new ArrayDeque<>();
    Map<Event, double[]> children = new IdentityHashMap<>();
    String thread = null;
    for (Event e : sorted) {
      if (!e.thread().equals(thread)) {
        closeAll(open, children, totals);
        thread = e.thread();
      }
      while (!open.isEmpty() && open.peek().end() <= e.start()) {
        close(open.pop(), children, totals);
      }
      if (!open.isEmpty()) {
        children.computeIfAbsent(open.peek(), k -> new double[1])[0] += e.duration();
      }
      open.push(e);
    }
    closeAll(open, children, totals);
    List<Row> rows = new ArrayList<>();
    totals.forEach((name, t) -> rows.add(new Row(name, (long) t[0], t[1], t[2])));
    rows.sort(Comparator.comparingDouble(Row::selfMicros).reversed().thenComparing(Row::name));
    return new OpTimes(rows);
  }

  private static void closeAll(
      Deque<Event> open, Map<Event, double[]> children, Map<String, double[]> totals) {
    while (!open.isEmpty()) {
      close(open.pop(), children, totals);
    }
  }

  private static void close(Event e, Map<Event, double[]> children, Map<String, double[]> totals) {
    double nested = children.containsKey(e) ? children.remove(e)[0] : 0;
    double[] t = totals.computeIfAbsent(e.name(), k -> new double[3]);
    t[0]++;
    t[1] += Math.max(0, e.duration() - nested);
    t[2] += e.duration();
  }

  static String perStep(long calls, int steps) {
    return calls % steps == 0
        ? Long.toString(calls / steps)
        : String.format("%.1f", (double) calls / steps);
  }

  /** The {@code top} ops by self time as a Markdown table, per step over {@code steps} steps. */
  public String markdown(int steps, int top) {
    double all = selfMicros();
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "Ops by self time, per step (mean over %d profiled steps; %.1f ms of op time per step)%n%n",
            steps, all / 1e3 / steps));
    out.append("| op | calls | self ms | share | total ms |\n|---|---|---|---|---|\n");
    rows.stream()
        .limit(top)
        .forEach(
            r ->
                out.append(
                    String.format(
                        "| %s | %s | %.2f | %.1f%% | %.2f |%n",
                        r.name(),
                        perStep(r.calls(), steps),
                        r.selfMicros() / 1e3 / steps,
                        100 * r.selfMicros() / all,
                        r.totalMicros() / 1e3 / steps)));
    return out.toString();
  }
}
