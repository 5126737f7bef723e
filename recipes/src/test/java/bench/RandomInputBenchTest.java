package bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RandomInputBenchTest {
  @Test
  void printsTheStepAloneAsOneJsonLine() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      RandomInputBench.main(new String[] {"--config", "recipe", "--steps", "3"});
    } finally {
      System.setOut(original);
    }
    String[] lines = captured.toString(StandardCharsets.UTF_8).strip().split("\n");
    JsonNode result = new ObjectMapper().readTree(lines[lines.length - 1]);

    assertThat(lines[lines.length - 2]).startsWith("recipe on random inputs: ");
    assertThat(result.get("config").asText()).isEqualTo("recipe");
    assertThat(result.get("steps").asInt()).isEqualTo(2);
    double meanMs = result.get("mean_ms").asDouble();
    assertThat(meanMs).isPositive();
    // Two steps after the first: their median is the mean of the two, i.e. their mean.
    assertThat(result.get("median_ms").asDouble()).isCloseTo(meanMs, within());
    assertThat(result.get("step_ms")).hasSize(2);
    assertThat(result.get("step_ms").get(0).asDouble() + result.get("step_ms").get(1).asDouble())
        .isCloseTo(2 * meanMs, within());
    assertThat(result.get("images_per_second").asDouble()).isCloseTo(128 * 1000 / meanMs, within());
    assertThat(result.get("peak_rss_mb").asDouble()).isPositive();
    assertThat(result.get("allocator").asText()).isIn("jemalloc", "glibc", "the platform's");
    // Two steps of training on the same two batches lower the loss from its first value.
    assertThat(result.get("last_loss").asDouble()).isLessThan(result.get("first_loss").asDouble());
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
