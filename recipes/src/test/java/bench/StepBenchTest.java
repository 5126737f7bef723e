package bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import recipes.MocoV3Cifar10;
import vitssl.dsl.Experiment;
import vitssl.dsl.backbone.Vit;
import vitssl.dsl.head.Mlp;

class StepBenchTest {
  @Test
  void shortRunsAreSampledEveryStep() {
    assertThat(StepBench.probeEvery(1)).isEqualTo(1);
    assertThat(StepBench.probeEvery(16)).isEqualTo(1);
    assertThat(StepBench.probeEvery(40)).isEqualTo(1);
  }

  @Test
  void longerRunsAreSampledTwentyToFortyTimes() {
    assertThat(StepBench.probeEvery(41)).isEqualTo(2);
    assertThat(StepBench.probeEvery(100)).isEqualTo(3);
    assertThat(StepBench.probeEvery(1000)).isEqualTo(25);
    for (long steps = 41; steps <= 5000; steps++) {
      long samples = steps / StepBench.probeEvery(steps);
      assertThat(samples).as("samples over %d steps", steps).isBetween(20L, 40L);
    }
  }

  @Test
  void recipeIsTheRecipeAndTinyIsTheEarlierModelOnTheSameRun() {
    Experiment recipe = MocoV3Cifar10.experiment();
    assertThat(BenchModel.RECIPE.experiment()).isEqualTo(recipe);
    Experiment tiny = BenchModel.TINY.experiment();
    assertThat(tiny.backbone()).isEqualTo(Vit.cpuTiny());
    assertThat(tiny.projector()).isEqualTo(Mlp.projector().withHidden(1024));
    assertThat(
            tiny.withBackbone(recipe.backbone())
                .withProjector(recipe.projector())
                .withPredictor(recipe.predictor()))
        .isEqualTo(recipe);
  }

  @Test
  void wideHasVitBsBlocksAtTheRecipesDepthAndPatches() {
    Vit wide = (Vit) BenchModel.WIDE.experiment().backbone();
    Vit recipe = (Vit) MocoV3Cifar10.experiment().backbone();
    assertThat(wide.width()).isEqualTo(768);
    assertThat(wide.heads()).isEqualTo(12);
    assertThat(wide.withHeads(recipe.heads()).withWidth(recipe.width())).isEqualTo(recipe);
  }
}
