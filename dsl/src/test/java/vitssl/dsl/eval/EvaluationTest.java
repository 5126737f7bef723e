package vitssl.dsl.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import vitssl.dsl.SpecException;

class EvaluationTest {
  @Test
  void defaultsAreTheSslLibrariesKnnWithoutAProbe() {
    Evaluation e = Evaluation.knn();
    assertThat(e.knnK()).isEqualTo(200);
    assertThat(e.knnTemperature()).isEqualTo(0.1);
    assertThat(e.linearProbe()).isEmpty();
    assertThat(Evaluation.knnAndProbe(LinearProbe.defaults()).linearProbe()).contains(LinearProbe.defaults());
  }

  @Test
  void badValuesNameTheFieldAndTheFix() {
    assertThatThrownBy(() -> Evaluation.knn().withKnnK(0))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("Evaluation.knnK = 0")
        .hasMessageContaining("use k >= 1");
    assertThatThrownBy(() -> Evaluation.knn().withKnnTemperature(-1))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("Evaluation.knnTemperature = -1.0")
        .hasMessageContaining("positive temperature");
  }
}
