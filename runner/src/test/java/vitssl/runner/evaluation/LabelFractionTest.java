package vitssl.runner.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LabelFractionTest {
  /** 3 classes of 1000, 250 and 3 samples, shuffled. */
  private static int[] labels() {
    int[] labels = new int[1253];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i < 1000 ? 0 : i < 1250 ? 1 : 2;
    }
    Random random = new Random(3);
    for (int i = labels.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = labels[i];
      labels[i] = labels[j];
      labels[j] = t;
    }
    return labels;
  }

  @Test
  void keepsTheFractionOfEveryClassAndAtLeastOne() {
    int[] labels = labels();
    for (LabelFraction f : LabelFraction.SEMI_SUPERVISED) {
      int[] kept = f.select(labels);
      int[] perClass = new int[3];
      for (int i : kept) {
        perClass[labels[i]]++;
      }
      int[] expected =
          f.fraction() == 0.01 ? new int[] {10, 3, 1} : new int[] {100, 25, 1};
      assertThat(perClass).as(f.percent()).containsExactly(expected);
      assertThat(kept).isSorted().doesNotHaveDuplicates();
    }
  }

  @Test
  void theSameSeedNamesTheSameSamplesAndAnotherSeedOthers() {
    int[] labels = labels();
    LabelFraction tenth = new LabelFraction(0.1, 10);
    assertThat(tenth.select(labels)).containsExactly(tenth.select(labels));
    assertThat(Arrays.equals(tenth.select(labels), new LabelFraction(0.1, 11).select(labels)))
        .isFalse();
  }

  @Test
  void namesAndChecks() {
    assertThat(LabelFraction.SEMI_SUPERVISED).extracting(LabelFraction::percent)
        .containsExactly("1%", "10%");
    assertThat(new LabelFraction(0.005, 0).percent()).isEqualTo("0.5%");
    assertThatThrownBy(() -> new LabelFraction(0, 0))
        .hasMessage("LabelFraction 0.0: keep a fraction in (0, 1] of each class's labels");
  }
}
