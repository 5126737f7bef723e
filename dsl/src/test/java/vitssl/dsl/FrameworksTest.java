package vitssl.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vitssl.dsl.head.Mlp;
import vitssl.dsl.loss.ByolCosine;
import vitssl.dsl.loss.InfoNce;
import vitssl.dsl.loss.NtXent;
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
  void mocoV3RestoresTheStudysRecipeAndEverythingElseStays() {
    assertThat(moco.loss()).isEqualTo(InfoNce.infoNce());
    assertThat(moco.with(Frameworks.byol()).with(Frameworks.mocoV3())).isEqualTo(moco);
    assertThat(moco.with(Frameworks.simclr()).with(Frameworks.mocoV3())).isEqualTo(moco);
    assertThat(Frameworks.byol().name()).isEqualTo("byol");
  }
}
