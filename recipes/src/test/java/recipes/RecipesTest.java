package recipes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import vitssl.dsl.Experiment;
import vitssl.dsl.Span;
import vitssl.dsl.SpecJson;
import vitssl.dsl.backbone.FrozenRandomPatchProjection;
import vitssl.dsl.backbone.ResNet;
import vitssl.dsl.backbone.Vit;
import vitssl.dsl.head.Mlp;
import vitssl.dsl.loss.InfoNce;
import vitssl.dsl.optim.AdamW;
import vitssl.dsl.optim.Lars;
import vitssl.dsl.optim.Momentum;
import vitssl.dsl.optim.WarmupCosine;
import vitssl.runner.run.Wiring;

class RecipesTest {
  @Test
  void vitBIsThePapersRecipe() {
    Experiment e = MocoV3VitB.experiment();
    assertThat(e.backbone()).isEqualTo(Vit.base());
    assertThat(((Vit) e.backbone()).patchProjection()).isInstanceOf(FrozenRandomPatchProjection.class);
    assertThat(e.batchSize()).isEqualTo(4096);
    assertThat(e.length()).isEqualTo(Span.epochs(300));
    assertThat(e.optimizer()).isEqualTo(AdamW.baseLr(1.5e-4).weightDecay(0.1));
    assertThat(e.peakLr()).isEqualTo(1.5e-4 * 16);
    assertThat(e.schedule()).isEqualTo(WarmupCosine.warmupEpochs(40));
    assertThat(e.loss()).isEqualTo(InfoNce.infoNce().temperature(0.2));
    assertThat(e.momentum()).isEqualTo(Momentum.cosine(0.99));
    assertThat(e.projector()).isEqualTo(Mlp.layers(3).withHidden(4096).withOut(256));
    assertThat(e.predictor()).contains(Mlp.layers(2).withHidden(4096).withOut(256));
  }

  @Test
  void vitSDiffersFromVitBOnlyInBackboneAndName() {
    assertThat(MocoV3VitS.experiment().withBackbone(Vit.base()).withName("mocov3-vit-b"))
        .isEqualTo(MocoV3VitB.experiment());
  }

  @Test
  void everyRecipeRoundTripsThroughJson() {
    SpecJson json = Wiring.of().json();
    for (Experiment e : List.of(MocoV3VitB.experiment(), MocoV3VitS.experiment(), MocoV3Cifar10.experiment())) {
      assertThat(json.readExperiment(json.write(e))).as(e.name()).isEqualTo(e);
    }
  }

  @Test
  void theCpuRecipeIsSizedForTwoCores() {
    Experiment e = MocoV3Cifar10.experiment();
    assertThat(e.backbone()).isEqualTo(Vit.cpuNarrow());
    assertThat(((Vit) e.backbone()).tokens()).isEqualTo(17);
    assertThat(e.batchSize()).isEqualTo(128);
    assertThat(e.evaluation().linearProbe()).isPresent();
  }

  @Test
  void theFrameworkComparisonDiffersOnlyInTheFramework() {
    List<vitssl.runner.Sweep.Variant> variants = FrameworkComparison.variants();
    assertThat(variants).extracting(vitssl.runner.Sweep.Variant::name)
        .containsExactly("mocov3", "simclr", "byol", "swav");
    Experiment base = FrameworkComparison.base();
    for (vitssl.runner.Sweep.Variant v : variants) {
      Experiment e = v.experiment();
      assertThat(e.backbone()).isEqualTo(base.backbone());
      assertThat(e.data()).isEqualTo(base.data());
      assertThat(e.length()).isEqualTo(Span.steps(1500));
      // Back to MoCo v3 (and, for SwAV, without its local crops), each is the base again.
      assertThat(
              e.with(vitssl.dsl.Frameworks.mocoV3())
                  .withAugmentation(base.augmentation())
                  .withName(base.name()))
          .isEqualTo(base.with(vitssl.dsl.Frameworks.mocoV3()));
    }
    Experiment swav = variants.get(3).experiment();
    assertThat(swav.augmentation()).isEqualTo(base.augmentation());
    assertThat(swav.loss()).isEqualTo(FrameworkComparison.swavLoss());
    assertThat(FrameworkComparison.variants(FrameworkComparison.resnetBase()))
        .allSatisfy(v -> assertThat(v.experiment().backbone()).isEqualTo(ResNet.cifar18()));
  }

  @Test
  void resnet50FollowsMocoV3sPublishedSettingsByLength() {
    Experiment e100 = MocoV3R50.experiment();
    assertThat(e100.backbone()).isEqualTo(ResNet.r50());
    assertThat(e100.optimizer()).isEqualTo(Lars.baseLr(0.6).weightDecay(1e-6));
    assertThat(e100.loss()).isEqualTo(InfoNce.infoNce().temperature(1.0));
    assertThat(e100.momentum()).isEqualTo(Momentum.cosine(0.99));
    assertThat(e100.projector()).isEqualTo(Mlp.layers(2).withHidden(4096).withOut(256));
    assertThat(e100.predictor())
        .contains(Mlp.layers(2).withHidden(4096).withOut(256).withLastBatchNorm(false));
    assertThat(e100.augmentation().views()).allSatisfy(v -> assertThat(v.cropScaleMin()).isEqualTo(0.2));
    assertThat(e100.schedule()).isEqualTo(WarmupCosine.warmupEpochs(10));
    assertThat(e100.peakLr()).isEqualTo(0.6 * 16);

    Experiment e300 = MocoV3R50.experiment(300);
    assertThat(e300.optimizer()).isEqualTo(Lars.baseLr(0.3).weightDecay(1.5e-6));
    assertThat(e300.augmentation().views()).allSatisfy(v -> assertThat(v.cropScaleMin()).isEqualTo(0.08));
    assertThat(MocoV3R50.experiment(1000).momentum()).isEqualTo(Momentum.cosine(0.996));
    assertThat(MocoV3R50.experiment(1000).length()).isEqualTo(Span.epochs(1000));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> MocoV3R50.experiment(200))
        .hasMessageContaining("100, 300 and 1000");
    SpecJson json = Wiring.of().json();
    assertThat(json.readExperiment(json.write(e100))).isEqualTo(e100);
  }
}
