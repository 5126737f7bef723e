package vitssl.runner.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vitssl.runner.monitor.MatrixProducts.Group;

class MatrixProductsTest {
  @TempDir Path dir;

  private static String event(String name, double dur, String shape) {
    return String.format(
        "{\"name\": \"%s\", \"ph\": \"X\", \"ts\": 0.0, \"dur\": %s, \"tid\": 1,"
            + " \"pid\": \"CPU Functions\", \"shape\": %s}",
        name, dur, shape);
  }

  @Test
  void groupsProductsByShapeAndRatesThemFromTheRecordedOperands() throws Exception {
    Path trace = dir.resolve("trace.json");
    Files.writeString(
        trace,
        "[\n"
            + String.join(
                ",\n",
                // matmul encloses the mm below it: only the product ops count.
                event("aten::matmul", 2100, "[[1000, 200], [200, 500]]"),
                event("aten::mm", 1000, "[[1000, 200], [200, 500]]"),
                event("aten::mm", 1000, "[[1000, 200], [200, 500]]"),
                event("aten::addmm", 500, "[[500], [100, 200], [200, 500], [], []]"),
                event("aten::bmm", 10, "[[8, 17, 64], [8, 64, 17]]"),
                event("aten::baddbmm", 4, "[[8, 17, 17], [8, 17, 64], [8, 64, 17], [], []]"),
                event("aten::mm", 7, "[]"),
                event("aten::gelu", 300, "[[1000, 500]]"))
            + "\n]\n");
    MatrixProducts products = MatrixProducts.ofTrace(trace);
    assertThat(products.groups())
        .extracting(Group::op)
        .containsExactly("aten::mm", "aten::addmm", "aten::bmm", "aten::baddbmm");
    Group mm = products.groups().get(0);
    assertThat(mm.calls()).isEqualTo(2);
    // 2 x 1000 x 200 x 500 FLOPs a call, two calls in 2,000 microseconds: 200 GFLOP/s.
    assertThat(mm.flops()).isCloseTo(4e8, within(1.0));
    assertThat(mm.rate()).isCloseTo(200, within(1e-9));
    // addmm's first operand is the bias: the product is [100, 200] x [200, 500].
    assertThat(products.groups().get(1).rate()).isCloseTo(2e7 / 500e3, within(1e-9));
    Group bmm = products.groups().get(2);
    assertThat(bmm.flops()).isCloseTo(2.0 * 8 * 17 * 64 * 17, within(1e-6));
    assertThat(products.groups().get(3).flops()).isCloseTo(2.0 * 8 * 17 * 64 * 17, within(1e-6));

    String table = products.markdown(2);
    // All products: 2,514 microseconds over 2 steps.
    double flops = 4e8 + 2e7 + 2 * 2.0 * 8 * 17 * 64 * 17;
    assertThat(table)
        .contains(
            String.format(
                "per step (1.3 ms, %.2f GFLOP, %.1f GFLOP/s over all of them)",
                flops / 1e9 / 2, flops / 2514e3));
    assertThat(table).contains("| aten::mm | 1000x200 . 200x500 | 1 | 1.00 | 0.200 | 200.0 |");
    assertThat(table).contains("| aten::bmm | 8 x 17x64 . 64x17 | 0.5 | 0.01 | 0.000 | 29.6 |");
  }

  @Test
  void saysSoWhenTheProfileHasNoProducts() throws Exception {
    Path trace = dir.resolve("trace.json");
    Files.writeString(trace, "[\n" + event("aten::gelu", 300, "[[1000, 500]]") + "\n]\n");
    MatrixProducts products = MatrixProducts.ofTrace(trace);
    assertThat(products.groups()).isEmpty();
    assertThat(products.markdown(1)).isEqualTo("No matrix products in the profiled steps.\n");
  }
}
