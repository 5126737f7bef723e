package bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {
  @Test
  void readsTheConfigAndTheSteps() {
    assertThat(BenchOptions.parse(new String[] {}, 30))
        .isEqualTo(new BenchOptions(BenchModel.RECIPE, 30));
    assertThat(BenchOptions.parse(new String[] {"--steps", "5", "--config", "WIDE"}, 30))
        .isEqualTo(new BenchOptions(BenchModel.WIDE, 5));
  }

  @Test
  void badOptionsNameTheFix() {
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--steps", "1"}, 30))
        .hasMessage("--steps 1: use at least 2 (the first step carries one-time costs)");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--steps", "ten"}, 30))
        .hasMessage("--steps ten: use a whole number of steps, e.g. --steps 30");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--batch", "3"}, 30))
        .hasMessageContaining("--batch: unknown option; use --config");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--config"}, 30))
        .hasMessageContaining("--config needs a value");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--config", "giant"}, 30))
        .hasMessageContaining("--config giant: unknown");
  }
}
