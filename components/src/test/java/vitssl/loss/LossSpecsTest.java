package vitssl.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import vitssl.dsl.SpecException;
import vitssl.dsl.SpecJson;
import vitssl.dsl.loss.ByolCosine;
import vitssl.dsl.loss.LossSpec;
import vitssl.dsl.loss.NtXent;

/** The specs of SimCLR's and BYOL's losses: defaults, validation and JSON. */
class LossSpecsTest {
  private final SpecJson json = SpecJson.withTypes(List.of(NtXent.class, ByolCosine.class));

  @Test
  void ntXentDefaultsToSimClrsImageNetTemperature() {
    assertThat(NtXent.ntXent().temperature()).isEqualTo(0.1);
    assertThat(NtXent.ntXent().temperature(0.2).temperature()).isEqualTo(0.2);
  }

  @Test
  void ntXentRejectsATemperatureThatIsNotAPositiveNumber() {
    for (double tau : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> NtXent.ntXent().temperature(tau))
          .isInstanceOf(SpecException.class)
          .hasMessageContaining("NtXent.temperature = " + tau)
          .hasMessageContaining("use a positive temperature");
    }
  }

  @Test
  void bothRoundTripThroughJsonWithTheirTypeNames() {
    String ntXent = json.write(NtXent.ntXent().temperature(0.2));
    assertThat(ntXent).contains("\"type\" : \"nt-xent\"", "\"temperature\" : 0.2");
    assertThat(json.read(ntXent, LossSpec.class)).isEqualTo(NtXent.ntXent().temperature(0.2));
    String byol = json.write(ByolCosine.byolCosine());
    assertThat(byol).contains("\"type\" : \"byol-cosine\"");
    assertThat(json.read(byol, LossSpec.class)).isEqualTo(ByolCosine.byolCosine());
    assertThat(json.read("{\"type\": \"nt-xent\"}", LossSpec.class)).isEqualTo(NtXent.ntXent());
  }

  @Test
  void aBadTemperatureInJsonNamesTheField() {
    assertThatThrownBy(() -> json.read("{\"type\": \"nt-xent\", \"temperature\": -0.5}", LossSpec.class))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("NtXent.temperature = -0.5");
  }
}
