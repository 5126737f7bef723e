package vitssl.runner.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The matrix products of an op profile, grouped by op and operand shapes, with the rate each
 * group ran at: where a step's products lose speed against the fastest product the machine runs.
 * Each call is timed by its whole duration (for {@code addmm}, the copy of its bias into the
 * output included) and counted at 2 FLOPs per multiply-add from the shapes the profiler recorded.
 */
public final class MatrixProducts {
  /** One op at one set of operand shapes: the product is {@code batch} x [m, k] x [k, n]. */
  public record Group(String op, long batch, long m, long k, long n, long calls, double micros) {
    public double flops() {
      return 2.0 * batch * m * k * n * calls;
    }

    /** GFLOP/s: FLOPs per nanosecond. */
    public double rate() {
      return flops() / (micros * 1e3);
    }

    /** Both groups' calls and time; {@code other} is of the same op and shapes. */
    Group plus(Group other) {
      return new Group(op, batch, m, k, n, calls + other.calls, micros + other.micros);
    }

    String shape() {
      return (batch == 1 ? "" : batch + " x ") + m + "x" + k + " . " + k + "x" + n;
    }
  }

  private final List<Group> groups;

  private MatrixProducts(List<Group> groups) {
    this.groups = groups;
  }

  /** The groups, most time first. */
  public List<Group> groups() {
    return groups;
  }

  public static MatrixProducts ofTrace(Path trace) throws IOException {
    Map<String, Group> byShape = new LinkedHashMap<>();
    for (JsonNode e : OpTimes.completeEvents(trace)) {
      call(e.path("name").asText(), e.path("shape"), e.path("dur").asDouble())
          .ifPresent(g -> byShape.merge(g.op() + " " + g.shape(), g, Group::plus));
    }
    List<Group> groups = new ArrayList<>(byShape.values());
    groups.sort(Comparator.comparingDouble(Group::micros).reversed());
    return new MatrixProducts(groups);
  }

  /**
   * The product an op computes, from its operands' shapes: {@code mm(a, b)}, {@code addmm(c, a,
   * b, ...)}, {@code bmm(a, b)} and {@code baddbmm(c, a, b, ...)}, as one call that took {@code
   * micros}; empty for other ops, and for events recorded without shapes.
   */
  static Optional<Group> call(String op, JsonNode shapes, double micros) {
    int first =
        switch (op) {
          case "aten::mm", "aten::bmm" -> 0;
          case "aten::addmm", "aten::baddbmm" -> 1;
          default -> -1;
        };
    if (first < 0 || shapes.size() < first + 2) {
      return Optional.empty();
    }
    JsonNode a = shapes.get(first);
    JsonNode b = shapes.get(first + 1);
    int rank = op.endsWith("bmm") ? 3 : 2;
    if (a.size() != rank || b.size() != rank) {
      return Optional.empty();
    }
    long batch = rank == 3 ? a.get(0).asLong() : 1;
    return Optional.of(
        new Group(
            op, batch, a.get(rank - 2).asLong(), a.get(rank - 1).asLong(),
            b.get(rank - 1).asLong(), 1, micros));
  }

  /** The groups as a Markdown table per step over {@code steps} steps, with their totals. */
  public String markdown(int steps) {
    if (groups.isEmpty()) {
      return "No matrix products in the profiled steps.\n";
    }
    double micros = groups.stream().mapToDouble(Group::micros).sum();
    double flops = groups.stream().mapToDouble(Group::flops).sum();
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "Matrix products by shape, per step (%.1f ms, %.2f GFLOP, %.1f GFLOP/s over all of"
                + " them)%n%n",
            micros / 1e3 / steps, flops / 1e9 / steps, flops / (micros * 1e3)));
    out.append("| op | product | calls | ms | GFLOP | GFLOP/s |\n|---|---|---|---|---|---|\n");
    for (Group g : groups) {
      out.append(
          String.format(
              "| %s | %s | %s | %.2f | %.3f | %.1f |%n",
              g.op(), g.shape(), OpTimes.perStep(g.calls(), steps), g.micros() / 1e3 / steps,
              g.flops() / 1e9 / steps, g.rate()));
    }
    return out.toString();
  }
}
