package vitssl.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import vitssl.dsl.SpecException;
import vitssl.dsl.SpecJson;
import vitssl.dsl.monitor.InstabilityDetection;
import vitssl.runner.run.Wiring;

class InstabilityDetectionTest {
  private final SpecJson json = Wiring.of().json();

  @Test
  void defaultsAreTheDocumentedOnes() {
    InstabilityDetection spec = InstabilityDetection.defaults();
    assertThat(spec.dipThreshold()).isEqualTo(1.0);
    assertThat(spec.spikeFactor()).isEqualTo(5.0);
    assertThat(spec.medianWindow()).isEqualTo(50);
    assertThat(spec.minHistory()).isEqualTo(10);
    assertThat(spec.maxLag()).isEqualTo(100);
  }

  @Test
  void roundTripsThroughJsonAndMissingFieldsTakeTheDefaults() {
    InstabilityDetection spec =
        InstabilityDetection.defaults()
            .withDipThreshold(2.5)
            .withSpikeFactor(8)
            .withMedianWindow(20)
            .withMinHistory(5)
            .withMaxLag(30);
    assertThat(json.read(json.write(spec), InstabilityDetection.class)).isEqualTo(spec);
    assertThat(json.read("{\"maxLag\": 7}", InstabilityDetection.class))
        .isEqualTo(InstabilityDetection.defaults().withMaxLag(7));
  }

  @Test
  void everyBadValueNamesItsFieldAndTheFix() {
    InstabilityDetection d = InstabilityDetection.defaults();
    assertThatThrownBy(() -> d.withDipThreshold(0))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("InstabilityDetection.dipThreshold = 0.0: use a positive number");
    assertThatThrownBy(() -> d.withDipThreshold(Double.NaN))
        .hasMessageContaining("dipThreshold = NaN");
    assertThatThrownBy(() -> d.withSpikeFactor(1))
        .hasMessageContaining(
            "InstabilityDetection.spikeFactor = 1.0: use a finite factor above 1");
    assertThatThrownBy(() -> d.withMedianWindow(0))
        .hasMessageContaining("InstabilityDetection.medianWindow = 0: use a window of 1 or more");
    assertThatThrownBy(() -> d.withMedianWindow(5))
        .hasMessageContaining(
            "InstabilityDetection.minHistory = 10: use between 1 and medianWindow = 5");
    assertThatThrownBy(() -> d.withMinHistory(0)).hasMessageContaining("minHistory = 0");
    assertThatThrownBy(() -> d.withMaxLag(0))
        .hasMessageContaining("InstabilityDetection.maxLag = 0: use a lag of 1 or more iterations");
    assertThatThrownBy(() -> json.read("{\"spikeFactor\": 0.5}", InstabilityDetection.class))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("spikeFactor = 0.5");
  }
}
