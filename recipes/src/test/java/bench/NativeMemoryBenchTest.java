package bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vitssl.engine.NativeHeap;

class NativeMemoryBenchTest {
  private static final long MS = 1_000_000L;

  /**
   * Samples of a made-up run, one every 20 ms over 2 s: 100 MB until 0.5 s, then a step of 1 s
   * whose use climbs 20 MB every 20 ms to 600 MB and falls back to 300 MB; the training ends at
   * 1.5 s. The report's figures, read off the same samples by hand.
   */
  @Test
  void reportsTheHighestTheLastAndTheLastStepsCurve() {
    List<long[]> samples = new ArrayList<>();
    long t0 = 1_000 * MS;
    for (long t = 0; t <= 2_000 * MS; t += 20 * MS) {
      long inUse;
      if (t < 500 * MS) {
        inUse = 100_000_000L;
      } else if (t <= 1_000 * MS) {
        inUse = 100_000_000L + (t - 500 * MS) / (20 * MS) * 20_000_000L;
      } else {
        inUse = 300_000_000L;
      }
      samples.add(new long[] {t0 + t, inUse, inUse + 50_000_000L});
    }
    String report =
        NativeMemoryBench.report(
            new BenchOptions(BenchModel.RECIPE, 3), samples, t0 + 500 * MS, t0 + 1_500 * MS, 777.0);
    String[] lines = report.split("\n");

    assertThat(lines[0])
        .isEqualTo(
            "recipe, 3 steps: C heap in use 100 MB before the model, at most 600 MB (1.0 s in),"
                + " 300 MB after the last step; jemalloc's heap resident at most 650 MB;"
                + " the process's peak 777 MB");
    // From 0.5 s: the most in each tenth: 0.58 s 180 MB, ..., 0.98 s 580 MB, 1.0 s 600 MB.
    assertThat(lines[1])
        .startsWith("the last step, the most in use in each tenth of a second (s from its start: MB):")
        .endsWith(
            " 0.0:180 0.1:280 0.2:380 0.3:480 0.4:580 0.5:600 0.6:300 0.7:300 0.8:300 0.9:300 1.0:300");
  }

  @Test
  void withoutJemallocItSaysHowToRunIt() {
    assumeTrue(NativeHeap.usage().isEmpty(), "jemalloc does not allocate for this JVM");
    assertThatThrownBy(() -> NativeMemoryBench.main(new String[] {"--config", "recipe"}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("run it through bin/vitssl with its default allocator");
  }
}
