package vitssl.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import vitssl.dsl.augment.MultiCrop;
import vitssl.dsl.augment.View;
import vitssl.dsl.backbone.ResNet;
import vitssl.dsl.backbone.Vit;
import vitssl.dsl.head.Mlp;
import vitssl.dsl.loss.ByolCosine;
import vitssl.dsl.loss.InfoNce;
import vitssl.dsl.loss.NtXent;
import vitssl.dsl.loss.Swav;
import vitssl.dsl.optim.Momentum;

class FrameworksTest {
  private final Experiment moco = SpecJsonTest.sample();

  @Test
  void simclrDropsThePredictorAndContrastsWithNtXent() {
    Experiment simclr = moco.with(Frameworks.simclr());
    assertThat(simclr.loss()).isEqualTo(NtXent.ntXent().temperature(0.2));
    assertThat(simclr.predictor()).isEmpty();
    assertThat(simclr.momentum()).isEqualTo(Momentum.none());
    assertThat(simclr.projector()).isEqualTo(moco.projector());
    assertThat(simclr.backbone()).isEqualTo(moco.backbone());
  }

  @Test
  void byolUsesTwoLayerHeadsWithoutLastBatchNormAndItsOwnMomentum() {
    Experiment byol = moco.with(Frameworks.byol());
    Mlp head = Mlp.layers(2).withHidden(512).withLastBatchNorm(false);
    assertThat(byol.loss()).isEqualTo(ByolCosine.byolCosine());
    assertThat(byol.projector()).isEqualTo(head);
    assertThat(byol.predictor()).contains(head);
    assertThat(byol.momentum()).isEqualTo(Momentum.cosine(0.996));
  }

  @Test
  void swavSwapsInPrototypesAndSixLocalCropsAtAPatchMultiple() {
    Experiment swav = moco.with(Frameworks.swav());
    assertThat(swav.loss()).isEqualTo(Swav.swav());
    assertThat(swav.predictor()).isEmpty();
    assertThat(swav.momentum()).isEqualTo(Momentum.none());
    assertThat(swav.projector()).isEqualTo(Mlp.layers(2).withHidden(512).withLastBatchNorm(false));
    MultiCrop crops = (MultiCrop) swav.augmentation();
    assertThat(crops.globalViews()).isEqualTo(2);
    assertThat(crops.global()).isEqualTo(moco.augmentation().views());
    assertThat(crops.localCrops()).isEqualTo(6);
    // 32 x 96 / 224 = 13.7, rounded up to the next multiple of the 8-pixel patch.
    assertThat(crops.local().size()).isEqualTo(16);
    assertThat(crops.local().cropScaleMin()).isEqualTo(0.05);
    assertThat(crops.local().cropScaleMax()).isEqualTo(0.14);
    assertThat(moco.with(Frameworks.swav(0)).augmentation()).isEqualTo(moco.augmentation());
    // ViT-B/16 at 224 gets SwAV's own 96; a ResNet takes 96 as it is.
    assertThat(Frameworks.localSize(Vit.base())).isEqualTo(96);
    assertThat(Frameworks.localSize(ResNet.r50())).isEqualTo(96);
    assertThat(Frameworks.localSize(Vit.cpuTiny().withPatchSize(4))).isEqualTo(16);
  }

  @Test
  void swavChecksItsViewsAtBuildTime() {
    View local = moco.augmentation().views().get(0).withSize(12);
    assertThatThrownBy(
            () ->
                moco.withAugmentation(
                    MultiCrop.of(moco.augmentation().views(), local, 2)))
        .hasMessageContaining("augmentation.views[2].size = 12")
        .hasMessageContaining("multiple of patchSize 8");
    assertThatThrownBy(
            () -> moco.with(Frameworks.swav()).withLoss(Swav.swav().withCodeViews(3)))
        .hasMessageContaining("loss.codeViews = 3")
        .hasMessageContaining("global views only");
    assertThatThrownBy(() -> Frameworks.swav(-1)).hasMessageContaining("localCrops = -1");
    assertThatThrownBy(() -> Swav.swav().withEpsilon(0))
        .hasMessageContaining("Swav.epsilon = 0.0");
  }

  @Test
  void swavRoundTripsThroughJson() {
    Experiment swav =
        moco.with(Frameworks.swav(2)).withLoss(Swav.swav().queue(512, Span.steps(100)));
    SpecJson json = SpecJson.withTypes(SpecJsonTest.TYPES);
    assertThat(json.readExperiment(json.write(swav))).isEqualTo(swav);
  }

  @Test
  void mocoV3RestoresTheStudysRecipeAndEverythingElseStays() {
    assertThat(moco.loss()).isEqualTo(InfoNce.infoNce());
    assertThat(moco.with(Frameworks.byol()).with(Frameworks.mocoV3())).isEqualTo(moco);
    assertThat(moco.with(Frameworks.simclr()).with(Frameworks.mocoV3())).isEqualTo(moco);
    assertThat(Frameworks.byol().name()).isEqualTo("byol");
  }
}
