package vitssl.runner.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import vitssl.dsl.Span;
import vitssl.dsl.data.ImageFolder;
import vitssl.runner.TinyRuns;

class RunOptionsTest {
  @Test
  void optionsChangeOnlyWhatTheyName() {
    RunOptions options =
        RunOptions.parse("--data", "/img", "--out", "/tmp/r", "--steps", "40", "--batch", "64",
            "--threads", "2", "--workers", "3", "--native-cache", "/tmp/n", "--resume");
    var base = TinyRuns.experiment(Path.of("/unused"), Path.of("/out"));
    var changed = options.apply(base);
    assertThat(changed.data()).isEqualTo(ImageFolder.at("/img"));
    assertThat(changed.output()).contains("/tmp/r");
    assertThat(changed.length()).isEqualTo(Span.steps(40));
    assertThat(changed.batchSize()).isEqualTo(64);
    assertThat(changed.withData(base.data()).withOutput(base.output()).withLength(base.length())
        .withBatchSize(base.batchSize())).isEqualTo(base);
    assertThat(options.resume()).isTrue();
    assertThat(options.engineSettings().threadsOrAllCores()).isEqualTo(2);
    assertThat(options.engineSettings().nativeCache()).contains(Path.of("/tmp/n"));
    assertThat(options.workersOrAllCores()).isEqualTo(3);
  }

  @Test
  void epochsBecomeTheLength() {
    assertThat(RunOptions.parse("--epochs", "2.5").apply(TinyRuns.experiment(Path.of("a"), Path.of("b"))).length())
        .isEqualTo(Span.epochs(2.5));
  }

  @Test
  void badArgumentsSayWhatToDo() {
    assertThatThrownBy(() -> RunOptions.parse("--bogus"))
        .hasMessageContaining("unknown argument \"--bogus\"")
        .hasMessageContaining("--data DIR");
    assertThatThrownBy(() -> RunOptions.parse("--steps", "-3"))
        .hasMessageContaining("--steps -3: give a positive whole number");
    assertThatThrownBy(() -> RunOptions.parse("--out"))
        .hasMessageContaining("--out needs a value");
    assertThatThrownBy(() -> RunOptions.parse("--epochs", "1", "--steps", "5"))
        .hasMessageContaining("pass one of them");
  }
}
