package vitssl.runner.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import vitssl.backbone.VitCost;
import vitssl.dsl.Experiment;
import vitssl.dsl.augment.Views;
import vitssl.dsl.backbone.Vit;
import vitssl.dsl.head.Mlp;
import vitssl.runner.TinyRuns;

class CpuBudgetTest {
  private static final double GFLOPS_100 = 100e9;

  static Experiment vitB() {
    return Experiment.builder()
        .from(TinyRuns.experiment(Path.of("images"), Path.of("out")))
        .augmentation(Views.byolAsymmetric(224))
        .backbone(Vit.base())
        .projector(Mlp.projector())
        .predictor(Mlp.predictor())
        .batchSize(4096)
        .build();
  }

  @Test
  void stepCostCountsFourEncoderPassesPerViewWithBackwardTwiceForward() {
    Experiment e = vitB();
    double backbone = VitCost.forwardFlops(Vit.base());
    double projector = 2.0 * (768 * 4096 + 4096 * 4096 + 4096 * 256);
    double predictor = 2.0 * (256 * 4096 + 4096 * 256);
    double perView = 3 * (backbone + projector + predictor) + (backbone + projector);
    assertThat(StepCost.flopsPerImage(e).orElseThrow()).isCloseTo(2 * perView, within(1.0));
    assertThat(StepCost.flopsPerStep(e).orElseThrow()).isCloseTo(4096 * 2 * perView, within(1e6));
  }

  @Test
  void aGpuSizedRecipeIsRefusedOnACpuWithTheEpochInPlainWords() {
    CpuBudget budget = CpuBudget.atRate(vitB(), GFLOPS_100).orElseThrow();
    double perImage = StepCost.flopsPerImage(vitB()).orElseThrow();
    assertThat(budget.imagesPerSecond()).isCloseTo(0.7 * GFLOPS_100 / perImage, within(1e-9));
    assertThat(budget.epoch(1_281_167)).isGreaterThan(Duration.ofDays(10));
    assertThatThrownBy(() -> budget.refuseIfTooSlow(1_281_167))
        .hasMessageContaining("one epoch of 1,281,167 images takes about")
        .hasMessageContaining("days")
        .hasMessageContaining("sized for GPUs");
  }

  @Test
  void aCpuSizedRecipePasses() {
    Experiment tiny = TinyRuns.experiment(Path.of("images"), Path.of("out"));
    CpuBudget budget = CpuBudget.atRate(tiny, GFLOPS_100).orElseThrow();
    assertThatCode(() -> budget.refuseIfTooSlow(50_000)).doesNotThrowAnyException();
    assertThat(CpuBudget.words(Duration.ofMinutes(90))).isEqualTo("90 minutes");
    assertThat(CpuBudget.words(Duration.ofHours(30))).isEqualTo("30 hours");
    assertThat(CpuBudget.words(Duration.ofDays(40))).isEqualTo("40 days");
  }
}
